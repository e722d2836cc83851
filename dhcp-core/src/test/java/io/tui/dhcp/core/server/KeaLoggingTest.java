package io.tui.dhcp.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.config.model.Services;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
