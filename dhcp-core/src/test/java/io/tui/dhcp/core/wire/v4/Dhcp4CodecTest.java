package io.tui.dhcp.core.wire.v4;

import static io.tui.dhcp.core.wire.v4.WireBytes.COOKIE;
import static io.tui.dhcp.core.wire.v4.WireBytes.ascii;
import static io.tui.dhcp.core.wire.v4.WireBytes.buf;
import static io.tui.dhcp.core.wire.v4.WireBytes.field;
import static io.tui.dhcp.core.wire.v4.WireBytes.header;
import static io.tui.dhcp.core.wire.v4.WireBytes.hex;
import static io.tui.dhcp.core.wire.v4.WireBytes.hexOf;
import static io.tui.dhcp.core.wire.v4.WireBytes.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.wire.ParseException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Dhcp4CodecTest {
    private final Dhcp4Codec codec = new Dhcp4Codec();

    static final String CHADDR = "000c29a1b2c3" + zeros(10);

    /** A broadcast DHCPDISCOVER laid out per RFC 2131 figure 1, padded after END to 300 bytes as dhclient does. */
    static final String DISCOVER = header("01010600", "3903f326", "00008000", "00000000", "00000000", "00000000",
            "00000000", CHADDR, zeros(64), zeros(128))
            + COOKIE
            + "350101"                     // 53 DHCPDISCOVER
            + "3d0701000c29a1b2c3"         // 61 type 1 + MAC
            + "3204c0a80164"               // 50 192.168.1.100
            + "0c05" + ascii("host1")      // 12
            + "3707011c02030f060c"         // 55
            + "390205dc"                   // 57 1500
            + "ff" + zeros(21);

    static byte[] encode(Dhcp4Codec c, Dhcp4Packet p) {
        ByteBuf out = Unpooled.buffer();
        int n = c.encode(p, out);
        assertEquals(out.readableBytes(), n);
        byte[] b = new byte[n];
        out.readBytes(b);
        return b;
    }

    static byte[] encode(Dhcp4Codec c, Dhcp4Packet p, int max) {
        ByteBuf out = Unpooled.buffer();
        c.encode(p, out, max);
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }

    private Dhcp4Packet decode(byte[] b) throws ParseException {
        return codec.decode(buf(b));
    }

    private static int[] codes(Dhcp4Options o) {
        int[] c = new int[o.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = o.code(i);
        }
        return c;
    }

    @Test
    void decodesDiscoverHeaderAndOptions() throws Exception {
        byte[] wire = hex(DISCOVER);
        assertEquals(300, wire.length);
        Dhcp4Packet p = decode(wire);
        assertEquals(Dhcp4Packet.BOOTREQUEST, p.op());
        assertEquals(1, p.htype());
        assertEquals(6, p.hlen());
        assertEquals(0, p.hops());
        assertEquals(0x3903f326, p.xid());
        assertEquals(0, p.secs());
        assertEquals(0x8000, p.flags());
        assertTrue(p.broadcast());
        assertEquals(0, p.ciaddr());
        assertArrayEquals(hex("000c29a1b2c3"), p.hardwareAddress());
        assertTrue(p.snameEmpty());
        assertTrue(p.fileEmpty());
        assertEquals(21, p.padAfterEnd());
        assertFalse(p.hasWireLayout());
        assertArrayEquals(new int[] {53, 61, 50, 12, 55, 57}, codes(p.options()));

        Dhcp4Options o = p.options();
        assertEquals(DhcpMessageType.DHCPDISCOVER, o.messageType());
        assertEquals(new ClientIdentifier(1, hex("000c29a1b2c3")), o.clientIdentifier());
        assertEquals(Ipv4.of(192, 168, 1, 100), o.requestedAddress().getAsInt());
        assertEquals("host1", o.hostname());
        assertArrayEquals(new int[] {1, 28, 2, 3, 15, 6, 12}, o.parameterRequestList().codes());
        assertEquals(1500, o.maxMessageSize().getAsInt());
        assertTrue(o.serverIdentifier().isEmpty());
    }

    @Test
    void reencodesDiscoverByteForByte() throws Exception {
        byte[] wire = hex(DISCOVER);
        assertArrayEquals(wire, encode(codec, decode(wire)));
        assertArrayEquals(wire, encode(new Dhcp4Codec(300), decode(wire)));
    }

    @Test
    void decodeConsumesOnSuccessAndLeavesBufferOnFailure() throws Exception {
        ByteBuf ok = Unpooled.buffer().writeBytes(hex("aabb")).writeBytes(hex(DISCOVER));
        ok.readerIndex(2);
        Dhcp4Packet p = codec.decode(ok);
        assertEquals(0x3903f326, p.xid());
        assertEquals(0, ok.readableBytes());

        ByteBuf bad = buf(hex(DISCOVER.substring(0, 2 * 200)));
        assertThrows(ParseException.class, () -> codec.decode(bad));
        assertEquals(0, bad.readerIndex());
    }

    @Test
    void encodesAckBuiltByServer() throws Exception {
        Dhcp4Packet request = decode(hex(DISCOVER));
        Dhcp4Packet ack = Dhcp4Packet.replyTo(request).yiaddr(Ipv4.of(192, 168, 1, 100));
        ack.options()
                .putMessageType(DhcpMessageType.DHCPACK)
                .putServerIdentifier(Ipv4.of(192, 168, 1, 1))
                .putLeaseTime(3600)
                .putRenewalTime(1800)
                .putRebindingTime(3150)
                .putSubnetMask(Ipv4.of(255, 255, 255, 0))
                .putRouters(Ipv4.of(192, 168, 1, 1))
                .putDomainNameServers(Ipv4.of(8, 8, 8, 8), Ipv4.of(8, 8, 4, 4))
                .putDomainName("example.org")
                .putHostname("host1");
        String expected = header("02010600", "3903f326", "00008000", "00000000", "c0a80164", "00000000",
                "00000000", CHADDR, zeros(64), zeros(128))
                + COOKIE
                + "350105" + "3604c0a80101" + "330400000e10" + "3a0400000708" + "3b0400000c4e"
                + "0104ffffff00" + "0304c0a80101" + "06080808080808080404"
                + "0f0b" + ascii("example.org") + "0c05" + ascii("host1") + "ff";
        assertEquals(expected, hexOf(encode(new Dhcp4Codec(300), ack)));
    }

    @Test
    void shortReplyIsPaddedToMinimumSize() {
        Dhcp4Packet nak = new Dhcp4Packet().op(Dhcp4Packet.BOOTREPLY).xid(7);
        nak.options().putMessageType(DhcpMessageType.DHCPNAK).putServerIdentifier(Ipv4.of(192, 168, 1, 1));
        byte[] b = encode(new Dhcp4Codec(Dhcp4Codec.BOOTP_MINIMUM_LENGTH), nak);
        String expected = header("02010600", "00000007", "00000000", "00000000", "00000000", "00000000",
                "00000000", zeros(16), zeros(64), zeros(128))
                + COOKIE + "350106" + "3604c0a80101" + "ff" + zeros(50);
        assertEquals(expected, hexOf(b));
        assertEquals(250, encode(codec, nak).length);
    }

    @Test
    void headerFieldsRoundTripIncludingSnameAndFile() throws Exception {
        String wire = header("02011005", "deadbeef", "ffff7fff", "01020304", "05060708", "090a0b0c", "0d0e0f10",
                "00112233445566778899aabbccddeeff", field("server.example", 64), field("pxelinux.0", 128))
                + COOKIE + "350102" + "ff";
        Dhcp4Packet p = decode(hex(wire));
        assertEquals(2, p.op());
        assertEquals(16, p.hlen());
        assertEquals(5, p.hops());
        assertEquals(0xdeadbeef, p.xid());
        assertEquals(0xffff, p.secs());
        assertEquals(0x7fff, p.flags());
        assertFalse(p.broadcast());
        assertEquals(Ipv4.of(1, 2, 3, 4), p.ciaddr());
        assertEquals(Ipv4.of(5, 6, 7, 8), p.yiaddr());
        assertEquals(Ipv4.of(9, 10, 11, 12), p.siaddr());
        assertEquals(Ipv4.of(13, 14, 15, 16), p.giaddr());
        assertEquals("server.example", p.snameString());
        assertEquals("pxelinux.0", p.fileString());
        assertEquals(0, p.padAfterEnd());
        assertEquals(wire, hexOf(encode(codec, p)));
        assertEquals(p, decode(encode(codec, p)));
    }

    // ------------------------------------------------------------------ RFC 3396

    @Test
    void longValueIsSplitIntoConsecutiveInstances() throws Exception {
        byte[] v = new byte[300];
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) i;
            (i < 255 ? first : second).append(String.format("%02x", i & 0xff));
        }
        Dhcp4Packet p = new Dhcp4Packet().xid(1);
        p.options().putMessageType(DhcpMessageType.DHCPOFFER).put(43, v).put(60, new byte[0]);
        String expected = header("01010600", "00000001", "00000000", "00000000", "00000000", "00000000",
                "00000000", zeros(16), zeros(64), zeros(128))
                + COOKIE + "350102" + "2bff" + first + "2b2d" + second + "3c00" + "ff";
        byte[] b = encode(codec, p);
        assertEquals(expected, hexOf(b));
        Dhcp4Packet back = decode(b);
        assertArrayEquals(v, back.options().get(43));
        assertFalse(back.hasWireLayout());
        assertEquals(p, back);
    }

    @Test
    void valuesOf255And510BytesUseFullInstancesOnly() {
        Dhcp4Packet p = new Dhcp4Packet();
        p.options().put(43, new byte[255]).put(77, new byte[510]);
        byte[] b = encode(codec, p);
        assertEquals(240 + 2 + 255 + 2 * (2 + 255) + 1, b.length);
        assertEquals("2bff", hexOf(b).substring(480, 484));
        int second = 240 + 257;
        assertEquals("4dff", hexOf(b).substring(2 * second, 2 * second + 4));
        assertEquals("4dff", hexOf(b).substring(2 * (second + 257), 2 * (second + 257) + 4));
    }

    @Test
    void instancesOfOneCodeAreConcatenatedInOrder() throws Exception {
        String wire = header("01010600", "00000002", "00000000", "00000000", "00000000", "00000000", "00000000",
                CHADDR, zeros(64), zeros(128))
                + COOKIE + "2b03aabbcc" + "350101" + "2b02ddee" + "ff";
        Dhcp4Packet p = decode(hex(wire));
        assertArrayEquals(new int[] {43, 53}, codes(p.options()));
        assertArrayEquals(hex("aabbccddee"), p.options().get(43));
        assertTrue(p.hasWireLayout());
        assertEquals(wire, hexOf(encode(codec, p)));
        p.discardWireLayout();
        assertTrue(hexOf(encode(codec, p)).endsWith(COOKIE + "2b05aabbccddee" + "350101" + "ff"));
    }

    // ------------------------------------------------------------------ overload (52)

    static final String OVERLOADED = header("01010600", "00000003", "00000000", "00000000", "00000000",
            "00000000", "00000000", CHADDR,
            "3703010306" + "ff" + zeros(58),                                    // sname: 55, END
            "0c05" + ascii("host1") + "2b0103" + "ff" + zeros(128 - 7 - 3 - 1)) // file: 12, 43 cont., END
            + COOKIE + "350103" + "340103" + "2b020102" + "ff";

    @Test
    void decodesOverloadedFileThenSname() throws Exception {
        Dhcp4Packet p = decode(hex(OVERLOADED));
        assertArrayEquals(new int[] {53, 43, 12, 55}, codes(p.options()));
        assertArrayEquals(hex("010203"), p.options().get(43));
        assertEquals("host1", p.options().hostname());
        assertArrayEquals(new int[] {1, 3, 6}, p.options().parameterRequestList().codes());
        assertFalse(p.options().contains(52));
        assertTrue(p.snameEmpty());
        assertTrue(p.fileEmpty());
        assertTrue(p.hasWireLayout());
        assertEquals(OVERLOADED, hexOf(encode(codec, p)));
    }

    @Test
    void overloadedLayoutSurvivesHeaderAndSameLengthEditsOnly() throws Exception {
        Dhcp4Packet p = decode(hex(OVERLOADED));
        p.xid(0x0a0b0c0d).options().putHostname("host2");
        String edited = hexOf(encode(codec, p));
        assertEquals(OVERLOADED.replaceFirst("00000003", "0a0b0c0d").replace(ascii("host1"), ascii("host2")), edited);

        p.options().remove(55);
        byte[] canonical = encode(codec, p);
        assertEquals(header("01010600", "0a0b0c0d", "00000000", "00000000", "00000000", "00000000", "00000000",
                CHADDR, zeros(64), zeros(128)) + COOKIE + "350103" + "2b03010203" + "0c05" + ascii("host2") + "ff",
                hexOf(canonical));
    }

    @Test
    void layoutIsNotReplayedOverANewFileName() throws Exception {
        Dhcp4Packet p = decode(hex(OVERLOADED));
        p.file("boot.efi");
        Dhcp4Packet back = decode(encode(codec, p));
        assertEquals(p, back);
        assertEquals("boot.efi", back.fileString());
    }

    static Dhcp4Packet bigRequest() {
        Dhcp4Packet p = new Dhcp4Packet().xid(4).chaddr(hex("000c29a1b2c3"));
        p.options()
                .putMessageType(DhcpMessageType.DHCPREQUEST)
                .put(61, hex("01000c29a1b2c3"))
                .put(55, hex("0103060f"))
                .putHostname("a".repeat(100))
                .putDomainName("b".repeat(50));
        return p;
    }

    @Test
    void encoderOverloadsIntoFileThenSnameWhenOverMaximum() throws Exception {
        Dhcp4Packet p = bigRequest();
        byte[] b = encode(codec, p, 300);
        String expected = header("01010600", "00000004", "00000000", "00000000", "00000000", "00000000",
                "00000000", CHADDR,
                "0f32" + ascii("b".repeat(50)) + "ff" + zeros(11),
                "0c64" + ascii("a".repeat(100)) + "ff" + zeros(25))
                + COOKIE + "340103" + "350103" + "3d0701000c29a1b2c3" + "37040103060f" + "ff";
        assertEquals(expected, hexOf(b));
        Dhcp4Packet back = decode(b);
        assertEquals(p, back);
        assertArrayEquals(b, encode(codec, back));
        // without a maximum the same packet is written plain
        assertEquals(240 + 3 + 9 + 6 + 102 + 52 + 1, encode(codec, p).length);
        assertEquals(240 + 3 + 9 + 6 + 102 + 52 + 1, encode(codec, p, 500).length);
    }

    @Test
    void encoderUsesOnlySnameWhenFileIsTaken() throws Exception {
        Dhcp4Packet p = bigRequest().file("pxelinux.0");
        p.options().putHostname("a".repeat(40)).putDomainName("b".repeat(10));
        byte[] b = encode(codec, p, 300);
        assertEquals(240 + 3 + 3 + 9 + 6 + 1, b.length);
        assertEquals("340102", hexOf(b).substring(480, 486));
        assertEquals("0c28" + ascii("a".repeat(40)) + "0f0a" + ascii("b".repeat(10)) + "ff" + zeros(63 - 54),
                hexOf(b).substring(88, 216));
        Dhcp4Packet back = decode(b);
        assertEquals("pxelinux.0", back.fileString());
        assertEquals(p, back);
    }

    @Test
    void encoderWritesPlainWhenOverloadCannotFit() throws Exception {
        Dhcp4Packet p = bigRequest().file("pxelinux.0").sname("tftp");
        byte[] b = encode(codec, p, 300);
        assertEquals(240 + 3 + 9 + 6 + 102 + 52 + 1, b.length);
        assertEquals(p, decode(b));
    }

    @Test
    void longOptionIsSplitAcrossAreasWhenOverloading() throws Exception {
        Dhcp4Packet p = new Dhcp4Packet();
        byte[] big = new byte[355];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        p.options().putMessageType(DhcpMessageType.DHCPOFFER).put(43, big);
        // the 255-byte instance fits the options field only; the 100-byte rest goes to file
        byte[] b = encode(codec, p, 240 + 4 + 3 + 257);
        Dhcp4Packet back = decode(b);
        assertEquals(p, back);
        assertEquals("340101", hexOf(b).substring(480, 486));
        assertEquals("2b64", hexOf(b).substring(216, 220));
        assertEquals(240 + 3 + 3 + 257 + 1, b.length);
        assertArrayEquals(b, encode(codec, back));
    }

    // ------------------------------------------------------------------ option 82

    @Test
    void relayAgentInformationIsEchoedByteExact() throws Exception {
        String ri = "0104" + "00010002"        // circuit-id
                + "0206" + "001a2b3c4d5e"      // remote-id
                + "0504" + "0a000001"          // link selection 10.0.0.1
                + "0b04" + "c0a80101"          // server id override
                + "0c03" + "aabbcc";           // relay id
        assertEquals(31, hex(ri).length);
        String request = header("01010601", "00001234", "00000000", "00000000", "00000000", "00000000",
                "0a000001", CHADDR, zeros(64), zeros(128))
                + COOKIE + "350101" + "521f" + ri + "ff";
        Dhcp4Packet req = decode(hex(request));
        RelayAgentInfo info = req.options().relayAgentInfo();
        assertArrayEquals(hex("00010002"), info.circuitId());
        assertArrayEquals(hex("001a2b3c4d5e"), info.remoteId());
        assertEquals(Ipv4.of(10, 0, 0, 1), info.linkSelection().getAsInt());
        assertEquals(Ipv4.of(192, 168, 1, 1), info.serverIdOverride().getAsInt());
        assertArrayEquals(hex("aabbcc"), info.relayId());
        assertNull(info.subscriberId());
        assertEquals(List.of(1, 2, 5, 11, 12), info.subOptions().stream().map(SubOption::code).toList());
        assertArrayEquals(hex(ri), info.encode());
        assertArrayEquals(hex(ri), RelayAgentInfo.of(new ArrayList<>(info.subOptions())).encode());

        Dhcp4Packet offer = Dhcp4Packet.replyTo(req).yiaddr(Ipv4.of(10, 0, 0, 50));
        offer.options().putMessageType(DhcpMessageType.DHCPOFFER).putServerIdentifier(Ipv4.of(192, 168, 1, 1));
        assertTrue(offer.options().echoRelayAgentInfo(req.options()));
        String expected = header("02010601", "00001234", "00000000", "00000000", "0a000032", "00000000",
                "0a000001", CHADDR, zeros(64), zeros(128))
                + COOKIE + "350102" + "3604c0a80101" + "521f" + ri + "ff";
        assertEquals(expected, hexOf(encode(codec, offer)));

        Dhcp4Packet viaView = Dhcp4Packet.replyTo(req).yiaddr(Ipv4.of(10, 0, 0, 50));
        viaView.options().putMessageType(DhcpMessageType.DHCPOFFER).putServerIdentifier(Ipv4.of(192, 168, 1, 1))
                .putRelayAgentInfo(info);
        assertEquals(expected, hexOf(encode(codec, viaView)));
    }

    // ------------------------------------------------------------------ leniency, preserved quirks

    static String plainHeader() {
        return header("01010600", "00000005", "00000000", "00000000", "00000000", "00000000", "00000000",
                CHADDR, zeros(64), zeros(128)) + COOKIE;
    }

    @Test
    void missingEndIsAcceptedAndReproduced() throws Exception {
        String wire = plainHeader() + "350101" + "0c03" + ascii("abc");
        Dhcp4Packet p = decode(hex(wire));
        assertEquals("abc", p.options().hostname());
        assertTrue(p.hasWireLayout());
        assertEquals(wire, hexOf(encode(codec, p)));
        p.discardWireLayout();
        assertEquals(wire + "ff", hexOf(encode(codec, p)));
    }

    @Test
    void emptyOptionsFieldIsAccepted() throws Exception {
        Dhcp4Packet p = decode(hex(plainHeader()));
        assertTrue(p.options().isEmpty());
        assertNull(p.options().messageType());
        assertEquals(plainHeader(), hexOf(encode(codec, p)));
    }

    @Test
    void padsBetweenOptionsAndJunkAfterEndAreReproduced() throws Exception {
        for (String opts : List.of("00350101000000" + "0c03" + ascii("abc") + "ff" + zeros(10),
                "350101ff0102030000",
                "350101ff00000000ff",
                "3501010000")) {
            String wire = plainHeader() + opts;
            Dhcp4Packet p = decode(hex(wire));
            assertEquals(DhcpMessageType.DHCPDISCOVER, p.options().messageType(), opts);
            assertEquals(wire, hexOf(encode(codec, p)), opts);
        }
    }

    @Test
    void junkAfterEndOfOverloadedFieldIsReproduced() throws Exception {
        String wire = header("01010600", "00000003", "00000000", "00000000", "00000000", "00000000", "00000000",
                CHADDR, zeros(64), "0c01" + ascii("x") + "ff" + "de" + "ad" + zeros(128 - 6))
                + COOKIE + "340101" + "ff";
        Dhcp4Packet p = decode(hex(wire));
        assertEquals("x", p.options().hostname());
        assertEquals(wire, hexOf(encode(codec, p)));
    }

    // ------------------------------------------------------------------ malformed

    private ParseException fails(String wire) {
        return assertThrows(ParseException.class, () -> decode(hex(wire)));
    }

    @Test
    void malformedMessagesReportReasonAndOffset() {
        assertEquals(235, fails(plainHeader().substring(0, 2 * 235)).offset());
        assertEquals(0, fails("").offset());
        assertEquals(236, fails(plainHeader().substring(0, 2 * 239)).offset());
        ParseException cookie = fails(plainHeader().replace(COOKIE, "63825364") + "ff");
        assertEquals(236, cookie.offset());
        assertTrue(cookie.getMessage().contains("cookie"), cookie.getMessage());
        assertEquals(240, fails(plainHeader() + "350501ff").offset());
        assertEquals(243, fails(plainHeader() + "3501010c").offset());
        assertEquals(243, fails(plainHeader() + "350101" + "340104" + "ff").offset());
        assertEquals(243, fails(plainHeader() + "350101" + "34020101" + "ff").offset());
        assertEquals(243, fails(plainHeader() + "350101" + "3400" + "ff").offset());
        assertEquals(240, fails(plainHeader() + "340101" + "340101" + "ff").offset());
    }

    @Test
    void malformedOverloadedFieldsFail() {
        String fileOverrun = header("01010600", "00000003", "00000000", "00000000", "00000000", "00000000",
                "00000000", CHADDR, zeros(64), zeros(126) + "0c05") + COOKIE + "340101" + "ff";
        assertEquals(108 + 126, fails(fileOverrun).offset());
        String nested = header("01010600", "00000003", "00000000", "00000000", "00000000", "00000000",
                "00000000", CHADDR, "340101ff" + zeros(60), zeros(128)) + COOKIE + "340102" + "ff";
        ParseException e = fails(nested);
        assertEquals(44, e.offset());
        assertTrue(e.getMessage().contains("sname"), e.getMessage());
        String snameOverrun = header("01010600", "00000003", "00000000", "00000000", "00000000", "00000000",
                "00000000", CHADDR, zeros(63) + "0c", zeros(128)) + COOKIE + "340103" + "ff";
        assertEquals(44 + 63, fails(snameOverrun).offset());
    }

    @Test
    void oversizedMessageFails() {
        ByteBuf huge = Unpooled.buffer().writeBytes(hex(plainHeader())).writeZero(70_000);
        ParseException e = assertThrows(ParseException.class, () -> codec.decode(huge));
        assertTrue(e.getMessage().contains("longer"), e.getMessage());
    }
}
