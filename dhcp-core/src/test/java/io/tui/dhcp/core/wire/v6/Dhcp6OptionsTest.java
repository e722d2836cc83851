package io.tui.dhcp.core.wire.v6;

import static io.tui.dhcp.core.wire.v6.Hex.tlv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.wire.ParseException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The options container and the typed views, each against bytes written by hand from its RFC. */
class Dhcp6OptionsTest {
    private final Dhcp6Codec codec = new Dhcp6Codec();

    private static String payload(Dhcp6Option o) {
        ByteBuf b = Unpooled.buffer();
        Dhcp6Options.writeOption(b, o);
        return Hex.hex(Hex.toBytes(b));
    }

    private Dhcp6Option view(String optionHex) throws ParseException {
        Dhcp6Options o = codec.decode(Hex.bytes("01000001" + optionHex)).options();
        return Dhcp6OptionViews.decode((RawOption) o.at(0));
    }

    /** The view decoded from {@code hex} equals {@code expected}, and {@code expected} encodes to {@code hex}. */
    private void both(String hex, Dhcp6Option expected) throws ParseException {
        String clean = Hex.hex(Hex.bytes(hex));
        assertEquals(expected, view(clean));
        assertEquals(clean, payload(expected));
    }

    @Test
    void containerKeepsOrderAndDuplicates() throws ParseException {
        Dhcp6Options o = Dhcp6Options.of(IaNaOption.of(1, 0, 0), new ElapsedTimeOption(5), IaNaOption.of(2, 0, 0));
        assertEquals(List.of(1, 2), o.iaNa().stream().map(IaNaOption::iaid).toList());
        assertEquals(3, o.size());
        assertEquals(2, o.getAll(3).size());
        assertSame(o.at(0), o.get(3));
        o.set(new ElapsedTimeOption(7));
        assertEquals(7, o.get(8, ElapsedTimeOption.class).hundredths());
        assertEquals(1, o.getAll(8).size());
        assertEquals(2, o.remove(3));
        assertEquals(1, o.size());
        assertNull(o.get(3));
        assertEquals(0, o.remove(3));
        o.set(new RapidCommitOption());
        assertTrue(o.hasRapidCommit());
        assertEquals(List.of(8, 14), o.asList().stream().map(Dhcp6Option::code).toList());
        o.add(0, new PreferenceOption(1));
        assertEquals(7, o.at(0).code());
        assertThrows(UnsupportedOperationException.class, () -> o.asList().clear());
        assertThrows(IllegalArgumentException.class, () -> o.add(RawOption.of(0x10000)));
    }

    @Test
    void typedGetterRejectsTheWrongRecord() throws ParseException {
        Dhcp6Options o = Dhcp6Options.of(RawOption.of(3, new byte[12]));
        assertThrows(IllegalArgumentException.class, () -> o.get(3, IaPdOption.class));
        assertEquals(new IaNaOption(0, 0, 0, new Dhcp6Options()), o.get(3, IaNaOption.class));
        assertNull(o.get(25, IaPdOption.class));
        assertNull(o.clientId());
        assertTrue(o.iaPd().isEmpty());
    }

    @Test
    void rawAndTypedAreDifferentValuesWithTheSameBytes() {
        RawOption raw = RawOption.of(7, (byte) 9);
        PreferenceOption typed = new PreferenceOption(9);
        assertFalse(raw.equals(typed));
        assertEquals(raw, Dhcp6Options.toRaw(typed));
        assertEquals(raw.hashCode(), Dhcp6Options.toRaw(typed).hashCode());
    }

    @Test
    void duids() throws ParseException {
        both(tlv(1, "0001 0006 2a2b2c2d 0a0b0c0d0e0f"), new ClientIdOption(new Duid.Llt(6, 0x2a2b2c2dL, Octets.ofHex("0a0b0c0d0e0f"))));
        both(tlv(2, "0002 00000009 0c0400000000"), new ServerIdOption(new Duid.En(9, Octets.ofHex("0c0400000000"))));
        both(tlv(1, "0004 0123456789abcdef0011223344556677"),
                new ClientIdOption(new Duid.Uuid(UUID.fromString("01234567-89ab-cdef-0011-223344556677"))));
        assertEquals(Octets.ofHex("00020000000901"), new Duid.En(9, Octets.ofHex("01")).toOctets());
        assertEquals(new Duid.Ll(1, Octets.ofHex("aabbccddeeff")), Duid.parseHex("00:03:00:01:aa:bb:cc:dd:ee:ff"));
        assertThrows(IllegalArgumentException.class, () -> new Duid.Unknown(1, Octets.ofHex("00")));
        assertThrows(IllegalArgumentException.class, () -> new Duid.Ll(1, Octets.of(new byte[127])));
    }

    @Test
    void pdExcludePerRfc6603() throws ParseException {
        // delegated 2001:db8:8:400::/56, excluded 2001:db8:8:4a0::/60: the 4 bits after /56 are 1010
        IaPrefixOption delegated = IaPrefixOption.of(Ip6Address.parse("2001:db8:8:400::"), 56, 100, 200);
        PdExcludeOption ex = PdExcludeOption.of(delegated.prefix(), 56, Ip6Address.parse("2001:db8:8:4a0::"), 60);
        both(tlv(67, "3c a0"), ex);
        assertEquals(Ip6Address.parse("2001:db8:8:4a0::"), ex.excludedPrefix(delegated));
        // /48 to /64: two bytes of subnet id
        IaPrefixOption d48 = IaPrefixOption.of(Ip6Address.parse("2001:db8:8::"), 48, 1, 2);
        PdExcludeOption ex64 = (PdExcludeOption) view(tlv(67, "40 ff00"));
        assertEquals(Ip6Address.parse("2001:db8:8:ff00::"), ex64.excludedPrefix(d48));
        // the subnet id must fit the delegated prefix
        assertThrows(ParseException.class, () -> ex64.excludedPrefix(delegated));
        // nested in an IAPREFIX inside an IA_PD
        IaPdOption pd = IaPdOption.of(5, 10, 20, IaPrefixOption.of(Ip6Address.parse("2001:db8:8:400::"), 56, 100, 200, ex));
        both(tlv(25, "00000005 0000000a 00000014"
                + tlv(26, "00000064 000000c8 38 20010db8000804000000000000000000" + tlv(67, "3ca0"))), pd);
    }

    @Test
    void statusCodes() throws ParseException {
        both(tlv(13, "0006 6e6f207072656669786573"), StatusCodeOption.of(Dhcp6StatusCode.NO_PREFIX_AVAIL, "no prefixes"));
        both(tlv(13, "0004"), StatusCodeOption.of(Dhcp6StatusCode.NOT_ON_LINK));
        StatusCodeOption unknown = (StatusCodeOption) view(tlv(13, "0400"));
        assertNull(unknown.status());
        assertEquals(1024, unknown.statusCode());
        assertEquals(Dhcp6StatusCode.USE_MULTICAST, Dhcp6StatusCode.fromCode(5));
        assertEquals(Dhcp6StatusCode.NO_BINDING, Dhcp6StatusCode.fromCode(3));
        assertEquals(Dhcp6StatusCode.UNSPEC_FAIL, Dhcp6StatusCode.fromCode(1));
    }

    @Test
    void simpleOptions() throws ParseException {
        both(tlv(6, "0017 0018 0038"), OptionRequestOption.of(23, 24, 56));
        both(tlv(7, "0a"), new PreferenceOption(10));
        both(tlv(8, "ffff"), new ElapsedTimeOption(0xffff));
        both(tlv(12, "20010db8000000000000000000000001"), new ServerUnicastOption(Ip6Address.parse("2001:db8::1")));
        both(tlv(14, ""), new RapidCommitOption());
        both(tlv(15, "0003 616263 0000"), new UserClassOption(List.of(Octets.ofUtf8("abc"), Octets.EMPTY)));
        both(tlv(16, "0000a0b8 0002 4142"), new VendorClassOption(41144, List.of(Octets.ofUtf8("AB"))));
        both(tlv(17, "00000de9" + tlv(1, "0a0b") + tlv(2, "")),
                new VendorOptsOption(3561, Dhcp6Options.of(RawOption.of(1, (byte) 10, (byte) 11), RawOption.of(2))));
        both(tlv(18, "657468302e3130"), new InterfaceIdOption(Octets.ofUtf8("eth0.10")));
        both(tlv(19, "05"), new ReconfigureMessageOption(Dhcp6MessageType.RENEW.code()));
        both(tlv(20, ""), new ReconfigureAcceptOption());
        both(tlv(32, "00015180"), new InformationRefreshTimeOption(86400));
        both(tlv(37, "00000de9 0102"), new RemoteIdOption(3561, Octets.ofHex("0102")));
        both(tlv(38, "7375622d3432"), new SubscriberIdOption(Octets.ofUtf8("sub-42")));
        both(tlv(79, "0001 020000000002"), new ClientLinkLayerAddressOption(1, Octets.ofHex("020000000002")));
        both(tlv(82, "00000e10"), new SolMaxRtOption(3600));
        both(tlv(83, "ffffffff"), new InfMaxRtOption(0xFFFFFFFFL));
        both(tlv(4, "0000000a" + tlv(5, "20010db8000000000000000000000099 00000001 00000002")),
                IaTaOption.of(10, IaAddressOption.of(Ip6Address.parse("2001:db8::99"), 1, 2)));
    }

    @Test
    void clientFqdn() throws ParseException {
        both(tlv(39, "01 04686f7374076578616d706c6503636f6d00"), new ClientFqdnOption(ClientFqdnOption.FLAG_S, "host.example.com."));
        both(tlv(39, "05 04686f7374"), new ClientFqdnOption(ClientFqdnOption.FLAG_S | ClientFqdnOption.FLAG_N, "host"));
        both(tlv(39, "00"), new ClientFqdnOption(0, ""));
        ClientFqdnOption o = (ClientFqdnOption) view(tlv(39, "03 04686f7374"));
        assertTrue(o.s());
        assertTrue(o.o());
        assertFalse(o.n());
        assertFalse(o.isFullyQualified());
    }

    @Test
    void domainNamesWithUnusualBytes() throws ParseException {
        // a label holding a dot, a backslash and a space
        both(tlv(24, "05 612e625c20 03636f6d 00"), DomainListOption.of("a\\.b\\\\\\032.com"));
        both(tlv(24, "00"), DomainListOption.of("."));
        assertEquals(DomainListOption.of("example.com"), DomainListOption.of("example.com."));
        assertThrows(IllegalArgumentException.class, () -> DomainListOption.of("a..b"));
        assertThrows(IllegalArgumentException.class, () -> DomainListOption.of("a".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> DomainListOption.of("héllo"));
        assertThrows(IllegalArgumentException.class, () -> DomainListOption.of(""));
        assertEquals(255, DnsNameCodec.wireLength(("a".repeat(63) + ".").repeat(3) + "a".repeat(61) + "."));
        assertThrows(IllegalArgumentException.class,
                () -> DnsNameCodec.wireLength(("a".repeat(63) + ".").repeat(3) + "a".repeat(62) + "."));
    }

    @Test
    void ntpServer() throws ParseException {
        both(tlv(56, tlv(1, "20010db8000000000000000000000123")
                        + tlv(2, "ff050000000000000000000000000101")
                        + tlv(3, "036e7470076578616d706c65036f726700")
                        + tlv(9, "ab")),
                NtpServerOption.of(new NtpServerOption.ServerAddress(Ip6Address.parse("2001:db8::123")),
                        new NtpServerOption.MulticastAddress(Ip6Address.parse("ff05::101")),
                        new NtpServerOption.ServerFqdn("ntp.example.org"),
                        new NtpServerOption.Other(9, Octets.ofHex("ab"))));
    }

    @Test
    void ip6Addresses() {
        for (String s : new String[] {"::", "::1", "2001:db8::1", "fe80::ff:fe00:2", "2001:db8:0:1:1:1:1:1",
                "1::", "2001:db8::1:0:0:1", "ff02::1:2", "1:2:3:4:5:6:7:8"}) {
            assertEquals(s, Ip6Address.parse(s).toString());
            assertEquals(Ip6Address.parse(s), Ip6Address.of(Ip6Address.parse(s).toInetAddress().getAddress()));
        }
        assertEquals("::ffff:1.2.3.4", Ip6Address.parse("::ffff:1.2.3.4").toString());
        assertTrue(Ip6Address.parse("::ffff:1.2.3.4").toInetAddress() instanceof java.net.Inet6Address);
        assertTrue(Ip6Address.parse("2001:db8::1").compareTo(Ip6Address.parse("fe80::1")) < 0);
        assertEquals(0x2001, Ip6Address.parse("2001:db8::1").group(0));
    }

    @Test
    void messageTypes() {
        assertEquals(Dhcp6MessageType.ADDR_REG_REPLY, Dhcp6MessageType.fromCode(37));
        assertEquals(Dhcp6MessageType.DHCPV4_QUERY, Dhcp6MessageType.fromCode(20));
        assertEquals(Dhcp6MessageType.LEASEQUERY_REPLY, Dhcp6MessageType.fromCode(15));
        assertNull(Dhcp6MessageType.fromCode(0));
        assertNull(Dhcp6MessageType.fromCode(200));
        assertTrue(Dhcp6MessageType.RELAY_REPL.isRelay());
        assertFalse(Dhcp6MessageType.REPLY.isRelay());
        assertThrows(IllegalArgumentException.class, () -> new Dhcp6ClientMessage(12, 0, new Dhcp6Options()));
        assertThrows(IllegalArgumentException.class, () -> new Dhcp6ClientMessage(1, 1 << 24, new Dhcp6Options()));
    }
}
