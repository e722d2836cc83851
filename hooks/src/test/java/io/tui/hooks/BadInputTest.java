package io.tui.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.hooks.leasecmds.LeaseCmds4Test;
import io.tui.hooks.leasecmds.LeaseCmds6Test;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every hook command against a corpus of wrong arguments: each answer is a well-formed Kea answer (never an
 * exception), and an error changes no lease. Wrong values are put in place of every argument name the commands
 * know, one at a time, plus whole-argument oddities.
 */
class BadInputTest {
    static final List<String> WHOLE = List.of("null", "[]", "\"x\"", "1", "true", "{}", "[{}]",
            "{\"\": null}", "{\"arguments\": {}}");
    static final List<String> NAMES = List.of("ip-address", "hw-address", "client-id", "duid", "iaid", "subnet-id",
            "subnets", "from", "limit", "type", "prefix-len", "valid-lft", "preferred-lft", "expire", "state",
            "hostname", "fqdn-fwd", "fqdn-rev", "user-context", "comment", "force-create", "update-ddns",
            "identifier-type", "identifier", "filename", "leases", "deleted-leases", "subnet-range", "pool-id");
    static final List<String> VALUES = List.of("null", "\"\"", "\" \"", "\"::\"", "\"0.0.0.0\"", "\"start\"",
            "-1", "0", "4294967296", "18446744073709551616", "1e300", "1.5", "true", "[]", "[null]", "{}",
            "{\"first-subnet-id\": -5, \"last-subnet-id\": 99999999999999999999}", "\"\\u0000\"",
            "\"" + "f".repeat(5000) + "\"", "\"../../etc/passwd\"", "\"a::b::c\"", "\"1:2:3:4:5:6:7:8:9\"",
            "[{\"ip-address\": \"::1\"}]");

    static List<String> corpus(String valid) {
        List<String> out = new ArrayList<>(WHOLE);
        for (String n : NAMES) {
            for (String v : VALUES) {
                out.add(valid.isEmpty() ? "{\"" + n + "\": " + v + "}"
                        : "{" + valid + ", \"" + n + "\": " + v + "}");
            }
        }
        return out;
    }

    @Test
    void v4() throws Exception {
        try (TestServer s = TestServer.v4(LeaseCmds4Test.CONFIG)) {
            s.call("lease4-add", "{\"ip-address\": \"192.0.2.20\", \"hw-address\": \"01:02:03:04:05:06\"}");
            run(s, "\"ip-address\": \"192.0.2.21\", \"hw-address\": \"01:02:03:04:05:07\"", () -> s.leases4().count());
        }
    }

    @Test
    void v6() throws Exception {
        try (TestServer s = TestServer.v6(LeaseCmds6Test.CONFIG)) {
            s.call("lease6-add", "{\"ip-address\": \"2001:db8:1::20\", \"duid\": \"01:02:03\", \"iaid\": 1}");
            run(s, "\"ip-address\": \"2001:db8:1::21\", \"duid\": \"01:02:04\", \"iaid\": 1",
                    () -> s.leases6().count());
        }
    }

    private static void run(TestServer s, String valid, java.util.function.LongSupplier count) {
        Set<String> names = s.hooks().commands().names();
        int calls = 0;
        for (String command : names) {
            if (command.endsWith("-wipe") || command.endsWith("-del") || command.endsWith("-bulk-apply")) {
                continue; // they change state on valid input by design; their refusals are covered elsewhere
            }
            for (String args : corpus("")) {
                check(s, command, args, count);
                calls++;
            }
            if (command.endsWith("-add") || command.endsWith("-update")) {
                for (String args : corpus(valid)) {
                    long before = count.getAsLong();
                    ObjectNode a = check(s, command, args, count);
                    if (a.get("result").asInt() == 0) {
                        // a change that went through: undo it so the next input starts from the same leases
                        assertTrue(count.getAsLong() >= before);
                        s.call(command.substring(0, 7) + "del", "{\"ip-address\": \""
                                + (command.startsWith("lease4") ? "192.0.2.21" : "2001:db8:1::21") + "\"}");
                    }
                    calls++;
                }
            }
        }
        assertTrue(calls > 1000, "corpus size " + calls);
    }

    private static ObjectNode check(TestServer s, String command, String args,
            java.util.function.LongSupplier count) {
        long before = count.getAsLong();
        ObjectNode a = s.call(command, args);
        int r = a.get("result").asInt();
        assertTrue(r == 0 || r == 1 || r == 3 || r == 4, command + " " + args + " -> " + a);
        assertFalse(a.path("text").asText().contains("Exception"), command + " " + args + " -> " + a);
        if (r != 0) {
            assertEquals(before, count.getAsLong(), "a refused " + command + " changed the leases: " + args);
        }
        return a;
    }
}
