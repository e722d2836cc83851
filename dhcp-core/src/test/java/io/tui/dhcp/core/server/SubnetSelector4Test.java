package io.tui.dhcp.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.host.ConfigHostSource;
import io.tui.dhcp.core.wire.v4.Ipv4;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every rule of Kea's v4 subnet selection, against one configuration. */
class SubnetSelector4Test {
    static final String CONFIG = """
        {"Dhcp4": {
          "interfaces-config": {"interfaces": ["*"]},
          "client-classes": [{"name": "gold"}],
          "subnet4": [
            {"id": 1, "subnet": "192.0.2.0/24", "interface": "veth0", "pools": [{"pool": "192.0.2.10-192.0.2.20"}]},
            {"id": 2, "subnet": "198.51.100.0/24", "relay": {"ip-addresses": ["10.9.9.9"]},
             "pools": [{"pool": "198.51.100.10-198.51.100.20"}]},
            {"id": 3, "subnet": "203.0.113.0/24", "client-class": "gold",
             "pools": [{"pool": "203.0.113.10-203.0.113.20"}]}
          ],
          "shared-networks": [{"name": "net", "relay": {"ip-addresses": ["10.8.8.8"]}, "subnet4": [
            {"id": 10, "subnet": "10.0.0.0/24", "pools": [{"pool": "10.0.0.10-10.0.0.20"}]},
            {"id": 11, "subnet": "10.0.1.0/24", "client-class": "gold", "pools": [{"pool": "10.0.1.10-10.0.1.20"}]},
            {"id": 12, "subnet": "10.0.2.0/24", "pools": [{"pool": "10.0.2.10-10.0.2.20"}]}
          ]}]
        }}""";

    static Runtime4 runtime(String text) throws Exception {
        var config = new ConfigLoader(Family.V4, w -> { }).loadText(text, "test", null);
        return Runtime4.build(config, new ConfigHostSource(config));
    }

    private static int ip(String s) {
        String[] p = s.split("\\.");
        return Ipv4.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]));
    }

    private static Long select(Runtime4 rt, SubnetSelector4.Input in, String... classes) {
        Subnet4Runtime s = SubnetSelector4.select(rt, in, Set.of(classes));
        return s == null ? null : s.id();
    }

    private static SubnetSelector4.Input in(String iface, String ifaceAddr, String giaddr, String ciaddr, String link,
            String source, boolean broadcast) {
        return new SubnetSelector4.Input(iface, ifaceAddr == null ? 0 : ip(ifaceAddr), giaddr == null ? 0 : ip(giaddr),
                ciaddr == null ? 0 : ip(ciaddr), link == null ? 0 : ip(link), source == null ? 0 : ip(source),
                broadcast);
    }

    @Test
    void linkSelectionWinsAndDoesNotFallBackToGiaddr() throws Exception {
        Runtime4 rt = runtime(CONFIG);
        assertEquals(1L, select(rt, in(null, null, "198.51.100.1", null, "192.0.2.77", null, true)));
        assertNull(select(rt, in(null, null, "198.51.100.1", null, "172.16.0.1", null, true)),
                "an unknown link-selection address selects nothing, even with a usable giaddr");
    }

    @Test
    void relayAddressesOfSubnetsAndSharedNetworksMatchGiaddr() throws Exception {
        Runtime4 rt = runtime(CONFIG);
        assertEquals(2L, select(rt, in(null, null, "10.9.9.9", null, null, null, false)));
        assertEquals(10L, select(rt, in(null, null, "10.8.8.8", null, null, null, false)));
        assertEquals(2L, select(rt, in(null, null, "198.51.100.1", null, null, null, false)), "giaddr in prefix");
        assertNull(select(rt, in(null, null, "172.16.0.1", null, null, null, false)));
    }

    @Test
    void ciaddrThenSourceThenInterface() throws Exception {
        Runtime4 rt = runtime(CONFIG);
        assertEquals(2L, select(rt, in("veth0", "192.0.2.1", null, "198.51.100.15", null, "198.51.100.15", false)));
        assertEquals(2L, select(rt, in("veth0", "192.0.2.1", null, null, null, "198.51.100.15", false)));
        assertEquals(1L, select(rt, in("veth0", null, null, null, null, null, true)), "subnet's interface");
        assertEquals(10L, select(rt, in("eth7", "10.0.0.1", null, null, null, null, true)), "interface address");
        assertNull(select(rt, in("eth7", null, null, null, null, null, true)));
    }

    @Test
    void clientClassesGuardSubnetsAndSharedNetworkCandidates() throws Exception {
        Runtime4 rt = runtime(CONFIG);
        assertNull(select(rt, in(null, null, null, null, "203.0.113.5", null, true)));
        assertEquals(3L, select(rt, in(null, null, null, null, "203.0.113.5", null, true), "gold"));
        assertNull(select(rt, in(null, null, null, "10.0.1.5", null, null, false)),
                "a guarded subnet of a shared network is not selected for others");
        Subnet4Runtime s10 = rt.subnet(10);
        assertEquals(List.of(10L, 12L), SubnetSelector4.candidates(rt, s10, Set.of()).stream()
                .map(Subnet4Runtime::id).toList());
        assertEquals(List.of(10L, 11L, 12L), SubnetSelector4.candidates(rt, s10, Set.of("gold")).stream()
                .map(Subnet4Runtime::id).toList());
        assertEquals(List.of(1L), SubnetSelector4.candidates(rt, rt.subnet(1), Set.of()).stream()
                .map(Subnet4Runtime::id).toList());
    }
}
