package io.tui.dhcp.core.wire.v6;

import static io.tui.dhcp.core.wire.v6.Hex.ascii;
import static io.tui.dhcp.core.wire.v6.Hex.tlv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.wire.ParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages written by hand from the RFC 8415 layouts: decode to fields, re-encode to the same bytes. */
class Dhcp6CodecTest {
    private final Dhcp6Codec codec = new Dhcp6Codec();

    static final String SOLICIT = """
            01 123456                          # SOLICIT, transaction id 0x123456
            0001 000e                          # client id, 14 bytes
               0001 0001 1c39cf88 080027fe8f95 #   DUID-LLT, ethernet, time, MAC
            0008 0002 0000                     # elapsed time 0
            0006 0004 0017 0018                # ORO: DNS servers, domain list
            0003 000c                          # IA_NA, 12 bytes
               27fe8f95 00000e10 00001518      #   IAID, T1 3600, T2 5400
            0019 0029                          # IA_PD, 41 bytes
               00000001 00000000 00000000      #   IAID 1, T1 0, T2 0
               001a 0019                       #   IAPREFIX, 25 bytes
                  00001c20 00001d4c 38         #     preferred 7200, valid 7500, /56
                  20010db8000000000000000000000000
            000e 0000                          # rapid commit
            """;

    static final String REPLY = """
            07 abcdef                          # REPLY
            0002 000a 0002 000009bf 6578616d   # server id: DUID-EN, enterprise 2495, "exam"
            0001 000a 0003 0001 001122334455   # client id: DUID-LL, ethernet
            0003 0035                          # IA_NA, 53 bytes
               00000001 00000708 00000b40      #   IAID 1, T1 1800, T2 2880
               0005 0025                       #   IAADDR, 37 bytes
                  20010db8000100000000000000000010
                  00000e10 00001c20            #     preferred 3600, valid 7200
                  000d 0009 0000 73756363657373 #    status Success "success"
            0003 001e                          # IA_NA, 30 bytes
               00000002 00000000 00000000
               000d 000e 0002 6e6f20616464726573736573 # status NoAddrsAvail "no addresses"
            000d 0009 0000 4772c3bcc39f65      # status Success "Grüße" (UTF-8)
            0017 0020                          # DNS servers
               20014860486000000000000000008888
               20014860486000000000000000008844
            0018 001e                          # domain list
               076578616d706c6503636f6d00      #   example.com
               036c6162076578616d706c65036f726700 # lab.example.org
            0007 0001 ff                       # preference 255
            """;

    static String relayForwardedThreeDeep() {
        String solicit = "01000001"
                + tlv(1, "0003 0001 001122334455")
                + tlv(8, "0064");
        String inner = "0c 00"
                + "20010db8000100000000000000000001"      // link 2001:db8:1::1
                + "fe800000000000000000000000000001"      // peer fe80::1
                + tlv(9, solicit)
                + tlv(79, "0001 001122334455");           // client link-layer address
        String middle = "0c 01"
                + "20010db8000200000000000000000001"
                + "fe800000000000000000000000000002"
                + tlv(37, "00000de9 010203040506")       // remote-id, enterprise 3561
                + tlv(9, inner)
                + tlv(18, ascii("port7"));                // interface-id after the relay message
        return "0c 02"
                + "20010db8ffff00000000000000000001"
                + "fe800000000000000000000000000003"
                + tlv(18, ascii("eth2"))
                + tlv(9, middle);
    }

    private byte[] roundTrip(byte[] wire, Dhcp6Message m) {
        ByteBuf out = Unpooled.buffer();
        codec.encode(m, out);
        byte[] again = Hex.toBytes(out);
        assertEquals(Hex.hex(wire), Hex.hex(again));
        return again;
    }

    @Test
    void solicitWithIaNaAndIaPd() throws ParseException {
        byte[] wire = Hex.bytes(SOLICIT);
        ByteBuf in = Hex.buf(wire);
        Dhcp6Message m = codec.decode(in);
        assertEquals(0, in.readableBytes(), "decode consumes the datagram");
        Dhcp6ClientMessage c = assertInstanceOf(Dhcp6ClientMessage.class, m);
        assertEquals(Dhcp6MessageType.SOLICIT, c.type());
        assertEquals(0x123456, c.transactionId());
        assertSame(c, m.innermost());
        assertTrue(m.relayLayers().isEmpty());

        Duid.Llt duid = assertInstanceOf(Duid.Llt.class, c.options().clientId());
        assertEquals(1, duid.hardwareType());
        assertEquals(0x1c39cf88L, duid.time());
        assertEquals(Octets.ofHex("08:00:27:fe:8f:95"), duid.linkLayerAddress());
        assertEquals(Octets.ofHex("000100011c39cf88080027fe8f95"), duid.toOctets());

        assertEquals(0, c.options().get(8, ElapsedTimeOption.class).hundredths());
        OptionRequestOption oro = c.options().optionRequest();
        assertArrayEquals(new int[] {23, 24}, oro.codes());
        assertTrue(oro.requests(24));
        assertFalse(oro.requests(56));

        List<IaNaOption> na = c.options().iaNa();
        assertEquals(1, na.size());
        assertEquals(0x27fe8f95, na.get(0).iaid());
        assertEquals(3600, na.get(0).t1());
        assertEquals(5400, na.get(0).t2());
        assertTrue(na.get(0).options().isEmpty());

        IaPdOption pd = c.options().iaPd().get(0);
        assertEquals(1, pd.iaid());
        IaPrefixOption hint = pd.options().prefixes().get(0);
        assertEquals(56, hint.prefixLength());
        assertEquals(Ip6Address.parse("2001:db8::"), hint.prefix());
        assertEquals(7200, hint.preferredLifetime());
        assertEquals(7500, hint.validLifetime());
        assertTrue(c.options().hasRapidCommit());
        assertEquals(List.of(1, 8, 6, 3, 25, 14), c.options().asList().stream().map(Dhcp6Option::code).toList());

        roundTrip(wire, m);
    }

    @Test
    void replyWithStatusCodes() throws ParseException {
        byte[] wire = Hex.bytes(REPLY);
        Dhcp6ClientMessage c = (Dhcp6ClientMessage) codec.decode(Hex.buf(wire));
        assertEquals(Dhcp6MessageType.REPLY, c.type());
        assertEquals(0xabcdef, c.transactionId());
        assertEquals(new Duid.En(2495, Octets.ofUtf8("exam")), c.options().serverId());
        assertEquals(new Duid.Ll(1, Octets.ofHex("001122334455")), c.options().clientId());

        List<IaNaOption> na = c.options().iaNa();
        assertEquals(2, na.size());
        IaAddressOption addr = na.get(0).options().addresses().get(0);
        assertEquals(Ip6Address.parse("2001:db8:1::10"), addr.address());
        assertEquals(3600, addr.preferredLifetime());
        assertEquals(7200, addr.validLifetime());
        assertEquals(Dhcp6StatusCode.SUCCESS, addr.options().statusCode().status());
        assertEquals("success", addr.options().statusCode().message());
        StatusCodeOption noAddrs = na.get(1).options().statusCode();
        assertEquals(Dhcp6StatusCode.NO_ADDRS_AVAIL, noAddrs.status());
        assertEquals("no addresses", noAddrs.message());
        assertEquals("Grüße", c.options().statusCode().message());
        assertEquals(List.of(Ip6Address.parse("2001:4860:4860::8888"), Ip6Address.parse("2001:4860:4860::8844")),
                c.options().get(23, DnsServersOption.class).servers());
        assertEquals(List.of("example.com", "lab.example.org"), c.options().get(24, DomainListOption.class).domains());
        assertEquals(255, c.options().get(7, PreferenceOption.class).preference());
        roundTrip(wire, c);
    }

    @Test
    void replyBuiltWithWritersMatchesHandWrittenBytes() {
        Dhcp6ClientMessage reply = Dhcp6ClientMessage.of(Dhcp6MessageType.REPLY, 0xabcdef,
                new ServerIdOption(new Duid.En(2495, Octets.ofUtf8("exam"))),
                new ClientIdOption(new Duid.Ll(1, Octets.ofHex("001122334455"))),
                IaNaOption.of(1, 1800, 2880,
                        IaAddressOption.of(Ip6Address.parse("2001:db8:1::10"), 3600, 7200,
                                StatusCodeOption.of(Dhcp6StatusCode.SUCCESS, "success"))),
                IaNaOption.of(2, 0, 0, StatusCodeOption.of(Dhcp6StatusCode.NO_ADDRS_AVAIL, "no addresses")),
                StatusCodeOption.of(Dhcp6StatusCode.SUCCESS, "Grüße"),
                DnsServersOption.of(Ip6Address.parse("2001:4860:4860::8888"), Ip6Address.parse("2001:4860:4860::8844")),
                DomainListOption.of("example.com", "lab.example.org."),
                new PreferenceOption(255));
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        try {
            out.writeByte(0x99); // the encoder appends after what is already there
            codec.encode(reply, out);
            out.skipBytes(1);
            assertEquals(Hex.hex(Hex.bytes(REPLY)), Hex.hex(Hex.toBytes(out)));
        } finally {
            out.release();
        }
    }

    @Test
    void relayForwardThreeDeep() throws ParseException {
        byte[] wire = Hex.bytes(relayForwardedThreeDeep());
        Dhcp6Message m = codec.decode(Hex.buf(wire));
        List<Dhcp6RelayMessage> layers = m.relayLayers();
        assertEquals(3, layers.size());
        assertSame(m, layers.get(0));
        assertEquals(List.of(2, 1, 0), layers.stream().map(Dhcp6RelayMessage::hopCount).toList());
        assertEquals(List.of(Ip6Address.parse("2001:db8:ffff::1"), Ip6Address.parse("2001:db8:2::1"),
                Ip6Address.parse("2001:db8:1::1")), layers.stream().map(Dhcp6RelayMessage::linkAddress).toList());
        assertEquals(Ip6Address.parse("fe80::3"), layers.get(0).peerAddress());
        assertEquals(Ip6Address.parse("fe80::1"), layers.get(2).peerAddress());
        for (Dhcp6RelayMessage l : layers) {
            assertEquals(Dhcp6MessageType.RELAY_FORW, l.type());
        }
        assertEquals(Octets.ofUtf8("eth2"), layers.get(0).interfaceId());
        assertEquals(Octets.ofUtf8("port7"), layers.get(1).interfaceId());
        assertNull(layers.get(2).interfaceId());
        RemoteIdOption rid = layers.get(1).options().get(37, RemoteIdOption.class);
        assertEquals(3561, rid.enterpriseNumber());
        assertEquals(Octets.ofHex("010203040506"), rid.remoteId());
        ClientLinkLayerAddressOption lla = layers.get(2).options().get(79, ClientLinkLayerAddressOption.class);
        assertEquals(1, lla.linkLayerType());
        assertEquals(Octets.ofHex("001122334455"), lla.address());
        // the relay message option sits between remote-id and interface-id in the middle layer
        assertEquals(List.of(37, 9, 18), layers.get(1).options().asList().stream().map(Dhcp6Option::code).toList());

        Dhcp6ClientMessage solicit = m.innermost();
        assertEquals(Dhcp6MessageType.SOLICIT, solicit.type());
        assertEquals(1, solicit.transactionId());
        assertEquals(100, solicit.options().get(8, ElapsedTimeOption.class).hundredths());
        roundTrip(wire, m);
    }

    @Test
    void relayReplyEchoesInterfaceIds() throws ParseException {
        Dhcp6Message forw = codec.decode(Hex.bytes(relayForwardedThreeDeep()));
        Dhcp6ClientMessage advertise = Dhcp6ClientMessage.of(Dhcp6MessageType.ADVERTISE, 1,
                new ServerIdOption(new Duid.Ll(1, Octets.ofHex("020000000001"))));
        Dhcp6Message repl = Dhcp6Relays.wrapReply(forw, advertise);
        ByteBuf out = Unpooled.buffer();
        codec.encode(repl, out);
        String expectedAdvertise = "02000001" + tlv(2, "0003 0001 020000000001");
        String inner = "0d 00 20010db8000100000000000000000001 fe800000000000000000000000000001"
                + tlv(9, expectedAdvertise);
        String middle = "0d 01 20010db8000200000000000000000001 fe800000000000000000000000000002"
                + tlv(18, ascii("port7")) + tlv(9, inner);
        String outer = "0d 02 20010db8ffff00000000000000000001 fe800000000000000000000000000003"
                + tlv(18, ascii("eth2")) + tlv(9, middle);
        assertEquals(Hex.hex(Hex.bytes(outer)), Hex.hex(Hex.toBytes(out)));
        Dhcp6Message back = codec.decode(out);
        assertEquals(Dhcp6MessageType.RELAY_REPL, back.type());
        assertEquals(advertise.transactionId(), back.innermost().transactionId());
        assertEquals(3, back.relayLayers().size());
    }

    @Test
    void unknownOptionsAndTypesAreKeptRaw() throws ParseException {
        byte[] wire = Hex.bytes("63 000102" + tlv(0xfffe, "deadbeef") + tlv(200, "") + tlv(1, "00ff 01"));
        Dhcp6ClientMessage c = (Dhcp6ClientMessage) codec.decode(wire);
        assertNull(c.type());
        assertEquals(0x63, c.typeCode());
        RawOption unknown = assertInstanceOf(RawOption.class, c.options().get(0xfffe));
        assertEquals(Octets.ofHex("deadbeef"), unknown.octets());
        assertEquals(RawOption.of(0xfffe, Hex.bytes("deadbeef")), unknown);
        assertEquals(new Duid.Unknown(0xff, Octets.ofHex("01")), c.options().clientId());
        roundTrip(wire, c);
    }

    @Test
    void encodeLeavesBufferUntouchedOnFailure() {
        Dhcp6Options o = new Dhcp6Options();
        Dhcp6RelayMessage noInner = new Dhcp6RelayMessage(12, 0, Ip6Address.UNSPECIFIED, Ip6Address.UNSPECIFIED, o);
        ByteBuf out = Unpooled.buffer();
        out.writeByte(7);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> codec.encode(noInner, out));
        assertEquals(1, out.writerIndex());
    }
}
