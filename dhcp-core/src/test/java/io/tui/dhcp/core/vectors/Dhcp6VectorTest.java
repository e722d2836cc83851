package io.tui.dhcp.core.vectors;

import static io.tui.dhcp.core.wire.v6.Dhcp6MessageType.ADVERTISE;
import static io.tui.dhcp.core.wire.v6.Dhcp6MessageType.RELAY_FORW;
import static io.tui.dhcp.core.wire.v6.Dhcp6MessageType.RELAY_REPL;
import static io.tui.dhcp.core.wire.v6.Dhcp6MessageType.RELEASE;
import static io.tui.dhcp.core.wire.v6.Dhcp6MessageType.RENEW;
import static io.tui.dhcp.core.wire.v6.Dhcp6MessageType.REPLY;
import static io.tui.dhcp.core.wire.v6.Dhcp6MessageType.REQUEST;
import static io.tui.dhcp.core.wire.v6.Dhcp6MessageType.SOLICIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.vectors.PcapReader.UdpDatagram;
import io.tui.dhcp.core.wire.v6.Dhcp6ClientMessage;
import io.tui.dhcp.core.wire.v6.Dhcp6Codec;
import io.tui.dhcp.core.wire.v6.Dhcp6Message;
import io.tui.dhcp.core.wire.v6.Dhcp6MessageType;
import io.tui.dhcp.core.wire.v6.Dhcp6Option;
import io.tui.dhcp.core.wire.v6.Dhcp6OptionViews;
import io.tui.dhcp.core.wire.v6.Dhcp6Options;
import io.tui.dhcp.core.wire.v6.Dhcp6RelayMessage;
import io.tui.dhcp.core.wire.v6.DnsServersOption;
import io.tui.dhcp.core.wire.v6.DomainListOption;
import io.tui.dhcp.core.wire.v6.Duid;
import io.tui.dhcp.core.wire.v6.IaAddressOption;
import io.tui.dhcp.core.wire.v6.IaNaOption;
import io.tui.dhcp.core.wire.v6.IaPdOption;
import io.tui.dhcp.core.wire.v6.IaPrefixOption;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.core.wire.v6.Octets;
import io.tui.dhcp.core.wire.v6.RawOption;
import io.tui.dhcp.core.wire.v6.RelayMessageOption;
import io.tui.dhcp.core.wire.v6.StatusCodeOption;
import io.tui.dhcp.core.wire.v6.VendorClassOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes every DHCPv6 packet captured between real clients, relays and Kea 2.2 (see
 * {@code vectors/README.md}), checks the fields against what tcpdump decoded at capture time, and checks that
 * each packet re-encodes byte-identically, both as decoded (raw options) and with every option replaced by its
 * typed view.
 */
class Dhcp6VectorTest {

    /** Kea's server-id from kea6.json: DUID-EN, enterprise 32473, identifier "tui-vect1". */
    private static final Duid KEA = new Duid.En(32473, Octets.ofUtf8("tui-vect1"));
    private static final int DNS_SERVERS = 23;
    private static final int DOMAIN_LIST = 24;
    private static final String RELEASED = "Lease released. Thank you, please come again.";
    private static final String SUMMARY = "Summary status for all processed IA_NAs";

    private final Dhcp6Codec codec = new Dhcp6Codec();

    static Stream<String> vectors() {
        return Stream.of("dhclient-ia-na", "dhclient-ia-pd", "dhcpcd-ia-na-pd", "wide-dhcp6c-ia-na-pd",
                "perfdhcp-address-and-prefix", "dhcrelay-relay-forw-server-side", "dhcrelay-both-legs-sll2");
    }

    private record Frame(UdpDatagram datagram, Dhcp6Message message) {
        Dhcp6ClientMessage client() {
            return assertInstanceOf(Dhcp6ClientMessage.class, message);
        }

        Dhcp6RelayMessage relay() {
            return assertInstanceOf(Dhcp6RelayMessage.class, message);
        }
    }

    private List<Frame> load(String name) throws Exception {
        List<Frame> frames = new ArrayList<>();
        for (UdpDatagram d : PcapReader.readResource("/vectors/v6/" + name + ".pcap")) {
            ByteBuf in = Unpooled.wrappedBuffer(d.payload());
            frames.add(new Frame(d, codec.decode(in)));
            assertEquals(0, in.readableBytes(), "decode consumes the whole datagram");
        }
        return frames;
    }

    private byte[] encode(Dhcp6Message m) {
        ByteBuf out = Unpooled.buffer();
        codec.encode(m, out);
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }

    // ------------------------------------------------------------------ every packet

    @ParameterizedTest
    @MethodSource("vectors")
    void everyPacketReencodesByteIdentically(String name) throws Exception {
        for (Frame f : load(name)) {
            String where = name + " frame " + f.datagram().frame();
            byte[] wire = f.datagram().payload();
            assertArrayEquals(wire, encode(f.message()), where + " as decoded");
            Dhcp6Message typed = typed(f.message());
            assertEquals(0, rawLeft(typed), where + ": every option has a typed view");
            assertArrayEquals(wire, encode(typed), where + " with typed options");
            assertEquals(typed, typed(codec.decode(encode(typed))), where + " typed round trip");
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void keaRepliesCarryItsServerIdAndEchoTheClientId(String name) throws Exception {
        List<Frame> frames = load(name);
        for (Frame f : frames) {
            Dhcp6ClientMessage m = f.message().innermost();
            Dhcp6MessageType t = Dhcp6MessageType.fromCode(m.typeCode());
            assertTrue(m.options().clientId() != null, "every message carries a client-id");
            if (t == ADVERTISE || t == REPLY) {
                assertEquals(KEA, m.options().serverId());
                assertEquals(KEA.toOctets(), Octets.ofHex("000200007ed97475692d7665637431"));
                // the request it answers is the previous message with the same transaction id
                Dhcp6ClientMessage asked = frames.stream().map(x -> x.message().innermost())
                        .filter(x -> x.transactionId() == m.transactionId() && x != m && !isServerMessage(x))
                        .findFirst().orElseThrow();
                assertEquals(asked.options().clientId(), m.options().clientId());
            } else if (t == SOLICIT) {
                assertNull(m.options().serverId());
            } else {
                assertEquals(KEA, m.options().serverId(), t + " names the server");
            }
        }
    }

    // ------------------------------------------------------------------ per scenario

    @Test
    void dhclientIaNaSolicitRequestRenewRelease() throws Exception {
        List<Frame> f = load("dhclient-ia-na");
        assertTypes(f, SOLICIT, ADVERTISE, REQUEST, REPLY, RENEW, REPLY, RELEASE, REPLY);
        assertXids(f, 0x43d373, 0x43d373, 0xc2c181, 0xc2c181, 0xad1fc6, 0xad1fc6, 0x8edee3, 0x8edee3);
        Duid duid = new Duid.Llt(1, 848653171L, Octets.ofHex("02005e005331"));
        Ip6Address lease = Ip6Address.parse("2001:db8:1::100");
        for (Frame x : f) {
            assertEquals(duid, x.client().options().clientId());
        }
        Dhcp6ClientMessage solicit = f.get(0).client();
        assertArrayEquals(new int[] {DNS_SERVERS, DOMAIN_LIST}, solicit.options().optionRequest().codes());
        IaNaOption asked = single(solicit.options().iaNa());
        assertEquals(1577079601, asked.iaid(), "dhclient's IAID is the last four bytes of the MAC");
        assertEquals(3600, asked.t1());
        assertEquals(5400, asked.t2());
        assertTrue(asked.options().isEmpty());
        assertNull(solicit.options().serverId());

        for (int i : new int[] {1, 3, 5}) {
            Dhcp6ClientMessage reply = f.get(i).client();
            IaNaOption ia = single(reply.options().iaNa());
            assertEquals(1577079601, ia.iaid());
            assertEquals(5, ia.t1());
            assertEquals(20, ia.t2());
            IaAddressOption addr = single(ia.options().addresses());
            assertEquals(lease, addr.address());
            assertEquals(30, addr.preferredLifetime());
            assertEquals(60, addr.validLifetime());
            assertEquals(List.of(Ip6Address.parse("2001:db8::53")),
                    reply.options().get(DNS_SERVERS, DnsServersOption.class).servers());
            assertEquals(List.of("vectors.example"),
                    reply.options().get(DOMAIN_LIST, DomainListOption.class).domains());
            assertEquals(List.of(1, 2, 3, 23, 24), codes(reply.options()), "Kea's option order");
        }
        IaAddressOption renewing = single(single(f.get(4).client().options().iaNa()).options().addresses());
        assertEquals(lease, renewing.address());
        assertEquals(7200, renewing.preferredLifetime(), "dhclient asks for its own default lifetimes");
        assertEquals(7500, renewing.validLifetime());

        IaAddressOption released = single(single(f.get(6).client().options().iaNa()).options().addresses());
        assertEquals(0, released.preferredLifetime());
        assertEquals(0, released.validLifetime());
        assertReleaseReply(f.get(7).client(), true);
    }

    @Test
    void dhclientIaPdWithDuidLl() throws Exception {
        List<Frame> f = load("dhclient-ia-pd");
        assertTypes(f, SOLICIT, ADVERTISE, REQUEST, REPLY, RELEASE, REPLY);
        assertXids(f, 0x66066c, 0x66066c, 0xbb2738, 0xbb2738, 0x6eea67, 0x6eea67);
        Duid duid = new Duid.Ll(1, Octets.ofHex("02005e005332"));
        for (Frame x : f) {
            assertEquals(duid, x.client().options().clientId());
            assertTrue(x.client().options().iaNa().isEmpty(), "-P alone asks for no address");
        }
        assertEquals(1577079602, single(f.get(0).client().options().iaPd()).iaid());
        for (int i : new int[] {1, 3}) {
            IaPdOption pd = single(f.get(i).client().options().iaPd());
            assertEquals(5, pd.t1());
            assertEquals(20, pd.t2());
            IaPrefixOption prefix = single(pd.options().prefixes());
            assertEquals(Ip6Address.parse("2001:db8:8000::"), prefix.prefix());
            assertEquals(56, prefix.prefixLength());
            assertEquals(30, prefix.preferredLifetime());
            assertEquals(60, prefix.validLifetime());
            assertEquals(List.of(1, 2, 23, 24, 25), codes(f.get(i).client().options()),
                    "Kea puts IA_PD after the other options");
        }
        Dhcp6ClientMessage releaseReply = f.get(5).client();
        assertEquals(List.of(1, 2, 13, 25), codes(releaseReply.options()));
        StatusCodeOption summary = releaseReply.options().statusCode();
        assertEquals(0, summary.statusCode());
        assertEquals(SUMMARY, summary.message(), "Kea 2.2 says IA_NAs even for a prefix release");
        IaPdOption pd = single(releaseReply.options().iaPd());
        assertEquals(RELEASED, pd.options().statusCode().message());
    }

    @Test
    void dhcpcdAsksForIaNaAndIaPdTogether() throws Exception {
        List<Frame> f = load("dhcpcd-ia-na-pd");
        assertTypes(f, SOLICIT, ADVERTISE, REQUEST, REPLY, RELEASE, REPLY);
        assertXids(f, 0x7ce53e, 0x7ce53e, 0x87db22, 0x87db22, 0xb7817a, 0xb7817a);
        Dhcp6ClientMessage solicit = f.get(0).client();
        assertEquals(new Duid.Llt(1, 848653187L, Octets.ofHex("02005e005333")), solicit.options().clientId());
        assertEquals(1, single(solicit.options().iaNa()).iaid());
        assertEquals(2, single(solicit.options().iaPd()).iaid());
        assertEquals(0, single(solicit.options().iaNa()).t1(), "dhcpcd leaves T1/T2 to the server");
        assertArrayEquals(new int[] {82, 83}, solicit.options().optionRequest().codes());
        VendorClassOption vc = solicit.options().get(16, VendorClassOption.class);
        assertEquals(40712, vc.enterpriseNumber());
        assertTrue(new String(vc.data().getFirst().toByteArray()).startsWith("dhcpcd-9.4.1:Linux-"));
        Dhcp6ClientMessage reply = f.get(3).client();
        assertEquals(Ip6Address.parse("2001:db8:1::101"),
                single(single(reply.options().iaNa()).options().addresses()).address());
        assertEquals(Ip6Address.parse("2001:db8:8000:100::"),
                single(single(reply.options().iaPd()).options().prefixes()).prefix());
        Dhcp6ClientMessage releaseReply = f.get(5).client();
        assertEquals(List.of(1, 2, 3, 13, 25), codes(releaseReply.options()));
        assertEquals(RELEASED, single(releaseReply.options().iaNa()).options().statusCode().message());
        assertEquals(RELEASED, single(releaseReply.options().iaPd()).options().statusCode().message());
    }

    @Test
    void wideDhcp6cReleasesEachIaSeparately() throws Exception {
        List<Frame> f = load("wide-dhcp6c-ia-na-pd");
        assertTypes(f, SOLICIT, ADVERTISE, REQUEST, REPLY, RELEASE, REPLY, RELEASE, REPLY);
        assertXids(f, 0xe74c01, 0xe74c01, 0xcdc7fb, 0xcdc7fb, 0xf2c79e, 0xf2c79e, 0xd50244, 0xd50244);
        Dhcp6ClientMessage solicit = f.get(0).client();
        assertEquals(new Duid.Llt(1, 848653191L, Octets.ofHex("02005e005334")), solicit.options().clientId());
        assertEquals(List.of(1, 3, 8, 6, 25), codes(solicit.options()), "dhcp6c's option order");
        assertEquals(0, single(solicit.options().iaNa()).iaid());
        assertEquals(0, single(solicit.options().iaPd()).iaid());
        Dhcp6ClientMessage reply = f.get(3).client();
        assertEquals(Ip6Address.parse("2001:db8:1::102"),
                single(single(reply.options().iaNa()).options().addresses()).address());
        assertEquals(Ip6Address.parse("2001:db8:8000:200::"),
                single(single(reply.options().iaPd()).options().prefixes()).prefix());
        Dhcp6ClientMessage releaseNa = f.get(4).client();
        assertEquals(1, releaseNa.options().iaNa().size());
        assertTrue(releaseNa.options().iaPd().isEmpty());
        assertEquals(18, single(releaseNa.options().iaNa()).t1(), "dhcp6c raised T1 5 to 18 and keeps it");
        assertEquals(30, single(releaseNa.options().iaNa()).t2());
        Dhcp6ClientMessage releasePd = f.get(6).client();
        assertTrue(releasePd.options().iaNa().isEmpty());
        assertEquals(1, releasePd.options().iaPd().size());
        assertReleaseReply(f.get(5).client(), true);
    }

    @Test
    void perfdhcpAddressAndPrefix() throws Exception {
        List<Frame> f = load("perfdhcp-address-and-prefix");
        assertTypes(f, SOLICIT, ADVERTISE, REQUEST, REPLY, SOLICIT, ADVERTISE, REQUEST, REPLY,
                SOLICIT, ADVERTISE, REQUEST, REPLY);
        assertXids(f, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
        for (int client = 0; client < 3; client++) {
            Duid duid = new Duid.Llt(1, 848653195L, Octets.ofHex("000c0102030" + (4 + client)));
            for (int j = 0; j < 4; j++) {
                Dhcp6ClientMessage m = f.get(client * 4 + j).client();
                assertEquals(duid, m.options().clientId());
                assertEquals(1, single(m.options().iaNa()).iaid());
                assertEquals(1, single(m.options().iaPd()).iaid());
            }
            Dhcp6ClientMessage reply = f.get(client * 4 + 3).client();
            assertEquals(Ip6Address.parse("2001:db8:1::" + (103 + client)),
                    single(single(reply.options().iaNa()).options().addresses()).address());
            assertEquals(Ip6Address.parse("2001:db8:8000:" + (3 + client) + "00::"),
                    single(single(reply.options().iaPd()).options().prefixes()).prefix());
        }
    }

    @Test
    void dhcrelayRelayForwAndKeasRelayRepl() throws Exception {
        List<Frame> f = load("dhcrelay-relay-forw-server-side");
        assertTypes(f, RELAY_FORW, RELAY_REPL, RELAY_FORW, RELAY_REPL, RELAY_FORW, RELAY_REPL);
        Dhcp6MessageType[] inner = {SOLICIT, ADVERTISE, REQUEST, REPLY, RELEASE, REPLY};
        Duid duid = new Duid.Llt(1, 848653199L, Octets.ofHex("02005e005341"));
        for (int i = 0; i < f.size(); i++) {
            Dhcp6RelayMessage relay = f.get(i).relay();
            assertEquals(0, relay.hopCount());
            assertEquals(Ip6Address.parse("2001:db8:2::1"), relay.linkAddress());
            assertEquals(Ip6Address.parse("fe80::5eff:fe00:5341"), relay.peerAddress());
            assertEquals(Octets.ofHex("01000000"), relay.interfaceId(), "dhcrelay -I: the ifindex, host order");
            assertEquals(List.of(18, 9), codes(relay.options()), "interface-id before relay-message, also in Kea's reply");
            Dhcp6ClientMessage m = assertInstanceOf(Dhcp6ClientMessage.class, relay.relayedMessage());
            assertEquals(inner[i].code(), m.typeCode());
            assertEquals(duid, m.options().clientId());
            assertEquals(1577079617, single(m.options().iaNa()).iaid());
        }
        assertEquals(0x9ea514, f.get(0).message().innermost().transactionId());
        assertEquals(0x9ea514, f.get(1).message().innermost().transactionId());
        assertEquals(Ip6Address.parse("2001:db8:2::100"),
                single(single(f.get(1).message().innermost().options().iaNa()).options().addresses()).address(),
                "the relayed subnet, chosen by link-address");
        assertReleaseReply(f.get(5).message().innermost(), true);
    }

    @Test
    void dhcrelayBothLegsWrapAndUnwrapTheSameClientMessages() throws Exception {
        List<Frame> f = load("dhcrelay-both-legs-sll2");
        assertTypes(f, SOLICIT, RELAY_FORW, RELAY_REPL, ADVERTISE, REQUEST, RELAY_FORW, RELAY_REPL, REPLY,
                RELEASE, RELAY_FORW, RELAY_REPL, REPLY);
        for (int i = 0; i < f.size(); i += 4) {
            // what the client sent is exactly what the relay put into RELAY-FORW ...
            assertArrayEquals(f.get(i).datagram().payload(), encode(f.get(i + 1).relay().relayedMessage()));
            // ... and what Kea put into RELAY-REPL is exactly what the relay sent to the client
            assertArrayEquals(encode(f.get(i + 2).relay().relayedMessage()), f.get(i + 3).datagram().payload());
            assertEquals(547, f.get(i + 3).datagram().sourcePort());
            assertEquals(546, f.get(i + 3).datagram().destinationPort());
            assertEquals(Ip6Address.parse("fe80::5eff:fe00:5304"), Ip6Address.of(f.get(i + 3).datagram().source().getAddress()));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void assertReleaseReply(Dhcp6ClientMessage reply, boolean iaNa) throws Exception {
        assertEquals(REPLY.code(), reply.typeCode());
        StatusCodeOption summary = reply.options().statusCode();
        assertEquals(0, summary.statusCode());
        assertEquals(SUMMARY, summary.message());
        if (iaNa) {
            IaNaOption ia = single(reply.options().iaNa());
            assertEquals(0, ia.t1());
            assertEquals(0, ia.t2());
            assertTrue(ia.options().addresses().isEmpty());
            assertEquals(RELEASED, ia.options().statusCode().message());
            assertTrue(ia.options().statusCode().isSuccess());
        }
    }

    private static void assertTypes(List<Frame> frames, Dhcp6MessageType... types) {
        assertEquals(types.length, frames.size());
        for (int i = 0; i < types.length; i++) {
            assertEquals(types[i].code(), frames.get(i).message().typeCode(), "msg-type of frame " + (i + 1));
        }
    }

    private static void assertXids(List<Frame> frames, int... xids) {
        assertEquals(xids.length, frames.size());
        for (int i = 0; i < xids.length; i++) {
            assertEquals(xids[i], frames.get(i).client().transactionId(), "transaction id of frame " + (i + 1));
        }
    }

    private static boolean isServerMessage(Dhcp6ClientMessage m) {
        return m.typeCode() == ADVERTISE.code() || m.typeCode() == REPLY.code();
    }

    private static <T> T single(List<T> list) {
        assertEquals(1, list.size(), "exactly one: " + list);
        return list.getFirst();
    }

    private static List<Integer> codes(Dhcp6Options options) {
        List<Integer> codes = new ArrayList<>();
        for (Dhcp6Option o : options) {
            codes.add(o.code());
        }
        return codes;
    }

    /** The message with every raw option replaced by its typed view, down through relay layers. */
    private static Dhcp6Message typed(Dhcp6Message m) throws Exception {
        Dhcp6Options out = new Dhcp6Options();
        for (Dhcp6Option o : m.options()) {
            if (o instanceof RelayMessageOption r) {
                out.add(new RelayMessageOption(typed(r.message())));
            } else if (o instanceof RawOption raw) {
                out.add(Dhcp6OptionViews.decode(raw));
            } else {
                out.add(o);
            }
        }
        return switch (m) {
            case Dhcp6ClientMessage c -> new Dhcp6ClientMessage(c.typeCode(), c.transactionId(), out);
            case Dhcp6RelayMessage r -> new Dhcp6RelayMessage(r.typeCode(), r.hopCount(), r.linkAddress(),
                    r.peerAddress(), out);
        };
    }

    private static int rawLeft(Dhcp6Message m) {
        int n = 0;
        for (Dhcp6Option o : m.options()) {
            if (o instanceof RawOption) {
                n++;
            } else if (o instanceof RelayMessageOption r) {
                n += rawLeft(r.message());
            } else if (o instanceof IaNaOption ia) {
                n += rawLeft(ia.options());
            } else if (o instanceof IaPdOption ia) {
                n += rawLeft(ia.options());
            }
        }
        return n;
    }

    private static int rawLeft(Dhcp6Options options) {
        int n = 0;
        for (Dhcp6Option o : options) {
            if (o instanceof RawOption) {
                n++;
            } else if (o instanceof IaAddressOption a) {
                n += rawLeft(a.options());
            } else if (o instanceof IaPrefixOption p) {
                n += rawLeft(p.options());
            }
        }
        return n;
    }

    @Test
    void typedViewDiffersFromRawButEncodesTheSame() throws Exception {
        Dhcp6Message raw = load("dhclient-ia-na").get(1).message();
        Dhcp6Message typed = typed(raw);
        assertFalse(raw.equals(typed), "a raw option never equals its typed record");
        assertArrayEquals(encode(raw), encode(typed));
    }
}
