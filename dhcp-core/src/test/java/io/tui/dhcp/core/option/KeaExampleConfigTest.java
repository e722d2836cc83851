package io.tui.dhcp.core.option;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.OptionData;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.testing.External;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code option-data} entry of Kea's own example configurations (shared/kea-reference/examples, Kea 3.x,
 * including all-options.json with an entry for every standard option), loaded the way the servers load them
 * (through {@link ConfigLoader}), resolves; every resolved option of a known definition decodes back to text that
 * encodes to the same bytes.
 */
class KeaExampleConfigTest {
    static Stream<Path> configs() throws Exception {
        Path examples = External.keaExamples();
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("kea4", "kea6")) {
            try (Stream<Path> files = Files.list(examples.resolve(dir))) {
                files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(out::add);
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyOptionRoundTripsThroughItsText(Path file) throws Exception {
        Family family = file.getParent().getFileName().toString().equals("kea4") ? Family.V4 : Family.V6;
        Universe u = family == Family.V4 ? Universe.V4 : Universe.V6;
        ServerConfig config = new ConfigLoader(family, m -> { }).loadFile(file);
        OptionRegistry registry = config.optionRegistry();
        List<OptionData> options = new ArrayList<>();
        collect(config, options);
        for (OptionData o : options) {
            ResolvedOption r = o.resolved();
            if (registry.definition(r.space(), r.code()).isEmpty()) {
                continue; // defined only inside a client class
            }
            OptionValue v = registry.decode(r.space(), r.code(), r.payload());
            if (!o.csvFormat() && v instanceof OptionValue.Raw) {
                continue; // hex data need not be text (e.g. binary bytes in a string option)
            }
            assertFalse(v instanceof OptionValue.Raw, () -> r + " decodes as " + v);
            if (v instanceof OptionValue.Typed t && !t.subOptions().isEmpty()) {
                continue; // the payload also holds sub-options, which the text of the option itself does not
            }
            if (r.space().equals(u.topSpace()) && r.code() == (u == Universe.V4 ? 125 : 17)) {
                continue; // vendor option: the payload carries the vendor block framing
            }
            byte[] again = registry.encodeOptionData(r.space(), null, r.code(), v.toKeaText(), null);
            assertArrayEquals(r.payload(), again, () -> r + " -> '" + v.toKeaText() + "'");
        }
        if (file.getFileName().toString().equals("all-options.json")) {
            assertTrue(options.size() > (u == Universe.V4 ? 100 : 70), "only " + options.size() + " options");
        }
    }

    /** Every {@link OptionData} reachable from the snapshot, at any level (global, class, network, pool, host). */
    private static void collect(Object node, List<OptionData> out) throws ReflectiveOperationException {
        switch (node) {
            case null -> { }
            case OptionData o -> out.add(o);
            case Record r -> {
                for (RecordComponent c : r.getClass().getRecordComponents()) {
                    collect(c.getAccessor().invoke(r), out);
                }
            }
            case Iterable<?> it -> {
                for (Object o : it) {
                    collect(o, out);
                }
            }
            case Map<?, ?> m -> {
                for (Object o : m.values()) {
                    collect(o, out);
                }
            }
            case Optional<?> o -> collect(o.orElse(null), out);
            default -> { }
        }
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
