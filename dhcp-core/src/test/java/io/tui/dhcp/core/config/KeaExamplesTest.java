package io.tui.dhcp.core.config;

import io.tui.dhcp.core.testing.External;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example configuration shipped with Kea goes through the {@code -t} code path ({@link ConfigLoader#loadFile}).
 * It must load, unless it is listed in {@link #EXPECTED_FAILURES} with the one feature it lacks (that list mirrors
 * the table in docs/config-support.md); then the error must name that feature. Every loaded example must also
 * survive render, reload, compare.
 */
class KeaExamplesTest {
    static final Path EXAMPLES = External.findKeaExamples();

    /** example file (kea4/x.json) to the feature named in its error; empty while every example loads. */
    static final Map<String, String> EXPECTED_FAILURES = Map.of();

    static Stream<String> examples() throws IOException {
        List<String> out = new ArrayList<>();
        if (EXAMPLES == null) {
            return out.stream();
        }
        for (String dir : List.of("kea4", "kea6")) {
            Path d = EXAMPLES.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.list(d)) {
                files.filter(p -> p.toString().endsWith(".json")).sorted()
                        .forEach(p -> out.add(dir + "/" + p.getFileName()));
            }
        }
        return out.stream();
    }

    private static Family family(String example) {
        return example.startsWith("kea4/") ? Family.V4 : Family.V6;
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleLoadsOrFailsForItsListedFeature(String example) throws Exception {
        External.keaExamples();
        List<String> warnings = new ArrayList<>();
        String feature = EXPECTED_FAILURES.get(example);
        try {
            ServerConfig c = new ConfigLoader(family(example), warnings::add).loadFile(EXAMPLES.resolve(example));
            if (feature != null) {
                fail(example + " now loads: remove it from the expected failures and docs/config-support.md");
            }
            assertEquals(family(example), c.family());
            // One warning per not-implemented parameter name, no more.
            long notImplementedWarnings = warnings.stream().filter(w -> w.startsWith("parameter '")).count();
            assertEquals(c.notImplemented().size(), notImplementedWarnings, String.join("\n", warnings));
        } catch (ConfigException e) {
            if (feature == null) {
                fail(example + " fails for an unlisted reason: " + e.getMessage());
            }
            assertTrue(e.getMessage().contains(feature), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void renderedExampleLoadsToAnEqualSnapshot(String example) throws Exception {
        External.keaExamples();
        Assumptions.assumeFalse(EXPECTED_FAILURES.containsKey(example));
        ConfigLoader loader = new ConfigLoader(family(example), m -> {});
        ServerConfig first = loader.loadFile(EXAMPLES.resolve(example));
        String rendered = new ConfigRenderer().toJson(first);
        ServerConfig second = loader.loadText(rendered, "rendered.json", null);
        assertEquals(first, second, rendered);
        // And rendering is stable.
        assertEquals(rendered, new ConfigRenderer().toJson(second));
        assertFalse(rendered.isBlank());
    }
}
