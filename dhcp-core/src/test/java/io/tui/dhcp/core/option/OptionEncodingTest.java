package io.tui.dhcp.core.option;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kea CSV text to payload bytes, per type, against bytes written by hand from the RFCs. */
class OptionEncodingTest {
    private final OptionRegistry v4 = OptionRegistry.standard(Universe.V4);
    private final OptionRegistry v6 = OptionRegistry.standard(Universe.V6);

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    private byte[] enc4(String name, String data) throws OptionConfigException {
        return v4.encodeOptionData(null, name, null, data, null);
    }

    private byte[] enc6(String name, String data) throws OptionConfigException {
        return v6.encodeOptionData(null, name, null, data, null);
    }

    private String err4(String name, String data) {
        return assertThrows(OptionConfigException.class, () -> enc4(name, data)).getMessage();
    }

    @Test
    void ipv4AddressesAndArrays() throws Exception {
        // RFC 2132 3.3/3.5: a list of 4-byte addresses.
        assertArrayEquals(hex("c0000201 0a000001"), enc4("routers", "192.0.2.1, 10.0.0.1"));
        assertArrayEquals(hex("ffffff00"), enc4("subnet-mask", "255.255.255.0"));
        // Kea drops blank fields, so a trailing comma is harmless; an empty address list is allowed.
        assertArrayEquals(hex("c0000201"), enc4("routers", "192.0.2.1,"));
        assertArrayEquals(new byte[0], enc4("routers", ""));
        assertEquals("option-data 'routers': option data does not match option definition (space: dhcp4, code: 1): "
                + "Failed to convert string to address '1.2.3': Invalid argument", err4("subnet-mask", "1.2.3")
                .replace("'subnet-mask'", "'routers'"));
        assertTrue(err4("subnet-mask", "01.2.3.4").contains("Failed to convert string to address '01.2.3.4'"));
        assertTrue(err4("routers", "::1").contains("IPv6 address where an IPv4 address is expected"));
    }

    @Test
    void integers() throws Exception {
        assertArrayEquals(hex("ffffffff"), enc4("time-offset", "-1"));           // int32, RFC 2132 3.4
        assertArrayEquals(hex("fffe7960"), enc4("time-offset", "-100000"));
        assertArrayEquals(hex("00000e10"), enc4("dhcp-lease-time", "3600"));     // uint32
        assertArrayEquals(hex("ffffffff"), enc4("dhcp-lease-time", "4294967295"));
        assertArrayEquals(hex("05dc"), enc4("interface-mtu", "0x5dc"));          // hex
        assertArrayEquals(hex("40"), enc4("default-ip-ttl", "+64"));
        assertArrayEquals(hex("0044 0240"), enc4("path-mtu-plateau-table", "68, 576"));
        assertTrue(err4("default-ip-ttl", "256").endsWith(
                "unable to convert '256' to numeric type. This value is expected to be in the range of 0..255"));
        assertTrue(err4("default-ip-ttl", "-1").endsWith("in the range of 0..255"));
        assertTrue(err4("time-offset", "2147483648").endsWith("in the range of -2147483648..2147483647"));
        assertTrue(err4("dhcp-lease-time", "4294967296").endsWith("in the range of 0..4294967295"));
        assertTrue(err4("default-ip-ttl", "0x1G").endsWith("unable to convert the value '0x1G' to integer data type"));
        assertTrue(err4("default-ip-ttl", "0x").endsWith("unable to convert the value '0x' to integer data type"));
        assertTrue(err4("path-mtu-plateau-table", "1, ,2").endsWith("unable to convert the value '' to integer data type"));
        assertTrue(err4("dhcp-lease-time", "").endsWith("no option value specified"));
    }

    @ParameterizedTest
    @CsvSource({"true,01", "TRUE,01", "1,01", "false,00", "False,00", "0,00"})
    void booleans(String text, String bytes) throws Exception {
        assertArrayEquals(hex(bytes), enc4("ip-forwarding", text));
    }

    @Test
    void booleanErrors() {
        assertTrue(err4("ip-forwarding", "yes").endsWith("unable to convert the value 'yes' to boolean data type"));
        assertTrue(err4("ip-forwarding", "2").endsWith("unable to convert '2' to boolean data type"));
    }

    @Test
    void stringsKeepEscapedCommasAndTakeTheFirstField() throws Exception {
        assertArrayEquals("host1".getBytes(), enc4("host-name", "host1"));
        assertArrayEquals("a,b".getBytes(), enc4("host-name", "a\\,b"));
        assertArrayEquals("a\\b".getBytes(), enc4("host-name", "a\\\\b"));
        assertArrayEquals("first".getBytes(), enc4("host-name", "first,second"));
        assertTrue(err4("host-name", "").endsWith("no option value specified"));
    }

    @Test
    void fqdnInDnsWireFormat() throws Exception {
        // RFC 3397 / RFC 1035 3.1: length-prefixed labels ending with the root label; no compression in config.
        assertArrayEquals(hex("07 6578616d706c65 03 636f6d 00 03 666f6f 03 6f7267 00"),
                enc4("domain-search", "example.com, foo.org."));
        assertArrayEquals(hex("00"), enc6("aftr-name", "."));
        assertTrue(err4("domain-search", "a..b").endsWith("duplicate period in a..b"));
        assertTrue(err4("domain-search", "x".repeat(64) + ".com").contains("label too long"));
        assertTrue(err4("domain-search", ".a").endsWith("non terminating empty label in .a"));
        // Master-file escapes, as isc::dns::Name reads them: \. inside a label, \DDD a byte.
        assertArrayEquals(hex("03 612e62 01 63 00"), enc4("domain-search", "a\\.b.c"));
        assertArrayEquals(hex("03 614162 01 63 00"), enc4("domain-search", "a\\065b.c"));
        assertTrue(err4("domain-search", "a\\256b").contains("too large"));
        // The longest name: 255 bytes on the wire.
        String max = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
        assertEquals(255, enc4("v4-lost", max).length);
        assertTrue(err4("v4-lost", max + "d").contains("domain name too long"));
    }

    @Test
    void tuplesHaveOneByteLengthInV4AndTwoInV6() throws Exception {
        // RFC 5970 3.2 (OPT_BOOTFILE_PARAM): 2-byte length per parameter.
        assertArrayEquals(hex("0002 6162 0001 63"), enc6("bootfile-param", "ab, c"));
        // A tuple array in DHCPv4 (v4-sztp-redirect, RFC 8572): 1-byte length.
        assertArrayEquals(hex("02 6162 01 63"), enc4("v4-sztp-redirect", "ab, c"));
    }

    @Test
    void binaryFields() throws Exception {
        assertArrayEquals(hex("01 02 0a"), enc4("dhcp-client-identifier", "01020a"));
        assertArrayEquals(hex("01 02 0a 0b"), enc4("dhcp-client-identifier", "0102 0a0b"));
        assertTrue(err4("dhcp-client-identifier", "01:02").endsWith(
                "unable to cast 01:02 to binary data type: attempt to decode a value not in base16 char set"));
        assertTrue(err4("dhcp-client-identifier", "abc").endsWith(
                "unable to cast abc to binary data type: Incomplete input for base16: abc"));
    }

    @Test
    void records() throws Exception {
        // RFC 8415 21.13: status code (2) + UTF-8 message.
        assertArrayEquals(hex("0000 616c6c20676f6f64"), enc6("status-code", "0, all good"));
        // RFC 8415 21.22: preferred, valid, prefix length, 16-byte prefix.
        assertArrayEquals(hex("00000e10 00001c20 38 20010db8000100000000000000000000"),
                enc6("iaprefix", "3600, 7200, 56, 2001:db8:1::"));
        // RFC 4702 2: flags, rcode1, rcode2, domain name.
        assertArrayEquals(hex("05 00 00 04 686f7374 07 6578616d706c65 00"), enc4("fqdn", "5, 0, 0, host.example."));
        // RFC 5969 7.1.1: 6rd IPv4MaskLen, 6rdPrefixLen, 6rdPrefix, BR addresses (array of the last field).
        assertArrayEquals(hex("08 20 20010db8000000000000000000000000 c0000201 c0000202"),
                enc4("option-6rd", "8, 32, 2001:db8::, 192.0.2.1, 192.0.2.2"));
        assertTrue(err6("status-code", "0").endsWith(
                "number of data fields for the option type '13' is greater than number of values provided."));
        // Extra values beyond a non-array record are ignored, as in Kea.
        assertArrayEquals(hex("00 00 00"), enc4("client-ndi", "0, 0, 0, 9"));
    }

    private String err6(String name, String data) {
        return assertThrows(OptionConfigException.class, () -> enc6(name, data)).getMessage();
    }

    @Test
    void prefixesAndPsid() throws Exception {
        // RFC 7598 4.2 (S46_DMR): prefix length then ceil(len/8) bytes of prefix.
        assertArrayEquals(hex("20 20010db8"), v6.encodeOptionData("s46-cont-mapt-options", "s46-dmr", null, "2001:db8::/32", null));
        assertArrayEquals(hex("21 20010db8 80"),
                v6.encodeOptionData("s46-cont-mapt-options", "s46-dmr", null, "2001:db8:8000::/33", null));
        // Bits beyond the prefix length are cleared.
        assertArrayEquals(hex("21 20010db8 80"),
                v6.encodeOptionData("s46-cont-mapt-options", "s46-dmr", null, "2001:db8:ffff::/33", null));
        assertArrayEquals(hex("00"), v6.encodeOptionData("s46-cont-mapt-options", "s46-dmr", null, "::/0", null));
        // RFC 7598 4.5 (S46_PORTPARAMS): offset, PSID-len, PSID left-aligned in 16 bits.
        assertArrayEquals(hex("06 04 3000"), enc4("v4-portparams", "6, 3/4"));
        assertArrayEquals(hex("00 08 1200"), enc4("v4-portparams", "0, 0x12/8"));
        assertArrayEquals(hex("00 10 abcd"), enc4("v4-portparams", "0, 0xabcd/16"));
        assertArrayEquals(hex("00 00 0000"), enc4("v4-portparams", "0, 1/0"));
        assertTrue(err4("v4-portparams", "0, 1/17").endsWith("invalid value 17 of PSID length"));
        assertTrue(err4("v4-portparams", "0, 300/8").endsWith("invalid PSID value 300 for a specified PSID length 8"));
        assertTrue(err4("v4-portparams", "0, 1").endsWith("provided PSID value 1 is not valid"));
        assertTrue(assertThrows(OptionConfigException.class, () -> v6.encodeOptionData("s46-cont-mapt-options",
                "s46-dmr", null, "2001:db8::", null)).getMessage().endsWith("provided address/prefix 2001:db8:: is not valid."));
    }

    @Test
    void ipv6Addresses() throws Exception {
        assertArrayEquals(hex("20010db8000000000000000000000001 20010db8000000000000000000000002"),
                enc6("dns-servers", "2001:db8::1, 2001:db8::2"));
        assertArrayEquals(hex("00000000000000000000ffffc0000201"), enc6("unicast", "::ffff:192.0.2.1"));
        assertArrayEquals(hex("fe800000000000000000000000000001"), enc6("unicast", "fe80::1%eth0"));
        assertTrue(err6("unicast", "192.0.2.1").contains("IPv4 address where an IPv6 address is expected"));
        assertTrue(err6("unicast", "2001:db8:::1").contains("Failed to convert string to address"));
    }

    @Test
    void emptyTypeTakesNoData() throws Exception {
        assertArrayEquals(new byte[0], enc6("rapid-commit", ""));
        assertArrayEquals(new byte[0], enc4("vendor-encapsulated-options", null));
        assertTrue(err4("vendor-encapsulated-options", "01").contains("takes no data"));
    }

    @Test
    void classlessStaticRoutesInKea3Form() throws Exception {
        // RFC 3442: width, significant octets of the destination, router.
        assertArrayEquals(hex("19 0ae50080 0ae50001  00 0a000001  18 0a1b81 0ae50001"),
                enc4("classless-static-route", "10.229.0.128/25 - 10.229.0.1, 0.0.0.0/0 - 10.0.0.1, 10.27.129.0/24 - 10.229.0.1"));
    }

    @Test
    void vendorOptionsAsDefinedByKea() throws Exception {
        assertArrayEquals(hex("0000118b"), enc6("vendor-opts", "4491"));
        // RFC 3925 vivco: enterprise number then the data-len-prefixed class data (Kea's record uint32,binary).
        assertArrayEquals(hex("0000118b 03616263"), enc4("vivco-suboptions", "4491, 03616263"));
    }
}
