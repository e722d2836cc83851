package io.tui.hooks.statcmds;

import static io.tui.hooks.leasecmds.LeaseCmds4Test.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.hooks.TestServer;
import io.tui.hooks.leasecmds.LeaseCmds4Test;
import org.junit.jupiter.api.Test;

/**
 * stat-lease4-get and stat-lease6-get on real engines: rows, columns and texts as Kea 2.2's stat_cmds answered for
 * the same configuration and leases (totals from the pools; assigned counts the default state only, declined
 * apart; cumulative counts from the statistics).
 */
class StatCmdsTest {
    static final String HW = "\"hw-address\": \"1a:1b:1c:1d:1e:1f\"";

    @Test
    void v4() throws Exception {
        try (TestServer s = TestServer.v4(LeaseCmds4Test.CONFIG)) {
            ObjectNode all = s.call("stat-lease4-get", null);
            expect(all, 0, "stat-lease4-get[all subnets]: 3 rows found");
            assertEquals("[\"subnet-id\",\"total-addresses\",\"cumulative-assigned-addresses\","
                    + "\"assigned-addresses\",\"declined-addresses\"]",
                    all.get("arguments").get("result-set").get("columns").toString());
            assertEquals("[[1,91,0,0,0],[2,12,0,0,0],[5,0,0,0,0]]",
                    all.get("arguments").get("result-set").get("rows").toString());
            assertEquals("2023-11-14 22:13:20.000000",
                    all.get("arguments").get("result-set").get("timestamp").asText());
            for (String a : new String[] {"{\"ip-address\": \"198.51.100.10\", " + HW + "}",
                "{\"ip-address\": \"198.51.100.11\", " + HW + ", \"state\": 1}",
                "{\"ip-address\": \"198.51.100.12\", " + HW + ", \"state\": 2}",
                "{\"ip-address\": \"198.51.100.200\", " + HW + "}"}) {
                assertEquals(0, s.call("lease4-add", a).get("result").asInt(), a);
            }
            ObjectNode one = s.call("stat-lease4-get", "{\"subnet-id\": 2}");
            expect(one, 0, "stat-lease4-get[subnet-id=2]: 1 rows found");
            // lease_cmds additions are not assignments to clients: cumulative-assigned stays 0, as in Kea 2.2
            long cumulative = s.stat("subnet[2].cumulative-assigned-addresses");
            assertEquals(0, cumulative);
            assertEquals("[[2,12," + cumulative + ",2,1]]", one.get("arguments").get("result-set").get("rows")
                    .toString());
            ObjectNode range = s.call("stat-lease4-get", "{\"subnet-range\": {\"first-subnet-id\": 1, "
                    + "\"last-subnet-id\": 2}}");
            expect(range, 0, "stat-lease4-get[subnets 1 through 2]: 2 rows found");
            assertEquals("[[1,91,0,0,0],[2,12," + cumulative + ",2,1]]", range.get("arguments").get("result-set").get("rows")
                    .toString());

            ObjectNode missing = s.call("stat-lease4-get", "{\"subnet-id\": 9}");
            expect(missing, 3, "stat-lease4-get[subnet-id=9]: no matching data, subnet-id: 9 does not exist");
            assertEquals("{}", missing.get("arguments").toString());
            expect(s.call("stat-lease4-get", "{\"subnet-range\": {\"first-subnet-id\": 3, \"last-subnet-id\": 4}}"),
                    3, "stat-lease4-get[subnets 3 through 4]: no matching data, selected ID range: 3 through 4 "
                    + "includes no known subnets");
            String[][] errors = {
                {"{\"subnet-id\": 0}", "'subnet-id' parameter must be > 0"},
                {"{\"subnet-id\": \"1\"}", "'subnet-id' parameter is not integer"},
                {"{\"subnet-range\": {\"first-subnet-id\": 2, \"last-subnet-id\": 1}}",
                    "'last-subnet-id' must be greater than 'first-subnet-id'"},
                {"{\"subnet-range\": {\"first-subnet-id\": 1}}", "'last-subnet-id' parameter missing or not an integer"},
                {"{\"subnet-range\": {}}", "'first-subnet-id' parameter missing or not an integer"},
                {"{\"subnet-range\": 1}", "subnet-range parameter is not a map"},
                {"{\"subnet-id\": 1, \"subnet-range\": {\"first-subnet-id\": 1, \"last-subnet-id\": 2}}",
                    "cannot specify both subnet-id and subnet-range"},
                {"[]", "'arguments' parameter is not a map"},
            };
            for (String[] e : errors) {
                expect(s.call("stat-lease4-get", e[0]), 1, e[1]);
            }
            expect(s.call("stat-lease4-get", "{\"foo\": 1}"), 0, "stat-lease4-get[all subnets]: 3 rows found");
        }
    }

    @Test
    void v6() throws Exception {
        try (TestServer s = TestServer.v6(io.tui.hooks.leasecmds.LeaseCmds6Test.CONFIG)) {
            String d = "\"duid\": \"1a:1b:1c:1d:1e:1f:20:21:22:23:24\"";
            expect(s.call("lease6-add", "{\"ip-address\": \"2001:db8:1::40\", " + d + ", \"iaid\": 5, \"state\": 1}"),
                    0, "Lease for address 2001:db8:1::40, subnet-id 1 added.");
            expect(s.call("lease6-add", "{\"ip-address\": \"2001:db8:2::40\", " + d + ", \"iaid\": 5}"), 0,
                    "Lease for address 2001:db8:2::40, subnet-id 2 added.");
            expect(s.call("lease6-add", "{\"ip-address\": \"2001:db8:8::\", " + d + ", \"iaid\": 5, \"type\": \"IA_PD\", "
                    + "\"prefix-len\": 60, \"subnet-id\": 1}"), 0, "Lease for prefix 2001:db8:8::/60, subnet-id 1 added.");
            ObjectNode all = s.call("stat-lease6-get", null);
            expect(all, 0, "stat-lease6-get[all subnets]: 2 rows found");
            assertEquals("[\"subnet-id\",\"total-nas\",\"cumulative-assigned-nas\",\"assigned-nas\",\"declined-nas\","
                    + "\"total-pds\",\"cumulative-assigned-pds\",\"assigned-pds\"]",
                    all.get("arguments").get("result-set").get("columns").toString());
            long c1 = s.stat("subnet[1].cumulative-assigned-nas");
            long c2 = s.stat("subnet[2].cumulative-assigned-nas");
            assertEquals(0, c1 + c2);
            assertEquals("[[1,256," + c1 + ",0,1,16,0,1],[2,256," + c2 + ",1,0,0,0,0]]",
                    all.get("arguments").get("result-set").get("rows").toString());
            expect(s.call("stat-lease6-get", "{\"subnet-id\": 1}"), 0, "stat-lease6-get[subnet-id=1]: 1 rows found");
        }
    }
}
