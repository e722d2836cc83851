package io.tui.dhcp.core.hook.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tui.dhcp.core.testing.External;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checked-in schemas are what the generator makes from Kea's API reference (run with
 * {@code -Dtui.schemas.write=true} to rewrite them after changing the generator).
 */
class SchemaGeneratorTest {

    @Test
    void checkedInSchemasMatchTheGenerator() throws IOException {
        Path examples = External.keaExamples();
        Path api = examples.getParent().resolve("api");
        External.require(Files.isDirectory(api), "Kea's API reference (shared/kea-reference/api)");
        Map<String, String> files = SchemaGenerator.generate(api);
        if (Boolean.getBoolean("tui.schemas.write")) {
            Path out = Path.of("src/main/resources/schemas");
            Files.createDirectories(out);
            for (var e : files.entrySet()) {
                Files.writeString(out.resolve(e.getKey()), e.getValue());
            }
        }
        for (var e : files.entrySet()) {
            try (InputStream in = getClass().getResourceAsStream("/schemas/" + e.getKey())) {
                assertNotNull(in, "schema " + e.getKey() + " is not checked in; run with -Dtui.schemas.write=true");
                assertEquals(e.getValue(), new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        e.getKey() + " differs from the generator's output");
            }
        }
    }
}
