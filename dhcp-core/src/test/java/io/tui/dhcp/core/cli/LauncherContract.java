package io.tui.dhcp.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.testing.External;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What both launchers promise on Kea's command line, run in-process through each server module's {@code Main}:
 * a server module's test extends this and says how to run its {@code Main} and which family it serves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LauncherContract {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Runs the module's {@code Main.run(args, out, err)}. */
    protected abstract int main(String[] args, PrintStream out, PrintStream err);

    protected abstract Family family();

    private boolean v6() {
        return family() == Family.V6;
    }

    private String program() {
        return v6() ? "tui-dhcp6" : "tui-dhcp4";
    }

    /** A small valid configuration for this family, with {@code extra} inserted in its subnet. */
    private String config(String extra) {
        return v6()
                ? "{\"Dhcp6\": {\"subnet6\": [{\"subnet\": \"2001:db8::/64\"," + extra
                        + " \"pools\": [{\"pool\": \"2001:db8::10-2001:db8::20\"}]}]}}"
                : "{\"Dhcp4\": {\"subnet4\": [{\"subnet\": \"192.0.2.0/24\"," + extra
                        + " \"pools\": [{\"pool\": \"192.0.2.10-192.0.2.20\"}]}]}}";
    }

    @BeforeEach
    void clearOutput() {
        out.reset();
        err.reset();
    }

    private int run(String... args) {
        return main(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void checkOfAGoodConfigExitsZeroSilently(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("kea.json");
        Files.writeString(f, config(""));
        assertEquals(0, run("-t", f.toString()));
        assertEquals("", err());
        assertEquals("", out());
    }

    @Test
    void checkOfABadConfigExitsOneWithThePositionedMessage(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("kea.json");
        Files.writeString(f, config("\n  \"BOGUS\": 1,"));
        assertEquals(1, run("-t", f.toString()));
        assertEquals("Syntax check failed with: unsupported parameter: BOGUS (" + f + ":2:3)\n", err());
    }

    @Test
    void checkOfAMissingFileExitsOne() {
        assertEquals(1, run("-t", "/nonexistent/kea.json"));
        assertTrue(err().startsWith("Syntax check failed with: unable to open file /nonexistent/kea.json"), err());
    }

    /** The example the README runs ({@code examples/kea-dhcpN-memfile.json} at the repository root) passes -t. */
    @Test
    void shippedExampleChecks() {
        String name = v6() ? "examples/kea-dhcp6-memfile.json" : "examples/kea-dhcp4-memfile.json";
        Path example = Path.of("").toAbsolutePath().getParent().resolve(name);
        assertTrue(Files.isRegularFile(example), example + " is missing");
        assertEquals(0, run("-t", example.toString()), err());
    }

    @Test
    void keaExampleChecksCleanWithWarningsOnly() {
        Path example = External.keaExamples().resolve(v6() ? "kea6/simple.json" : "kea4/single-subnet.json");
        assertEquals(0, run("-t", example.toString()));
        for (String line : err().lines().toList()) {
            assertTrue(line.startsWith(program() + ": WARN parameter '"), line);
        }
    }

    Stream<Path> keaExamples() throws IOException {
        Path dir = External.keaExamples().resolve(v6() ? "kea6" : "kea4");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    /** Every Kea example for this server passes -t (the table in docs/config-support.md lists no failures). */
    @ParameterizedTest
    @MethodSource("keaExamples")
    void everyKeaExamplePassesTheCheck(Path example) {
        assertEquals(0, run("-t", example.toString()), err());
    }

    @Test
    void extendedCheckRequiresHookLibrariesTuiHas(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("kea.json");
        Files.writeString(f, "{\"" + family().rootKey()
                + "\": {\"hooks-libraries\": [{\"library\": \"/nonexistent/libhook.so\"}]}}");
        assertEquals(0, run("-t", f.toString()));
        assertEquals(1, run("-T", f.toString()));
        assertTrue(err().contains("Syntax check failed with: hook library libhook.so is not available in Tui; "
                + "available: "), err());
    }

    /** The server ships the hooks module: a Kea path to lease_cmds selects it even where the file does not exist. */
    @Test
    void extendedCheckSelectsHookModulesByBasename(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("kea.json");
        Files.writeString(f, "{\"" + family().rootKey() + "\": {\"hooks-libraries\": ["
                + "{\"library\": \"/nonexistent/kea/hooks/libdhcp_lease_cmds.so\"},"
                + "{\"library\": \"libdhcp_stat_cmds.so\"}, {\"library\": \"libdhcp_pgsql.so\"}]}}");
        assertEquals(0, run("-T", f.toString()), err());
    }

    @Test
    void extendedCheckAcceptsKea3DatabaseDriverHooksWithoutTheFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("kea.json");
        Files.writeString(f, "{\"" + family().rootKey() + "\": {\"lease-database\": {\"type\": \"postgresql\","
                + " \"name\": \"kea\"}, \"hooks-libraries\": [{\"library\": \"/nonexistent/kea/libdhcp_pgsql.so\"},"
                + " {\"library\": \"libdhcp_mysql.so\"}]}}");
        assertEquals(0, run("-T", f.toString()), err());
    }

    @Test
    void versionReports() {
        assertEquals(0, run("-v"));
        assertEquals("0.1.0-SNAPSHOT\n", out());
        out.reset();
        assertEquals(0, run("-V"));
        assertTrue(out().contains("linked with:"));
        out.reset();
        assertEquals(0, run("-W"));
        assertTrue(out().contains(v6() ? "Tui DHCPv6 server" : "Tui DHCPv4 server"));
    }

    @Test
    void misuseExitsOneWithUsage() {
        assertEquals(1, run("-x"));
        String description = v6() ? "Tui DHCPv6 server" : "Tui DHCPv4 server";
        assertTrue(err().startsWith(program() + ": invalid option -- 'x'\n" + description + ", version "), err());
        assertTrue(err().contains("Usage: " + program() + " -[v|V|W] [-d] [-{c|t|T} cfgfile] [-p number] [-P number]"));
        err.reset();
        assertEquals(1, run());
        assertTrue(err().startsWith(program() + ": Configuration file not specified."), err());
    }
}
