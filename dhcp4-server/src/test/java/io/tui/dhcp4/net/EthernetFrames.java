package io.tui.dhcp4.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test helper: the whole Ethernet frames of a classic pcap file (link type 1), which {@code PcapReader} reduces to
 * UDP payloads, plus an Internet checksum written independently of {@link Ipv4UdpFrames} for verifying captures.
 */
final class EthernetFrames {

    /** One Ethernet frame and views of its parts; the IPv4 slice ends at the IP total length (no padding). */
    record Frame(int number, byte[] bytes) {
        byte[] destinationMac() {
            return Arrays.copyOfRange(bytes, 0, 6);
        }

        int etherType() {
            return ((bytes[12] & 0xFF) << 8) | (bytes[13] & 0xFF);
        }

        byte[] ipPacket() {
            int total = ((bytes[16] & 0xFF) << 8) | (bytes[17] & 0xFF);
            return Arrays.copyOfRange(bytes, 14, 14 + total);
        }
    }

    private EthernetFrames() {}

    static List<Frame> read(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file);
        int magic = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
        switch (magic) {
            case 0xA1B2C3D4, 0xA1B23C4D -> b.order(ByteOrder.BIG_ENDIAN);
            case 0xD4C3B2A1, 0x4D3CB2A1 -> b.order(ByteOrder.LITTLE_ENDIAN);
            default -> throw new AssertionError("not a classic pcap file: magic " + Integer.toHexString(magic));
        }
        assertEquals(1, b.getInt(20) & 0x0FFFFFFF, "link type Ethernet");
        List<Frame> frames = new ArrayList<>();
        int pos = 24;
        while (pos + 16 <= file.length) {
            int incl = b.getInt(pos + 8);
            frames.add(new Frame(frames.size() + 1, Arrays.copyOfRange(file, pos + 16, pos + 16 + incl)));
            pos += 16 + incl;
        }
        return frames;
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    /** The one's complement sum of 16-bit big-endian words, folded; 0xFFFF over data with a valid checksum. */
    static int onesComplementSum(byte[]... parts) {
        int sum = 0;
        for (byte[] part : parts) {
            for (int i = 0; i < part.length; i += 2) {
                int hi = part[i] & 0xFF;
                int lo = i + 1 < part.length ? part[i + 1] & 0xFF : 0;
                sum += (hi << 8) | lo;
                sum = (sum & 0xFFFF) + (sum >>> 16);
            }
        }
        return sum;
    }

    /** Whether the IPv4 header checksum of {@code ip} verifies. */
    static boolean ipChecksumValid(byte[] ip) {
        int ihl = (ip[0] & 0x0F) * 4;
        return onesComplementSum(Arrays.copyOfRange(ip, 0, ihl)) == 0xFFFF;
    }

    /** Whether the UDP checksum of the UDP datagram in {@code ip} verifies (pseudo-header included). */
    static boolean udpChecksumValid(byte[] ip) {
        int ihl = (ip[0] & 0x0F) * 4;
        byte[] udp = Arrays.copyOfRange(ip, ihl, ip.length);
        byte[] pseudo = new byte[12];
        System.arraycopy(ip, 12, pseudo, 0, 8);
        pseudo[9] = ip[9];
        pseudo[10] = (byte) (udp.length >>> 8);
        pseudo[11] = (byte) udp.length;
        return onesComplementSum(pseudo, udp) == 0xFFFF;
    }
}
