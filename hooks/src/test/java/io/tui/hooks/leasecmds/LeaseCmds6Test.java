package io.tui.hooks.leasecmds;

import static io.tui.hooks.leasecmds.LeaseCmds4Test.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.hooks.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lease6-* commands through the real hook loader against a real allocation engine; texts as Kea 2.2's. */
public class LeaseCmds6Test {
    public static final String CONFIG = """
            {"Dhcp6": {
              "valid-lifetime": 4000, "preferred-lifetime": 3000,
              "lease-database": {"type": "memfile", "persist": false},
              "hooks-libraries": [{"library": "libdhcp_lease_cmds.so"}, {"library": "libdhcp_stat_cmds.so"}],
              "subnet6": [
                {"id": 1, "subnet": "2001:db8:1::/64", "pools": [{"pool": "2001:db8:1::100-2001:db8:1::1ff"}],
                 "pd-pools": [{"prefix": "2001:db8:8::", "prefix-len": 56, "delegated-len": 60}]},
                {"id": 2, "subnet": "2001:db8:2::/64", "pools": [{"pool": "2001:db8:2::/120"}]}]
            }}""";
    static final String D = "1a:1b:1c:1d:1e:1f:20:21:22:23:24";

    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.v6(CONFIG);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    ObjectNode call(String command, String args) {
        return server.call(command, args);
    }

    Lease6 lease(String address) {
        return server.leases6().get(Ip6Address.parse(address));
    }

    void add(String address, String extra) {
        ObjectNode a = call("lease6-add", "{\"ip-address\": \"" + address + "\", \"duid\": \"" + D + "\"" + extra
                + "}");
        assertEquals(0, a.get("result").asInt(), a.toString());
    }

    @Test
    void onlyTheV6CommandsAreRegistered() {
        List<String> names = new ArrayList<>(server.hooks().commands().names());
        assertEquals(List.of("lease6-add", "lease6-bulk-apply", "lease6-del", "lease6-get", "lease6-get-all",
                "lease6-get-by-duid", "lease6-get-by-hostname", "lease6-get-by-hw-address", "lease6-get-by-state",
                "lease6-get-page", "lease6-resend-ddns", "lease6-update", "lease6-wipe", "lease6-write",
                "stat-lease6-get"), names);
    }

    @Test
    void addAddressesAndPrefixes() {
        expect(call("lease6-add", "{\"ip-address\": \"2001:db8:1::5\", \"duid\": \"" + D + "\", \"iaid\": 1234}"),
                0, "Lease for address 2001:db8:1::5, subnet-id 1 added.");
        expect(call("lease6-add", "{\"ip-address\": \"2001:db8:1::5\", \"duid\": \"" + D + "\", \"iaid\": 1234}"),
                4, "IPv6 lease already exists.");
        assertEquals("{\"cltt\":1700000000,\"duid\":\"" + D + "\",\"fqdn-fwd\":false,\"fqdn-rev\":false,"
                + "\"hostname\":\"\",\"iaid\":1234,\"ip-address\":\"2001:db8:1::5\",\"preferred-lft\":4000,"
                + "\"state\":0,\"subnet-id\":1,\"type\":\"IA_NA\",\"valid-lft\":4000}",
                call("lease6-get", "{\"ip-address\": \"2001:db8:1::5\"}").get("arguments").toString());
        expect(call("lease6-add", """
                {"ip-address": "2001:db8:8::", "duid": "%s", "iaid": 1234, "type": "IA_PD", "subnet-id": 1,
                 "prefix-len": 60, "hw-address": "0a:0b:0c:0d:0e:0f", "hostname": "PD.example.", "fqdn-fwd": true,
                 "preferred-lft": 100, "valid-lft": 200, "expire": 5000, "user-context": {"x": [1]}}"""
                .formatted(D)), 0, "Lease for prefix 2001:db8:8::/60, subnet-id 1 added.");
        expect(call("lease6-get", "{\"ip-address\": \"2001:db8:8::\"}"), 3, "Lease not found.");
        ObjectNode pd = call("lease6-get", "{\"ip-address\": \"2001:db8:8::\", \"type\": \"IA_PD\"}");
        expect(pd, 0, "IPv6 lease found.");
        // the members and values Kea 2.2 printed for the same prefix
        assertEquals("{\"cltt\":4800,\"duid\":\"" + D + "\",\"fqdn-fwd\":true,\"fqdn-rev\":false,"
                + "\"hostname\":\"pd.example.\",\"hw-address\":\"0a:0b:0c:0d:0e:0f\",\"iaid\":1234,"
                + "\"ip-address\":\"2001:db8:8::\",\"preferred-lft\":100,\"prefix-len\":60,\"state\":0,"
                + "\"subnet-id\":1,\"type\":\"IA_PD\",\"user-context\":{\"x\":[1]},\"valid-lft\":200}",
                pd.get("arguments").toString());
        assertEquals(LeaseType.PD, lease("2001:db8:8::").type());
        add("2001:db8:1::7", ", \"iaid\": 1235, \"preferred-lft\": 4294967295, \"valid-lft\": 4294967295, "
                + "\"state\": 2");
        assertEquals(TestServer.NOW + 0xffffffffL, lease("2001:db8:1::7").expire());
        add("2001:db8:1::8", ", \"iaid\": 1235, \"prefix-len\": 64");
        assertEquals(128, lease("2001:db8:1::8").prefixLength(), "prefix-len is for prefixes only");
    }

    @Test
    void addRefusesBadInput() {
        String[][] cases = {
            {"{}", "1", "missing parameter 'ip-address'"},
            {"{\"ip-address\": \"2001:db8:1::5\"}", "1", "missing parameter 'duid'"},
            {"{\"ip-address\": \"2001:db8:1::5\", \"duid\": \"" + D + "\"}", "1", "missing parameter 'iaid'"},
            {"{\"ip-address\": \"192.0.2.1\", \"duid\": \"" + D + "\", \"iaid\": 1}", "1",
                "Non-IPv6 address specified: 192.0.2.1"},
            {"{\"ip-address\": \"2001:db8:9::5\", \"duid\": \"" + D + "\", \"iaid\": 1}", "4",
                "subnet-id not specified and failed to find a subnet for address 2001:db8:9::5"},
            {"{\"ip-address\": \"2001:db8:9::5\", \"duid\": \"" + D + "\", \"iaid\": 1, \"subnet-id\": 1}", "4",
                "The address 2001:db8:9::5 does not belong to subnet 2001:db8:1::/64, subnet-id=1"},
            {"{\"ip-address\": \"2001:db8:9::5\", \"duid\": \"" + D + "\", \"iaid\": 1, \"subnet-id\": 7}", "4",
                "Invalid subnet-id: No IPv6 subnet with subnet-id=7 currently configured."},
            {"{\"ip-address\": \"2001:db8:8::\", \"duid\": \"" + D + "\", \"iaid\": 1, \"type\": \"IA_PD\", "
                + "\"subnet-id\": 1}", "1", "missing parameter 'prefix-len'"},
            {"{\"ip-address\": \"2001:db8:8::\", \"duid\": \"" + D + "\", \"iaid\": 1, \"type\": \"IA_PD\", "
                + "\"subnet-id\": 1, \"prefix-len\": 60, \"state\": 1}", "1", "Invalid declined state for PD prefix."},
            {"{\"ip-address\": \"2001:db8:8::\", \"duid\": \"" + D + "\", \"iaid\": 1, \"type\": \"IA_XX\", "
                + "\"subnet-id\": 1}", "1", "Incorrect lease type: IA_XX, the only supported values are: na, ta and pd"},
            {"{\"ip-address\": \"2001:db8:1::6\", \"duid\": \"" + D + "\", \"iaid\": 1, \"type\": \"IA_TA\"}", "1",
                "Subnet-id is 0 or not specified. This is allowed for address leases only, not prefix leases."},
            {"{\"ip-address\": \"2001:db8:1::6\", \"duid\": \"01\", \"iaid\": 1}", "1",
                "identifier is too short (1), at least 3 is required"},
            {"{\"ip-address\": \"2001:db8:1::6\", \"duid\": \"" + D + "\", \"iaid\": 1, \"user-context\": 5}", "1",
                "Invalid user context '5' is not a JSON map."},
            {"{\"ip-address\": \"2001:db8:1::6\", \"duid\": \"" + D + "\", \"iaid\": 1, \"fqdn-rev\": true}", "1",
                "No hostname specified and either forward or reverse fqdn was set to true."},
        };
        for (String[] c : cases) {
            expect(call("lease6-add", c[0]), Integer.parseInt(c[1]), c[2]);
        }
        assertEquals(0, server.leases6().count());
    }

    @Test
    void getByIdentifierAndQueries() {
        add("2001:db8:1::5", ", \"iaid\": 1234, \"hw-address\": \"0a:0b:0c:0d:0e:0f\", \"hostname\": \"h.example.\"");
        add("2001:db8:8::", ", \"iaid\": 1234, \"type\": \"IA_PD\", \"subnet-id\": 1, \"prefix-len\": 60");
        add("2001:db8:2::9", ", \"iaid\": 9, \"state\": 1");
        expect(call("lease6-get", "{\"identifier-type\": \"duid\", \"identifier\": \"" + D + "\", \"subnet-id\": 1}"),
                3, "Lease not found.");
        ObjectNode na = call("lease6-get", "{\"identifier-type\": \"duid\", \"identifier\": \"" + D
                + "\", \"subnet-id\": 1, \"iaid\": 1234}");
        expect(na, 0, "IPv6 lease found.");
        assertEquals("2001:db8:1::5", na.get("arguments").get("ip-address").asText());
        ObjectNode pd = call("lease6-get", "{\"identifier-type\": \"duid\", \"identifier\": \"" + D
                + "\", \"subnet-id\": 1, \"iaid\": 1234, \"type\": \"IA_PD\"}");
        assertEquals("2001:db8:8::", pd.get("arguments").get("ip-address").asText());
        expect(call("lease6-get", "{\"identifier-type\": \"hw-address\", \"identifier\": \"01:02\", "
                + "\"subnet-id\": 1}"), 1, "Query by hw-address is not allowed in v6.");
        expect(call("lease6-get", "{\"identifier-type\": \"client-id\", \"identifier\": \"01:02\", "
                + "\"subnet-id\": 1}"), 1, "Query by client-id is not allowed in v6.");
        expect(call("lease6-get", "{\"ip-address\": \"2001:db8:1::6\", \"type\": \"XX\"}"), 1,
                "Invalid lease type specified: XX, only supported values are: IA_NA, IA_TA, IA_PD and V4");

        expect(call("lease6-get-all", null), 0, "3 IPv6 lease(s) found.");
        expect(call("lease6-get-all", "{\"subnets\": [2]}"), 0, "1 IPv6 lease(s) found.");
        expect(call("lease6-get-all", "{\"subnets\": []}"), 3, "0 IPv6 lease(s) found.");
        ObjectNode page = call("lease6-get-page", "{\"from\": \"start\", \"limit\": 2}");
        expect(page, 0, "2 IPv6 lease(s) found.");
        assertEquals("2001:db8:2::9", page.get("arguments").get("leases").get(1).get("ip-address").asText());
        expect(call("lease6-get-page", "{\"from\": \"2001:db8:2::9\", \"limit\": 100}"), 0, "1 IPv6 lease(s) found.");
        expect(call("lease6-get-page", "{\"from\": \"1.2.3.4\", \"limit\": 2}"), 1,
                "'from' parameter value 1.2.3.4 is not an IPv6 address");
        expect(call("lease6-get-page", "{\"from\": \"x\", \"limit\": 2}"), 1,
                "'from' parameter value is neither 'start' keyword nor a valid IPv6 address");

        expect(call("lease6-get-by-duid", "{\"duid\": \"" + D + "\"}"), 0, "3 IPv6 lease(s) found.");
        expect(call("lease6-get-by-duid", "{\"duid\": \"01:02:03\"}"), 3, "0 IPv6 lease(s) found.");
        expect(call("lease6-get-by-duid", "{}"), 1, "'duid' parameter not specified");
        expect(call("lease6-get-by-duid", "{\"duid\": 3}"), 1, "'duid' parameter must be a string");
        expect(call("lease6-get-by-duid", "{\"duid\": \"0011\"}"), 1,
                "identifier is too short (2), at least 3 is required");
        expect(call("lease6-get-by-duid", "{\"duid\": \"" + "ab".repeat(131) + "\"}"), 1,
                "identifier is too large (131), at most 130 is required");
        expect(call("lease6-get-by-duid", "{\"duid\": \"xxx\"}"), 1,
                "'xxx' is not a valid string of hexadecimal digits");
        expect(call("lease6-get-by-duid", null), 1, "Command arguments missing or a not a map.");
        expect(call("lease6-get-by-hostname", "{\"hostname\": \"H.EXAMPLE.\"}"), 0, "1 IPv6 lease(s) found.");
        expect(call("lease6-get-by-hostname", "{\"hostname\": \"zz\"}"), 3, "0 IPv6 lease(s) found.");
        expect(call("lease6-get-by-hw-address", "{\"hw-address\": \"0a:0b:0c:0d:0e:0f\"}"), 0,
                "1 IPv6 lease(s) found.");
        expect(call("lease6-get-by-hw-address", "{\"hw-address\": \"\"}"), 1,
                "'hw-address' parameter must not be empty");
        expect(call("lease6-get-by-hw-address", "{\"hw-address\": \"0011\"}"), 1,
                "invalid format of the decoded string '0011'");
        expect(call("lease6-get-by-state", "{\"state\": \"declined\"}"), 0, "1 IPv6 lease(s) found with state 1.");
        expect(call("lease6-get-by-state", "{\"state\": 0, \"subnet-id\": 2}"), 3,
                "0 IPv6 lease(s) found with state 0.");
    }

    @Test
    void updateDeleteWipe() {
        String args = "{\"ip-address\": \"2001:db8:1::9\", \"duid\": \"" + D + "\", \"iaid\": 1";
        expect(call("lease6-update", args + "}"), 1, "failed to update the lease with address 2001:db8:1::9 either "
                + "because the lease has been deleted or it has changed in the database, in both cases a retry might "
                + "succeed");
        expect(call("lease6-update", args + ", \"force-create\": true}"), 0, "IPv6 lease added.");
        expect(call("lease6-update", args.replace("\"iaid\": 1", "\"iaid\": 2") + ", \"hostname\": \"u\"}"), 0,
                "IPv6 lease updated.");
        assertEquals(2, lease("2001:db8:1::9").iaid());
        assertEquals("u", lease("2001:db8:1::9").hostname());
        add("2001:db8:8::", ", \"iaid\": 1234, \"type\": \"IA_PD\", \"subnet-id\": 1, \"prefix-len\": 60");
        add("2001:db8:1::20", ", \"iaid\": 1235");
        add("2001:db8:1::21", ", \"iaid\": 1235");
        expect(call("lease6-del", "{\"ip-address\": \"2001:db8:1::99\"}"), 3, "IPv6 lease not found.");
        expect(call("lease6-del", "{\"ip-address\": \"2001:db8:8::\"}"), 3, "IPv6 lease not found.");
        expect(call("lease6-del", "{\"ip-address\": \"2001:db8:8::\", \"type\": \"IA_PD\"}"), 0,
                "IPv6 lease deleted.");
        assertNull(lease("2001:db8:8::"));
        expect(call("lease6-del", "{\"identifier-type\": \"duid\", \"identifier\": \"" + D + "\", \"subnet-id\": 1, "
                + "\"iaid\": 1235}"), 1, "More than one lease found for type 0, duid " + D
                + ", iaid 1235 and subnet-id 1");
        expect(call("lease6-del", "{\"identifier-type\": \"hw-address\", \"identifier\": \"01:02\", "
                + "\"subnet-id\": 1}"), 1, "Delete by hw-address is not allowed in v6.");
        expect(call("lease6-del", "{\"identifier-type\": \"duid\", \"identifier\": \"" + D + "\", \"subnet-id\": 1, "
                + "\"iaid\": 2}"), 0, "IPv6 lease deleted.");
        assertNull(lease("2001:db8:1::9"));
        expect(call("lease6-wipe", "{\"subnet-id\": 1}"), 0, "Deleted 2 IPv6 lease(s) from subnet(s) 1");
        expect(call("lease6-wipe", "{}"), 3, "Deleted 0 IPv6 lease(s) from subnet(s) 1 2");
        expect(call("lease6-resend-ddns", "{\"ip-address\": \"2001:db8:1::9\"}"), 1, "DDNS updating is not enabled");
    }

    @Test
    void bulkApply() {
        add("2001:db8:1::5", ", \"iaid\": 1");
        expect(call("lease6-bulk-apply", null), 1, "Command arguments missing or a not a map.");
        expect(call("lease6-bulk-apply", "{}"), 1, "neither 'deleted-leases' nor 'leases' parameter specified");
        expect(call("lease6-bulk-apply", "{\"leases\": {}}"), 1, "the 'leases' parameter must be a list");
        expect(call("lease6-bulk-apply", "{\"deleted-leases\": \"x\", \"leases\": []}"), 1,
                "the 'deleted-leases' parameter must be a list");
        expect(call("lease6-bulk-apply", "{\"leases\": []}"), 3, "Bulk apply of 0 IPv6 leases completed.");
        // one malformed entry: nothing is applied
        expect(call("lease6-bulk-apply", "{\"deleted-leases\": [{\"ip-address\": \"2001:db8:1::5\"}], \"leases\": ["
                + "{\"ip-address\": \"2001:db8:1::22\", \"duid\": \"" + D + "\", \"iaid\": 5},"
                + "{\"ip-address\": \"2001:db8:1::23\", \"duid\": \"" + D + "\"}]}"), 1, "missing parameter 'iaid'");
        assertNotNull(lease("2001:db8:1::5"));
        assertNull(lease("2001:db8:1::22"));
        expect(call("lease6-bulk-apply", "{\"deleted-leases\": [{\"ip-address\": \"x\"}]}"), 1,
                "Failed to convert string to address 'x': Invalid argument");
        expect(call("lease6-bulk-apply", "{\"deleted-leases\": [{}]}"), 1, "Mandatory 'subnet-id' parameter missing.");
        // well-formed: the failures are listed, the rest is applied
        ObjectNode r = call("lease6-bulk-apply", "{\"deleted-leases\": [{\"ip-address\": \"2001:db8:1::99\"}, "
                + "{\"ip-address\": \"2001:db8:1::5\"}, {\"ip-address\": \"2001:db8:1::55\", \"type\": \"IA_PD\"}], "
                + "\"leases\": [{\"ip-address\": \"2001:db8:1::20\", \"duid\": \"" + D + "\", \"iaid\": 5}, "
                + "{\"ip-address\": \"2001:db8:1::20\", \"duid\": \"" + D + "\", \"iaid\": 6}]}");
        expect(r, 0, "Bulk apply of 3 IPv6 leases completed.");
        assertEquals("{\"failed-deleted-leases\":[{\"error-message\":\"lease not found\",\"ip-address\":"
                + "\"2001:db8:1::99\",\"result\":3,\"type\":\"IA_NA\"},{\"error-message\":\"lease not found\","
                + "\"ip-address\":\"2001:db8:1::55\",\"result\":3,\"type\":\"IA_PD\"}]}", r.get("arguments").toString());
        assertNull(lease("2001:db8:1::5"));
        assertEquals(6, lease("2001:db8:1::20").iaid());
        ObjectNode none = call("lease6-bulk-apply", "{\"deleted-leases\": [{\"ip-address\": \"2001:db8:1::5\"}]}");
        expect(none, 3, "Bulk apply of 0 IPv6 leases completed.");
        assertFalse(none.get("arguments").get("failed-deleted-leases").isEmpty());
    }
}
