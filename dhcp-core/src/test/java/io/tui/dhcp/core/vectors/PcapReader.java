package io.tui.dhcp.core.vectors;

import io.tui.dhcp.core.wire.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the UDP datagrams out of a packet capture, for tests that feed captured DHCP traffic to the codecs.
 *
 * <p>Understands classic pcap (microsecond and nanosecond magic, either byte order) and pcapng (section header,
 * interface description, enhanced, simple and obsolete packet blocks, several sections). Link types: Ethernet (1,
 * with 802.1Q/802.1ad tags), raw IP (101, 228, 229), BSD loopback (0) and Linux cooked capture v1 (113) and v2 (276).
 * Network layer: IPv4 (with options) and IPv6 (skipping hop-by-hop, routing and destination-options headers). Frames
 * that are not UDP, or are IP fragments, are skipped; everything malformed ends in a {@link ParseException}.
 */
public final class PcapReader {

    /** One UDP datagram from the capture. {@code frame} is the 1-based frame number as tcpdump and Wireshark count. */
    public record UdpDatagram(
            int frame,
            long timestampNanos,
            int linkType,
            InetAddress source,
            int sourcePort,
            InetAddress destination,
            int destinationPort,
            byte[] payload) {

        public UdpDatagram {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        public boolean isIpv6() {
            return source.getAddress().length == 16;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof UdpDatagram d
                    && frame == d.frame
                    && timestampNanos == d.timestampNanos
                    && linkType == d.linkType
                    && source.equals(d.source)
                    && sourcePort == d.sourcePort
                    && destination.equals(d.destination)
                    && destinationPort == d.destinationPort
                    && Arrays.equals(payload, d.payload);
        }

        @Override
        public int hashCode() {
            return 31 * frame + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "UdpDatagram[frame=" + frame + ", " + source.getHostAddress() + "." + sourcePort + " > "
                    + destination.getHostAddress() + "." + destinationPort + ", " + payload.length + " bytes: "
                    + HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 16)) + "...]";
        }
    }

    public static final int LINKTYPE_NULL = 0;
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_RAW = 101;
    public static final int LINKTYPE_LINUX_SLL = 113;
    public static final int LINKTYPE_IPV4 = 228;
    public static final int LINKTYPE_IPV6 = 229;
    public static final int LINKTYPE_LINUX_SLL2 = 276;

    private static final int MAX_FILE = 64 << 20;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int PROTO_UDP = 17;

    private PcapReader() {}

    /** Reads a capture from the test class path, e.g. {@code "/vectors/v4/dhclient-dora-release.pcap"}. */
    public static List<UdpDatagram> readResource(String resource) throws IOException, ParseException {
        try (InputStream in = PcapReader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no such test resource: " + resource);
            }
            return read(in.readNBytes(MAX_FILE + 1));
        }
    }

    public static List<UdpDatagram> read(Path file) throws IOException, ParseException {
        if (Files.size(file) > MAX_FILE) {
            throw new IOException("capture larger than " + MAX_FILE + " bytes: " + file);
        }
        return read(Files.readAllBytes(file));
    }

    /** Parses a whole capture file held in memory. */
    public static List<UdpDatagram> read(byte[] file) throws ParseException {
        if (file.length > MAX_FILE) {
            throw new ParseException("capture larger than " + MAX_FILE + " bytes", MAX_FILE);
        }
        if (file.length < 4) {
            throw new ParseException("capture shorter than a file header", 0);
        }
        int magicBe = ByteBuffer.wrap(file, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        if (magicBe == 0x0A0D0D0A) {
            return readPcapng(file);
        }
        return readClassic(file);
    }

    // ------------------------------------------------------------------ classic pcap

    private static List<UdpDatagram> readClassic(byte[] file) throws ParseException {
        if (file.length < 24) {
            throw new ParseException("classic pcap header truncated", file.length);
        }
        ByteBuffer b = ByteBuffer.wrap(file);
        int magic = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
        boolean nanos;
        ByteOrder order;
        switch (magic) {
            case 0xA1B2C3D4 -> { order = ByteOrder.BIG_ENDIAN; nanos = false; }
            case 0xA1B23C4D -> { order = ByteOrder.BIG_ENDIAN; nanos = true; }
            case 0xD4C3B2A1 -> { order = ByteOrder.LITTLE_ENDIAN; nanos = false; }
            case 0x4D3CB2A1 -> { order = ByteOrder.LITTLE_ENDIAN; nanos = true; }
            default -> throw new ParseException(
                    "not a pcap or pcapng file (magic " + Integer.toHexString(magic) + ")", 0);
        }
        b.order(order);
        int major = Short.toUnsignedInt(b.getShort(4));
        if (major != 2) {
            throw new ParseException("unsupported pcap version " + major, 4);
        }
        int linkType = b.getInt(20) & 0x0FFFFFFF;
        List<UdpDatagram> out = new ArrayList<>();
        int pos = 24;
        int frame = 0;
        while (pos < file.length) {
            if (file.length - pos < 16) {
                throw new ParseException("pcap record header truncated", pos);
            }
            long sec = Integer.toUnsignedLong(b.getInt(pos));
            long frac = Integer.toUnsignedLong(b.getInt(pos + 4));
            long incl = Integer.toUnsignedLong(b.getInt(pos + 8));
            if (incl > file.length - pos - 16) {
                throw new ParseException("pcap record of " + incl + " bytes runs past the end of the file", pos + 8);
            }
            int start = pos + 16;
            frame++;
            long ts = sec * 1_000_000_000L + (nanos ? frac : frac * 1000L);
            decodeFrame(file, start, (int) incl, linkType, frame, ts, out);
            pos = start + (int) incl;
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ pcapng

    private static List<UdpDatagram> readPcapng(byte[] file) throws ParseException {
        ByteBuffer b = ByteBuffer.wrap(file);
        List<UdpDatagram> out = new ArrayList<>();
        List<Iface> interfaces = new ArrayList<>();
        int pos = 0;
        int frame = 0;
        boolean inSection = false;
        while (pos < file.length) {
            if (file.length - pos < 12) {
                throw new ParseException("pcapng block header truncated", pos);
            }
            // the section header type reads the same in both byte orders
            if (file[pos] == 0x0A && file[pos + 1] == 0x0D && file[pos + 2] == 0x0D && file[pos + 3] == 0x0A) {
                if (file.length - pos < 28) {
                    throw new ParseException("pcapng section header truncated", pos);
                }
                int bom = ByteBuffer.wrap(file, pos + 8, 4).order(ByteOrder.BIG_ENDIAN).getInt();
                if (bom == 0x1A2B3C4D) {
                    b.order(ByteOrder.BIG_ENDIAN);
                } else if (bom == 0x4D3C2B1A) {
                    b.order(ByteOrder.LITTLE_ENDIAN);
                } else {
                    throw new ParseException("pcapng byte-order magic invalid", pos + 8);
                }
                interfaces.clear();
                inSection = true;
            } else if (!inSection) {
                throw new ParseException("pcapng block before the first section header", pos);
            }
            int type = b.getInt(pos);
            long len = Integer.toUnsignedLong(b.getInt(pos + 4));
            if (len < 12 || len % 4 != 0 || len > file.length - pos) {
                throw new ParseException("pcapng block length " + len + " invalid", pos + 4);
            }
            int blockLen = (int) len;
            if (Integer.toUnsignedLong(b.getInt(pos + blockLen - 4)) != len) {
                throw new ParseException("pcapng trailing block length does not match", pos + blockLen - 4);
            }
            int body = pos + 8;
            int bodyLen = blockLen - 12;
            switch (type) {
                case 0x00000001 -> interfaces.add(interfaceDescription(b, body, bodyLen));
                case 0x00000006 -> {
                    if (bodyLen < 20) {
                        throw new ParseException("enhanced packet block truncated", body);
                    }
                    long ifId = Integer.toUnsignedLong(b.getInt(body));
                    Iface itf = iface(interfaces, ifId, body);
                    long ts = (Integer.toUnsignedLong(b.getInt(body + 4)) << 32)
                            | Integer.toUnsignedLong(b.getInt(body + 8));
                    long cap = Integer.toUnsignedLong(b.getInt(body + 12));
                    if (cap > bodyLen - 20) {
                        throw new ParseException("enhanced packet data runs past its block", body + 12);
                    }
                    frame++;
                    decodeFrame(file, body + 20, (int) cap, itf.linkType(), frame, toNanos(ts, itf), out);
                }
                case 0x00000003 -> {
                    if (bodyLen < 4) {
                        throw new ParseException("simple packet block truncated", body);
                    }
                    Iface itf = iface(interfaces, 0, body);
                    long orig = Integer.toUnsignedLong(b.getInt(body));
                    int cap = (int) Math.min(orig, bodyLen - 4);
                    if (itf.snapLen() > 0) {
                        cap = (int) Math.min(cap, itf.snapLen());
                    }
                    frame++;
                    decodeFrame(file, body + 4, cap, itf.linkType(), frame, 0, out);
                }
                case 0x00000002 -> {
                    if (bodyLen < 20) {
                        throw new ParseException("packet block truncated", body);
                    }
                    Iface itf = iface(interfaces, Short.toUnsignedInt(b.getShort(body)), body);
                    long ts = (Integer.toUnsignedLong(b.getInt(body + 4)) << 32)
                            | Integer.toUnsignedLong(b.getInt(body + 8));
                    long cap = Integer.toUnsignedLong(b.getInt(body + 12));
                    if (cap > bodyLen - 20) {
                        throw new ParseException("packet data runs past its block", body + 12);
                    }
                    frame++;
                    decodeFrame(file, body + 20, (int) cap, itf.linkType(), frame, toNanos(ts, itf), out);
                }
                default -> {
                    // section header (handled above), statistics, name resolution, custom: nothing to read
                }
            }
            pos += blockLen;
        }
        return List.copyOf(out);
    }

    /** What a pcapng interface description block says about the packets that refer to it. */
    private record Iface(int linkType, long unitsPerSecond, long snapLen) {}

    private static Iface interfaceDescription(ByteBuffer b, int body, int bodyLen) throws ParseException {
        if (bodyLen < 8) {
            throw new ParseException("interface description block truncated", body);
        }
        int linkType = Short.toUnsignedInt(b.getShort(body));
        long snapLen = Integer.toUnsignedLong(b.getInt(body + 4));
        long unitsPerSecond = 1_000_000L;
        int opt = body + 8;
        int end = body + bodyLen;
        while (end - opt >= 4) {
            int code = Short.toUnsignedInt(b.getShort(opt));
            int olen = Short.toUnsignedInt(b.getShort(opt + 2));
            if (code == 0) {
                break;
            }
            if (olen > end - opt - 4) {
                throw new ParseException("interface option runs past its block", opt);
            }
            if (code == 9 && olen >= 1) { // if_tsresol
                int v = Byte.toUnsignedInt(b.get(opt + 4));
                int exp = v & 0x7F;
                boolean pow2 = (v & 0x80) != 0;
                if (pow2 ? exp > 62 : exp > 18) {
                    throw new ParseException("timestamp resolution out of range", opt + 4);
                }
                unitsPerSecond = pow2 ? 1L << exp : pow10(exp);
            }
            opt += 4 + ((olen + 3) & ~3);
        }
        return new Iface(linkType, unitsPerSecond, snapLen);
    }

    private static long pow10(int exp) {
        long v = 1;
        for (int i = 0; i < exp; i++) {
            v *= 10;
        }
        return v;
    }

    private static Iface iface(List<Iface> interfaces, long id, int at) throws ParseException {
        if (id >= interfaces.size()) {
            throw new ParseException("packet refers to undeclared interface " + id, at);
        }
        return interfaces.get((int) id);
    }

    private static long toNanos(long ts, Iface itf) {
        long units = itf.unitsPerSecond();
        long sec = Long.divideUnsigned(ts, units);
        long rem = Long.remainderUnsigned(ts, units);
        long frac = 1_000_000_000L % units == 0
                ? rem * (1_000_000_000L / units)
                : (long) (rem * (1e9 / units));
        return sec * 1_000_000_000L + frac;
    }

    // ------------------------------------------------------------------ link layer

    private static void decodeFrame(byte[] f, int off, int len, int linkType, int frame, long ts,
            List<UdpDatagram> out) throws ParseException {
        int end = off + len;
        int etherType;
        int p;
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                need(f, off, 14, end, "Ethernet header");
                etherType = u16(f, off + 12);
                p = off + 14;
                int tags = 0;
                while (etherType == ETHERTYPE_VLAN || etherType == ETHERTYPE_QINQ) {
                    if (++tags > 4) {
                        throw new ParseException("too many VLAN tags", p);
                    }
                    need(f, p, 4, end, "VLAN tag");
                    etherType = u16(f, p + 2);
                    p += 4;
                }
            }
            case LINKTYPE_LINUX_SLL -> {
                need(f, off, 16, end, "Linux cooked (SLL) header");
                etherType = u16(f, off + 14);
                p = off + 16;
            }
            case LINKTYPE_LINUX_SLL2 -> {
                need(f, off, 20, end, "Linux cooked (SLL2) header");
                etherType = u16(f, off);
                p = off + 20;
            }
            case LINKTYPE_RAW, LINKTYPE_IPV4, LINKTYPE_IPV6 -> {
                need(f, off, 1, end, "raw IP header");
                etherType = (f[off] & 0xF0) == 0x60 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
                p = off;
            }
            case LINKTYPE_NULL -> {
                need(f, off, 4, end, "loopback header");
                // address family in the capturing host's byte order: 2 is AF_INET everywhere,
                // AF_INET6 is 10 (Linux), 24 (NetBSD, OpenBSD), 28 (FreeBSD) or 30 (macOS)
                int family = Byte.toUnsignedInt(f[off]) | Byte.toUnsignedInt(f[off + 3]);
                etherType = switch (family) {
                    case 2 -> ETHERTYPE_IPV4;
                    case 10, 24, 28, 30 -> ETHERTYPE_IPV6;
                    default -> -1;
                };
                p = off + 4;
            }
            default -> throw new ParseException("unsupported link type " + linkType, off);
        }
        switch (etherType) {
            case ETHERTYPE_IPV4 -> ipv4(f, p, end, linkType, frame, ts, out);
            case ETHERTYPE_IPV6 -> ipv6(f, p, end, linkType, frame, ts, out);
            default -> {
                // ARP, LLDP, ...: not ours
            }
        }
    }

    // ------------------------------------------------------------------ network layer

    private static void ipv4(byte[] f, int p, int end, int linkType, int frame, long ts, List<UdpDatagram> out)
            throws ParseException {
        need(f, p, 20, end, "IPv4 header");
        if ((f[p] & 0xF0) != 0x40) {
            throw new ParseException("IPv4 header has version " + ((f[p] & 0xF0) >> 4), p);
        }
        int ihl = (f[p] & 0x0F) * 4;
        if (ihl < 20) {
            throw new ParseException("IPv4 header length " + ihl + " below 20", p);
        }
        int total = u16(f, p + 2);
        if (total < ihl) {
            throw new ParseException("IPv4 total length " + total + " shorter than its header", p + 2);
        }
        need(f, p, total, end, "IPv4 packet");
        int fragment = u16(f, p + 6);
        if ((fragment & 0x3FFF) != 0) {
            return; // a fragment: no complete UDP datagram here
        }
        if (Byte.toUnsignedInt(f[p + 9]) != PROTO_UDP) {
            return;
        }
        InetAddress src = address(f, p + 12, 4);
        InetAddress dst = address(f, p + 16, 4);
        udp(f, p + ihl, p + total, linkType, frame, ts, src, dst, out);
    }

    private static void ipv6(byte[] f, int p, int end, int linkType, int frame, long ts, List<UdpDatagram> out)
            throws ParseException {
        need(f, p, 40, end, "IPv6 header");
        if ((f[p] & 0xF0) != 0x60) {
            throw new ParseException("IPv6 header has version " + ((f[p] & 0xF0) >> 4), p);
        }
        int payloadLen = u16(f, p + 4);
        int next = Byte.toUnsignedInt(f[p + 6]);
        InetAddress src = address(f, p + 8, 16);
        InetAddress dst = address(f, p + 24, 16);
        int q = p + 40;
        int limit = q + payloadLen;
        need(f, q, payloadLen, end, "IPv6 payload");
        for (int headers = 0; ; headers++) {
            if (headers > 8) {
                throw new ParseException("too many IPv6 extension headers", q);
            }
            switch (next) {
                case 0, 43, 60 -> { // hop-by-hop, routing, destination options
                    need(f, q, 8, limit, "IPv6 extension header");
                    int hlen = (Byte.toUnsignedInt(f[q + 1]) + 1) * 8;
                    need(f, q, hlen, limit, "IPv6 extension header");
                    next = Byte.toUnsignedInt(f[q]);
                    q += hlen;
                }
                case 44 -> {
                    return; // fragment
                }
                case PROTO_UDP -> {
                    udp(f, q, limit, linkType, frame, ts, src, dst, out);
                    return;
                }
                default -> {
                    return; // ICMPv6, TCP, no next header, ...
                }
            }
        }
    }

    private static void udp(byte[] f, int p, int end, int linkType, int frame, long ts, InetAddress src,
            InetAddress dst, List<UdpDatagram> out) throws ParseException {
        need(f, p, 8, end, "UDP header");
        int sport = u16(f, p);
        int dport = u16(f, p + 2);
        int length = u16(f, p + 4);
        if (length < 8) {
            throw new ParseException("UDP length " + length + " below 8", p + 4);
        }
        need(f, p, length, end, "UDP datagram");
        out.add(new UdpDatagram(frame, ts, linkType, src, sport, dst, dport,
                Arrays.copyOfRange(f, p + 8, p + length)));
    }

    // ------------------------------------------------------------------ helpers

    private static void need(byte[] f, int at, int n, int end, String what) throws ParseException {
        if (n < 0 || at > end || end - at < n || end > f.length) {
            throw new ParseException(what + " truncated: need " + n + " bytes", at);
        }
    }

    private static int u16(byte[] f, int at) {
        return (Byte.toUnsignedInt(f[at]) << 8) | Byte.toUnsignedInt(f[at + 1]);
    }

    private static InetAddress address(byte[] f, int at, int n) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(f, at, at + n));
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e); // cannot happen for 4 or 16 bytes
        }
    }
}
