package io.tui.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.lease.LeaseStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command examples of Kea's API descriptions ({@code cmd-syntax} of every lease_cmds and stat_cmds command in
 * shared/kea-reference/api) run on a server configured with the subnets they name: every example is understood
 * (no "bad arguments" error), and each answer has the documented shape. The sflq-pool* commands (Kea 3.1.9's shared
 * free lease queue) are not implemented. Examples with placeholders
 * ({@code <integer>}, {@code ...}) are templates, not commands, and are left out.
 */
class KeaExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Answers other than success, empty and conflict that an example legitimately gets, with their text. */
    static final Map<String, String> EXPECTED_ERRORS = Map.of(
            "lease4-resend-ddns", "DDNS updating is not enabled",
            "lease6-resend-ddns", "DDNS updating is not enabled",
            "lease6-update", "failed to update the lease with address 2001:db8::1 either because the lease has been "
                    + "deleted or it has changed in the database, in both cases a retry might succeed");

    @Test
    void everyLeaseAndStatExampleRuns() throws Exception {
        Path api = KeaShapes.api();
        assumeTrue(api != null, "Kea reference absent");
        List<JsonNode> examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(api)) {
            for (Path f : files.sorted().toList()) {
                JsonNode desc = JSON.readTree(Files.readString(f));
                String hook = desc.path("hook").asText();
                // sflq-pool* (Kea 3.1.9's shared free lease queue pools) are not part of Tui's lease_cmds
                if ((!hook.equals("lease_cmds") && !hook.equals("stat_cmds"))
                        || desc.path("name").asText().startsWith("sflq-")) {
                    continue;
                }
                StringBuilder sb = new StringBuilder();
                desc.get("cmd-syntax").forEach(l -> sb.append(l.asText()).append('\n'));
                if (sb.indexOf("<") >= 0 || sb.indexOf("...") >= 0) {
                    continue;
                }
                examples.add(JSON.readTree(sb.toString()));
            }
        }
        // additions first, so that the queries, updates and deletions that follow find something
        examples.sort((a, b) -> Boolean.compare(!a.get("command").asText().endsWith("-add"),
                !b.get("command").asText().endsWith("-add")));
        assertTrue(examples.size() >= 25, "examples found: " + examples.size());
        String v4 = """
                {"Dhcp4": {"lease-database": {"type": "memfile", "name": "%s"},
                  "hooks-libraries": [{"library": "libdhcp_lease_cmds.so"}, {"library": "libdhcp_stat_cmds.so"}],
                  "subnet4": [{"id": 44, "subnet": "192.0.2.0/24", "pools": [{"pool": "192.0.2.100-192.0.2.250"}]},
                              {"id": 1, "subnet": "198.51.100.0/24"}]}}""".formatted(dir.resolve("l4.csv"));
        String v6 = """
                {"Dhcp6": {"lease-database": {"type": "memfile", "name": "%s"},
                  "hooks-libraries": [{"library": "libdhcp_lease_cmds.so"}, {"library": "libdhcp_stat_cmds.so"}],
                  "subnet6": [{"id": 66, "subnet": "2001:db8::/64", "pools": [{"pool": "2001:db8::/120"}]},
                              {"id": 1, "subnet": "2001:db8:1::/64"}]}}""".formatted(dir.resolve("l6.csv"));
        int run = 0;
        try (TestServer s4 = TestServer.v4(v4, LeaseStore.inMemory(), null);
             TestServer s6 = TestServer.v6(v6, LeaseStore.inMemory(), null)) {
            for (JsonNode ex : examples) {
                String command = ex.get("command").asText();
                boolean six = command.startsWith("lease6") || command.equals("stat-lease6-get");
                String args = ex.has("arguments") ? ex.get("arguments").toString() : null;
                ObjectNode answer = (six ? s6 : s4).call(command, args);
                int result = answer.get("result").asInt();
                if (EXPECTED_ERRORS.containsKey(command)) {
                    assertEquals(EXPECTED_ERRORS.get(command), answer.path("text").asText(), command);
                } else {
                    assertTrue(result == 0 || result == 3, ex + " -> " + answer);
                }
                run++;
            }
        }
        assertEquals(examples.size(), run);
    }
}
