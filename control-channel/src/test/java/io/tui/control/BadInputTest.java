package io.tui.control;

import static io.tui.control.ChannelFixture.assertAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tui.control.ChannelFixture.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A corpus of bad commands: broken JSON, wrong shapes and types, huge and deep payloads, unknown commands and
 * config-write path escapes. Each gets result 1 (2 for an unknown command) with a clear text, and nothing changes.
 */
class BadInputTest {
    @TempDir
    Path dir;
    ChannelFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    static List<String[]> corpus() {
        List<String[]> c = new ArrayList<>();
        // {command text, expected result, text prefix}
        c.add(new String[] {"garbage", "1", "invalid JSON"});
        c.add(new String[] {"{\"command\": \"list-commands\",}", "1", "invalid JSON"});
        c.add(new String[] {"{\"command\": \"list-commands\"} trailing", "1", "invalid JSON"});
        c.add(new String[] {"{\"command\": \"a\", \"command\": \"b\"}", "1", "invalid JSON"});
        c.add(new String[] {"{\"command\": \"x\u0000\"}", "1", "invalid JSON"});
        c.add(new String[] {"[1, 2]", "1", "Error during command processing: Invalid command Element"});
        // UNIX framing stops at a first byte that opens no map ("invalid JSON"); HTTP parses the whole string
        c.add(new String[] {"\"status-get\"", "1", ""});
        c.add(new String[] {"{}", "1", "Error during command processing: Invalid answer specified, does not "
                + "contain mandatory 'command'"});
        c.add(new String[] {"{\"command\": 5}", "1",
            "Error during command processing: 'command' element in command message is not a string"});
        c.add(new String[] {"{\"command\": null}", "1",
            "Error during command processing: 'command' element in command message is not a string"});
        c.add(new String[] {"{\"command\": [\"dhcp-disable\"]}", "1",
            "Error during command processing: 'command' element in command message is not a string"});
        c.add(new String[] {"{\"command\": \"dhcp-disable\", \"extra\": 1}", "1",
            "Error during command processing: Received command contains unsupported parameter 'extra'"});
        c.add(new String[] {"{\"command\": \"dhcp-disable\", \"service\": \"dhcp4\"}", "1",
            "Error during command processing: 'service' must be a list"});
        c.add(new String[] {"{\"command\": \"dhcp-disable\", \"service\": [\"dhcp6\"]}", "1",
            "Error during command processing: service [\"dhcp6\"] is not handled"});
        c.add(new String[] {"{\"command\": \"dhcp-disable\", \"service\": [5]}", "1",
            "Error during command processing: 'service' must be a list of strings"});
        c.add(new String[] {"{\"command\": \"dhcp-disable\", \"arguments\": [1]}", "1",
            "arguments for the 'dhcp-disable' command must be a map"});
        c.add(new String[] {"{\"command\": \"dhcp-disable\", \"arguments\": {\"max-period\": 1.5}}", "1",
            "'max-period' argument must be a number"});
        c.add(new String[] {"{\"command\": \"dhcp-disable\", \"arguments\": {\"max-period\": 99999999999999999999}}",
            "1", "'max-period' argument must be a number"});
        c.add(new String[] {"{\"command\": \"dhcp-disable\", \"arguments\": {\"origin\": 7}}", "1",
            "'origin' argument must be a string"});
        c.add(new String[] {"{\"command\": \"shutdown\", \"arguments\": {\"exit-value\": 1e3}}", "1",
            "parameter 'exit-value' is not an integer"});
        c.add(new String[] {"{\"command\": \"config-set\", \"arguments\": {\"Dhcp4\": {\"subnet4\": 5}}}", "1", ""});
        c.add(new String[] {"{\"command\": \"config-set\", \"arguments\": {\"Dhcp4\": []}}", "1",
            "'Dhcp4' parameter expected to be a map."});
        c.add(new String[] {"{\"command\": \"leases-reclaim\", \"arguments\": {\"remove\": 1}}", "1",
            "'remove' parameter expected to be a boolean."});
        c.add(new String[] {"{\"command\": \"statistic-reset\", \"arguments\": {\"name\": {}}}", "1",
            "'name' parameter expected to be a string."});
        c.add(new String[] {"{\"command\": \"statistic-sample-count-set-all\", \"arguments\": {\"max-samples\": -1}}",
            "1", "'max-samples' parameter must be between 1 and"});
        c.add(new String[] {"{\"command\": \"statistic-sample-age-set-all\", \"arguments\": {\"duration\": -1}}", "1",
            "'duration' parameter must not be negative"});
        c.add(new String[] {"{\"command\": \"config-write\", \"arguments\": {\"filename\": \"../x.json\"}}", "1",
            "Unable to write configuration to ../x.json"});
        c.add(new String[] {"{\"command\": \"config-write\", \"arguments\": {\"filename\": \"/tmp/x.json\"}}", "1",
            "Unable to write configuration to /tmp/x.json"});
        c.add(new String[] {"{\"command\": \"config-write\", \"arguments\": {\"filename\": \"a\\u0000b\"}}", "1",
            "Unable to write configuration"});
        c.add(new String[] {"{\"command\": \"\"}", "2", "'' command not supported."});
        c.add(new String[] {"{\"command\": \"lease4-wipe\"}", "2", "'lease4-wipe' command not supported."});
        c.add(new String[] {"{\"command\": \"" + "x".repeat(10000) + "\"}", "2", "'xxxx"});
        c.add(new String[] {"[".repeat(500) + "]".repeat(500), "1", "invalid JSON"});
        c.add(new String[] {"{\"command\": \"status-get\", \"arguments\": " + "{\"a\":".repeat(400) + "1"
                + "}".repeat(400) + "}", "1", "invalid JSON"});
        return c;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyBadCommandGetsAClearErrorAndChangesNothing(Transport t) throws Exception {
        f = new ChannelFixture(dir);
        String before = f.server.stateSnapshot();
        for (String[] c : corpus()) {
            if (t == Transport.UNIX && c[0].endsWith("trailing")) {
                continue; // as Kea's: a UNIX command ends where its JSON map closes; what follows is not read
            }
            JsonNode r = f.send(t, c[0]);
            String shown = c[0].length() > 80 ? c[0].substring(0, 80) + "..." : c[0];
            assertEquals(Integer.parseInt(c[1]), r.path("result").asInt(-1), shown + " -> " + r);
            assertTrue(r.path("text").asText().startsWith(c[2]), shown + " -> " + r);
            assertFalse(r.path("text").asText().isBlank(), shown);
            assertFalse(r.has("arguments"), shown + " -> " + r);
        }
        assertEquals(before, f.server.stateSnapshot(), "no bad command changed anything");
        assertTrue(f.server.enabled());
        // and the server still answers
        assertAnswer(f.call(t, "{\"command\": \"status-get\"}"), 0, null);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void hugePayloadsAreRefused(Transport t) throws Exception {
        f = new ChannelFixture(dir, ", \"max-command-size\": 4096");
        String before = f.server.stateSnapshot();
        String huge = "{\"command\": \"config-set\", \"arguments\": {\"Dhcp4\": {\"comment\": \""
                + "a".repeat(1 << 20) + "\"}}}";
        if (t == Transport.UNIX) {
            // the UNIX socket keeps the default limit (8 MiB): go past it
            String bigger = "{\"command\": \"config-set\", \"arguments\": {\"Dhcp4\": {\"comment\": \""
                    + "a".repeat(9 << 20) + "\"}}}";
            JsonNode r = Clients.JSON.readTree(Clients.unix(f.server.socketPath(), bigger));
            assertAnswer(r, 1, "Command over control channel exceeds the limit of " + (8 << 20) + " bytes; discarded");
        } else {
            Clients.Http r = Clients.post(t == Transport.HTTP ? f.http : f.https,
                    t == Transport.HTTPS ? f.clientTls : null, huge, null, null);
            assertEquals(413, r.status());
            assertEquals(413, r.json().get("result").asInt());
        }
        assertEquals(before, f.server.stateSnapshot());
        assertAnswer(f.call(t, "{\"command\": \"status-get\"}"), 0, null);
    }
}
