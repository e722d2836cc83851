package io.tui.dhcp6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.cli.LauncherContract;
import io.tui.dhcp.core.config.model.Family;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tui-dhcp6 keeps the launcher contract both servers share: Kea's kea-dhcp6 command line. */
class MainTest extends LauncherContract {
    @Override
    protected int main(String[] args, PrintStream out, PrintStream err) {
        return Main.run(args, out, err);
    }

    @Override
    protected Family family() {
        return Family.V6;
    }


    /** {@code -c} with an interface that does not exist: exit 1 with the reason, nothing left running. */
    @Test
    void serveFailsCleanlyOnAMissingInterface(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("kea.json");
        Files.writeString(f, """
                {"Dhcp6": {"interfaces-config": {"interfaces": ["tui-no-such0"]}, "data-directory": "%s",
                  "lease-database": {"type": "memfile", "name": "%s/leases6.csv"},
                  "subnet6": [{"id": 1, "subnet": "2001:db8::/64", "pools": [{"pool": "2001:db8::10-2001:db8::20"}]}]}}
                """.formatted(dir, dir));
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.tui.dhcp6.Main", "-c", f.toString()).redirectErrorStream(true);
        pb.environment().put("KEA_PIDFILE_DIR", dir.toString());
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor());
        assertTrue(text.contains("tui-dhcp6: cannot start: interface tui-no-such0 does not exist"), text);
        assertTrue(Files.exists(dir.resolve("kea-dhcp6-serverid")), "the server DUID is made in data-directory");
        assertTrue(!Files.exists(dir.resolve("kea.kea-dhcp6.pid")), "the PID file is removed");
    }
}
