package io.tui.hooks.leasecmds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.lease.AddressText;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.hooks.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lease4-* commands through the real hook loader against a real allocation engine. Expected texts are those
 * Debian's Kea 2.2 answered to the same commands on the same configuration (captured by hand with socat), except
 * where the class notes of {@link LeaseCommands} say Tui follows newer Kea.
 */
public class LeaseCmds4Test {
    public static final String CONFIG = """
            {"Dhcp4": {
              "valid-lifetime": 4000,
              "lease-database": {"type": "memfile", "persist": false},
              "hooks-libraries": [
                {"library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so"},
                {"library": "libdhcp_stat_cmds.so"}],
              "subnet4": [
                {"id": 1, "subnet": "192.0.2.0/24", "pools": [{"pool": "192.0.2.10-192.0.2.100"}]},
                {"id": 2, "subnet": "198.51.100.0/24", "valid-lifetime": 7200,
                 "pools": [{"pool": "198.51.100.10-198.51.100.19"}, {"pool": "198.51.100.50/31"}]},
                {"id": 5, "subnet": "203.0.113.0/24"}]
            }}""";
    static final String HW = "1a:1b:1c:1d:1e:1f";

    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.v4(CONFIG);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    ObjectNode call(String command, String args) {
        return server.call(command, args);
    }

    public static void expect(ObjectNode answer, int result, String text) {
        assertEquals(result, answer.get("result").asInt(), answer.toString());
        assertEquals(text, answer.path("text").asText(), answer.toString());
    }

    Lease4 lease(String address) throws Exception {
        return server.leases4().get(AddressText.parseV4(address));
    }

    void add(String address, String extra) {
        expect(call("lease4-add", "{\"ip-address\": \"" + address + "\", \"hw-address\": \"" + HW + "\"" + extra
                + "}"), 0, "Lease for address " + address + ", subnet-id " + (address.startsWith("192") ? 1 : 2)
                + " added.");
    }

    @Test
    void onlyTheV4CommandsAreRegistered() {
        List<String> names = new ArrayList<>(server.hooks().commands().names());
        assertEquals(List.of("lease4-add", "lease4-del", "lease4-get", "lease4-get-all", "lease4-get-by-client-id",
                "lease4-get-by-hostname", "lease4-get-by-hw-address", "lease4-get-by-state", "lease4-get-page",
                "lease4-resend-ddns", "lease4-update", "lease4-wipe", "lease4-write", "stat-lease4-get"), names);
    }

    @Test
    void addThenGet() throws Exception {
        add("192.0.2.202", "");
        Lease4 l = lease("192.0.2.202");
        assertEquals(1, l.subnetId());
        assertEquals(4000, l.validLifetime());
        assertEquals(TestServer.NOW + 4000, l.expire());
        ObjectNode got = call("lease4-get", "{\"ip-address\": \"192.0.2.202\"}");
        expect(got, 0, "IPv4 lease found.");
        assertEquals("{\"cltt\":1700000000,\"fqdn-fwd\":false,\"fqdn-rev\":false,\"hostname\":\"\","
                + "\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"ip-address\":\"192.0.2.202\",\"state\":0,\"subnet-id\":1,"
                + "\"valid-lft\":4000}", got.get("arguments").toString());
        expect(call("lease4-add", "{\"ip-address\": \"192.0.2.202\", \"hw-address\": \"" + HW + "\"}"), 4,
                "IPv4 lease already exists.");
    }

    @Test
    void addTakesEveryField() throws Exception {
        expect(call("lease4-add", """
                {"ip-address": "192.0.2.7", "hw-address": "1a:1b:1c:1d:1e:20", "client-id": "01:02:03",
                 "hostname": "Host.Example.COM.", "fqdn-fwd": true, "fqdn-rev": true, "valid-lft": 4294967295,
                 "expire": 4294968295, "state": 1, "user-context": {"a": 1}, "comment": "hi"}"""), 0,
                "Lease for address 192.0.2.7, subnet-id 1 added.");
        // Kea 2.2 printed exactly these members and values for the same lease (cltt = expire - valid-lft)
        assertEquals("{\"client-id\":\"01:02:03\",\"cltt\":1000,\"fqdn-fwd\":true,\"fqdn-rev\":true,"
                + "\"hostname\":\"host.example.com.\",\"hw-address\":\"1a:1b:1c:1d:1e:20\",\"ip-address\":"
                + "\"192.0.2.7\",\"state\":1,\"subnet-id\":1,\"user-context\":{\"a\":1,\"comment\":\"hi\"},"
                + "\"valid-lft\":4294967295}", call("lease4-get", "{\"ip-address\": \"192.0.2.7\"}")
                .get("arguments").toString());
        assertEquals(LeaseState.DECLINED, lease("192.0.2.7").state());
    }

    @Test
    void infiniteLifetimeAndEmptyContext() throws Exception {
        add("192.0.2.8", ", \"valid-lft\": 4294967295");
        assertEquals(TestServer.NOW + 0xffffffffL, lease("192.0.2.8").expire());
        assertEquals(TestServer.NOW, call("lease4-get", "{\"ip-address\": \"192.0.2.8\"}").get("arguments")
                .get("cltt").asLong());
        add("192.0.2.11", ", \"user-context\": {}");
        JsonNode ctx = call("lease4-get", "{\"ip-address\": \"192.0.2.11\"}").get("arguments").get("user-context");
        assertTrue(ctx.isObject() && ctx.isEmpty(), "an empty context is {}: " + ctx);
    }

    @Test
    void subnetSelection() throws Exception {
        expect(call("lease4-add", "{\"ip-address\": \"192.0.2.5\", \"hw-address\": \"" + HW
                + "\", \"subnet-id\": 0}"), 0, "Lease for address 192.0.2.5, subnet-id 1 added.");
        expect(call("lease4-add", "{\"ip-address\": \"198.51.100.200\", \"hw-address\": \"" + HW + "\"}"), 0,
                "Lease for address 198.51.100.200, subnet-id 2 added.");
        assertEquals(7200, lease("198.51.100.200").validLifetime(), "the subnet's valid-lifetime");
        expect(call("lease4-add", "{\"ip-address\": \"10.0.0.1\", \"hw-address\": \"" + HW + "\"}"), 4,
                "subnet-id not specified and failed to find a subnet for address 10.0.0.1");
        expect(call("lease4-add", "{\"ip-address\": \"10.0.0.1\", \"hw-address\": \"" + HW
                + "\", \"subnet-id\": 1}"), 4, "The address 10.0.0.1 does not belong to subnet 192.0.2.0/24, "
                + "subnet-id=1");
        expect(call("lease4-add", "{\"ip-address\": \"192.0.2.6\", \"hw-address\": \"" + HW
                + "\", \"subnet-id\": 9}"), 4, "Invalid subnet-id: No IPv4 subnet with subnet-id=9 currently "
                + "configured.");
        assertNull(lease("10.0.0.1"));
        assertNull(lease("192.0.2.6"));
    }

    @Test
    void addRefusesBadInput() throws Exception {
        String base = "\"ip-address\": \"192.0.2.6\", \"hw-address\": \"" + HW + "\"";
        String[][] cases = {
            {null, "no parameters specified for the command"},
            {"[]", "no parameters specified for the command"},
            {"{}", "missing parameter 'ip-address'"},
            {"{\"ip-address\": \"192.0.2.202\"}", "missing parameter 'hw-address'"},
            {"{\"ip-address\": \"2001:db8::1\", \"hw-address\": \"" + HW + "\"}",
                "Non-IPv4 address specified: 2001:db8::1"},
            {"{\"ip-address\": \"foo\", \"hw-address\": \"" + HW + "\"}",
                "Failed to convert string to address 'foo': Invalid argument"},
            {"{" + base + ", \"fqdn-fwd\": true}",
                "No hostname specified and either forward or reverse fqdn was set to true."},
            {"{" + base + ", \"state\": 3}", "Invalid state value: 3, supported values are: 0 (default), "
                + "1 (declined) and 2 (expired-reclaimed)"},
            {"{" + base + ", \"state\": -1}", "out of range value (-1) specified for parameter 'state'"},
            {"{" + base + ", \"state\": \"0\"}", "invalid type specified for parameter 'state'"},
            {"{" + base + ", \"user-context\": [1]}", "Invalid user context '[1]' is not a JSON map."},
            {"{" + base + ", \"expire\": 0}", "expiration time must be positive for address 192.0.2.6"},
            {"{" + base + ", \"expire\": 100}",
                "expiration time must be greater than valid lifetime for address 192.0.2.6"},
            {"{\"ip-address\": \"192.0.2.6\", \"hw-address\": \"zz\"}",
                "'z' is not a valid hexadecimal digit in decoded string 'zz'"},
            {"{\"ip-address\": \"192.0.2.6\", \"hw-address\": \"\"}",
                "Lease4: 192.0.2.6, state: default has neither hardware address or client id"},
            {"{" + base + ", \"client-id\": \"zz\"}", "'zz' is not a valid string of hexadecimal digits"},
            {"{" + base + ", \"valid-lft\": -1}", "out of range value (-1) specified for parameter 'valid-lft'"},
            {"{" + base + ", \"valid-lft\": 4294967296}",
                "out of range value (4294967296) specified for parameter 'valid-lft'"},
            {"{" + base + ", \"subnet-id\": \"x\"}", "invalid type specified for parameter 'subnet-id'"},
            {"{" + base + ", \"fqdn-fwd\": \"yes\"}", "invalid type specified for parameter 'fqdn-fwd'"},
            {"{" + base + ", \"comment\": \"c\", \"user-context\": {\"comment\": \"d\"}}",
                "Duplicated comment entry '\"c\"' in user context '{\"comment\":\"d\"}'"},
        };
        for (String[] c : cases) {
            expect(call("lease4-add", c[0]), 1, c[1]);
        }
        assertEquals(0, server.leases4().count(), "no failed add left a lease");
    }

    @Test
    void getByAddressAndIdentifier() throws Exception {
        add("192.0.2.20", ", \"client-id\": \"01:02:03\"");
        expect(call("lease4-get", "{\"ip-address\": \"192.0.2.1\"}"), 3, "Lease not found.");
        expect(call("lease4-get", "{\"identifier-type\": \"hw-address\", \"identifier\": \"" + HW
                + "\", \"subnet-id\": 1}"), 0, "IPv4 lease found.");
        expect(call("lease4-get", "{\"identifier-type\": \"client-id\", \"identifier\": \"01:02:03\", "
                + "\"subnet-id\": 1}"), 0, "IPv4 lease found.");
        expect(call("lease4-get", "{\"identifier-type\": \"hw-address\", \"identifier\": \"" + HW
                + "\", \"subnet-id\": 2}"), 3, "Lease not found.");
        String[][] errors = {
            {null, "Parameters missing or are not a map."},
            {"[]", "Parameters missing or are not a map."},
            {"{}", "Mandatory 'subnet-id' parameter missing."},
            {"{\"ip-address\": \"2001:db8::1\"}", "Invalid IPv4 address specified: 2001:db8::1"},
            {"{\"ip-address\": \"foo\"}", "Failed to convert string to address 'foo': Invalid argument"},
            {"{\"ip-address\": 5}", "'ip-address' is not a string."},
            {"{\"identifier-type\": \"hw-address\", \"identifier\": \"01:02:03:04:05:06\"}",
                "Mandatory 'subnet-id' parameter missing."},
            {"{\"identifier-type\": \"duid\", \"identifier\": \"01:02:03:04:05:06\", \"subnet-id\": 1}",
                "Query by duid is not allowed in v4."},
            {"{\"identifier-type\": \"foo\", \"identifier\": \"01:02:03\", \"subnet-id\": 1}",
                "Incorrect identifier type: foo, the only supported values are: address, hw-address, duid"},
            {"{\"identifier-type\": \"hw-address\", \"identifier\": \"zz\", \"subnet-id\": 1}",
                "'z' is not a valid hexadecimal digit in decoded string 'zz'"},
            {"{\"identifier-type\": \"hw-address\", \"subnet-id\": 1}",
                "No 'ip-address' provided and 'identifier' is either missing or not a string."},
            {"{\"subnet-id\": \"1\"}", "'subnet-id' parameter is not integer."},
        };
        for (String[] c : errors) {
            expect(call("lease4-get", c[0]), 1, c[1]);
        }
    }

    @Test
    void getAllAndPages() {
        expect(call("lease4-get-all", null), 3, "0 IPv4 lease(s) found.");
        assertEquals("{\"leases\":[]}", call("lease4-get-all", null).get("arguments").toString());
        for (String a : List.of("192.0.2.202", "192.0.2.5", "192.0.2.9", "192.0.2.7", "198.51.100.10")) {
            add(a, "");
        }
        ObjectNode all = call("lease4-get-all", null);
        expect(all, 0, "5 IPv4 lease(s) found.");
        List<String> order = new ArrayList<>();
        all.get("arguments").get("leases").forEach(l -> order.add(l.get("ip-address").asText()));
        assertEquals(List.of("192.0.2.5", "192.0.2.7", "192.0.2.9", "192.0.2.202", "198.51.100.10"), order);
        expect(call("lease4-get-all", "{\"subnets\": [2]}"), 0, "1 IPv4 lease(s) found.");
        expect(call("lease4-get-all", "{\"subnets\": [5]}"), 3, "0 IPv4 lease(s) found.");
        expect(call("lease4-get-all", "{\"subnets\": [1, 2]}"), 0, "5 IPv4 lease(s) found.");
        expect(call("lease4-get-all", "{}"), 1, "'subnets' parameter not specified");
        expect(call("lease4-get-all", "{\"subnets\": \"1\"}"), 1, "'subnets' parameter must be a list");
        expect(call("lease4-get-all", "{\"subnets\": [\"1\"]}"), 1, "listed subnet identifiers must be numbers");

        ObjectNode page = call("lease4-get-page", "{\"from\": \"start\", \"limit\": 2}");
        expect(page, 0, "2 IPv4 lease(s) found.");
        assertEquals(2, page.get("arguments").get("count").asInt());
        assertEquals("192.0.2.7", page.get("arguments").get("leases").get(1).get("ip-address").asText());
        page = call("lease4-get-page", "{\"from\": \"192.0.2.7\", \"limit\": 2}");
        assertEquals("192.0.2.9", page.get("arguments").get("leases").get(0).get("ip-address").asText());
        page = call("lease4-get-page", "{\"from\": \"198.51.100.10\", \"limit\": 2}");
        expect(page, 3, "0 IPv4 lease(s) found.");
        assertEquals("{\"leases\":[],\"count\":0}", page.get("arguments").toString());
        String[][] errors = {
            {null, "no parameters specified for the lease4-get-page command"},
            {"{}", "'from' parameter not specified"},
            {"{\"from\": \"start\"}", "'limit' parameter not specified"},
            {"{\"from\": 1, \"limit\": 2}", "'from' parameter must be a string"},
            {"{\"from\": \"foo\", \"limit\": 2}",
                "'from' parameter value is neither 'start' keyword nor a valid IPv4 address"},
            {"{\"from\": \"2001:db8::1\", \"limit\": 2}", "'from' parameter value 2001:db8::1 is not an IPv4 address"},
            {"{\"from\": \"start\", \"limit\": \"2\"}", "'limit' parameter must be a number"},
            {"{\"from\": \"start\", \"limit\": 0}", "page size of retrieved leases must not be 0"},
            {"{\"from\": \"start\", \"limit\": -1}",
                "page size of retrieved leases must not be greater than 4294967295"},
        };
        for (String[] c : errors) {
            expect(call("lease4-get-page", c[0]), 1, c[1]);
        }
    }

    @Test
    void getByIdentifiers() {
        add("192.0.2.7", ", \"client-id\": \"01:02:03\", \"hostname\": \"Host.example.com.\"");
        add("192.0.2.8", "");
        expect(call("lease4-get-by-hw-address", "{\"hw-address\": \"" + HW + "\"}"), 0, "2 IPv4 lease(s) found.");
        expect(call("lease4-get-by-hw-address", "{\"hw-address\": \"1a:1b:1c:1d:1e:99\"}"), 3,
                "0 IPv4 lease(s) found.");
        expect(call("lease4-get-by-hw-address", "{\"hw-address\": \"\"}"), 3, "0 IPv4 lease(s) found.");
        expect(call("lease4-get-by-hw-address", null), 1, "Command arguments missing or a not a map.");
        expect(call("lease4-get-by-hw-address", "{}"), 1, "'hw-address' parameter not specified");
        expect(call("lease4-get-by-hw-address", "{\"hw-address\": 1}"), 1, "'hw-address' parameter must be a string");
        expect(call("lease4-get-by-hw-address", "{\"hw-address\": \"aaaaaa\"}"), 1,
                "invalid format of the decoded string 'aaaaaa'");

        expect(call("lease4-get-by-client-id", "{\"client-id\": \"01:02:03\"}"), 0, "1 IPv4 lease(s) found.");
        expect(call("lease4-get-by-client-id", "{\"client-id\": \"010204\"}"), 3, "0 IPv4 lease(s) found.");
        expect(call("lease4-get-by-client-id", "{}"), 1, "'client-id' parameter not specified");
        expect(call("lease4-get-by-client-id", "{\"client-id\": 0}"), 1, "'client-id' parameter must be a string");
        expect(call("lease4-get-by-client-id", "{\"client-id\": \"\"}"), 1,
                "identifier is too short (0), at least 2 is required");
        expect(call("lease4-get-by-client-id", "{\"client-id\": \"00\"}"), 1,
                "identifier is too short (1), at least 2 is required");
        expect(call("lease4-get-by-client-id", "{\"client-id\": \"" + "ab".repeat(256) + "\"}"), 1,
                "identifier is too large (256), at most 255 is required");
        expect(call("lease4-get-by-client-id", "{\"client-id\": \" \"}"), 1,
                "two consecutive separators (' ') specified in a decoded string ' '");

        expect(call("lease4-get-by-hostname", "{\"hostname\": \"HOST.example.com.\"}"), 0, "1 IPv4 lease(s) found.");
        expect(call("lease4-get-by-hostname", "{\"hostname\": \"nohost\"}"), 3, "0 IPv4 lease(s) found.");
        expect(call("lease4-get-by-hostname", "{}"), 1, "'hostname' parameter not specified");
        expect(call("lease4-get-by-hostname", "{\"hostname\": \"\"}"), 1, "'hostname' parameter is empty");
        expect(call("lease4-get-by-hostname", "{\"hostname\": 5}"), 1, "'hostname' parameter must be a string");
    }

    @Test
    void getByState() {
        add("192.0.2.20", "");
        add("192.0.2.21", ", \"state\": 1");
        add("198.51.100.11", "");
        expect(call("lease4-get-by-state", "{\"state\": 0}"), 0, "2 IPv4 lease(s) found with state 0.");
        expect(call("lease4-get-by-state", "{\"state\": \"assigned\", \"subnet-id\": 2}"), 0,
                "1 IPv4 lease(s) found with state 0.");
        expect(call("lease4-get-by-state", "{\"state\": \"declined\"}"), 0, "1 IPv4 lease(s) found with state 1.");
        expect(call("lease4-get-by-state", "{\"state\": \"released\", \"subnet-id\": 1}"), 3,
                "0 IPv4 lease(s) found with state 3.");
        expect(call("lease4-get-by-state", "{\"state\": 9}"), 3, "0 IPv4 lease(s) found with state 9.");
        expect(call("lease4-get-by-state", null), 1, "Command arguments missing or a not a map.");
        expect(call("lease4-get-by-state", "{\"state\": {}}"), 1, "'state' parameter must be a number or a string");
        expect(call("lease4-get-by-state", "{\"state\": \"not_a_state\"}"), 1,
                "'state' parameter value (not_a_state) is not recognized");
    }

    @Test
    void updateAndForceCreate() throws Exception {
        String args = "{\"ip-address\": \"192.0.2.50\", \"hw-address\": \"" + HW + "\"";
        expect(call("lease4-update", args + "}"), 1, "failed to update the lease with address 192.0.2.50 either "
                + "because the lease has been deleted or it has changed in the database, in both cases a retry "
                + "might succeed");
        assertNull(lease("192.0.2.50"));
        expect(call("lease4-update", args + ", \"force-create\": true}"), 0, "IPv4 lease added.");
        expect(call("lease4-update", args + ", \"hostname\": \"x.example.\", \"force-create\": \"x\"}"), 1,
                "invalid type specified for parameter 'force-create'");
        expect(call("lease4-update", args + ", \"hostname\": \"x.example.\"}"), 0, "IPv4 lease updated.");
        assertEquals("x.example.", lease("192.0.2.50").hostname());
        expect(call("lease4-update", null), 1, "no parameters specified for lease4-update command");
        expect(call("lease4-update", "{}"), 1, "missing parameter 'ip-address'");
    }

    @Test
    void delete() throws Exception {
        add("192.0.2.50", "");
        add("192.0.2.51", ", \"client-id\": \"01:02:03\"");
        expect(call("lease4-del", "{\"ip-address\": \"192.0.2.52\"}"), 3, "IPv4 lease not found.");
        expect(call("lease4-del", "{\"ip-address\": \"192.0.2.50\", \"update-ddns\": \"x\"}"), 1,
                "'update-ddns' is not a boolean");
        assertTrue(lease("192.0.2.50") != null, "a refused delete deletes nothing");
        expect(call("lease4-del", "{\"ip-address\": \"192.0.2.50\", \"update-ddns\": true}"), 0,
                "IPv4 lease deleted.");
        assertNull(lease("192.0.2.50"));
        expect(call("lease4-del", "{\"identifier-type\": \"client-id\", \"identifier\": \"01:02:99\", "
                + "\"subnet-id\": 1}"), 3, "IPv4 lease not found.");
        expect(call("lease4-del", "{\"identifier-type\": \"duid\", \"identifier\": \"01:02:99\", "
                + "\"subnet-id\": 1}"), 1, "Delete by duid is not allowed in v4.");
        expect(call("lease4-del", "{\"identifier-type\": \"client-id\", \"identifier\": \"01:02:03\", "
                + "\"subnet-id\": 1}"), 0, "IPv4 lease deleted.");
        assertNull(lease("192.0.2.51"));
        expect(call("lease4-del", null), 1, "Parameters missing or are not a map.");
        expect(call("lease4-del", "{}"), 1, "Mandatory 'subnet-id' parameter missing.");
        expect(call("lease4-del", "{\"ip-address\": \"1.2.3\"}"), 1,
                "Failed to convert string to address '1.2.3': Invalid argument");
    }

    @Test
    void wipe() {
        expect(call("lease4-wipe", "{\"subnet-id\": 2}"), 3, "Deleted 0 IPv4 lease(s) from subnet(s) 2");
        add("192.0.2.20", "");
        add("192.0.2.21", "");
        add("198.51.100.11", "");
        expect(call("lease4-wipe", "{\"subnet-id\": \"1\"}"), 1, "invalid type specified for parameter 'subnet-id'");
        expect(call("lease4-wipe", "{\"subnet-id\": 1}"), 0, "Deleted 2 IPv4 lease(s) from subnet(s) 1");
        expect(call("lease4-wipe", "{\"subnet-id\": 9}"), 3, "Deleted 0 IPv4 lease(s) from subnet(s) 9");
        expect(call("lease4-wipe", null), 0, "Deleted 1 IPv4 lease(s) from subnet(s) 1 2 5");
        expect(call("lease4-wipe", "{}"), 3, "Deleted 0 IPv4 lease(s) from subnet(s) 1 2 5");
        assertEquals(0, server.leases4().count());
    }

    @Test
    void resendDdnsAnswersAsKeaWithoutDdns() {
        add("192.0.2.20", "");
        expect(call("lease4-resend-ddns", "{\"ip-address\": \"192.0.2.20\"}"), 1, "DDNS updating is not enabled");
        expect(call("lease4-resend-ddns", "{\"ip-address\": \"192.0.2.77\"}"), 1, "DDNS updating is not enabled");
        expect(call("lease4-resend-ddns", "{}"), 1, "'ip-address' parameter is missing.");
        expect(call("lease4-resend-ddns", "{\"ip-address\": \"x\"}"), 1, "'x' is not a valid IP address.");
        expect(call("lease4-resend-ddns", null), 1, "Command arguments missing or a not a map.");
    }

    @Test
    void writeNeedsAMemfileName() {
        expect(call("lease4-write", "{\"filename\": \"out.csv\"}"), 1, "lease4-write needs the memfile "
                + "lease-database 'name': lease files are written only into its directory");
        expect(call("lease4-write", null), 1, "no parameters specified for the command");
        expect(call("lease4-write", "{}"), 1, "'filename' parameter not specified");
        expect(call("lease4-write", "{\"filename\": 1}"), 1, "'filename' parameter must be a string");
        expect(call("lease4-write", "{\"filename\": \"\"}"), 1, "'filename' parameter is empty");
        assertFalse(server.hooks().find("lease6-write").isPresent());
    }
}
