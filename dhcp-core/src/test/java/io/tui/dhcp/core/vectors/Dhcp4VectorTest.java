package io.tui.dhcp.core.vectors;

import static io.tui.dhcp.core.wire.v4.DhcpMessageType.DHCPACK;
import static io.tui.dhcp.core.wire.v4.DhcpMessageType.DHCPDISCOVER;
import static io.tui.dhcp.core.wire.v4.DhcpMessageType.DHCPOFFER;
import static io.tui.dhcp.core.wire.v4.DhcpMessageType.DHCPRELEASE;
import static io.tui.dhcp.core.wire.v4.DhcpMessageType.DHCPREQUEST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.vectors.PcapReader.UdpDatagram;
import io.tui.dhcp.core.wire.ParseException;
import io.tui.dhcp.core.wire.v4.ClientIdentifier;
import io.tui.dhcp.core.wire.v4.Dhcp4Codec;
import io.tui.dhcp.core.wire.v4.Dhcp4Option;
import io.tui.dhcp.core.wire.v4.Dhcp4Packet;
import io.tui.dhcp.core.wire.v4.DhcpMessageType;
import io.tui.dhcp.core.wire.v4.Ipv4;
import io.tui.dhcp.core.wire.v4.RelayAgentInfo;
import io.tui.dhcp.core.wire.v4.SubOption;
import io.tui.dhcp.core.wire.v4.VendorIdentifyingClass;
import io.tui.dhcp.core.wire.v4.VendorSpecificInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes every DHCPv4 packet captured between real clients, relays and Kea 2.2 (see
 * {@code vectors/README.md}), checks the fields against what tcpdump decoded at capture time, and checks that
 * each packet re-encodes byte-identically, both as decoded and when rebuilt field by field into a new packet.
 */
class Dhcp4VectorTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final int SERVER = Ipv4.of(192, 0, 2, 1);

    private final Dhcp4Codec codec = new Dhcp4Codec();

    static Stream<String> vectors() {
        return Stream.of("dhclient-dora-release", "dhcpcd-dora-release", "udhcpc-dora-release", "perfdhcp-dora",
                "perfdhcp-option82", "dhcrelay-option82-server-side", "dhcrelay-both-legs-sll",
                "kea-vendor-options", "kea-many-options");
    }

    private record Frame(UdpDatagram datagram, Dhcp4Packet packet) {
        byte[] bytes() {
            return datagram.payload();
        }

        DhcpMessageType type() throws ParseException {
            return packet.options().messageType();
        }
    }

    private List<Frame> load(String name) throws Exception {
        List<Frame> frames = new ArrayList<>();
        for (UdpDatagram d : PcapReader.readResource("/vectors/v4/" + name + ".pcap")) {
            ByteBuf in = Unpooled.wrappedBuffer(d.payload());
            frames.add(new Frame(d, codec.decode(in)));
            assertEquals(0, in.readableBytes(), "decode consumes the whole datagram");
        }
        return frames;
    }

    private byte[] encode(Dhcp4Packet p) {
        ByteBuf out = Unpooled.buffer();
        int n = codec.encode(p, out);
        assertEquals(n, out.readableBytes());
        byte[] b = new byte[n];
        out.readBytes(b);
        return b;
    }

    // ------------------------------------------------------------------ every packet

    @ParameterizedTest
    @MethodSource("vectors")
    void everyPacketReencodesByteIdentically(String name) throws Exception {
        for (Frame f : load(name)) {
            String where = name + " frame " + f.datagram().frame();
            assertArrayEquals(f.bytes(), encode(f.packet()), where + " as decoded");
            // every captured message is canonical (no PAD inside, no overload, one instance per code) ...
            assertFalse(f.packet().hasWireLayout(), where + " needs no recorded wire layout");
            // ... so a packet rebuilt from its fields alone encodes to the same bytes
            assertArrayEquals(f.bytes(), encode(rebuild(f.packet())), where + " rebuilt field by field");
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void everyPacketIsEthernetBootpWithAKnownMessageType(String name) throws Exception {
        for (Frame f : load(name)) {
            Dhcp4Packet p = f.packet();
            assertEquals(Dhcp4Packet.HTYPE_ETHERNET, p.htype());
            assertEquals(6, p.hlen());
            DhcpMessageType t = f.type();
            boolean reply = t == DHCPOFFER || t == DHCPACK;
            assertEquals(reply ? Dhcp4Packet.BOOTREPLY : Dhcp4Packet.BOOTREQUEST, p.op(), "op for " + t);
            assertTrue(p.snameEmpty() && p.fileEmpty(), "no sname/file in any capture");
            if (reply) {
                assertEquals(0, p.padAfterEnd(), "Kea writes nothing after END");
                assertEquals(600, p.options().leaseTime().getAsLong());
                assertEquals(300, p.options().renewalTime().getAsLong());
                assertEquals(525, p.options().rebindingTime().getAsLong());
                assertEquals(Ipv4.of(255, 255, 255, 128), p.options().ipv4(1, 0), "subnet mask");
                assertEquals(53, p.options().code(0), "Kea writes option 53 first");
            }
        }
    }

    // ------------------------------------------------------------------ per scenario

    @Test
    void dhclientDoraRelease() throws Exception {
        List<Frame> f = load("dhclient-dora-release");
        assertTypes(f, DHCPDISCOVER, DHCPOFFER, DHCPREQUEST, DHCPACK, DHCPRELEASE);
        byte[] mac = HEX.parseHex("02005e005311");
        for (int i = 0; i < 4; i++) {
            assertEquals(0x8af44335, f.get(i).packet().xid());
            assertArrayEquals(mac, f.get(i).packet().hardwareAddress());
        }
        Dhcp4Packet discover = f.get(0).packet();
        assertNull(discover.options().clientIdentifier(), "dhclient sends no client-id by default");
        assertArrayEquals(new int[] {1, 28, 2, 3, 15, 6, 12}, discover.options().parameterRequestList().codes());
        assertEquals(47, discover.padAfterEnd(), "dhclient pads to 300 bytes");
        assertEquals(300, f.get(0).bytes().length);

        Dhcp4Packet offer = f.get(1).packet();
        assertEquals(Ipv4.of(192, 0, 2, 10), offer.yiaddr());
        assertEquals(0, offer.siaddr());
        assertEquals(SERVER, offer.options().serverIdentifier().getAsInt());
        assertEquals(List.of(53, 1, 3, 6, 15, 51, 54, 58, 59), codes(offer));
        assertEquals("c0000235c6336435", HEX.formatHex(offer.options().get(6)));
        assertEquals("vectors.example", offer.options().string(15));

        Dhcp4Packet request = f.get(2).packet();
        assertEquals(Ipv4.of(192, 0, 2, 10), request.options().requestedAddress().getAsInt());
        assertEquals(SERVER, request.options().serverIdentifier().getAsInt());
        assertEquals(35, request.padAfterEnd());

        Dhcp4Packet release = f.get(4).packet();
        assertEquals(0xb8d1836d, release.xid(), "RELEASE has its own xid");
        assertEquals(Ipv4.of(192, 0, 2, 10), release.ciaddr());
        assertEquals(List.of(53, 54), codes(release));
        assertEquals(50, release.padAfterEnd());
        assertEquals(Ipv4.of(192, 0, 2, 126), ipv4(f.get(4).datagram().source()), "unicast from the static address");
    }

    @Test
    void dhcpcdDoraRelease() throws Exception {
        List<Frame> f = load("dhcpcd-dora-release");
        assertTypes(f, DHCPDISCOVER, DHCPOFFER, DHCPREQUEST, DHCPACK, DHCPRELEASE);
        Dhcp4Packet discover = f.get(0).packet();
        assertEquals(0xfd92d9bf, discover.xid());
        assertArrayEquals(HEX.parseHex("02005e005312"), discover.hardwareAddress());
        assertEquals(1472, discover.options().maxMessageSize().getAsInt());
        assertEquals("tui-dhcpcd", discover.options().hostname());
        assertTrue(new String(discover.options().vendorClassIdentifier(), StandardCharsets.US_ASCII)
                .startsWith("dhcpcd-9.4.1:Linux-"));
        assertArrayEquals(new byte[] {1}, discover.options().get(145), "forcerenew-nonce-capable");
        assertEquals(0, discover.padAfterEnd());
        Dhcp4Packet request = f.get(2).packet();
        assertEquals(50, request.options().code(0), "dhcpcd puts requested-address before message type");
        assertEquals(53, request.options().code(1));
        assertEquals(Ipv4.of(192, 0, 2, 11), request.options().requestedAddress().getAsInt());
        Dhcp4Packet ack = f.get(3).packet();
        assertEquals(Ipv4.of(192, 0, 2, 11), ack.yiaddr());
        assertEquals("tui-dhcpcd", ack.options().hostname(), "Kea echoes the host name");
        Dhcp4Packet release = f.get(4).packet();
        assertEquals(0x7695e625, release.xid());
        assertEquals(Ipv4.of(192, 0, 2, 11), release.ciaddr());
    }

    @Test
    void udhcpcDoraRelease() throws Exception {
        List<Frame> f = load("udhcpc-dora-release");
        assertTypes(f, DHCPDISCOVER, DHCPOFFER, DHCPREQUEST, DHCPACK, DHCPRELEASE);
        ClientIdentifier cid = new ClientIdentifier(1, HEX.parseHex("02005e005313"));
        for (Frame x : f) {
            assertEquals(cid, x.packet().options().clientIdentifier(), "client-id in every message, echoed by Kea");
        }
        Dhcp4Packet discover = f.get(0).packet();
        assertEquals(0x6199ce43, discover.xid());
        assertEquals(576, discover.options().maxMessageSize().getAsInt());
        assertEquals("udhcp 1.35.0", new String(discover.options().vendorClassIdentifier(), StandardCharsets.US_ASCII));
        assertEquals("tui-udhcpc", discover.options().hostname());
        assertArrayEquals(new int[] {1, 3, 6, 12, 15, 28, 42}, discover.options().parameterRequestList().codes());
        assertEquals(Ipv4.of(192, 0, 2, 12), f.get(3).packet().yiaddr());
        Dhcp4Packet release = f.get(4).packet();
        assertEquals(0x38cb4975, release.xid());
        assertEquals(1, release.secs(), "udhcpc's RELEASE carries secs 1");
        assertEquals(Ipv4.of(192, 0, 2, 12), release.ciaddr());
    }

    @Test
    void perfdhcpActsAsARelayWithSequentialXids() throws Exception {
        List<Frame> f = load("perfdhcp-dora");
        for (int client = 0; client < 3; client++) {
            byte[] mac = HEX.parseHex("000c0102030" + (4 + client));
            for (int j = 0; j < 4; j++) {
                Dhcp4Packet p = f.get(client * 4 + j).packet();
                assertEquals(List.of(DHCPDISCOVER, DHCPOFFER, DHCPREQUEST, DHCPACK).get(j), p.options().messageType());
                assertEquals(client, p.xid(), "perfdhcp numbers exchanges 0, 1, 2");
                assertEquals(1, p.hops());
                assertEquals(Ipv4.of(192, 0, 2, 126), p.giaddr());
                assertArrayEquals(mac, p.hardwareAddress());
                assertEquals(new ClientIdentifier(1, mac), p.options().clientIdentifier());
                assertNull(p.options().relayAgentInfo());
            }
            assertEquals(Ipv4.of(192, 0, 2, 13 + client), f.get(client * 4 + 3).packet().yiaddr());
        }
    }

    @Test
    void perfdhcpOption82WithCircuitAndRemoteIdIsEchoedByKea() throws Exception {
        List<Frame> f = load("perfdhcp-option82");
        assertEquals(12, f.size());
        byte[] wire = HEX.parseHex("0108746f722d312f3037020600005e005399");
        for (Frame x : f) {
            RelayAgentInfo rai = x.packet().options().relayAgentInfo();
            assertEquals("tor-1/07", new String(rai.circuitId(), StandardCharsets.US_ASCII));
            assertArrayEquals(HEX.parseHex("00005e005399"), rai.remoteId());
            assertEquals(List.of(1, 2), rai.subOptions().stream().map(SubOption::code).toList());
            assertArrayEquals(wire, rai.encode());
            Dhcp4Packet p = x.packet();
            assertEquals(82, p.options().code(p.options().size() - 1), "82 is the last option, also in replies");
        }
    }

    @Test
    void dhcrelayAddsCircuitIdAndKeaEchoesIt() throws Exception {
        List<Frame> f = load("dhcrelay-option82-server-side");
        assertTypes(f, DHCPDISCOVER, DHCPOFFER, DHCPREQUEST, DHCPACK);
        for (Frame x : f) {
            Dhcp4Packet p = x.packet();
            assertEquals(0x61d5f03c, p.xid());
            assertEquals(1, p.hops());
            assertEquals(Ipv4.of(192, 0, 2, 129), p.giaddr());
            assertArrayEquals(HEX.parseHex("02005e005321"), p.hardwareAddress());
            RelayAgentInfo rai = p.options().relayAgentInfo();
            assertEquals(1, rai.subOptions().size(), "ISC dhcrelay 4.4 sends circuit-id only");
            assertEquals("r-cli", new String(rai.circuitId(), StandardCharsets.US_ASCII));
            assertNull(rai.remoteId());
        }
        Dhcp4Packet offer = f.get(1).packet();
        assertEquals(Ipv4.of(192, 0, 2, 140), offer.yiaddr());
        assertEquals(Ipv4.of(198, 51, 100, 1), offer.options().serverIdentifier().getAsInt(),
                "server id is the address of the interface the relayed packet came in on");
        assertEquals(Ipv4.of(192, 0, 2, 129), offer.options().ipv4(3, 0), "router of the relayed subnet");
        assertEquals(Ipv4.of(198, 51, 100, 2), ipv4(f.get(0).datagram().source()));
        assertEquals(67, f.get(1).datagram().destinationPort(), "Kea answers the relay on port 67");
        assertEquals(Ipv4.of(192, 0, 2, 129), ipv4(f.get(1).datagram().destination()));
    }

    @Test
    void dhcrelayBothLegsShowTheRelayAddingAndStrippingOption82() throws Exception {
        List<Frame> f = load("dhcrelay-both-legs-sll");
        assertTypes(f, DHCPDISCOVER, DHCPDISCOVER, DHCPOFFER, DHCPOFFER, DHCPREQUEST, DHCPREQUEST, DHCPACK, DHCPACK);
        // frames: client DISCOVER, relayed DISCOVER, Kea OFFER, OFFER to client, then the same for REQUEST/ACK
        int[][] clientAndServerLeg = {{0, 1}, {3, 2}, {4, 5}, {7, 6}};
        for (int[] pair : clientAndServerLeg) {
            Dhcp4Packet clientSide = f.get(pair[0]).packet();
            Dhcp4Packet serverSide = f.get(pair[1]).packet();
            assertNull(clientSide.options().relayAgentInfo(), "the client's leg carries no option 82");
            assertEquals("r-cli", new String(serverSide.options().relayAgentInfo().circuitId(), StandardCharsets.US_ASCII));
            assertEquals(serverSide.xid(), clientSide.xid());
        }
        assertEquals(0, f.get(0).packet().giaddr());
        assertEquals(0, f.get(0).packet().hops());
        assertEquals(Ipv4.of(192, 0, 2, 129), f.get(1).packet().giaddr());
        assertEquals(1, f.get(1).packet().hops(), "dhcrelay increments hops");
        // the relay forwards Kea's OFFER to the client unchanged except for the stripped option 82
        Dhcp4Packet fromKea = f.get(2).packet();
        Dhcp4Packet toClient = f.get(3).packet();
        fromKea.options().remove(82);
        assertArrayEquals(encode(toClient), encode(fromKea.discardWireLayout()));
        assertEquals(Ipv4.of(192, 0, 2, 140), ipv4(f.get(3).datagram().destination()));
        assertEquals(68, f.get(3).datagram().destinationPort());
    }

    @Test
    void vendorOptions43And125AndClient60And124() throws Exception {
        List<Frame> f = load("kea-vendor-options");
        assertTypes(f, DHCPDISCOVER, DHCPOFFER, DHCPREQUEST, DHCPACK, DHCPRELEASE);
        Dhcp4Packet discover = f.get(0).packet();
        assertEquals("tui-vector-client",
                new String(discover.options().vendorClassIdentifier(), StandardCharsets.US_ASCII));
        VendorIdentifyingClass vivco = discover.options().vendorIdentifyingClass();
        assertEquals(1, vivco.entries().size());
        assertEquals(32473, vivco.entries().getFirst().enterpriseNumber());
        List<byte[]> items = vivco.entries().getFirst().items();
        assertEquals(1, items.size());
        assertEquals("tui-v4", new String(items.getFirst(), StandardCharsets.US_ASCII));

        for (Frame x : List.of(f.get(1), f.get(3))) {
            Dhcp4Packet p = x.packet();
            List<SubOption> sub43 = p.options().vendorEncapsulatedOptions().parseSubOptions();
            assertEquals(2, sub43.size());
            assertEquals(1, sub43.get(0).code());
            assertEquals("acs.vectors.example", new String(sub43.get(0).data(), StandardCharsets.US_ASCII));
            assertEquals(2, sub43.get(1).code());
            assertArrayEquals(HEX.parseHex("c000022b"), sub43.get(1).data());

            VendorSpecificInfo vivso = p.options().vendorSpecificInfo();
            assertEquals(1, vivso.entries().size());
            VendorSpecificInfo.Entry e = vivso.find(32473);
            assertArrayEquals(HEX.parseHex("0000007d"), e.find(1), "tui-vlan uint32 125");
            assertEquals("https://192.0.2.125/tui", new String(e.find(2), StandardCharsets.US_ASCII));
            assertArrayEquals(p.options().get(125), vivso.encode());
            assertEquals(List.of(53, 1, 3, 43, 51, 54, 58, 59, 125), codes(p));
        }
    }

    /**
     * Kea's encoding of every option-data entry in {@code kea4-options.json}, as sent in OFFER and ACK. An
     * option-data encoder fed the same config must produce these values.
     */
    @Test
    void manyOptionsCarryKeasEncodingOfTheConfiguredOptionData() throws Exception {
        List<Frame> f = load("kea-many-options");
        assertTypes(f, DHCPDISCOVER, DHCPOFFER, DHCPREQUEST, DHCPACK, DHCPRELEASE);
        String[][] expected = {
            {"53", "02"},
            {"1", "ffffff80"},
            {"2", "fffff1f0"}, // time-offset -3600
            {"3", "c0000201"},
            {"6", "c0000235c6336435"},
            {"12", "7475692d766563746f72"}, // the client's host name, echoed
            {"15", "766563746f72732e6578616d706c65"},
            {"17", "2f7372762f7475692f726f6f74"}, // root-path
            {"19", "01"}, // ip-forwarding true
            {"23", "40"}, // default-ip-ttl 64
            {"26", "05dc"}, // interface-mtu 1500
            {"35", "00000e10"}, // arp-cache-timeout 3600
            {"42", "c000027bc000027c"},
            {"51", "00000258"},
            {"54", "c0000201"},
            {"58", "0000012c"},
            {"59", "0000020d"},
            {"66", "746674702e766563746f72732e6578616d706c65"},
            {"67", "7078656c696e75782e30"},
            {"119", "07766563746f7273076578616d706c6500076578616d706c65036f726700"},
            {"121", "18c63364c000020119cb007180c000020200c0000201"},
            {"222", "c000024d1f9007747569207265636f72642074657874"}, // record ipv4, uint16, uint8, string
            {"223", "00010002ffff"}, // uint16 array
            {"224", "01020304abcd"}, // hex with ':' separators
            {"252", "687474703a2f2f7770616400"}, // hex with 0x prefix
        };
        for (Frame x : List.of(f.get(1), f.get(3))) {
            Dhcp4Packet p = x.packet();
            assertEquals(expected.length, p.options().size());
            for (int i = 0; i < expected.length; i++) {
                int code = Integer.parseInt(expected[i][0]);
                String value = i == 0 ? HEX.formatHex(new byte[] {(byte) x.type().code()}) : expected[i][1];
                assertEquals(code, p.options().code(i), "option order at " + i);
                assertEquals(value, HEX.formatHex(p.options().value(i)), "option " + code);
            }
            assertEquals(Ipv4.of(192, 0, 2, 10), p.yiaddr());
            assertEquals(510, x.bytes().length);
        }
        assertEquals("tui-vector", f.get(0).packet().options().hostname());
        assertArrayEquals(new int[] {1, 3, 6, 15, 42}, f.get(0).packet().options().parameterRequestList().codes());
    }

    // ------------------------------------------------------------------ helpers

    private static void assertTypes(List<Frame> frames, DhcpMessageType... types) throws ParseException {
        assertEquals(types.length, frames.size());
        for (int i = 0; i < types.length; i++) {
            assertEquals(types[i], frames.get(i).type(), "message type of frame " + (i + 1));
        }
    }

    private static List<Integer> codes(Dhcp4Packet p) {
        List<Integer> codes = new ArrayList<>();
        for (Dhcp4Option o : p.options()) {
            codes.add(o.code());
        }
        return codes;
    }

    private static int ipv4(java.net.InetAddress a) {
        byte[] b = a.getAddress();
        return Ipv4.of(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff);
    }

    /** A new packet with the decoded packet's header fields and options, set through the public setters. */
    private static Dhcp4Packet rebuild(Dhcp4Packet d) {
        Dhcp4Packet p = new Dhcp4Packet()
                .op(d.op())
                .htype(d.htype())
                .hlen(d.hlen())
                .hops(d.hops())
                .xid(d.xid())
                .secs(d.secs())
                .flags(d.flags())
                .ciaddr(d.ciaddr())
                .yiaddr(d.yiaddr())
                .siaddr(d.siaddr())
                .giaddr(d.giaddr())
                .chaddr(d.chaddr().clone())
                .padAfterEnd(d.padAfterEnd());
        for (Dhcp4Option o : d.options()) {
            p.options().put(o.code(), o.value().clone());
        }
        return p;
    }
}
