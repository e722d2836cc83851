package io.tui.dhcp.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.cli.KeaCommandLine.Mode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KeaCommandLineTest {
    private static String usageError(String... args) {
        return assertThrows(UsageException.class, () -> KeaCommandLine.parse(args)).getMessage();
    }

    @Test
    void configModes() throws Exception {
        assertEquals(new KeaCommandLine(Mode.CHECK, Path.of("a.json"), false, 0, 0),
                KeaCommandLine.parse(new String[] {"-t", "a.json"}));
        assertEquals(new KeaCommandLine(Mode.CHECK_EXTENDED, Path.of("a.json"), false, 0, 0),
                KeaCommandLine.parse(new String[] {"-Ta.json"}));
        assertEquals(new KeaCommandLine(Mode.SERVE, Path.of("k.json"), true, 10067, 10068),
                KeaCommandLine.parse(new String[] {"-d", "-c", "k.json", "-p", "10067", "-P", "10068"}));
        assertEquals(new KeaCommandLine(Mode.SERVE, Path.of("k.json"), true, 0, 0),
                KeaCommandLine.parse(new String[] {"-dc", "k.json"}));
    }

    @Test
    void versionFlagsWinAsSoonAsTheyAppear() throws Exception {
        assertEquals(Mode.VERSION, KeaCommandLine.parse(new String[] {"-v"}).mode());
        assertEquals(Mode.EXTENDED_VERSION, KeaCommandLine.parse(new String[] {"-c", "x", "-V"}).mode());
        assertEquals(Mode.BUILD_REPORT, KeaCommandLine.parse(new String[] {"-W", "-bogus"}).mode());
    }

    @Test
    void misuseIsAUsageErrorWithKeasWording() {
        assertEquals("Configuration file not specified.", usageError());
        assertEquals("Configuration file not specified.", usageError("-d"));
        assertEquals("invalid option -- 'x'", usageError("-x"));
        assertEquals("option requires an argument -- 't'", usageError("-t"));
        assertEquals("Failed to parse server port number: [0], 1-65535 allowed.", usageError("-p", "0", "-c", "x"));
        assertEquals("Failed to parse client port number: [abc], 1-65535 allowed.", usageError("-P", "abc"));
        assertEquals("extraneous command line information", usageError("-c", "a", "extra"));
    }

    @Test
    void usageTextNamesEveryOption() {
        String u = KeaCommandLine.usage("tui-dhcp4");
        assertTrue(u.startsWith("Usage: tui-dhcp4 -[v|V|W] [-d] [-{c|t|T} cfgfile] [-p number] [-P number]\n"));
        for (String o : new String[] {"-v:", "-V:", "-W:", "-d:", "-c file:", "-t file:", "-T file:", "-p number:",
                "-P number:"}) {
            assertTrue(u.contains("  " + o), o);
        }
    }
}
