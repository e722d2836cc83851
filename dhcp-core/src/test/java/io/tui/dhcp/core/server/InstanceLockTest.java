package io.tui.dhcp.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {
    @TempDir
    Path dir;

    @Test
    void keaPidFileName() {
        assertEquals(dir.resolve("kea-dhcp4.kea-dhcp4.pid"),
                InstanceLock.keaPidFile(dir, Path.of("/etc/kea/kea-dhcp4.conf"), "kea-dhcp4"));
        assertEquals(Path.of("/x"), InstanceLock.pidDirectory(Map.of("KEA_PIDFILE_DIR", "/x"), Path.of("/run/kea")));
        assertEquals(Path.of("/run/kea"), InstanceLock.pidDirectory(Map.of(), Path.of("/run/kea")));
    }

    @Test
    void aSecondHolderIsRefusedAndTheFileGoesOnClose() throws Exception {
        Path pid = dir.resolve("sub/a.kea-dhcp4.pid");
        try (InstanceLock lock = InstanceLock.acquire(pid)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(pid));
            IOException e = assertThrows(IOException.class, () -> InstanceLock.acquire(pid));
            assertTrue(e.getMessage().contains("another running instance"), e.getMessage());
        }
        assertFalse(Files.exists(pid));
        InstanceLock.acquire(pid).close();
    }

    @Test
    void aSecondProcessIsRefused() throws Exception {
        Path pid = dir.resolve("b.pid");
        Files.writeString(pid, "999999\n"); // stale file of a dead process: taken over
        try (InstanceLock lock = InstanceLock.acquire(pid)) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    LockProbe.class.getName(), pid.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(3, p.waitFor(), out);
            assertTrue(out.contains("pid " + ProcessHandle.current().pid()), out);
        }
    }

    /** Child process: exits 3 when the lock is held elsewhere. */
    public static final class LockProbe {
        public static void main(String[] args) {
            try (InstanceLock l = InstanceLock.acquire(Path.of(args[0]))) {
                System.exit(0);
            } catch (IOException e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }
}
