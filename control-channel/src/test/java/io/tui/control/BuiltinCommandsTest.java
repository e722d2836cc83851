package io.tui.control;

import static io.tui.control.ChannelFixture.assertAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tui.control.ChannelFixture.Transport;
import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.ConfigRenderer;
import io.tui.dhcp.core.config.model.Family;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every built-in command's success, empty and error paths, over a real UNIX socket, HTTP and HTTPS. */
class BuiltinCommandsTest {
    @TempDir
    Path dir;
    ChannelFixture f;

    void start() throws Exception {
        f = new ChannelFixture(dir);
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    /** The running config rendered, with another valid lifetime (and its bounds). */
    String withLifetime(int seconds) throws Exception {
        var json = f.server.dispatcher.json();
        var doc = (com.fasterxml.jackson.databind.node.ObjectNode) json.parse(
                new ConfigRenderer().toJson(f.server.config()));
        var d4 = (com.fasterxml.jackson.databind.node.ObjectNode) doc.get("Dhcp4");
        d4.put("valid-lifetime", seconds).put("min-valid-lifetime", seconds).put("max-valid-lifetime", seconds);
        return json.write(doc);
    }

    JsonNode call(Transport t, String text) throws Exception {
        return f.call(t, text);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void listCommandsShowsWhatIsRegisteredAndUnknownIsUnsupported(Transport t) throws Exception {
        start();
        JsonNode r = call(t, "{\"command\": \"list-commands\"}");
        assertAnswer(r, 0, null);
        List<String> names = new ArrayList<>();
        r.get("arguments").forEach(n -> names.add(n.asText()));
        assertEquals(new ArrayList<>(f.server.commands.names()), names);
        assertTrue(names.containsAll(BuiltinCommands.NAMES));
        assertFalse(names.contains("lease4-get"), "only what is registered");
        f.server.commands.register("lease4-get", req -> io.tui.dhcp.core.hook.CommandResponse.ok("x"));
        assertTrue(call(t, "{\"command\": \"list-commands\"}").get("arguments").toString().contains("lease4-get"));

        assertAnswer(f.send(t, "{\"command\": \"foo\"}"), 2, "'foo' command not supported.");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void versionBuildStatusAndServerTag(Transport t) throws Exception {
        start();
        JsonNode v = call(t, "{\"command\": \"version-get\"}");
        assertAnswer(v, 0, null);
        assertFalse(v.get("text").asText().isEmpty());
        assertTrue(v.at("/arguments/extended").asText().contains("Java"));
        JsonNode b = call(t, "{\"command\": \"build-report\"}");
        assertAnswer(b, 0, null);
        assertTrue(b.get("text").asText().contains("Tui build configuration report"));
        JsonNode s = call(t, "{\"command\": \"status-get\"}");
        assertAnswer(s, 0, null);
        assertEquals(ProcessHandle.current().pid(), s.at("/arguments/pid").asLong());
        assertTrue(s.at("/arguments/uptime").isIntegralNumber());
        assertEquals("ready", s.at("/arguments/sockets/status").asText());
        JsonNode tag = call(t, "{\"command\": \"server-tag-get\"}");
        assertEquals("{\"arguments\":{\"server-tag\":\"office1\"},\"result\":0}", tag.toString());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void configGetRedactsSecretsAndMatchesTheHash(Transport t) throws Exception {
        start();
        JsonNode g = call(t, "{\"command\": \"config-get\"}");
        assertAnswer(g, 0, null);
        assertEquals(4000, g.at("/arguments/Dhcp4/valid-lifetime").asInt());
        assertTrue(g.at("/arguments/Dhcp4/valid-lifetime").isInt(), "integers stay integers");
        assertEquals("*****", g.at("/arguments/Dhcp4/hosts-databases/0/password").asText());
        assertFalse(g.toString().contains("s3cret-pw"), "the password never leaves");
        assertEquals("kea", g.at("/arguments/Dhcp4/hosts-databases/0/user").asText());
        JsonNode h = call(t, "{\"command\": \"config-hash-get\"}");
        assertEquals(g.at("/arguments/hash"), h.at("/arguments/hash"));
        assertEquals(64, h.at("/arguments/hash").asText().length());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void configSetSwapsOrKeepsTheOldConfig(Transport t) throws Exception {
        start();
        String before = f.server.stateSnapshot();
        String hash0 = call(t, "{\"command\": \"config-hash-get\"}").at("/arguments/hash").asText();
        for (String c : List.of("config-set", "set-config")) {
            JsonNode bad = call(t, "{\"command\": \"" + c + "\", \"arguments\": {\"Dhcp4\": {\"BOGUS\": 1}}}");
            assertAnswer(bad, 1, null);
            assertTrue(bad.get("text").asText().contains("BOGUS"), bad.toString());
            assertAnswer(call(t, "{\"command\": \"" + c + "\", \"arguments\": {\"Dhcp6\": {}}}"), 1,
                    "Missing mandatory 'Dhcp4' parameter.");
            assertAnswer(call(t, "{\"command\": \"" + c + "\"}"), 1, "Missing mandatory 'arguments' parameter.");
            assertAnswer(call(t, "{\"command\": \"" + c + "\", \"arguments\": {\"Dhcp4\": 7}}"), 1,
                    "'Dhcp4' parameter expected to be a map.");
        }
        assertEquals(before, f.server.stateSnapshot(), "refused config changes nothing");

        String doc = withLifetime(5000);
        JsonNode ok = call(t, "{\"command\": \"config-set\", \"arguments\": " + doc + "}");
        assertAnswer(ok, 0, "Configuration successful.");
        assertEquals(5000, f.server.config().global().valid().value());
        String hash1 = ok.at("/arguments/hash").asText();
        assertNotEquals(hash0, hash1);
        assertEquals(hash1, call(t, "{\"command\": \"config-hash-get\"}").at("/arguments/hash").asText());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void configTestNeverApplies(Transport t) throws Exception {
        start();
        String before = f.server.stateSnapshot();
        String doc = withLifetime(6000);
        assertAnswer(call(t, "{\"command\": \"config-test\", \"arguments\": " + doc + "}"), 0,
                "Configuration seems sane. Control-socket, hook-libraries, and D2 configuration were sanity "
                        + "checked, but not applied.");
        JsonNode bad = call(t, "{\"command\": \"config-test\", \"arguments\": {\"Dhcp4\": {\"BOGUS\": 1}}}");
        assertAnswer(bad, 1, null);
        assertAnswer(call(t, "{\"command\": \"config-test\"}"), 1, "Missing mandatory 'arguments' parameter.");
        assertAnswer(call(t, "{\"command\": \"config-test\", \"arguments\": 5}"), 1,
                "arguments for the 'config-test' command must be a map");
        assertEquals(before, f.server.stateSnapshot());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void configReloadReadsTheFileOrKeepsTheOldConfig(Transport t) throws Exception {
        start();
        String text = Files.readString(f.server.configFile);
        Files.writeString(f.server.configFile, text.replace("\"valid-lifetime\": 4000", "\"valid-lifetime\": 7000"));
        assertAnswer(call(t, "{\"command\": \"config-reload\"}"), 0, "Configuration successful.");
        assertEquals(7000, f.server.config().global().valid().value());
        Files.writeString(f.server.configFile, "{\"Dhcp4\": {\"BOGUS\": 1}}");
        JsonNode bad = call(t, "{\"command\": \"config-reload\"}");
        assertAnswer(bad, 1, null);
        assertTrue(bad.get("text").asText().startsWith("Config reload failed: "), bad.toString());
        assertEquals(7000, f.server.config().global().valid().value(), "the old config stays");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void configWriteStaysInTheConfigDirectory(Transport t) throws Exception {
        start();
        JsonNode ok = call(t, "{\"command\": \"config-write\", \"arguments\": {\"filename\": \"written.json\"}}");
        assertAnswer(ok, 0, "Configuration written to written.json successful");
        Path w = dir.resolve("written.json");
        assertEquals(Files.size(w), ok.at("/arguments/size").asLong());
        assertTrue(Files.readString(w).contains("s3cret-pw"), "the written file is the real config");
        assertEquals(new ConfigRenderer().toJson(f.server.config()),
                new ConfigRenderer().toJson(new ConfigLoader(Family.V4, m -> { }).loadFile(w)));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(w)), "a new file may hold passwords");
        Files.setPosixFilePermissions(f.server.configFile,
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        JsonNode dflt = call(t, "{\"command\": \"config-write\"}");
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(f.server.configFile)), "a rewritten file keeps its mode");
        assertAnswer(dflt, 0, null);
        assertEquals(f.server.configFile.toString(), dflt.at("/arguments/filename").asText());

        Path outside = Files.createTempDirectory("tui-outside");
        try {
            Files.createSymbolicLink(dir.resolve("link-dir"), outside);
            Files.createSymbolicLink(dir.resolve("link-file.json"), outside.resolve("target.json"));
            String before = f.server.stateSnapshot();
            for (String name : List.of("../escape.json", outside.resolve("abs.json").toString(), "/etc/tui-evil.json",
                    "link-dir/x.json", "link-file.json", "sub/../../escape2.json", ".", "")) {
                JsonNode r = call(t, "{\"command\": \"config-write\", \"arguments\": {\"filename\": "
                        + Clients.JSON.writeValueAsString(name) + "}}");
                assertAnswer(r, 1, null);
                assertTrue(r.get("text").asText().startsWith("Unable to write configuration"), r.toString());
            }
            assertAnswer(call(t, "{\"command\": \"config-write\", \"arguments\": {\"filename\": 5}}"), 1,
                    "passed parameter 'filename' is not a string");
            assertEquals(before, f.server.stateSnapshot());
            try (var s = Files.list(outside)) {
                assertEquals(0, s.count(), "nothing written outside");
            }
            assertFalse(Files.exists(dir.getParent().resolve("escape.json")));
            assertFalse(Files.exists(Path.of("/etc/tui-evil.json")));
        } finally {
            try (var s = Files.list(outside)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(outside);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void dhcpDisableAndEnable(Transport t) throws Exception {
        start();
        String before = f.server.stateSnapshot();
        assertAnswer(call(t, "{\"command\": \"dhcp-disable\", \"arguments\": {\"max-period\": 0}}"), 1,
                "'max-period' must be positive integer");
        assertAnswer(call(t, "{\"command\": \"dhcp-disable\", \"arguments\": {\"max-period\": \"x\"}}"), 1,
                "'max-period' argument must be a number");
        assertAnswer(call(t, "{\"command\": \"dhcp-disable\", \"arguments\": {\"origin\": \"foo\"}}"), 1,
                "invalid value used for 'origin' parameter: foo");
        assertAnswer(call(t, "{\"command\": \"dhcp-enable\", \"arguments\": 5}"), 1,
                "arguments for the 'dhcp-enable' command must be a map");
        assertEquals(before, f.server.stateSnapshot());
        assertTrue(f.server.enabled());

        assertAnswer(call(t, "{\"command\": \"dhcp-disable\", \"arguments\": {\"origin\": \"ha-partner\", "
                + "\"max-period\": 5}}"), 0, "DHCPv4 service disabled for 5 seconds");
        assertFalse(f.server.enabled());
        assertAnswer(call(t, "{\"command\": \"dhcp-disable\"}"), 0, "DHCPv4 service disabled");
        assertAnswer(call(t, "{\"command\": \"dhcp-enable\", \"arguments\": {\"origin\": \"ha-partner\"}}"), 0,
                "DHCP service successfully enabled");
        assertFalse(f.server.enabled(), "the user's disable still holds");
        assertAnswer(call(t, "{\"command\": \"dhcp-enable\"}"), 0, "DHCP service successfully enabled");
        assertTrue(f.server.enabled());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void leasesReclaimShutdownAndLibreload(Transport t) throws Exception {
        start();
        String before = f.server.stateSnapshot();
        assertAnswer(call(t, "{\"command\": \"leases-reclaim\"}"), 1, "Missing mandatory 'remove' parameter.");
        assertAnswer(call(t, "{\"command\": \"leases-reclaim\", \"arguments\": {\"remove\": \"x\"}}"), 1,
                "'remove' parameter expected to be a boolean.");
        assertAnswer(call(t, "{\"command\": \"shutdown\", \"arguments\": {\"exit-value\": \"x\"}}"), 1,
                "parameter 'exit-value' is not an integer");
        assertAnswer(call(t, "{\"command\": \"shutdown\", \"arguments\": 5}"), 1, "Argument must be a map");
        assertEquals(before, f.server.stateSnapshot());

        assertAnswer(call(t, "{\"command\": \"leases-reclaim\", \"arguments\": {\"remove\": true}}"), 0,
                "Reclamation of expired leases is complete.");
        assertEquals(List.of("remove:0"), f.server.reclaims);
        assertAnswer(call(t, "{\"command\": \"libreload\"}"), 0, "Hooks libraries successfully reloaded.");
        assertEquals(1, f.server.hookReloads.get());
        assertNull(f.server.shutdownExit.get());
        assertAnswer(call(t, "{\"command\": \"shutdown\", \"arguments\": {\"exit-value\": 3}}"), 0,
                "Shutting down.");
        assertEquals(3, f.server.shutdownExit.get());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void statistics(Transport t) throws Exception {
        start();
        JsonNode g = call(t, "{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"pkt4-received\"}}");
        assertAnswer(g, 0, null);
        JsonNode samples = g.at("/arguments/pkt4-received");
        assertEquals(5, samples.get(0).get(0).asLong(), "newest first: " + samples);
        assertTrue(samples.get(0).get(0).isIntegralNumber());
        assertEquals(0, samples.get(samples.size() - 1).get(0).asLong());
        assertEquals("{\"arguments\":{},\"result\":0}",
                call(t, "{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"nope\"}}").toString(),
                "an unknown statistic is an empty map, as Kea");
        assertAnswer(call(t, "{\"command\": \"statistic-get\"}"), 1, "Missing mandatory 'name' parameter.");
        assertAnswer(call(t, "{\"command\": \"statistic-get\", \"arguments\": {\"name\": 5}}"), 1,
                "'name' parameter expected to be a string.");
        JsonNode all = call(t, "{\"command\": \"statistic-get-all\"}");
        assertTrue(all.at("/arguments").has("subnet[1].total-addresses"));
        JsonNode global = call(t, "{\"command\": \"statistic-global-get-all\"}");
        assertTrue(global.at("/arguments").has("pkt4-received"));
        assertFalse(global.at("/arguments").has("subnet[1].total-addresses"));

        String before = f.server.stateSnapshot();
        for (String c : List.of("statistic-reset", "statistic-remove")) {
            assertAnswer(call(t, "{\"command\": \"" + c + "\", \"arguments\": {\"name\": \"nope\"}}"), 1,
                    "No 'nope' statistic found");
        }
        assertAnswer(call(t, "{\"command\": \"statistic-sample-count-set\", \"arguments\": {\"name\": "
                + "\"pkt4-received\"}}"), 1, "Missing mandatory 'max-samples' parameter.");
        assertAnswer(call(t, "{\"command\": \"statistic-sample-count-set-all\", \"arguments\": {\"max-samples\": 0}}"),
                1, "'max-samples' parameter must not be zero");
        assertAnswer(call(t, "{\"command\": \"statistic-sample-age-set\", \"arguments\": {\"name\": "
                + "\"pkt4-received\", \"duration\": \"x\"}}"), 1, "'duration' parameter expected to be an integer.");
        assertAnswer(call(t, "{\"command\": \"statistic-sample-age-set-all\", \"arguments\": {}}"), 1,
                "Missing mandatory 'duration' parameter.");
        assertAnswer(call(t, "{\"command\": \"statistic-sample-age-set\", \"arguments\": {\"name\": \"nope\", "
                + "\"duration\": 5}}"), 1, "No 'nope' statistic found");
        assertEquals(before, f.server.stateSnapshot(), "refused statistic commands change nothing");

        assertAnswer(call(t, "{\"command\": \"statistic-sample-count-set\", \"arguments\": {\"name\": "
                + "\"pkt4-received\", \"max-samples\": 1}}"), 0, "Statistic 'pkt4-received' count limit is set.");
        assertEquals(1, call(t, "{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"pkt4-received\"}}")
                .at("/arguments/pkt4-received").size());
        assertAnswer(call(t, "{\"command\": \"statistic-sample-age-set\", \"arguments\": {\"name\": "
                + "\"pkt4-received\", \"duration\": 100}}"), 0, "Statistic 'pkt4-received' duration limit is set.");
        assertAnswer(call(t, "{\"command\": \"statistic-sample-count-set-all\", \"arguments\": {\"max-samples\": 3}}"),
                0, "All statistics count limit are set.");
        assertAnswer(call(t, "{\"command\": \"statistic-sample-age-set-all\", \"arguments\": {\"duration\": 60}}"),
                0, "All statistics duration limit are set.");
        assertAnswer(call(t, "{\"command\": \"statistic-reset\", \"arguments\": {\"name\": \"pkt4-received\"}}"), 0,
                "Statistic 'pkt4-received' reset.");
        assertEquals(0, f.server.stats.get("pkt4-received").get("pkt4-received").get(0).get(0).asLong());
        assertAnswer(call(t, "{\"command\": \"statistic-reset-all\"}"), 0, "All statistics reset to neutral values.");
        assertAnswer(call(t, "{\"command\": \"statistic-remove\", \"arguments\": {\"name\": \"pkt4-received\"}}"), 0,
                "Statistic 'pkt4-received' removed.");
        assertEquals("{}", f.server.stats.get("pkt4-received").toString());
        assertAnswer(call(t, "{\"command\": \"statistic-remove-all\"}"), 0,
                "Warning: statistic-remove-all command is deprecated. All statistics removed.");
        assertEquals("{\"arguments\":{},\"result\":0}", call(t, "{\"command\": \"statistic-get-all\"}").toString(),
                "nothing left is an empty map");
    }
}
