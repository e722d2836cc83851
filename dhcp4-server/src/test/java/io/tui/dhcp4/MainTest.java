package io.tui.dhcp4;

import io.tui.dhcp.core.testing.External;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void checkOfAGoodConfigExitsZeroSilently(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("kea.json");
        Files.writeString(f, "{\"Dhcp4\": {\"subnet4\": [{\"subnet\": \"192.0.2.0/24\", \"pools\": [{\"pool\": \"192.0.2.10-192.0.2.20\"}]}]}}");
        assertEquals(0, run("-t", f.toString()));
        assertEquals("", err());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void checkOfABadConfigExitsOneWithThePositionedMessage(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("kea.json");
        Files.writeString(f, "{\"Dhcp4\": {\"subnet4\": [{\"subnet\": \"192.0.2.0/24\",\n  \"BOGUS\": 1}]}}");
        assertEquals(1, run("-t", f.toString()));
        assertEquals("Syntax check failed with: unsupported parameter: BOGUS (" + f + ":2:3)\n", err());
    }

    @Test
    void checkOfAMissingFileExitsOne() {
        assertEquals(1, run("-t", "/nonexistent/kea.json"));
        assertTrue(err().startsWith("Syntax check failed with: unable to open file /nonexistent/kea.json"), err());
    }

    /** The example the README runs (examples/kea-dhcp4-memfile.json at the repository root) passes -t. */
    @Test
    void shippedExampleChecks() {
        Path example = Path.of("").toAbsolutePath().getParent().resolve("examples/kea-dhcp4-memfile.json");
        assertTrue(Files.isRegularFile(example), example + " is missing");
        assertEquals(0, run("-t", example.toString()), err());
    }

    @Test
    void keaExampleChecksCleanWithWarningsOnly() {
        Path examples = External.keaExamples();
        Path example = examples.resolve("kea4/single-subnet.json");
        assertEquals(0, run("-t", example.toString()));
        for (String line : err().lines().toList()) {
            assertTrue(line.startsWith("tui-dhcp4: WARN parameter '"), line);
        }
    }

    static java.util.stream.Stream<Path> keaExamples() throws java.io.IOException {
        Path examples = External.keaExamples();
        Path dir = examples.resolve("kea4");
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    /** Every Kea example for this server passes -t (the table in docs/config-support.md lists no failures). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("keaExamples")
    void everyKeaExamplePassesTheCheck(Path example) {
        assertEquals(0, run("-t", example.toString()), err());
    }

    @Test
    void extendedCheckRequiresReadableHookLibraries(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("kea.json");
        Files.writeString(f, "{\"Dhcp4\": {\"hooks-libraries\": [{\"library\": \"/nonexistent/libhook.so\"}]}}");
        assertEquals(0, run("-t", f.toString()));
        assertEquals(1, run("-T", f.toString()));
        assertTrue(err().contains("Syntax check failed with: hook library /nonexistent/libhook.so cannot be read"),
                err());
    }

    @Test
    void versionReports() {
        assertEquals(0, run("-v"));
        assertEquals("0.1.0-SNAPSHOT\n", out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(0, run("-V"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("linked with:"));
        out.reset();
        assertEquals(0, run("-W"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Tui DHCPv4 server"));
    }

    @Test
    void misuseExitsOneWithUsage() {
        assertEquals(1, run("-x"));
        assertTrue(err().startsWith("tui-dhcp4: invalid option -- 'x'\nTui DHCPv4 server, version "), err());
        assertTrue(err().contains("Usage: tui-dhcp4 -[v|V|W] [-d] [-{c|t|T} cfgfile] [-p number] [-P number]"));
        err.reset();
        assertEquals(1, run());
        assertTrue(err().startsWith("tui-dhcp4: Configuration file not specified."), err());
    }

    @Test
    void servingIsNotPartOfThisBuild(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("kea.json");
        Files.writeString(f, "{\"Dhcp4\": {\"subnet4\": [{\"subnet\": \"192.0.2.0/24\", \"pools\": [{\"pool\": \"192.0.2.10-192.0.2.20\"}]}]}}");
        assertEquals(1, run("-c", f.toString()));
        assertEquals("tui-dhcp4: serving is not implemented in this build; use -t FILE to check a configuration\n",
                err());
    }
}
