package io.tui.hooks.leasecmds;

import static io.tui.hooks.leasecmds.LeaseCmds4Test.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.lease.AddressText;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.lease.memfile.MemfileLeaseStore;
import io.tui.dhcp.lease.memfile.MemfileOptions;
import io.tui.dhcp.lease.memfile.MemfileStore;
import io.tui.hooks.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lease changes made by commands land in a real memfile lease file (the rows Kea's CSV format holds, read back by
 * the memfile loader after a restart) and in the statistics; lease4-write/lease6-write write a file the memfile
 * loader reads, and only inside the lease file's directory.
 */
class MemfileLeaseCmdsTest {
    @TempDir
    Path dir;

    static String config4(Path leaseFile) {
        return LeaseCmds4Test.CONFIG.replace("{\"type\": \"memfile\", \"persist\": false}",
                "{\"type\": \"memfile\", \"persist\": true, \"name\": \"" + leaseFile + "\"}");
    }

    static String config6(Path leaseFile) {
        return LeaseCmds6Test.CONFIG.replace("{\"type\": \"memfile\", \"persist\": false}",
                "{\"type\": \"memfile\", \"persist\": true, \"name\": \"" + leaseFile + "\"}");
    }

    static Map<Integer, Lease4> load4(Path file) throws Exception {
        try (MemfileLeaseStore<Lease4, Integer> s = MemfileLeaseStore.open4(MemfileOptions.persistent(file))) {
            return s.takeLoadedLeases();
        }
    }

    static Map<Ip6Address, Lease6> load6(Path file) throws Exception {
        try (MemfileLeaseStore<Lease6, Ip6Address> s = MemfileLeaseStore.open6(MemfileOptions.persistent(file))) {
            return s.takeLoadedLeases();
        }
    }

    @Test
    void v4ChangesReachTheLeaseFileAndTheStatistics() throws Exception {
        Path file = dir.resolve("leases4.csv");
        int a20 = AddressText.parseV4("192.0.2.20");
        int a21 = AddressText.parseV4("192.0.2.21");
        try (TestServer s = TestServer.v4(config4(file), MemfileStore.open4(MemfileOptions.persistent(file)), null)) {
            String hw = "\"hw-address\": \"1a:1b:1c:1d:1e:1f\"";
            expect(s.call("lease4-add", "{\"ip-address\": \"192.0.2.20\", " + hw + ", \"hostname\": \"a,b\"}"), 0,
                    "Lease for address 192.0.2.20, subnet-id 1 added.");
            expect(s.call("lease4-add", "{\"ip-address\": \"192.0.2.21\", " + hw + ", \"state\": 1}"), 0,
                    "Lease for address 192.0.2.21, subnet-id 1 added.");
            assertEquals(2, s.stat("subnet[1].assigned-addresses"));
            assertEquals(1, s.stat("subnet[1].declined-addresses"));
            // answered after the row is written: the file already holds it
            assertTrue(Files.readString(file).contains("192.0.2.20,1a:1b:1c:1d:1e:1f,,4000,1700004000,1,0,0,a&#x2cb,0,"),
                    Files.readString(file));
            expect(s.call("lease4-update", "{\"ip-address\": \"192.0.2.20\", " + hw + ", \"valid-lft\": 600, \"hostname\": \"a,b\"}"), 0,
                    "IPv4 lease updated.");
            expect(s.call("lease4-del", "{\"ip-address\": \"192.0.2.21\"}"), 0, "IPv4 lease deleted.");
            assertEquals(1, s.stat("subnet[1].assigned-addresses"));
            assertEquals(0, s.stat("subnet[1].declined-addresses"));
            expect(s.call("lease4-wipe", "{\"subnet-id\": 2}"), 3, "Deleted 0 IPv4 lease(s) from subnet(s) 2");
        }
        Map<Integer, Lease4> back = load4(file);
        assertEquals(1, back.size(), back.toString());
        assertEquals(600, back.get(a20).validLifetime());
        assertEquals("a,b", back.get(a20).hostname());
        assertFalse(back.containsKey(a21));
        // a restarted server sees what the commands left
        try (TestServer s = TestServer.v4(config4(file), MemfileStore.open4(MemfileOptions.persistent(file)), null)) {
            expect(s.call("lease4-get-all", null), 0, "1 IPv4 lease(s) found.");
            assertEquals(1, s.stat("subnet[1].assigned-addresses"));
            expect(s.call("lease4-wipe", null), 0, "Deleted 1 IPv4 lease(s) from subnet(s) 1 2 5");
            assertEquals(0, s.stat("subnet[1].assigned-addresses"));
        }
        assertTrue(load4(file).isEmpty());
    }

    @Test
    void lease4WriteWritesAFileTheLoaderReads() throws Exception {
        Path file = dir.resolve("leases4.csv");
        try (TestServer s = TestServer.v4(config4(file), MemfileStore.open4(MemfileOptions.persistent(file)), null)) {
            String hw = "\"hw-address\": \"1a:1b:1c:1d:1e:1f\"";
            s.call("lease4-add", "{\"ip-address\": \"192.0.2.20\", " + hw + ", \"client-id\": \"01:02:03\", "
                    + "\"hostname\": \"h.example.\", \"fqdn-fwd\": true, \"user-context\": {\"a\": \"x,y\"}}");
            s.call("lease4-add", "{\"ip-address\": \"198.51.100.10\", " + hw + ", \"valid-lft\": 4294967295}");
            expect(s.call("lease4-write", "{\"filename\": \"copy.csv\"}"), 0,
                    "IPv4 lease database into '" + dir.resolve("copy.csv") + "'.");
            Map<Integer, Lease4> copy = load4(dir.resolve("copy.csv"));
            assertEquals(2, copy.size());
            assertEquals(s.leases4().get(AddressText.parseV4("192.0.2.20")), copy.get(AddressText.parseV4(
                    "192.0.2.20")));
            assertEquals(s.leases4().get(AddressText.parseV4("198.51.100.10")), copy.get(AddressText.parseV4(
                    "198.51.100.10")));
            expect(s.call("lease4-write", "{\"filename\": \"" + dir.resolve("abs.csv") + "\"}"), 0,
                    "IPv4 lease database into '" + dir.resolve("abs.csv") + "'.");

            Files.createDirectory(dir.resolve("sub"));
            Path outside = Files.createTempFile("outside", ".csv");
            Files.delete(outside);
            Files.createSymbolicLink(dir.resolve("link.csv"), outside);
            String supported = ", supported path is '" + dir + "'";
            String[][] refused = {
                {"../x.csv", "invalid path specified: '../x.csv'" + supported},
                {"/etc/x.csv", "invalid path specified: '/etc/x.csv'" + supported},
                {"sub/x.csv", "invalid path specified: 'sub/x.csv'" + supported},
                {"sub/../y.csv", "invalid path specified: 'sub/../y.csv'" + supported},
                {"link.csv", "'link.csv' is not a regular file: lease files are written only to regular files"},
                {"sub", "'sub' is not a regular file: lease files are written only to regular files"},
                {"leases4.csv", "'leases4.csv' is the lease file in use; write the leases to another file in " + dir},
            };
            String live = Files.readString(file);
            for (String[] r : refused) {
                expect(s.call("lease4-write", "{\"filename\": \"" + r[0] + "\"}"), 1, r[1]);
            }
            assertFalse(Files.exists(outside), "nothing was written through the link");
            assertFalse(Files.exists(dir.resolve("y.csv")));
            assertFalse(Files.exists(dir.getParent().resolve("x.csv")));
            assertEquals(live, Files.readString(file), "the live lease file is untouched");
            try (var files = Files.list(dir)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary left");
            }
        }
    }

    @Test
    void v6ChangesAndWrite() throws Exception {
        Path file = dir.resolve("leases6.csv");
        String d = "\"duid\": \"1a:1b:1c:1d:1e:1f:20:21:22:23:24\"";
        try (TestServer s = TestServer.v6(config6(file), MemfileStore.open6(MemfileOptions.persistent(file)), null)) {
            expect(s.call("lease6-add", "{\"ip-address\": \"2001:db8:8::\", " + d + ", \"iaid\": 7, \"type\": "
                    + "\"IA_PD\", \"prefix-len\": 60, \"subnet-id\": 1, \"hw-address\": \"0a:0b:0c:0d:0e:0f\"}"), 0,
                    "Lease for prefix 2001:db8:8::/60, subnet-id 1 added.");
            expect(s.call("lease6-bulk-apply", "{\"leases\": [{\"ip-address\": \"2001:db8:1::100\", " + d
                    + ", \"iaid\": 8}, {\"ip-address\": \"2001:db8:2::5\", " + d + ", \"iaid\": 9}]}"), 0,
                    "Bulk apply of 2 IPv6 leases completed.");
            expect(s.call("lease6-del", "{\"ip-address\": \"2001:db8:2::5\"}"), 0, "IPv6 lease deleted.");
            expect(s.call("lease6-write", "{\"filename\": \"copy6.csv\"}"), 0,
                    "IPv6 lease database into '" + dir.resolve("copy6.csv") + "'.");
            Map<Ip6Address, Lease6> copy = load6(dir.resolve("copy6.csv"));
            assertEquals(2, copy.size());
            Lease6 pd = copy.get(Ip6Address.parse("2001:db8:8::"));
            assertEquals(s.leases6().get(pd.address()), pd);
            assertEquals(LeaseType.PD, pd.type());
            assertEquals(60, pd.prefixLength());
        }
        Map<Ip6Address, Lease6> back = load6(file);
        assertEquals(List.of("2001:db8:1::100", "2001:db8:8::"), back.keySet().stream().sorted()
                .map(Ip6Address::toString).toList());
    }
}
