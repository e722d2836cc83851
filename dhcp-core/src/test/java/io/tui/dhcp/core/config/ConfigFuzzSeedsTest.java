package io.tui.dhcp.core.config;

import io.tui.dhcp.core.testing.External;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A seeded, deterministic mutation run over Kea's example files through {@link ConfigFuzzTarget}: truncations,
 * byte flips and deletions must all end in a snapshot or a ConfigException, never an unchecked exception.
 */
class ConfigFuzzSeedsTest {
    @Test
    void mutatedExamplesNeverThrowUnchecked() throws Exception {
        Path dir = External.keaExamples();
        Random random = new Random(20261122L);
        byte[] alphabet = "{}[]:,\"'#/*.-0123456789eE \n\\<?>truefalsnl".getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> files = Stream.concat(Files.list(dir.resolve("kea4")), Files.list(dir.resolve("kea6")))) {
            for (Path p : files.sorted().toList()) {
                byte[] original = Files.readAllBytes(p);
                for (int round = 0; round < 12; round++) {
                    byte[] m = original.clone();
                    int edits = 1 + random.nextInt(4);
                    for (int e = 0; e < edits; e++) {
                        int at = random.nextInt(m.length);
                        switch (random.nextInt(3)) {
                            case 0 -> m[at] = alphabet[random.nextInt(alphabet.length)];
                            case 1 -> m = java.util.Arrays.copyOf(m, at);
                            default -> {
                                byte[] shorter = new byte[m.length - 1];
                                System.arraycopy(m, 0, shorter, 0, at);
                                System.arraycopy(m, at + 1, shorter, at, m.length - at - 1);
                                m = shorter;
                            }
                        }
                        if (m.length == 0) {
                            break;
                        }
                    }
                    ConfigFuzzTarget.fuzzOne(m);
                }
            }
        }
    }
}
