package io.tui.dhcp.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.host.ConfigHostSource;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseState;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Kea's lease-checks over a real configuration and its runtime. */
class LeaseSanityTest {
    /**
     * Subnet 5 and 4 overlap (Kea selects the lower id), 3 is for class foo only (Kea's selection by address skips
     * it), 1 is plain.
     */
    static final String CONFIG = """
            {"Dhcp4": {%s
              "client-classes": [{"name": "foo"}],
              "subnet4": [{"id": 5, "subnet": "10.8.0.0/16"},
                          {"id": 4, "subnet": "10.8.1.0/24"},
                          {"id": 3, "subnet": "10.9.0.0/24", "client-class": "foo"},
                          {"id": 1, "subnet": "192.0.2.0/24"}]}}""";

    static ServerConfig config(String policy) throws Exception {
        String sanity = policy == null ? "" : "\"sanity-checks\": {\"lease-checks\": \"" + policy + "\"},";
        return new ConfigLoader(Family.V4, w -> { }).loadText(CONFIG.formatted(sanity), "t.json", null);
    }

    static Lease4 lease(String address, long subnetId) {
        return new Lease4(IpAddress.parse(address, false).value().intValue(), Bytes.of(new byte[] {2, 0, 0, 0, 0, 1}),
                Bytes.EMPTY, 600, 2_000_000_000L, subnetId, false, false, "", LeaseState.DEFAULT, "", 0);
    }

    static final Lease4 FITS = lease("192.0.2.10", 1);
    static final Lease4 OWN_CLASS_SUBNET = lease("10.9.0.6", 3);
    static final Lease4 WRONG_SUBNET = lease("192.0.2.11", 4);
    static final Lease4 OVERLAP = lease("10.8.1.5", 99);
    static final Lease4 CLASS_ONLY = lease("10.9.0.5", 99);
    static final Lease4 NOWHERE = lease("172.16.0.5", 1);
    static final List<Lease4> LEASES = List.of(FITS, OWN_CLASS_SUBNET, WRONG_SUBNET, OVERLAP, CLASS_ONLY, NOWHERE);

    record Logged(Level level, String message) {}

    static LeaseSanity.Outcome<Lease4> run(String policy, List<Logged> log) throws Exception {
        ServerConfig c = config(policy);
        return LeaseSanity.apply(c, LEASES, LeaseSanity.v4(Runtime4.build(c, new ConfigHostSource(c))),
                (level, m) -> log.add(new Logged(level, m)));
    }

    @Test
    void keasSelectionByAddressSkipsClassSubnetsAndPrefersTheLowestId() throws Exception {
        ServerConfig c = config(null);
        assertEquals(4, c.selectSubnet(IpAddress.parse("10.8.1.5", false)).id());
        assertEquals(5, c.selectSubnet(IpAddress.parse("10.8.2.5", false)).id());
        assertNull(c.selectSubnet(IpAddress.parse("10.9.0.5", false)), "only a subnet for class foo holds it");
        assertNull(c.selectSubnet(IpAddress.parse("172.16.0.5", false)));
    }

    @Test
    void noneChecksNothingAndWarnIsTheDefault() throws Exception {
        List<Logged> log = new ArrayList<>();
        var none = run("none", log);
        assertEquals(LEASES, none.kept());
        assertFalse(none.changed());
        assertTrue(log.isEmpty());
        assertFalse(LeaseSanity.enabled(config("none")));
        assertNull(LeaseSanity.of(config("none"), null, null), "nothing to run");

        for (String policy : new String[] {"warn", null}) {
            log.clear();
            var warn = run(policy, log);
            assertEquals(LEASES, warn.kept());
            assertFalse(warn.changed());
            assertEquals(List.of(
                    new Logged(Level.WARNING, "DHCPSRV_LEASE_SANITY_FAIL The lease 192.0.2.11 with subnet-id 4 failed"
                            + " subnet-id checks (the lease should have subnet-id 1)."),
                    new Logged(Level.WARNING, "DHCPSRV_LEASE_SANITY_FAIL The lease 10.8.1.5 with subnet-id 99 failed"
                            + " subnet-id checks (the lease should have subnet-id 4)."),
                    new Logged(Level.WARNING, "DHCPSRV_LEASE_SANITY_FAIL The lease 10.9.0.5 with subnet-id 99 failed"
                            + " subnet-id checks (the lease IP address did not belong to a configured subnet)."),
                    new Logged(Level.WARNING, "DHCPSRV_LEASE_SANITY_FAIL The lease 172.16.0.5 with subnet-id 1 failed"
                            + " subnet-id checks (the lease IP address did not belong to a configured subnet).")),
                    log);
        }
        assertEquals("warn", LeaseSanity.policy(config(null)));
    }

    @Test
    void fixMovesWhatItCanAndKeepsTheRest() throws Exception {
        List<Logged> log = new ArrayList<>();
        var fix = run("fix", log);
        assertEquals(List.of(FITS, OWN_CLASS_SUBNET, WRONG_SUBNET.withSubnetId(1), OVERLAP.withSubnetId(4),
                CLASS_ONLY, NOWHERE), fix.kept());
        assertEquals(List.of(WRONG_SUBNET.withSubnetId(1), OVERLAP.withSubnetId(4)), fix.fixed());
        assertTrue(fix.dropped().isEmpty());
        assertEquals(new Logged(Level.INFO, "DHCPSRV_LEASE_SANITY_FIXED The lease 192.0.2.11 with subnet-id 4"
                + " failed subnet-id checks, but was corrected to subnet-id 1."), log.get(0));
        assertEquals(Level.WARNING, log.get(2).level());
        assertEquals(4, log.size());
    }

    @Test
    void fixDelMovesWhatItCanAndDropsTheRest() throws Exception {
        List<Logged> log = new ArrayList<>();
        var fixDel = run("fix-del", log);
        assertEquals(List.of(FITS, OWN_CLASS_SUBNET, WRONG_SUBNET.withSubnetId(1), OVERLAP.withSubnetId(4)),
                fixDel.kept());
        assertEquals(List.of(CLASS_ONLY, NOWHERE), fixDel.dropped());
        assertEquals(new Logged(Level.INFO, "DHCPSRV_LEASE_SANITY_FAIL_DISCARD The lease 172.16.0.5 with subnet-id 1"
                + " failed subnet-id checks (the lease IP address did not belong to a configured subnet) and was"
                + " dropped."), log.get(3));
    }

    @Test
    void delDropsEveryInconsistentLease() throws Exception {
        List<Logged> log = new ArrayList<>();
        var del = run("del", log);
        assertEquals(List.of(FITS, OWN_CLASS_SUBNET), del.kept());
        assertEquals(List.of(WRONG_SUBNET, OVERLAP, CLASS_ONLY, NOWHERE), del.dropped());
        assertTrue(del.changed());
        assertEquals(new Logged(Level.INFO, "DHCPSRV_LEASE_SANITY_FAIL_DISCARD The lease 192.0.2.11 with subnet-id 4"
                + " failed subnet-id checks (the lease should have subnet-id 1) and was dropped."), log.get(0));
    }
}
