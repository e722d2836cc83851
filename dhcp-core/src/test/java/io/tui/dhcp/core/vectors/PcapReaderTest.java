package io.tui.dhcp.core.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.vectors.PcapReader.UdpDatagram;
import io.tui.dhcp.core.wire.ParseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads every captured vector and checks it against what tcpdump 4.99.3 decoded from the same file at capture time
 * (the {@code .txt} next to each pcap): number of DHCP datagrams, their direction and ports, and the leading bytes
 * (DHCPv4 op plus option 53, DHCPv6 msg-type and transaction id).
 */
class PcapReaderTest {

    // DHCPv4 message types (option 53)
    private static final int DISCOVER = 1, OFFER = 2, REQUEST = 3, ACK = 5, RELEASE = 7;
    // DHCPv6 message types
    private static final int SOLICIT = 1, ADVERTISE = 2, REQUEST6 = 3, RENEW = 5, REPLY = 7, RELEASE6 = 8,
            RELAY_FORW = 12, RELAY_REPL = 13;
    private static final Set<Integer> DHCP6_PORTS = Set.of(546, 547);

    /** One vector file: its link type and, per datagram, the DHCPv4 message type or DHCPv6 msg-type. */
    record Vector(String resource, int linkType, int[] types, String firstSource, int firstSourcePort,
            String firstDestination, int firstDestinationPort, long firstXid) {}

    static Stream<Arguments> vectors() {
        return Stream.of(
                v4("dhclient-dora-release", 1, "0.0.0.0", 68, "255.255.255.255", 67, 0x8af44335L,
                        DISCOVER, OFFER, REQUEST, ACK, RELEASE),
                v4("dhcpcd-dora-release", 1, "0.0.0.0", 68, "255.255.255.255", 67, 0xfd92d9bfL,
                        DISCOVER, OFFER, REQUEST, ACK, RELEASE),
                v4("udhcpc-dora-release", 1, "0.0.0.0", 68, "255.255.255.255", 67, 0x6199ce43L,
                        DISCOVER, OFFER, REQUEST, ACK, RELEASE),
                v4("perfdhcp-dora", 1, "192.0.2.126", 67, "192.0.2.1", 67, 0L,
                        DISCOVER, OFFER, REQUEST, ACK, DISCOVER, OFFER, REQUEST, ACK, DISCOVER, OFFER, REQUEST, ACK),
                v4("perfdhcp-option82", 1, "192.0.2.126", 67, "192.0.2.1", 67, 0L,
                        DISCOVER, OFFER, REQUEST, ACK, DISCOVER, OFFER, REQUEST, ACK, DISCOVER, OFFER, REQUEST, ACK),
                v4("dhcrelay-option82-server-side", 1, "198.51.100.2", 67, "198.51.100.1", 67, 0x61d5f03cL,
                        DISCOVER, OFFER, REQUEST, ACK),
                v4("dhcrelay-both-legs-sll", PcapReader.LINKTYPE_LINUX_SLL, "0.0.0.0", 68, "255.255.255.255", 67,
                        0x61d5f03cL, DISCOVER, DISCOVER, OFFER, OFFER, REQUEST, REQUEST, ACK, ACK),
                v4("kea-vendor-options", 1, "0.0.0.0", 68, "255.255.255.255", 67, 0x2a258438L,
                        DISCOVER, OFFER, REQUEST, ACK, RELEASE),
                v4("kea-many-options", 1, "0.0.0.0", 68, "255.255.255.255", 67, 0xd6b87b44L,
                        DISCOVER, OFFER, REQUEST, ACK, RELEASE),
                v6("dhclient-ia-na", 1, "fe80::5eff:fe00:5331", 546, "ff02::1:2", 547, 0x43d373L,
                        SOLICIT, ADVERTISE, REQUEST6, REPLY, RENEW, REPLY, RELEASE6, REPLY),
                v6("dhclient-ia-pd", 1, "fe80::5eff:fe00:5332", 546, "ff02::1:2", 547, 0x66066cL,
                        SOLICIT, ADVERTISE, REQUEST6, REPLY, RELEASE6, REPLY),
                v6("dhcpcd-ia-na-pd", 1, "fe80::5eff:fe00:5333", 546, "ff02::1:2", 547, 0x7ce53eL,
                        SOLICIT, ADVERTISE, REQUEST6, REPLY, RELEASE6, REPLY),
                v6("wide-dhcp6c-ia-na-pd", 1, "fe80::5eff:fe00:5334", 546, "ff02::1:2", 547, 0xe74c01L,
                        SOLICIT, ADVERTISE, REQUEST6, REPLY, RELEASE6, REPLY, RELEASE6, REPLY),
                v6("perfdhcp-address-and-prefix", 1, "fe80::5eff:fe00:5335", 546, "ff02::1:2", 547, 0L,
                        SOLICIT, ADVERTISE, REQUEST6, REPLY, SOLICIT, ADVERTISE, REQUEST6, REPLY,
                        SOLICIT, ADVERTISE, REQUEST6, REPLY),
                v6("dhcrelay-relay-forw-server-side", 1, "2001:db8:ff::2", 547, "2001:db8:ff::1", 547, -1L,
                        RELAY_FORW, RELAY_REPL, RELAY_FORW, RELAY_REPL, RELAY_FORW, RELAY_REPL),
                v6("dhcrelay-both-legs-sll2", PcapReader.LINKTYPE_LINUX_SLL2, "fe80::5eff:fe00:5341", 546,
                        "ff02::1:2", 547, 0x9ea514L,
                        SOLICIT, RELAY_FORW, RELAY_REPL, ADVERTISE, REQUEST6, RELAY_FORW, RELAY_REPL, REPLY,
                        RELEASE6, RELAY_FORW, RELAY_REPL, REPLY));
    }

    private static Arguments v4(String name, int linkType, String src, int sport, String dst, int dport, long xid,
            int... types) {
        return Arguments.of(new Vector("/vectors/v4/" + name + ".pcap", linkType, types, src, sport, dst, dport, xid));
    }

    private static Arguments v6(String name, int linkType, String src, int sport, String dst, int dport, long xid,
            int... types) {
        return Arguments.of(new Vector("/vectors/v6/" + name + ".pcap", linkType, types, src, sport, dst, dport, xid));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void eachVectorHoldsTheCapturedDhcpMessages(Vector v) throws Exception {
        List<UdpDatagram> datagrams = PcapReader.readResource(v.resource());
        assertEquals(v.types().length, datagrams.size(), "datagram count in " + v.resource());
        boolean ipv6 = v.resource().contains("/v6/");
        for (int i = 0; i < datagrams.size(); i++) {
            UdpDatagram d = datagrams.get(i);
            byte[] p = d.payload();
            assertEquals(i + 1, d.frame(), "frame number");
            assertEquals(v.linkType(), d.linkType());
            assertEquals(ipv6, d.isIpv6());
            if (ipv6) {
                assertTrue(DHCP6_PORTS.contains(d.sourcePort()) && DHCP6_PORTS.contains(d.destinationPort()),
                        "DHCPv6 ports in " + d);
                assertEquals(v.types()[i], Byte.toUnsignedInt(p[0]), "msg-type of datagram " + (i + 1));
            } else {
                assertTrue(d.sourcePort() == 67 || d.sourcePort() == 68, "DHCPv4 port in " + d);
                int type = v.types()[i];
                int op = type == OFFER || type == ACK ? 2 : 1;
                assertEquals(op, p[0], "BOOTP op of datagram " + (i + 1));
                assertEquals(1, p[1], "htype Ethernet");
                assertEquals(6, p[2], "hlen");
                assertEquals(0x63825363, ByteBuffer.wrap(p, 236, 4).getInt(), "magic cookie");
                assertEquals(v.types()[i], dhcpMessageType(p), "option 53 of datagram " + (i + 1));
            }
        }
        UdpDatagram first = datagrams.getFirst();
        assertEquals(InetAddress.getByName(v.firstSource()), first.source());
        assertEquals(v.firstSourcePort(), first.sourcePort());
        assertEquals(InetAddress.getByName(v.firstDestination()), first.destination());
        assertEquals(v.firstDestinationPort(), first.destinationPort());
        byte[] p = first.payload();
        if (v.firstXid() >= 0) {
            long xid = ipv6
                    ? (Byte.toUnsignedLong(p[1]) << 16) | (Byte.toUnsignedLong(p[2]) << 8) | Byte.toUnsignedLong(p[3])
                    : Integer.toUnsignedLong(ByteBuffer.wrap(p, 4, 4).getInt());
            assertEquals(v.firstXid(), xid, "transaction id of the first datagram");
        }
    }

    /** Walks the DHCPv4 options area (fixed header of 236 bytes plus the cookie) for option 53. */
    private static int dhcpMessageType(byte[] p) {
        int i = 240;
        while (i < p.length) {
            int code = Byte.toUnsignedInt(p[i]);
            if (code == 255) {
                break;
            }
            if (code == 0) {
                i++;
                continue;
            }
            int len = Byte.toUnsignedInt(p[i + 1]);
            if (code == 53 && len == 1) {
                return Byte.toUnsignedInt(p[i + 2]);
            }
            i += 2 + len;
        }
        return -1;
    }

    @Test
    void udpPayloadLengthsMatchTcpdump() throws Exception {
        // "length 300/307" and "payload length: 60" as printed by tcpdump -vv for the first two frames
        assertEquals(List.of(300, 307, 300, 307, 300),
                lengths(PcapReader.readResource("/vectors/v4/dhclient-dora-release.pcap")));
        assertEquals(List.of(300, 510, 300, 510, 300),
                lengths(PcapReader.readResource("/vectors/v4/kea-many-options.pcap")));
        // IPv6 payload length 60 = 8 bytes UDP header + 52 bytes DHCPv6
        assertEquals(52, PcapReader.readResource("/vectors/v6/dhclient-ia-na.pcap").getFirst().payload().length);
    }

    private static List<Integer> lengths(List<UdpDatagram> ds) {
        return ds.stream().map(d -> d.payload().length).toList();
    }

    @Test
    void relayedV4DiscoverCarriesGiaddrAndHops() throws Exception {
        byte[] p = PcapReader.readResource("/vectors/v4/dhcrelay-option82-server-side.pcap").getFirst().payload();
        assertEquals(1, p[3], "hops");
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, (byte) 129}, Arrays.copyOfRange(p, 24, 28),
                "giaddr");
    }

    @Test
    void pcapngWithTheSameFramesReadsTheSame() throws Exception {
        for (String r : List.of("/vectors/v4/dhclient-dora-release.pcap", "/vectors/v6/dhcrelay-both-legs-sll2.pcap")) {
            byte[] classic = resource(r);
            List<UdpDatagram> expected = PcapReader.read(classic);
            for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
                List<UdpDatagram> fromNg = PcapReader.read(toPcapng(classic, order));
                assertEquals(expected, fromNg, r + " as pcapng " + order);
            }
        }
    }

    @Test
    void bigEndianAndNanosecondClassicFilesReadTheSame() throws Exception {
        byte[] classic = resource("/vectors/v6/dhclient-ia-pd.pcap");
        List<UdpDatagram> expected = PcapReader.read(classic);
        byte[] swapped = swapClassic(classic);
        assertEquals(expected, PcapReader.read(swapped));
        byte[] nanos = classic.clone();
        // little-endian nanosecond magic; the microsecond fields now read as nanoseconds
        nanos[0] = 0x4D;
        nanos[1] = 0x3C;
        List<UdpDatagram> ns = PcapReader.read(nanos);
        assertEquals(expected.size(), ns.size());
        assertEquals(expected.getFirst().timestampNanos() % 1_000_000_000L / 1000,
                ns.getFirst().timestampNanos() % 1_000_000_000L);
        assertArrayEquals(expected.getLast().payload(), ns.getLast().payload());
    }

    @Test
    void malformedInputEndsInParseException() throws Exception {
        assertThrows(ParseException.class, () -> PcapReader.read(new byte[0]));
        assertThrows(ParseException.class, () -> PcapReader.read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        byte[] good = resource("/vectors/v4/kea-vendor-options.pcap");
        // every truncation either still parses (cut at a record boundary) or is a ParseException
        int boundaries = 0;
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            try {
                PcapReader.read(cut);
                boundaries++;
            } catch (ParseException expected) {
                assertTrue(expected.offset() >= 0 && expected.offset() <= n, "offset within input");
            }
        }
        assertEquals(5, boundaries, "the header alone and after each of the first four records");
        // corrupting length fields inside the frames never escapes as an unchecked exception
        for (int at = 24; at < good.length; at++) {
            for (int value : new int[] {0x00, 0x01, 0x7F, 0xFF}) {
                byte[] bad = good.clone();
                bad[at] = (byte) value;
                try {
                    PcapReader.read(bad);
                } catch (ParseException expected) {
                    // fine
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PcapReaderTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /** Rewrites a little-endian microsecond classic pcap as big-endian. */
    private static byte[] swapClassic(byte[] le) {
        ByteBuffer in = ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(le.length).order(ByteOrder.BIG_ENDIAN);
        out.putInt(0xA1B2C3D4).putShort(in.getShort(4)).putShort(in.getShort(6)).putInt(in.getInt(8))
                .putInt(in.getInt(12)).putInt(in.getInt(16)).putInt(in.getInt(20));
        int pos = 24;
        while (pos < le.length) {
            int incl = in.getInt(pos + 8);
            out.putInt(in.getInt(pos)).putInt(in.getInt(pos + 4)).putInt(incl).putInt(in.getInt(pos + 12));
            out.put(le, pos + 16, incl);
            pos += 16 + incl;
        }
        return out.array();
    }

    /** Wraps the records of a little-endian microsecond classic pcap into pcapng blocks in the given byte order. */
    private static byte[] toPcapng(byte[] le, ByteOrder order) {
        ByteBuffer in = ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN);
        int linkType = in.getInt(20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(block(order, 0x0A0D0D0A, b -> b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                .putLong(-1L), 16));
        // interface with an if_tsresol of 6 (microseconds) option and the end-of-options marker
        out.writeBytes(block(order, 1, b -> b.putShort((short) linkType).putShort((short) 0).putInt(0)
                .putShort((short) 9).putShort((short) 1).put((byte) 6).put(new byte[3])
                .putShort((short) 0).putShort((short) 0), 20));
        // a name resolution block the reader must skip
        out.writeBytes(block(order, 4, b -> b.putShort((short) 0).putShort((short) 0), 4));
        int pos = 24;
        while (pos < le.length) {
            long ts = Integer.toUnsignedLong(in.getInt(pos)) * 1_000_000L + Integer.toUnsignedLong(in.getInt(pos + 4));
            int incl = in.getInt(pos + 8);
            int orig = in.getInt(pos + 12);
            int start = pos + 16;
            int padded = (incl + 3) & ~3;
            out.writeBytes(block(order, 6, b -> b.putInt(0).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(incl)
                    .putInt(orig).put(le, start, incl).put(new byte[padded - incl]), 20 + padded));
            pos = start + incl;
        }
        return out.toByteArray();
    }

    private static byte[] block(ByteOrder order, int type, Consumer<ByteBuffer> body, int bodyLen) {
        int total = 12 + bodyLen;
        ByteBuffer b = ByteBuffer.allocate(total).order(order);
        b.putInt(type).putInt(total);
        body.accept(b);
        b.putInt(total);
        if (b.position() != total) {
            throw new IllegalStateException("block body of " + (b.position() - 12) + " bytes, declared " + bodyLen);
        }
        return b.array();
    }
}
