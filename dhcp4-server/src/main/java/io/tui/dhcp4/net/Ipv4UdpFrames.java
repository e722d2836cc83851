package io.tui.dhcp4.net;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Builds the IPv4 and UDP headers around a DHCP message, for the replies that go out through a
 * {@link PacketSocket} (which leaves only the Ethernet header to the kernel).
 *
 * <p>The header fields copy what Kea 2.2 puts on the wire for the same replies (captured in
 * {@code vectors/v4/*-dora-release.pcap}): version 4 with a 20-byte header (no options), type of service 0x10
 * (low delay), identification 0, the don't-fragment flag set, time to live 128, protocol 17, and both checksums
 * filled in. The UDP checksum covers the RFC 768 pseudo-header; a computed checksum of 0 goes out as 0xFFFF.
 *
 * <p>Addresses are IPv4 addresses as unsigned 32-bit values in an {@code int} (192.0.2.1 is {@code 0xC0000201}).
 * Nothing here allocates except {@link #dhcpReply}, which returns a fresh heap buffer.
 */
public final class Ipv4UdpFrames {

    /** IPv4 header without options. */
    public static final int IPV4_HEADER_LENGTH = 20;
    /** UDP header. */
    public static final int UDP_HEADER_LENGTH = 8;
    /** Both headers: what {@link #write} puts in front of the payload. */
    public static final int HEADERS_LENGTH = IPV4_HEADER_LENGTH + UDP_HEADER_LENGTH;
    /** The largest payload one unfragmented IPv4 packet can carry. */
    public static final int MAX_PAYLOAD = 0xFFFF - HEADERS_LENGTH;

    public static final int PROTOCOL_UDP = 17;
    public static final int DHCP_SERVER_PORT = 67;
    public static final int DHCP_CLIENT_PORT = 68;

    /** IPTOS_LOWDELAY, as Kea sets on its replies. */
    public static final int TOS_LOW_DELAY = 0x10;
    /** Kea's time to live on the replies it sends through its raw socket. */
    public static final int KEA_TTL = 128;

    private static final int DONT_FRAGMENT = 0x4000;

    private Ipv4UdpFrames() {}

    /**
     * The header fields that are a choice rather than a consequence of the payload.
     *
     * @param tos type of service / DSCP+ECN byte (0..255)
     * @param ttl time to live (1..255)
     * @param identification the IP identification field (0..65535)
     * @param dontFragment whether to set DF
     */
    public record IpFields(int tos, int ttl, int identification, boolean dontFragment) {
        public IpFields {
            if (tos < 0 || tos > 0xFF) {
                throw new IllegalArgumentException("tos out of range: " + tos);
            }
            if (ttl < 1 || ttl > 0xFF) {
                throw new IllegalArgumentException("ttl out of range: " + ttl);
            }
            if (identification < 0 || identification > 0xFFFF) {
                throw new IllegalArgumentException("identification out of range: " + identification);
            }
        }

        /** What Kea 2.2 sends: tos 0x10, ttl 128, id 0, DF. */
        public static IpFields keaCompatible() {
            return new IpFields(TOS_LOW_DELAY, KEA_TTL, 0, true);
        }
    }

    /**
     * A DHCP server reply, source port 67 to destination port 68, with Kea's header fields, as a new heap buffer
     * positioned at 0 with the limit at the end of the packet. {@code payload} is read from its position to its
     * limit and left unchanged.
     */
    public static ByteBuffer dhcpReply(int serverAddress, int clientAddress, ByteBuffer payload) {
        ByteBuffer out = ByteBuffer.allocate(HEADERS_LENGTH + payload.remaining());
        write(out, IpFields.keaCompatible(), serverAddress, DHCP_SERVER_PORT, clientAddress, DHCP_CLIENT_PORT,
                payload);
        return out.flip();
    }

    /**
     * Writes one IPv4/UDP packet at {@code out}'s position and advances it past the packet. {@code payload} is read
     * from its position to its limit and left unchanged (its position is not moved).
     *
     * @return the packet length
     * @throws IllegalArgumentException if a port is out of range or the payload exceeds {@link #MAX_PAYLOAD}
     * @throws BufferOverflowException if {@code out} has less room than the packet
     */
    public static int write(ByteBuffer out, IpFields ip, int source, int sourcePort, int destination,
            int destinationPort, ByteBuffer payload) {
        checkPort(sourcePort);
        checkPort(destinationPort);
        int payloadLength = payload.remaining();
        if (payloadLength > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload of " + payloadLength + " bytes does not fit one IPv4 packet");
        }
        int total = HEADERS_LENGTH + payloadLength;
        if (out.remaining() < total) {
            throw new BufferOverflowException();
        }
        int ipAt = out.position();
        int udpAt = ipAt + IPV4_HEADER_LENGTH;
        int udpLength = UDP_HEADER_LENGTH + payloadLength;

        out.put(ipAt, (byte) 0x45);
        out.put(ipAt + 1, (byte) ip.tos());
        put16(out, ipAt + 2, total);
        put16(out, ipAt + 4, ip.identification());
        put16(out, ipAt + 6, ip.dontFragment() ? DONT_FRAGMENT : 0);
        out.put(ipAt + 8, (byte) ip.ttl());
        out.put(ipAt + 9, (byte) PROTOCOL_UDP);
        put16(out, ipAt + 10, 0);
        put32(out, ipAt + 12, source);
        put32(out, ipAt + 16, destination);
        put16(out, ipAt + 10, checksum(out, ipAt, IPV4_HEADER_LENGTH, 0));

        put16(out, udpAt, sourcePort);
        put16(out, udpAt + 2, destinationPort);
        put16(out, udpAt + 4, udpLength);
        put16(out, udpAt + 6, 0);
        out.put(udpAt + UDP_HEADER_LENGTH, payload, payload.position(), payloadLength);

        long pseudo = (source >>> 16) + (source & 0xFFFF) + (destination >>> 16) + (destination & 0xFFFF)
                + PROTOCOL_UDP + udpLength;
        int udpSum = checksum(out, udpAt, udpLength, pseudo);
        put16(out, udpAt + 6, udpSum == 0 ? 0xFFFF : udpSum);

        out.position(ipAt + total);
        return total;
    }

    /**
     * The Internet checksum (RFC 1071) of {@code length} bytes of {@code data} from absolute index {@code offset},
     * with {@code initial} (an unfolded sum of 16-bit words, such as a pseudo-header) added in: the one's complement
     * of the one's complement sum, as a value in 0..0xFFFF. An odd last byte is padded with a zero byte.
     * The buffer's position and limit are not used or changed.
     */
    public static int checksum(ByteBuffer data, int offset, int length, long initial) {
        long sum = initial;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += ((data.get(i) & 0xFF) << 8) | (data.get(i + 1) & 0xFF);
        }
        if (i < end) {
            sum += (data.get(i) & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    // byte by byte, so the caller's buffer may have either byte order
    private static void put16(ByteBuffer out, int at, int value) {
        out.put(at, (byte) (value >>> 8));
        out.put(at + 1, (byte) value);
    }

    private static void put32(ByteBuffer out, int at, int value) {
        put16(out, at, value >>> 16);
        put16(out, at + 2, value);
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
