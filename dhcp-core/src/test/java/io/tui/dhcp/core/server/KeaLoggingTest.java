package io.tui.dhcp.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.config.model.Services;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeaLoggingTest {
    @TempDir
    Path dir;

    @Test
    void severityAndDebugLevels() {
        assertEquals(Level.SEVERE, KeaLogging.level("ERROR", 0));
        assertEquals(Level.WARNING, KeaLogging.level("WARN", 0));
        assertEquals(Level.INFO, KeaLogging.level("INFO", 0));
        assertEquals(Level.FINE, KeaLogging.level("DEBUG", 0));
        assertEquals(Level.FINEST, KeaLogging.level("DEBUG", 99));
        assertEquals(Level.OFF, KeaLogging.level("NONE", 0));
    }

    @Test
    void aFileOutputGetsLinesAtItsSeverityAndRotates() throws Exception {
        Path file = dir.resolve("kea.log");
        String name = "kea-dhcp4-test-" + System.nanoTime();
        var logger = new Services.Logger(name, "WARN", 0,
                List.of(new Services.OutputOption(file.toString(), true, 200, 2, null, Map.of())), Map.of());
        try (KeaLogging logging = KeaLogging.apply(List.of(logger), name, false)) {
            Logger l = Logger.getLogger(name);
            l.info("not shown");
            l.warning("first warning");
            assertTrue(Files.readString(file).contains("WARN  [" + name + "/"), Files.readString(file));
            assertFalse(Files.readString(file).contains("not shown"));
            for (int i = 0; i < 10; i++) {
                l.severe("line " + i);
            }
            assertTrue(Files.exists(dir.resolve("kea.log.1")));
            assertTrue(Files.exists(dir.resolve("kea.log.2")));
            assertFalse(Files.exists(dir.resolve("kea.log.3")));
            assertTrue(Files.readString(file).contains("line 9"));
        }
        assertEquals(0, Logger.getLogger(name).getHandlers().length);
    }

    // ---- syslog -----------------------------------------------------------------------------------------------------

    private static final long PID = ProcessHandle.current().pid();
    /** 2026-03-05 07:08:09 in UTC+02:00: glibc pads the day with a space. */
    private static final Instant AT = Instant.parse("2026-03-05T05:08:09.250Z");
    private static final ZoneId ZONE = ZoneId.of("+02:00");

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private KeaLogging syslog(String name, String output, Path socket) {
        var logger = new Services.Logger(name, "DEBUG", 99,
                List.of(new Services.OutputOption(output, true, 0, 0, null, Map.of())), Map.of());
        return KeaLogging.apply(List.of(logger), "kea-dhcp4", false, new KeaLogging.Destinations(System.out,
                new PrintStream(stderr, true, StandardCharsets.UTF_8), socket, ZONE));
    }

    private static void log(String name, Level level, String message) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName(name);
        r.setInstant(AT);
        Logger.getLogger(name).log(r);
    }

    private static String received(UnixDatagram daemon) throws Exception {
        return new String(daemon.receive(65536, Duration.ofSeconds(5)), StandardCharsets.UTF_8);
    }

    /** What glibc's syslog(3) sends for Kea's syslog layout, {@code %-5p [%c.%t] %m\n}. */
    private static String datagram(int priority, String severity, String name, String message) {
        return "<" + priority + ">Mar  5 07:08:09 kea-dhcp4[" + PID + "]: " + severity + " [" + name + "."
                + Thread.currentThread().threadId() + "] " + message + "\n";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // Kea 2.2: plain syslog is local0 (16); syslog:NAME the facility NAME; anything else user (1)
        "syslog,          16",
        "syslog:local3,   19",
        "syslog:LOCAL7,   23",
        "syslog:daemon,    3",
        "syslog:user,      1",
        "syslog:,          1",
        "syslog:kea-dhcp4, 1"})
    void aSyslogOutputSendsDatagramsAsGlibcWritesThem(String output, int facility) throws Exception {
        String name = "kea-dhcp4-syslog-" + System.nanoTime();
        try (UnixDatagram daemon = UnixDatagram.bind(dir.resolve("log.sock"));
                KeaLogging logging = syslog(name, output, dir.resolve("log.sock"))) {
            log(name, Level.SEVERE, "DHCP4_TEST_ERROR it broke");
            log(name, Level.WARNING, "DHCP4_TEST_WARN take care");
            log(name, Level.INFO, "DHCP4_STARTED Tui DHCPv4 server started");
            log(name, Level.FINEST, "DHCP4_TEST_DEBUG détail");
            // severities as log4cplus maps them: err 3, warning 4, info 6, debug 7
            assertEquals(datagram(facility * 8 + 3, "ERROR", name, "DHCP4_TEST_ERROR it broke"), received(daemon));
            assertEquals(datagram(facility * 8 + 4, "WARN ", name, "DHCP4_TEST_WARN take care"), received(daemon));
            assertEquals(datagram(facility * 8 + 6, "INFO ", name, "DHCP4_STARTED Tui DHCPv4 server started"),
                    received(daemon));
            assertEquals(datagram(facility * 8 + 7, "DEBUG", name, "DHCP4_TEST_DEBUG détail"), received(daemon));
        }
        assertEquals("", stderr.toString(StandardCharsets.UTF_8), "nothing on stderr while syslog takes them");
        assertEquals(0, Logger.getLogger(name).getHandlers().length);
    }

    @Test
    void aRestartedSyslogDaemonGetsTheNextMessage() throws Exception {
        String name = "kea-dhcp4-syslog-" + System.nanoTime();
        Path socket = dir.resolve("log.sock");
        UnixDatagram first = UnixDatagram.bind(socket);
        try (KeaLogging logging = syslog(name, "syslog:local1", socket)) {
            log(name, Level.INFO, "one");
            assertEquals(datagram(17 * 8 + 6, "INFO ", name, "one"), received(first));
            first.close();
            try (UnixDatagram second = UnixDatagram.bind(socket)) {
                log(name, Level.INFO, "two");
                assertEquals(datagram(17 * 8 + 6, "INFO ", name, "two"), received(second));
            }
        }
        assertEquals("", stderr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutASyslogSocketTheLinesGoToStderrAfterOneWarning() throws Exception {
        String name = "kea-dhcp4-syslog-" + System.nanoTime();
        Path missing = dir.resolve("no-syslogd-here");
        try (KeaLogging logging = syslog(name, "syslog", missing)) {
            log(name, Level.INFO, "DHCP4_STARTED first");
            log(name, Level.WARNING, "second");
        }
        long tid = Thread.currentThread().threadId();
        String tag = "kea-dhcp4[" + PID + "]: ";
        String out = stderr.toString(StandardCharsets.UTF_8);
        String warning = tag + "WARN  [kea-dhcp4] cannot log to syslog at " + missing + " (connect(" + missing
                + "): No such file or directory (errno 2)): logging to stderr instead\n";
        assertEquals(warning + tag + "INFO  [" + name + "." + tid + "] DHCP4_STARTED first\n"
                + tag + "WARN  [" + name + "." + tid + "] second\n", out);
    }
}
