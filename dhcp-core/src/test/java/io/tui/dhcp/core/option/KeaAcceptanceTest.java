package io.tui.dhcp.core.option;

import io.tui.dhcp.core.testing.External;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Checks the standard tables against the real Kea 2.2 ({@code kea-dhcp4 -t} / {@code kea-dhcp6 -t}); skipped where
 * Kea is not installed.
 *
 * <p>For every standard definition that Kea 2.2 knows (the non-replaceable rows): Kea accepts the option by name
 * and code together with sample data of the declared type (so name, code and type agree); Kea accepts the bytes Tui
 * encodes for that sample given back as {@code csv-format: false} hex (so Kea can read Tui's wire layout); and
 * where data of the wrong type exists, both Kea and Tui refuse it.
 */
class KeaAcceptanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Universe.class)
    void everyStandardDefinitionIsAcceptedByKeaWithItsDeclaredType(Universe u) throws Exception {
        Path kea = Path.of(u == Universe.V4 ? "/usr/sbin/kea-dhcp4" : "/usr/sbin/kea-dhcp6");
        External.require(Files.isExecutable(kea), "Kea 2.2 (" + kea + ")");
        OptionRegistry reg = OptionRegistry.standard(u);
        List<OptionDefinition> defs = keaKnown(u);
        List<String> failures = new ArrayList<>();

        // 1. name + code + sample CSV data, and 2. Tui's bytes as hex: accepted one by one.
        for (OptionDefinition d : defs) {
            String sample = SampleData.sample(d);
            ObjectNode csv = entry(d, sample);
            csv.put("code", d.code());
            String err = keaCheck(kea, u, List.of(csv));
            if (err != null) {
                failures.add(d + " sample '" + sample + "': " + err);
                continue;
            }
            byte[] ours = reg.encodeOptionData(d.space(), d.name(), null, sample, null);
            ObjectNode hex = entry(d, HexFormat.of().formatHex(ours));
            hex.put("csv-format", false);
            err = keaCheck(kea, u, List.of(hex));
            if (err != null) {
                failures.add(d + " Tui bytes " + HexFormat.of().formatHex(ours) + ": " + err);
            }
            // 3. Data of the wrong type: refused by both.
            String bogus = SampleData.bogus(d);
            if (bogus != null) {
                if (keaCheck(kea, u, List.of(entry(d, bogus))) == null) {
                    failures.add(d + " Kea accepted bogus '" + bogus + "'");
                }
                assertThrows(OptionConfigException.class,
                        () -> reg.encodeOptionData(d.space(), d.name(), null, bogus, null), d + " bogus " + bogus);
            }
        }
        assertEquals(List.of(), failures);
    }

    private static List<OptionDefinition> keaKnown(Universe u) {
        List<OptionDefinition> out = new ArrayList<>();
        StandardOptionTables.tables(u).forEach((space, table) -> {
            for (StandardOptionTables.Row r : StandardOptionTables.parse(space, table)) {
                if (!r.replaceable() || r.definition().code() == 43) {
                    out.add(r.definition());
                }
            }
        });
        return out;
    }

    private static ObjectNode entry(OptionDefinition d, String data) {
        ObjectNode e = JSON.createObjectNode();
        e.put("name", d.name());
        e.put("space", d.space());
        e.put("data", data);
        return e;
    }

    /** Runs Kea's config check; null when accepted, else Kea's error line. */
    private String keaCheck(Path kea, Universe u, List<ObjectNode> optionData) throws IOException, InterruptedException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode server = root.putObject(u == Universe.V4 ? "Dhcp4" : "Dhcp6");
        ArrayNode od = server.putArray("option-data");
        optionData.forEach(od::add);
        ObjectNode db = server.putObject("lease-database");
        db.put("type", "memfile");
        db.put("persist", false);
        Path cfg = dir.resolve("kea.json");
        Files.writeString(cfg, JSON.writeValueAsString(root));
        Process p = new ProcessBuilder(kea.toString(), "-t", cfg.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timeout";
        }
        if (p.exitValue() == 0) {
            return null;
        }
        return out.lines().filter(l -> l.contains("rror")).findFirst().orElse(out);
    }
}
