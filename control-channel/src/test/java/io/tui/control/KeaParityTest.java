package io.tui.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.testing.External;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same commands to Debian's Kea 2.2 (kea-dhcp4 and kea-dhcp6 over their UNIX control sockets, in a private
 * directory, serving no interface) and to Tui: result codes, texts and argument members must agree, and where the
 * answers agree, so must their bytes.
 */
class KeaParityTest {
    @TempDir
    Path dir;

    /** Commands whose result, text and argument members must match Kea 2.2 exactly. */
    static final List<String> SAME = List.of(
            "{\"command\": \"foo\"}",
            "{\"command\": 5}",
            "{\"arguments\": {}}",
            "{\"command\": \"list-commands\", \"extra\": 1}",
            "{\"command\": \"server-tag-get\"}",
            "{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"nope\"}}",
            "{\"command\": \"statistic-get\"}",
            "{\"command\": \"statistic-get\", \"arguments\": {\"name\": 5}}",
            "{\"command\": \"statistic-reset\", \"arguments\": {\"name\": \"nope\"}}",
            "{\"command\": \"statistic-reset\", \"arguments\": {\"name\": \"pkt4-received\"}}",
            "{\"command\": \"statistic-remove\", \"arguments\": {\"name\": \"nope\"}}",
            "{\"command\": \"statistic-sample-age-set\", \"arguments\": {\"name\": \"pkt4-received\", \"duration\": 5}}",
            "{\"command\": \"statistic-sample-age-set\", \"arguments\": {\"name\": \"nope\", \"duration\": 5}}",
            "{\"command\": \"statistic-sample-age-set\", \"arguments\": {\"name\": \"pkt4-received\"}}",
            "{\"command\": \"statistic-sample-count-set\", \"arguments\": {\"name\": \"pkt4-received\", "
                    + "\"max-samples\": 10}}",
            "{\"command\": \"statistic-sample-count-set\", \"arguments\": {\"name\": \"pkt4-received\"}}",
            "{\"command\": \"statistic-sample-count-set-all\", \"arguments\": {\"max-samples\": 10}}",
            "{\"command\": \"statistic-sample-count-set-all\", \"arguments\": {\"max-samples\": 0}}",
            "{\"command\": \"statistic-sample-count-set-all\"}",
            "{\"command\": \"statistic-sample-age-set-all\", \"arguments\": {\"duration\": 100}}",
            "{\"command\": \"statistic-sample-age-set-all\", \"arguments\": {}}",
            "{\"command\": \"statistic-reset-all\"}",
            "{\"command\": \"dhcp-disable\", \"arguments\": {\"max-period\": 0}}",
            "{\"command\": \"dhcp-disable\", \"arguments\": {\"max-period\": \"x\"}}",
            "{\"command\": \"dhcp-disable\", \"arguments\": {\"origin\": \"foo\"}}",
            "{\"command\": \"dhcp-disable\", \"arguments\": {\"origin\": \"ha-partner\", \"max-period\": 5}}",
            "{\"command\": \"dhcp-disable\"}",
            "{\"command\": \"dhcp-enable\", \"arguments\": {\"origin\": \"bad\"}}",
            "{\"command\": \"dhcp-enable\", \"arguments\": 5}",
            "{\"command\": \"dhcp-enable\", \"arguments\": {\"origin\": \"ha-partner\"}}",
            "{\"command\": \"dhcp-enable\"}",
            "{\"command\": \"leases-reclaim\"}",
            "{\"command\": \"leases-reclaim\", \"arguments\": {}}",
            "{\"command\": \"leases-reclaim\", \"arguments\": {\"remove\": \"x\"}}",
            "{\"command\": \"leases-reclaim\", \"arguments\": {\"remove\": true}}",
            "{\"command\": \"config-write\", \"arguments\": {\"filename\": 5}}",
            "{\"command\": \"config-test\"}",
            "{\"command\": \"config-test\", \"arguments\": {\"Dhcp6\": {}}}",
            "{\"command\": \"config-set\"}",
            "{\"command\": \"config-set\", \"arguments\": {\"Foo\": {}}}",
            "{\"command\": \"libreload\"}",
            "{\"command\": \"shutdown\", \"arguments\": {\"exit-value\": \"x\"}}",
            "{\"command\": \"shutdown\", \"arguments\": 5}",
            "{\"command\": \"statistic-remove-all\"}",
            "{\"command\": \"statistic-get-all\"}");

    @Test
    void builtinsAnswerAsKea22Does() throws Exception {
        parity(Family.V4);
    }

    @Test
    void builtinsAnswerAsKea22Dhcp6Does() throws Exception {
        parity(Family.V6);
    }

    void parity(Family family) throws Exception {
        boolean v4 = family == Family.V4;
        Path kea = External.requireExecutable(v4 ? "/usr/sbin/kea-dhcp4" : "/usr/sbin/kea-dhcp6");
        Path keaDir = dir.resolve("kea");
        Files.createDirectories(keaDir);
        Path keaSock = keaDir.resolve("kea.sock");
        String subnets = v4
                ? "\"subnet4\": [{\"id\": 1, \"subnet\": \"192.0.2.0/24\", \"pools\": [{\"pool\": \"192.0.2.10 - 192.0.2.100\"}]}]"
                : "\"subnet6\": [{\"id\": 1, \"subnet\": \"2001:db8:1::/64\", \"pools\": [{\"pool\": \"2001:db8:1::10 - 2001:db8:1::ff\"}]}], "
                        + "\"server-id\": {\"type\": \"LLT\", \"persist\": false}, \"data-directory\": \"" + keaDir + "\"";
        Files.writeString(keaDir.resolve("kea.json"), """
                {"%s": {"interfaces-config": {"interfaces": []},
                  "control-socket": {"socket-type": "unix", "socket-name": "%s"},
                  "lease-database": {"type": "memfile", "persist": false},
                  "server-tag": "office1", "valid-lifetime": 4000, %s,
                  "loggers": [{"name": "%s", "severity": "WARN",
                               "output_options": [{"output": "%s"}]}]}}
                """.formatted(family.rootKey(), keaSock, subnets, v4 ? "kea-dhcp4" : "kea-dhcp6",
                keaDir.resolve("kea.log")));
        ProcessBuilder pb = new ProcessBuilder(kea.toString(), "-c", keaDir.resolve("kea.json").toString())
                .redirectErrorStream(true).redirectOutput(keaDir.resolve("kea.out").toFile());
        pb.environment().put("KEA_PIDFILE_DIR", keaDir.toString());
        pb.environment().put("KEA_LOCKFILE_DIR", keaDir.toString());
        Process p = pb.start();
        TestServer server = new TestServer(family, Files.createDirectories(dir.resolve("tui")), null);
        try (ControlChannel channel = server.startChannel()) {
            boolean ready = false;
            for (int i = 0; i < 150 && !ready; i++) {
                try {
                    ready = Files.exists(keaSock) && Clients.unix(keaSock, "{\"command\": \"version-get\"}")
                            .contains("\"result\": 0");
                } catch (java.io.IOException notYet) {
                    // Kea is still starting
                }
                if (!ready) {
                    Thread.sleep(100);
                }
            }
            assertTrue(ready, "Kea answers on its control socket: " + Files.readString(keaDir.resolve("kea.out")));
            Path tuiSock = server.socketPath();
            List<String> diffs = new ArrayList<>();
            for (String template : SAME) {
                String cmd = v4 ? template : template.replace("pkt4-received", "pkt6-received")
                        .replace("\"Dhcp6\": {}", "\"Dhcp4\": {}");
                String kr = Clients.unix(keaSock, cmd);
                String tr = Clients.unix(tuiSock, cmd);
                JsonNode k = Clients.JSON.readTree(kr);
                JsonNode t = Clients.JSON.readTree(tr);
                if (k.get("result").asInt() != t.get("result").asInt()
                        || !k.path("text").asText("").equals(t.path("text").asText(""))
                        || !members(k.get("arguments")).equals(members(t.get("arguments")))) {
                    diffs.add(cmd + "\n  kea: " + k + "\n  tui: " + t);
                } else if (!k.has("arguments") && !kr.equals(tr)) {
                    // same answer: then the same bytes, as Kea prints them
                    diffs.add(cmd + " (bytes)\n  kea: " + kr + "\n  tui: " + tr);
                }
            }
            // answers with arguments: byte-identical where the values are too
            for (String cmd : List.of("{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"nope\"}}",
                    "{\"command\": \"server-tag-get\"}", "{\"command\": \"statistic-get-all\"}")) {
                String kr = Clients.unix(keaSock, cmd);
                String tr = Clients.unix(tuiSock, cmd);
                if (!kr.equals(tr)) {
                    diffs.add(cmd + " (bytes)\n  kea: " + kr + "\n  tui: " + tr);
                }
            }
            // texts that carry Kea's parser positions or Kea's own wording for JSON errors: same result code
            String root = family.rootKey();
            for (String cmd : List.of("{\"command\": \"config-set\", \"arguments\": {\"" + root + "\": {\"BOGUS\": 1}}}",
                    "{\"command\": \"config-test\", \"arguments\": {\"" + root + "\": {\"BOGUS\": 1}}}",
                    "{\"command\": \"statistic-sample-age-set\", \"arguments\": {\"name\": \"pkt4-received\", "
                            + "\"duration\": \"x\"}}", "garbage", "[1, 2]", "{\"command\": \"status-get\"}",
                    "{\"command\": \"version-get\"}", "{\"command\": \"build-report\"}")) {
                JsonNode k = Clients.JSON.readTree(Clients.unix(keaSock, cmd));
                JsonNode t = Clients.JSON.readTree(Clients.unix(tuiSock, cmd));
                if (k.get("result").asInt() != t.get("result").asInt()) {
                    diffs.add(cmd + "\n  kea: " + k + "\n  tui: " + t);
                }
            }
            assertEquals(List.of(), diffs);
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static TreeSet<String> members(JsonNode args) {
        TreeSet<String> out = new TreeSet<>();
        if (args != null && args.isObject()) {
            for (Iterator<String> it = args.fieldNames(); it.hasNext();) {
                String n = it.next();
                out.add(n);
            }
        } else if (args != null) {
            out.add("<" + args.getNodeType() + ">");
        }
        return out;
    }
}
