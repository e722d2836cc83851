package io.tui.dhcp.core.config.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class KeaSchemaTest {
    private static void collect(Scope s, Set<String> notImplemented, Map<Scope, Boolean> seen) {
        if (seen.put(s, true) != null) {
            return;
        }
        for (Param p : s.params().values()) {
            if (p.status().notImplemented()) {
                notImplemented.add(p.name());
            }
            ParamType t = p.type();
            if (t instanceof ParamType.ListOf l) {
                t = l.item();
            }
            if (t instanceof ParamType.MapOf m) {
                collect(m.scope(), notImplemented, seen);
            }
        }
    }

    @Test
    void everyNotImplementedParameterIsListedInTheSupportTable() throws Exception {
        Path doc = Path.of("../docs/config-support.md");
        org.junit.jupiter.api.Assertions.assertTrue(Files.exists(doc), "docs/config-support.md not found at " + doc);
        String text = Files.readString(doc);
        Set<String> names = new TreeSet<>();
        collect(KeaSchema.root4(), names, new IdentityHashMap<>());
        collect(KeaSchema.root6(), names, new IdentityHashMap<>());
        for (String n : names) {
            assertTrue(text.contains("`" + n + "`"), n + " is not in docs/config-support.md");
        }
    }

    @Test
    void familiesDifferWhereKeaDoes() {
        Scope g4 = ((ParamType.MapOf) KeaSchema.root4().param("Dhcp4").type()).scope();
        Scope g6 = ((ParamType.MapOf) KeaSchema.root6().param("Dhcp6").type()).scope();
        assertNotNull(g4.param("match-client-id"));
        assertNull(g6.param("match-client-id"));
        assertNotNull(g6.param("preferred-lifetime"));
        assertNull(g4.param("preferred-lifetime"));
        assertNotNull(g6.param("server-id"));
        assertNull(g4.param("server-id"));
        // Network-only parameters are not global.
        assertNull(g4.param("interface"));
        assertNull(g4.param("relay"));
        assertNull(g6.param("rapid-commit"));
        Scope subnet6 = ((ParamType.MapOf) ((ParamType.ListOf) g6.param("subnet6").type()).item()).scope();
        assertEquals(Param.Status.IMPLEMENTED, subnet6.param("rapid-commit").status());
        assertEquals(Param.Status.IMPLEMENTED, subnet6.param("pd-pools").status());
        assertEquals(Param.Status.KEPT, subnet6.param("user-context").status());
    }

    private static Scope child(Scope s, String key) {
        ParamType t = s.param(key).type();
        if (t instanceof ParamType.ListOf l) {
            t = l.item();
        }
        return ((ParamType.MapOf) t).scope();
    }

    @Test
    void whatTheServersReadVerbatimIsNotMarkedNotImplemented() {
        Scope g4 = child(KeaSchema.root4(), "Dhcp4");
        Scope g6 = child(KeaSchema.root6(), "Dhcp6");
        // the global allocator is the engine's; Kea's per-subnet and per-network choice is not implemented
        assertEquals(Param.Status.READ_VERBATIM, g4.param("allocator").status());
        assertEquals(Param.Status.READ_VERBATIM, g6.param("allocator").status());
        assertEquals(Param.Status.NOT_IMPLEMENTED, child(g4, "subnet4").param("allocator").status());
        assertEquals(Param.Status.NOT_IMPLEMENTED, child(g6, "shared-networks").param("allocator").status());
        assertEquals(Param.Status.NOT_IMPLEMENTED, g6.param("pd-allocator").status());
        // tui-dhcp4 names its pools' statistics by pool-id, echoes the client-id unless told not to, and qualifies
        // lease hostnames with ddns-qualifying-suffix (global, shared network, subnet)
        assertEquals(Param.Status.READ_VERBATIM, child(child(g4, "subnet4"), "pools").param("pool-id").status());
        assertEquals(Param.Status.NOT_IMPLEMENTED, child(child(g6, "subnet6"), "pools").param("pool-id").status());
        assertEquals(Param.Status.READ_VERBATIM, g4.param("echo-client-id").status());
        assertEquals(Param.Status.READ_VERBATIM, child(g4, "subnet4").param("ddns-qualifying-suffix").status());
        assertEquals(Param.Status.NOT_IMPLEMENTED,
                child(child(g4, "subnet4"), "pools").param("ddns-qualifying-suffix").status());
        assertEquals(Param.Status.NOT_IMPLEMENTED, g6.param("ddns-qualifying-suffix").status());
        // mapped but without effect
        assertEquals(Param.Status.NOT_IMPLEMENTED_TYPED, g4.param("dhcp4o6-port").status());
        assertEquals(Param.Status.NOT_IMPLEMENTED_TYPED, child(g6, "dhcp-ddns").param("enable-updates").status());
        assertEquals(Param.Status.NOT_IMPLEMENTED_TYPED,
                child(g4, "sanity-checks").param("extended-info-checks").status());
        assertEquals(Param.Status.IMPLEMENTED, child(g4, "sanity-checks").param("lease-checks").status());
        assertEquals(Param.Status.NOT_IMPLEMENTED, child(g4, "lease-database").param("cipher-list").status());
        assertEquals(Param.Status.IMPLEMENTED, child(g4, "lease-database").param("max-row-errors").status());
    }
}
