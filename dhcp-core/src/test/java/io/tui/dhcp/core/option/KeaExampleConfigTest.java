package io.tui.dhcp.core.option;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code option-def} and {@code option-data} list in Kea's own example configurations
 * (/work/shared/kea-reference/examples, Kea 3.x, including all-options.json with an entry for every standard option)
 * is accepted; every resolved option of a known definition decodes back to text that encodes to the same bytes.
 */
class KeaExampleConfigTest {
    private static final Path EXAMPLES = Path.of("/work/shared/kea-reference/examples");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA).build();

    static Stream<Arguments> configs() throws Exception {
        if (!Files.isDirectory(EXAMPLES)) {
            return Stream.of(Arguments.of(Universe.V4, EXAMPLES.resolve("missing")));
        }
        List<Arguments> out = new ArrayList<>();
        for (String dir : List.of("kea4", "kea6")) {
            try (Stream<Path> files = Files.list(EXAMPLES.resolve(dir))) {
                files.filter(p -> p.toString().endsWith(".json")).sorted()
                        .forEach(p -> out.add(Arguments.of(dir.equals("kea4") ? Universe.V4 : Universe.V6, p)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("configs")
    void everyOptionListResolves(Universe u, Path file) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(file), "Kea examples not present");
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file).replaceAll("<\\?include[^>]*\\?>", "{}"));
        } catch (Exception e) {
            Assumptions.abort("not plain JSON with comments: " + e.getMessage());
            return;
        }
        JsonNode server = root.path(u == Universe.V4 ? "Dhcp4" : "Dhcp6");
        Assumptions.assumeFalse(server.isMissingNode(), "no server config");
        OptionRegistry base = OptionRegistry.standard(u).withCustomDefinitions(defs(u, server.path("option-def")));
        List<String> checked = new ArrayList<>();
        walk(u, base, server, server.path("option-def"), checked);
        if (file.getFileName().toString().equals("all-options.json")) {
            assertTrue(checked.size() > (u == Universe.V4 ? 100 : 70), "only " + checked.size() + " options");
        }
    }

    private void walk(Universe u, OptionRegistry reg, JsonNode node, JsonNode globalDefs, List<String> checked)
            throws Exception {
        if (node.isArray()) {
            for (JsonNode n : node) {
                walk(u, reg, n, globalDefs, checked);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        OptionRegistry here = reg;
        if (node.has("option-def") && node != globalDefs && node.has("name") && node.path("option-def").size() > 0) {
            // A client class with its own definitions.
            List<OptionDefinition> all = new ArrayList<>(reg.customDefinitions());
            all.addAll(defs(u, node.get("option-def")));
            here = OptionRegistry.standard(u).withCustomDefinitions(all);
        }
        if (node.has("option-data")) {
            List<OptionDataEntry> entries = new ArrayList<>();
            for (JsonNode e : node.get("option-data")) {
                entries.add(new OptionDataEntry(text(e, "name"), e.has("code") ? e.get("code").asLong() : null,
                        text(e, "space"), text(e, "data"), e.has("csv-format") ? e.get("csv-format").asBoolean() : null,
                        e.path("always-send").asBoolean(false), e.path("never-send").asBoolean(false)));
            }
            List<ResolvedOption> resolved = here.resolveAll(entries);
            for (int i = 0; i < resolved.size(); i++) {
                ResolvedOption r = resolved.get(i);
                checked.add(r.space() + "." + r.name());
                if (here.definition(r.space(), r.code()).isEmpty()) {
                    continue;
                }
                OptionValue v = here.decode(r.space(), r.code(), r.payload());
                if (Boolean.FALSE.equals(entries.get(i).csvFormat()) && v instanceof OptionValue.Raw) {
                    continue; // hex data need not be text (e.g. binary bytes in a string option)
                }
                assertFalse(v instanceof OptionValue.Raw, () -> r + " decodes as " + v);
                byte[] again = here.encodeOptionData(r.space(), null, r.code(), v.toKeaText(), null);
                if (v instanceof OptionValue.Typed t && !t.subOptions().isEmpty()) {
                    continue; // the payload also holds sub-options, which the text of the option itself does not
                }
                if (r.space().equals(u.topSpace()) && r.code() == (u == Universe.V4 ? 125 : 17)) {
                    continue; // vendor option: the payload carries the vendor block framing
                }
                assertArrayEquals(r.payload(), again, () -> r + " -> '" + v.toKeaText() + "'");
            }
        }
        var it = node.fields();
        while (it.hasNext()) {
            var f = it.next();
            if (!f.getKey().equals("option-data") && !f.getKey().equals("option-def")) {
                walk(u, here, f.getValue(), globalDefs, checked);
            }
        }
    }

    private static List<OptionDefinition> defs(Universe u, JsonNode list) throws OptionConfigException {
        List<OptionDefinition> out = new ArrayList<>();
        for (JsonNode d : list) {
            out.add(OptionDefinition.fromKea(u, d.get("name").asText(), d.get("code").asLong(), text(d, "space"),
                    d.get("type").asText(), d.path("array").asBoolean(false), text(d, "record-types"),
                    text(d, "encapsulate")));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        return n.has(field) && !n.get(field).isNull() ? n.get(field).asText() : null;
    }

    @org.junit.jupiter.api.Test
    void dnrExamplesEncodeAsRfc9463Says() throws Exception {
        OptionRegistry v6 = OptionRegistry.standard(Universe.V6);
        byte[] b = v6.encodeOptionData(null, "v6-dnr", null,
                "100, resolver.example., 2001:db8::1 2001:db8::2, alpn=dot\\,h2\\,h3 port=8530 dohpath=/dns-query{?dns}", null);
        String hex = "0064 0012 087265736f6c766572076578616d706c6500"
                + "0020 20010db8000000000000000000000001 20010db8000000000000000000000002"
                + "0001 000a 03646f74 026832 026833"
                + "0003 0002 2152"
                + "0007 0010 2f646e732d71756572797b3f646e737d";
        assertEquals(hex.replace(" ", ""), java.util.HexFormat.of().formatHex(b));
        assertEquals("100, resolver.example., 2001:db8::1 2001:db8::2, alpn=dot\\,h2\\,h3 port=8530 dohpath=/dns-query{?dns}",
                v6.decode("dhcp6", 144, b).toKeaText());

        OptionRegistry v4 = OptionRegistry.standard(Universe.V4);
        // ADN-only instance: instance length, priority, 1-byte ADN length, ADN.
        assertEquals("001c 0003 19 06666f6f657870087265736f6c766572076578616d706c6500".replace(" ", ""),
                java.util.HexFormat.of().formatHex(v4.encodeOptionData(null, "v4-dnr", null, "3, fooexp.resolver.example.", null)));
        byte[] two = v4.encodeOptionData(null, "v4-dnr", null,
                "2, resolver.example., 10.0.5.6, alpn=dot port=8530 | 3, fooexp.resolver.example.", null);
        String inst1 = "0002 12 087265736f6c766572076578616d706c6500 04 0a000506 0001 0004 03646f74 0003 0002 2152"
                .replace(" ", "");
        assertEquals(String.format("%04x", inst1.length() / 2) + inst1
                        + "001c0003190666 6f6f657870087265736f6c766572076578616d706c6500".replace(" ", ""),
                java.util.HexFormat.of().formatHex(two));
        assertEquals("2, resolver.example., 10.0.5.6, alpn=dot port=8530 | 3, fooexp.resolver.example.",
                v4.decode("dhcp4", 162, two).toKeaText());
    }
}
