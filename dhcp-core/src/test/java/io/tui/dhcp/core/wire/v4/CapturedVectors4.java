package io.tui.dhcp.core.wire.v4;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * DHCPv4 datagrams captured from real clients and Kea 2.2.0 under {@code vectors/v4/}: {@code .hex} files
 * (one datagram, {@code #} comment lines) and {@code .pcap} files (every UDP port 67/68 datagram over
 * IPv4, Ethernet or Linux cooked capture).
 */
final class CapturedVectors4 {
    private CapturedVectors4() {
    }

    /** Name (with "#n" for the n-th datagram of a pcap) → datagram, in name order. */
    static Map<String, byte[]> all() {
        URL dir = CapturedVectors4.class.getClassLoader().getResource("vectors/v4");
        if (dir == null) {
            throw new IllegalStateException("test resources vectors/v4 missing");
        }
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".hex")) {
                    out.put(name, hex(Files.readString(p)));
                } else if (name.endsWith(".pcap")) {
                    List<byte[]> d = pcapDatagrams(Files.readAllBytes(p));
                    for (int i = 0; i < d.size(); i++) {
                        out.put(name + "#" + (i + 1), d.get(i));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static byte[] get(String name) {
        byte[] b = all().get(name);
        if (b == null) {
            throw new IllegalArgumentException("no vector " + name);
        }
        return b;
    }

    private static byte[] hex(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                sb.append(line.strip());
            }
        }
        return HexFormat.of().parseHex(sb);
    }

    /** UDP payloads to or from port 67/68 in a classic pcap file. */
    static List<byte[]> pcapDatagrams(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) {
            b.order(ByteOrder.BIG_ENDIAN);
        } else if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            throw new IllegalArgumentException("not a pcap file");
        }
        int linkType = b.getInt(20);
        int linkHeader = switch (linkType) {
            case 1 -> 14;    // Ethernet
            case 113 -> 16;  // Linux cooked v1
            case 276 -> 20;  // Linux cooked v2
            default -> throw new IllegalArgumentException("link type " + linkType);
        };
        List<byte[]> out = new ArrayList<>();
        int off = 24;
        while (off + 16 <= file.length) {
            int incl = b.getInt(off + 8);
            int pkt = off + 16;
            off = pkt + incl;
            int ip = pkt + linkHeader;
            if (incl < linkHeader + 28 || (file[ip] & 0xf0) != 0x40 || file[ip + 9] != 17) {
                continue;
            }
            int udp = ip + (file[ip] & 0x0f) * 4;
            int sport = (file[udp] & 0xff) << 8 | (file[udp + 1] & 0xff);
            int dport = (file[udp + 2] & 0xff) << 8 | (file[udp + 3] & 0xff);
            int len = (file[udp + 4] & 0xff) << 8 | (file[udp + 5] & 0xff);
            if ((sport == 67 || sport == 68 || dport == 67 || dport == 68) && len >= 8 && udp + len <= off) {
                byte[] d = new byte[len - 8];
                System.arraycopy(file, udp + 8, d, 0, d.length);
                out.add(d);
            }
        }
        return out;
    }
}
