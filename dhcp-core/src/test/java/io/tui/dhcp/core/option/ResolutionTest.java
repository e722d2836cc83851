package io.tui.dhcp.core.option;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code option-data} resolution: lookup rules, error texts and sub-option packing. */
class ResolutionTest {
    private final OptionRegistry v4 = OptionRegistry.standard(Universe.V4);
    private final OptionRegistry v6 = OptionRegistry.standard(Universe.V6);

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    private static OptionDataEntry e(String space, String name, Long code, String data, Boolean csv) {
        return new OptionDataEntry(name, code, space, data, csv, false, false);
    }

    private String err(OptionRegistry r, OptionDataEntry entry) {
        return assertThrows(OptionConfigException.class, () -> r.resolve(entry)).getMessage();
    }

    @Test
    void lookupByNameOrCodeAndErrorsAsKea() throws Exception {
        ResolvedOption r = v4.resolve(new OptionDataEntry("routers", 3L, "dhcp4", "192.0.2.1", null, true, false));
        assertEquals("routers", r.name());
        assertEquals(3, r.code());
        assertEquals("dhcp4", r.space());
        assertTrue(r.alwaysSend());
        assertArrayEquals(hex("c0000201"), r.payload());
        assertEquals("routers", v4.resolve(e(null, null, 3L, "192.0.2.1", null)).name());

        assertEquals("option-data 'dhcp4.routers' (code 4): specified option name 'routers' does not match the option "
                + "definition: 'dhcp4.time-servers'", err(v4, e("dhcp4", "routers", 4L, "1.2.3.4", null)));
        assertEquals("option-data 'nosuch': definition for the option 'dhcp4.nosuch' having code '0' does not exist",
                err(v4, e(null, "nosuch", null, "1", null)));
        assertEquals("option-data 'nosuch': definition for the option 'dhcp4.nosuch' does not exist",
                err(v4, e(null, "nosuch", null, "01", false)));
        assertEquals("option-data '' (code 222): definition for the option 'dhcp4.' having code '222' does not exist",
                err(v4, e(null, null, 222L, "0a0b", null)));
        assertEquals("option-data 'dhcp4.': option data configuration requires one of 'code' or 'name' parameters to be specified",
                err(v4, e("dhcp4", null, null, "::1", null)));
        assertEquals("option-data '' (code 0): invalid option code '0': reserved for PAD", err(v4, e(null, null, 0L, "01", false)));
        assertEquals("option-data '' (code 255): invalid option code '255': reserved for END", err(v4, e(null, null, 255L, "01", false)));
        assertEquals("option-data '' (code 256): invalid option code '256', it must not be greater than '255'",
                err(v4, e(null, null, 256L, "01", false)));
        assertEquals("option-data 'foo.routers': definition for the option 'foo.routers' having code '0' does not exist",
                err(v4, e("foo", "routers", null, "1.1.1.1", null)));
        // A name with a code that has no definition: Kea ignores the name and needs hex.
        assertArrayEquals(hex("01"), v4.resolve(e(null, "routers", 222L, "01", false)).payload());
        // Options of any space without a definition, as hex.
        assertArrayEquals(hex("01"), v4.resolve(e("agents", null, 5L, "01", false)).payload());
        assertEquals("option-data 'subnet-mask': option data does not match option definition (space: dhcp4, code: 1): "
                + "no option value specified", err(v4, e(null, "subnet-mask", null, null, null)));
    }

    @Test
    void option43CarriesItsSubOptionsInCodeOrder() throws Exception {
        OptionRegistry r = v4.withCustomDefinitions(List.of(
                OptionDefinition.fromKea(Universe.V4, "srv", 2, "vendor-encapsulated-options-space", "ipv4-address", false, null, null),
                OptionDefinition.fromKea(Universe.V4, "name", 1, "vendor-encapsulated-options-space", "string", false, null, null)));
        List<ResolvedOption> out = r.resolveAll(List.of(
                e(null, "vendor-encapsulated-options", null, null, null),
                e("vendor-encapsulated-options-space", "srv", null, "192.0.2.1", null),
                e("vendor-encapsulated-options-space", "name", null, "ab", null)));
        assertEquals(3, out.size());
        // sub-option 1 (name) before sub-option 2 (srv), although configured after it.
        assertArrayEquals(hex("01 02 6162  02 04 c0000201"), out.get(0).payload());
        assertEquals("vendor-encapsulated-options-space", out.get(1).space());
        assertArrayEquals(hex("c0000201"), out.get(1).payload());
    }

    @Test
    void customSpaceEncapsulatedByCustomOption() throws Exception {
        OptionRegistry r = v4.withCustomDefinitions(List.of(
                OptionDefinition.fromKea(Universe.V4, "container", 222, null, "uint8", false, null, "my-space"),
                OptionDefinition.fromKea(Universe.V4, "leaf", 1, "my-space", "uint16", false, null, null)));
        List<ResolvedOption> out = r.resolveAll(List.of(
                e(null, "container", null, "5", null),
                e("my-space", "leaf", null, "0x0102", null),
                e("my-space", null, 9L, "ff", false)));
        assertArrayEquals(hex("05  01 02 0102  09 01 ff"), out.getFirst().payload());
        // Decoding gives the sub-options back.
        OptionValue.Typed t = (OptionValue.Typed) r.decode("dhcp4", 222, out.getFirst().payload());
        assertEquals("258", t.subOptions().get(0).toKeaText());
        assertEquals("ff", t.subOptions().get(1).toKeaText());
    }

    @Test
    void selfEncapsulationIsRefused() throws Exception {
        OptionRegistry r = v4.withCustomDefinitions(List.of(
                OptionDefinition.fromKea(Universe.V4, "loop", 1, "a", "empty", false, null, "a"),
                OptionDefinition.fromKea(Universe.V4, "top", 222, null, "empty", false, null, "a")));
        OptionConfigException x = assertThrows(OptionConfigException.class,
                () -> r.resolveAll(List.of(e(null, "top", null, null, null), e("a", "loop", null, null, null))));
        assertTrue(x.getMessage().contains("encapsulated within itself"), x.getMessage());
    }

    @Test
    void v4SubOptionLongerThan255IsRefused() throws Exception {
        OptionRegistry r = v4.withCustomDefinitions(List.of(
                OptionDefinition.fromKea(Universe.V4, "big", 1, "vendor-encapsulated-options-space", "string", false, null, null)));
        OptionConfigException x = assertThrows(OptionConfigException.class, () -> r.resolveAll(List.of(
                e(null, "vendor-encapsulated-options", null, null, null),
                e("vendor-encapsulated-options-space", "big", null, "x".repeat(256), null))));
        assertTrue(x.getMessage().contains("more than the 255"), x.getMessage());
    }

    @Test
    void v4VendorOptionCarriesVendorSpaceOptions() throws Exception {
        // RFC 3925 4: enterprise number, data-len, then the vendor's sub-options.
        List<ResolvedOption> out = v4.resolveAll(List.of(
                e(null, "vivso-suboptions", null, "4491", null),
                e("vendor-4491", "tftp-servers", null, "192.0.2.1", null),
                e("vendor-4491", "oro", null, "1, 2", null)));
        assertArrayEquals(hex("0000118b 0a  01 02 0102  02 04 c0000201"), out.getFirst().payload());
        // Without sub-options the block still has its data-len byte.
        assertArrayEquals(hex("0000118b 00"), v4.resolveAll(List.of(e(null, "vivso-suboptions", null, "4491", null)))
                .getFirst().payload());
        assertArrayEquals(hex("0000118b 06 02 04 c0000201"), v4.vendorOptionPayload(4491,
                List.of(v4.resolve(e("vendor-4491", "tftp-servers", null, "192.0.2.1", null)))));
    }

    @Test
    void v6VendorOptionAndS46Containers() throws Exception {
        // RFC 8415 21.17: enterprise number then options with 2-byte code and length.
        List<ResolvedOption> out = v6.resolveAll(List.of(
                e(null, "vendor-opts", null, "4491", null),
                e("vendor-4491", "config-file", null, "abc", null)));
        assertArrayEquals(hex("0000118b 0021 0003 616263"), out.getFirst().payload());

        // RFC 7598: S46_CONT_MAPE holding S46_RULE (with S46_PORTPARAMS inside) and S46_BR.
        List<ResolvedOption> mape = v6.resolveAll(List.of(
                e(null, "s46-cont-mape", null, null, null),
                e("s46-cont-mape-options", "s46-br", null, "2001:db8::1", null),
                e("s46-cont-mape-options", "s46-rule", null, "1, 16, 24, 192.0.2.0, 2001:db8::/32", null),
                e("s46-rule-options", "s46-portparams", null, "6, 3/4", null)));
        assertArrayEquals(hex("0059 0014 01 10 18 c0000200 20 20010db8 005d 0004 06 04 3000"
                + "005a 0010 20010db8000000000000000000000001"), mape.getFirst().payload());
    }

    @Test
    void errorsCarryTheIndexOfTheEntry() {
        OptionConfigException x = assertThrows(OptionConfigException.class, () -> v4.resolveAll(List.of(
                e(null, "routers", null, "192.0.2.1", null),
                e(null, "subnet-mask", null, "bogus", null))));
        assertEquals(1, x.entryIndex());
        assertTrue(x.getMessage().startsWith("option-data 'subnet-mask': "), x.getMessage());
        x = assertThrows(OptionConfigException.class, () -> v4.resolve(e(null, "subnet-mask", null, "bogus", null)));
        assertEquals(-1, x.entryIndex());
    }

    @Test
    void payloadGoesIntoAByteBufAndDecodesFromOne() throws Exception {
        io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.buffer();
        try {
            buf.writeByte(3);
            v4.resolve(e(null, "routers", null, "192.0.2.1, 192.0.2.2", null)).writePayload(buf);
            assertEquals(9, buf.readableBytes());
            buf.skipBytes(1);
            assertEquals("192.0.2.1, 192.0.2.2", v4.decode("dhcp4", 3, buf).toKeaText());
            assertEquals(8, buf.readableBytes());
        } finally {
            buf.release();
        }
    }

    @Test
    void resolvedOptionIsImmutable() throws Exception {
        ResolvedOption r = v4.resolve(e(null, "routers", null, "192.0.2.1", null));
        r.payload()[0] = 0;
        assertArrayEquals(hex("c0000201"), r.payload());
        assertEquals(r, v4.resolve(e(null, "routers", null, "192.0.2.1", null)));
    }
}
