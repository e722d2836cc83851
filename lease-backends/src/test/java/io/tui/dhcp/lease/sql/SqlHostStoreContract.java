package io.tui.dhcp.lease.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.host.Host;
import io.tui.dhcp.core.lease.Bytes;
import java.math.BigInteger;
import java.util.Map;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.lease.sql.SqlHost.HostOption;
import io.tui.dhcp.lease.sql.SqlHost.IdentifierType;
import io.tui.dhcp.lease.sql.SqlHost.Ipv6Reservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The SQL host store: what host_cmds needs, on one database per class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlHostStoreContract {
    private TestDatabase tdb;
    private SqlDatabase db;
    private SqlHostStore hosts;

    abstract Dialect dialect();

    @BeforeAll
    void createDatabase() {
        tdb = TestDatabase.create(dialect(), "hs");
        db = tdb.open(2);
        hosts = SqlBackends.hosts(db);
    }

    @AfterAll
    void dropDatabase() throws Exception {
        if (db != null) {
            db.close();
        }
        if (tdb != null) {
            tdb.close();
        }
    }

    @BeforeEach
    void empty() {
        hosts.deleteAll();
    }

    private static Bytes mac(int n) {
        return Bytes.of((byte) 0x10, (byte) 0x20, (byte) 0x30, (byte) 0x40, (byte) (n >> 8), (byte) n);
    }

    private static SqlHost full4(Bytes id, long subnet, int address, String hostname, String context) {
        return new SqlHost(0, IdentifierType.HW_ADDRESS, id, subnet, null, address, hostname, "gold,silver", null,
                0x0a000001, "boot.example", "/pxe/boot.efi", context, null, List.of(),
                List.of(new HostOption(6, Bytes.of((byte) 10, (byte) 0, (byte) 0, (byte) 53), "10.0.0.53", "dhcp4",
                        true, null, null),
                        new HostOption(15, null, "it's.example", "dhcp4", false, "gold", "{\"x\": 1}")),
                List.of());
    }

    private static Ip6Address v6(String s) {
        return Ip6Address.parse(s);
    }

    @Test
    void v4HostRoundTripsAndIsFoundEveryWay() {
        SqlHost h = full4(mac(1), 5, 0xc0000264, "Printer-1", "{\"owner\": \"ops\"}");
        long id = hosts.add(h);
        assertTrue(id > 0);
        SqlHost stored = h.withHostId(id);
        assertEquals(Optional.of(stored), hosts.get4(5, IdentifierType.HW_ADDRESS, mac(1)));
        assertEquals(Optional.empty(), hosts.get4(6, IdentifierType.HW_ADDRESS, mac(1)));
        assertEquals(Optional.empty(), hosts.get6(5, IdentifierType.HW_ADDRESS, mac(1)));
        assertEquals(List.of(stored), hosts.getAll(IdentifierType.HW_ADDRESS, mac(1)));
        assertEquals(List.of(stored), hosts.byAddress4(5L, 0xc0000264));
        assertEquals(List.of(stored), hosts.byAddress4(null, 0xc0000264));
        assertEquals(List.of(stored), hosts.byHostname("printer-1", 5L, false));
        assertEquals(List.of(), hosts.byHostname("printer-1", 5L, true));
        // The same identifier in the same subnet, or the same address in the subnet, is refused.
        assertEquals(-1, hosts.add(full4(mac(1), 5, 0xc0000265, "", null)));
        assertEquals(-1, hosts.add(full4(mac(2), 5, 0xc0000264, "", null)));
        assertTrue(hosts.add(full4(mac(1), 6, 0xc0000264, "", null)) > 0);
        assertEquals(2, hosts.count());
    }

    @Test
    void v6HostWithReservationsAndOptions() {
        SqlHost h = new SqlHost(0, IdentifierType.DUID, Bytes.of((byte) 0, (byte) 1, (byte) 2, (byte) 3), null, 8L,
                null, "six", null, "c6", null, null, null, null, "0123456789abcdef0123456789abcdef",
                List.of(new Ipv6Reservation(v6("2001:db8::100"), 128, LeaseType.NA, null),
                        new Ipv6Reservation(v6("2001:db8:8000:100::"), 56, LeaseType.PD, 0xffff_ffffL)),
                List.of(), List.of(new HostOption(23, Bytes.of((byte) 0x20, (byte) 1), "2001:db8::53", "dhcp6", false,
                        null, null)));
        long id = hosts.add(h);
        SqlHost stored = h.withHostId(id);
        assertEquals(Optional.of(stored), hosts.get6(8, IdentifierType.DUID, h.identifier()));
        assertEquals(List.of(stored), hosts.byAddress6(8L, v6("2001:db8:8000:100::")));
        assertEquals(List.of(stored), hosts.byAddress6(null, v6("2001:db8::100")));
        assertEquals(List.of(), hosts.byAddress6(9L, v6("2001:db8::100")));
        assertTrue(hosts.deleteByAddress6(8, v6("2001:db8::100")));
        assertEquals(Optional.empty(), hosts.get6(8, IdentifierType.DUID, h.identifier()));
        assertFalse(hosts.deleteByAddress6(8, v6("2001:db8::100")));
    }

    @Test
    void updateReplacesEverythingAndDeleteCascades() throws Exception {
        long id = hosts.add(full4(mac(3), 5, 0xc0000270, "old", null));
        SqlHost changed = new SqlHost(0, IdentifierType.HW_ADDRESS, mac(3), 5L, null, 0xc0000271, "new", null, null,
                null, null, null, "{}", null, List.of(), List.of(new HostOption(3, null, "10.0.0.1", "dhcp4", false,
                        null, null)), List.of());
        assertTrue(hosts.update(changed));
        assertEquals(Optional.of(changed.withHostId(id)), hosts.get4(5, IdentifierType.HW_ADDRESS, mac(3)));
        assertFalse(hosts.update(full4(mac(4), 5, 0xc0000272, "", null)));
        assertEquals(1, tdb.queryLong("SELECT COUNT(*) FROM dhcp4_options"));
        assertTrue(hosts.delete4(5, IdentifierType.HW_ADDRESS, mac(3)));
        assertFalse(hosts.delete4(5, IdentifierType.HW_ADDRESS, mac(3)));
        assertEquals(0, tdb.queryLong("SELECT COUNT(*) FROM dhcp4_options"));
        hosts.add(full4(mac(5), 5, 0xc0000273, "", null));
        assertTrue(hosts.deleteByAddress4(5, 0xc0000273));
        assertEquals(0, hosts.count());
    }

    @Test
    void pagesByHostIdPerSubnet() {
        for (int i = 0; i < 25; i++) {
            hosts.add(SqlHost.v4(IdentifierType.HW_ADDRESS, mac(100 + i), 5, 0xc0000300 + i, "h" + i));
        }
        for (int i = 0; i < 3; i++) {
            hosts.add(SqlHost.v4(IdentifierType.CLIENT_ID, mac(200 + i), 6, null, null));
        }
        hosts.add(SqlHost.v6(IdentifierType.DUID, mac(300), 5, List.of(), null));
        List<SqlHost> seen = new ArrayList<>();
        long from = 0;
        while (true) {
            List<SqlHost> page = hosts.page(false, 5L, from, 10);
            if (page.isEmpty()) {
                break;
            }
            assertTrue(page.size() <= 10);
            seen.addAll(page);
            from = page.get(page.size() - 1).hostId();
        }
        assertEquals(25, seen.size());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i - 1).hostId() < seen.get(i).hostId());
        }
        assertEquals(28, hosts.page(false, null, 0, 100).size());
        assertEquals(1, hosts.page(true, null, 0, 100).size());
    }

    @Test
    void sqlSignificantTextAndIdentifiersRoundTrip() {
        String name = "o'neil\\\"; DROP TABLE hosts;-- \u00e5\u00e4\u00f6 \u6f22\u5b57 \ud83d\ude80";
        String context = "{\"comment\": \"'; --\\\\ \\\"q\\\"\", \"\u00fc\": true}";
        Bytes flex = Bytes.of((byte) 0x27, (byte) 0x00, (byte) 0x5c, (byte) 0x3b, (byte) 0x2d, (byte) 0x2d);
        SqlHost h = new SqlHost(0, IdentifierType.FLEX_ID, flex, 5L, null, null, name, "a'b", null, null, "x'y",
                "f\\g", context, null, List.of(), List.of(new HostOption(12, null, name, "dhcp4", false, "c'l",
                        context)), List.of());
        long id = hosts.add(h);
        assertEquals(Optional.of(h.withHostId(id)), hosts.get4(5, IdentifierType.FLEX_ID, flex));
        assertEquals(List.of(h.withHostId(id)), hosts.byHostname(name.toUpperCase(), null, false));
        assertEquals(1, hosts.count());
    }

    @Test
    void readonlyDatabaseRefusesChanges() {
        hosts.add(SqlHost.v4(IdentifierType.HW_ADDRESS, mac(7), 5, 0xc0000401, null));
        SqlSettings s = tdb.settings(2);
        SqlSettings ro = new SqlSettings(s.dialect(), s.host(), s.port(), s.name(), s.user(), s.password(),
                s.connectTimeout(), 0, 0, 0, 0, 0, OnFail.STOP_RETRY_EXIT, false, null, null, null, true, 2, 8);
        try (SqlDatabase rodb = SqlDatabase.open(ro, ConnectionListener.NONE)) {
            SqlHostStore readonly = SqlBackends.hosts(rodb);
            assertTrue(readonly.readonly());
            assertEquals(1, readonly.getAll(IdentifierType.HW_ADDRESS, mac(7)).size());
            assertThrows(SqlStoreException.class,
                    () -> readonly.add(SqlHost.v4(IdentifierType.HW_ADDRESS, mac(8), 5, null, null)));
            assertThrows(SqlStoreException.class, () -> readonly.delete4(5, IdentifierType.HW_ADDRESS, mac(7)));
        }
        assertEquals(1, hosts.count());
    }

    @Test
    void hostSourceAnswersAsTheServerLooksUp() {
        hosts.add(full4(mac(9), 5, 0xc0000264, "pc", "{\"site\": \"b'7\"}"));
        SqlHostSource v4 = new SqlHostSource(hosts, false);
        Host h = v4.get(5, io.tui.dhcp.core.host.IdentifierType.HW_ADDRESS, mac(9));
        assertEquals(5, h.subnetId());
        assertEquals(0xc0000264, h.ipv4());
        assertEquals("pc", h.reservation().hostname());
        assertEquals(List.of("gold", "silver"), h.reservation().clientClasses());
        assertEquals("10.0.0.1", h.reservation().nextServer().toString());
        assertEquals("/pxe/boot.efi", h.reservation().bootFileName());
        assertEquals(Map.of("site", "b'7"), h.reservation().extras().get("user-context"));
        assertEquals(2, h.reservation().options().size());
        assertEquals(6, h.reservation().options().get(0).code());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {10, 0, 0, 53},
                h.reservation().options().get(0).resolved().payload());
        assertEquals("10.0.0.53", h.reservation().options().get(0).data());
        assertEquals(List.of("gold"), h.reservation().options().get(1).clientClasses());
        assertEquals(null, v4.get(6, io.tui.dhcp.core.host.IdentifierType.HW_ADDRESS, mac(9)));
        IpAddress addr = new IpAddress(false, BigInteger.valueOf(0xc0000264L));
        assertEquals(List.of(h), v4.byAddress(5, addr));
        assertEquals(List.of(h), v4.bySubnet(5));
        SqlHostSource v6 = new SqlHostSource(hosts, true);
        assertEquals(List.of(), v6.bySubnet(5));
        hosts.add(SqlHost.v6(IdentifierType.DUID, mac(10), 5, List.of(
                new Ipv6Reservation(v6("2001:db8::7"), 128, LeaseType.NA, null),
                new Ipv6Reservation(v6("2001:db8:9900::"), 56, LeaseType.PD, null)), "six"));
        Host h6 = v6.get(5, io.tui.dhcp.core.host.IdentifierType.DUID, mac(10));
        assertEquals(1, h6.reservation().addresses().size());
        assertEquals(1, h6.reservation().prefixes().size());
        assertEquals(56, h6.reservation().prefixes().get(0).length());
        assertEquals(List.of(h6), v6.byAddress(5, IpAddress.parse("2001:db8::7", true)));
    }
}
