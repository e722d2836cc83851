package io.tui.dhcp.core.config;

import io.tui.dhcp.core.config.model.Family;
import java.nio.file.*;
import org.junit.jupiter.api.Test;

class ExampleScratchTest {
    @Test
    void run() throws Exception {
        for (String v : new String[] {"4", "6"}) {
            try (var s = Files.list(Path.of("/work/shared/kea-reference/examples/kea" + v))) {
                for (Path p : s.sorted().toList()) {
                    try {
                        new ConfigLoader(v.equals("4") ? Family.V4 : Family.V6, m -> {}).loadFile(p);
                        System.out.println("OK   " + p.getFileName());
                    } catch (ConfigException e) {
                        System.out.println("FAIL " + v + "/" + p.getFileName() + ": " + e.messages());
                    }
                }
            }
        }
    }
}
