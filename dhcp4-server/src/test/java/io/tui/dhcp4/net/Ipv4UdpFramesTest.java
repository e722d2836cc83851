package io.tui.dhcp4.net;

import static io.tui.dhcp4.net.EthernetFrames.u16;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.vectors.PcapReader;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4UdpFramesTest {

    private static final HexFormat HEX = HexFormat.of();

    private static ByteBuffer hex(String s) {
        return ByteBuffer.wrap(HEX.parseHex(s.replace(" ", "")));
    }

    @Test
    void checksumOfTheRfc1071Example() {
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to 2ddf0, folded ddf2, complemented 220d
        assertEquals(0x220D, Ipv4UdpFrames.checksum(hex("0001 f203 f4f5 f6f7"), 0, 8, 0));
    }

    @Test
    void checksumPadsAnOddLastByteWithZero() {
        // 0001 f203 f4f5 f6 (00): 0x0001 + 0xf203 + 0xf4f5 + 0xf600 = 0x2dcf9, folded dcfb, complemented 2304
        assertEquals(0x2304, Ipv4UdpFrames.checksum(hex("0001 f203 f4f5 f6"), 0, 7, 0));
    }

    @Test
    void checksumAddsTheInitialSumAndHonoursTheOffset() {
        // the RFC 1071 words behind two bytes of junk, with 0x0001 moved into the initial sum
        assertEquals(0x220D, Ipv4UdpFrames.checksum(hex("ffff 0000 f203 f4f5 f6f7"), 2, 8, 1));
    }

    @Test
    void checksumOfAKnownIpv4Header() {
        // 192.168.0.1 -> 192.168.0.199, UDP (0x11), total length 0x73, DF, ttl 64: header checksum b861
        ByteBuffer header = hex("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");
        assertEquals(0xB861, Ipv4UdpFrames.checksum(header, 0, 20, 0));
        ByteBuffer withSum = hex("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7");
        assertEquals(0, Ipv4UdpFrames.checksum(withSum, 0, 20, 0));
    }

    @Test
    void aSmallPacketByHand() {
        // 192.0.2.1:67 -> 192.0.2.50:68, payload "abc"
        ByteBuffer packet = Ipv4UdpFrames.dhcpReply(0xC0000201, 0xC0000232, ByteBuffer.wrap(new byte[] {'a', 'b', 'c'}));
        // IP header words: 4510 001f 0000 4000 8011 ---- c000 0201 c000 0232
        //   sum 0x4510+0x001f+0x4000+0x8011+0xc000+0x0201+0xc000+0x0232 = 0x28973, folded 8975, complement 768a
        // UDP: pseudo c000 0201 c000 0232 0011 000b, header 0043 0044 000b ----, data 6162 6300
        //   sum 0xc000+0x0201+0xc000+0x0232+0x0011+0x000b+0x0043+0x0044+0x000b+0x6162+0x6300 = 0x24943,
        //   folded 4945, complement b6ba
        assertEquals("4510001f000040008011768ac0000201c0000232" + "00430044000bb6ba" + "616263",
                HEX.formatHex(packet.array()));
        assertEquals(0, packet.position());
        assertEquals(31, packet.limit());
    }

    @Test
    void aZeroUdpChecksumIsSentAsAllOnes() {
        // choose the payload so that the UDP sum comes to 0xFFFF before complementing: with source and
        // destination 0.0.0.0, ports 0 and 0, length 10, protocol 17 the words are 0x11 + 0x0a + 0x0a = 0x25;
        // a payload word of 0xffda brings the sum to 0xffff, whose complement 0 must go out as 0xffff
        ByteBuffer out = ByteBuffer.allocate(30);
        Ipv4UdpFrames.write(out, new Ipv4UdpFrames.IpFields(0, 64, 0, false), 0, 0, 0, 0, hex("ffda"));
        assertEquals(0xFFFF, u16(out.array(), 26));
        assertTrue(EthernetFrames.udpChecksumValid(out.array()));
    }

    @Test
    void writeLeavesThePayloadAloneAndAdvancesTheOutput() {
        ByteBuffer payload = ByteBuffer.wrap(HEX.parseHex("00112233445566")).position(2).limit(6);
        ByteBuffer out = ByteBuffer.allocate(100).order(ByteOrder.LITTLE_ENDIAN).position(10);
        int n = Ipv4UdpFrames.write(out, Ipv4UdpFrames.IpFields.keaCompatible(), 0x0A000001, 67, 0x0A000002, 68,
                payload);
        assertEquals(32, n);
        assertEquals(42, out.position());
        assertEquals(2, payload.position());
        assertEquals(6, payload.limit());
        byte[] ip = Arrays.copyOfRange(out.array(), 10, 42);
        assertEquals(32, u16(ip, 2), "total length, big-endian even though the buffer is little-endian");
        assertEquals("22334455", HEX.formatHex(ip, 28, 32));
        assertTrue(EthernetFrames.ipChecksumValid(ip));
        assertTrue(EthernetFrames.udpChecksumValid(ip));
    }

    @Test
    void rejectsWhatCannotBeOnePacket() {
        Ipv4UdpFrames.IpFields kea = Ipv4UdpFrames.IpFields.keaCompatible();
        assertThrows(IllegalArgumentException.class, () -> Ipv4UdpFrames.write(ByteBuffer.allocate(70000), kea,
                1, 67, 2, 68, ByteBuffer.allocate(Ipv4UdpFrames.MAX_PAYLOAD + 1)));
        assertThrows(java.nio.BufferOverflowException.class, () -> Ipv4UdpFrames.write(ByteBuffer.allocate(30), kea,
                1, 67, 2, 68, ByteBuffer.allocate(3)));
        assertThrows(IllegalArgumentException.class, () -> Ipv4UdpFrames.write(ByteBuffer.allocate(100), kea,
                1, 65536, 2, 68, ByteBuffer.allocate(3)));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4UdpFrames.IpFields(0, 0, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4UdpFrames.IpFields(256, 64, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4UdpFrames.IpFields(0, 64, 65536, true));
    }

    /**
     * Every reply Kea 2.2 sent in the captures (port 67 to a client's 68, or to perfdhcp's relay's 67; Kea's raw
     * socket writes the same headers for both): rebuilt from its DHCP payload, addresses and ports, the IPv4 and UDP headers must come out byte for byte as Kea sent them (Kea uses
     * identification 0, so even that field matches), and the captured checksums must verify.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dhclient-dora-release", "dhcpcd-dora-release", "udhcpc-dora-release", "perfdhcp-dora"})
    void rebuildsKeasRepliesFromTheCaptures(String capture) throws Exception {
        String resource = "/vectors/v4/" + capture + ".pcap";
        byte[] file;
        try (InputStream in = PcapReader.class.getResourceAsStream(resource)) {
            file = in.readAllBytes();
        }
        List<EthernetFrames.Frame> frames = EthernetFrames.read(file);
        List<PcapReader.UdpDatagram> datagrams = PcapReader.readResource(resource);
        int replies = 0;
        for (EthernetFrames.Frame frame : frames) {
            if (frame.etherType() != 0x0800) {
                continue;
            }
            byte[] kea = frame.ipPacket();
            // Kea (192.0.2.1 in every capture) sending from port 67: to a client's 68, or to perfdhcp's relay's 67
            if (kea[9] != 17 || u16(kea, 12) != 0xC000 || u16(kea, 14) != 0x0201 || u16(kea, 20) != 67) {
                continue;
            }
            replies++;
            String where = capture + " frame " + frame.number();
            PcapReader.UdpDatagram d = datagrams.stream().filter(x -> x.frame() == frame.number()).findFirst()
                    .orElseThrow();
            int src = ByteBuffer.wrap(d.source().getAddress()).getInt();
            int dst = ByteBuffer.wrap(d.destination().getAddress()).getInt();

            byte[] ours;
            if (d.destinationPort() == 68) {
                ours = Ipv4UdpFrames.dhcpReply(src, dst, ByteBuffer.wrap(d.payload())).array();
            } else {
                ByteBuffer out = ByteBuffer.allocate(Ipv4UdpFrames.HEADERS_LENGTH + d.payload().length);
                Ipv4UdpFrames.write(out, Ipv4UdpFrames.IpFields.keaCompatible(), src, 67, dst, d.destinationPort(),
                        ByteBuffer.wrap(d.payload()));
                ours = out.array();
            }

            assertTrue(EthernetFrames.ipChecksumValid(kea), where + ": Kea's IP checksum");
            assertTrue(EthernetFrames.udpChecksumValid(kea), where + ": Kea's UDP checksum");
            assertEquals(kea[0], ours[0], where + ": version/IHL");
            assertEquals(kea[1], ours[1], where + ": tos");
            assertEquals(u16(kea, 2), u16(ours, 2), where + ": total length");
            assertEquals(u16(kea, 4), u16(ours, 4), where + ": identification");
            assertEquals(u16(kea, 6), u16(ours, 6), where + ": flags/fragment offset");
            assertEquals(kea[8], ours[8], where + ": ttl");
            assertEquals(kea[9], ours[9], where + ": protocol");
            assertEquals(u16(kea, 10), u16(ours, 10), where + ": IP header checksum");
            assertEquals(u16(kea, 24), u16(ours, 24), where + ": UDP length");
            assertEquals(u16(kea, 26), u16(ours, 26), where + ": UDP checksum");
            assertArrayEquals(kea, ours, where + ": the whole packet");
        }
        assertTrue(replies >= 2, capture + ": expected Kea's OFFER and ACK, found " + replies + " replies");
    }
}
