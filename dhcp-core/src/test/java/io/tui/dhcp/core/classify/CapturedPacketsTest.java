package io.tui.dhcp.core.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.vectors.PcapReader;
import io.tui.dhcp.core.vectors.PcapReader.UdpDatagram;
import io.tui.dhcp.core.wire.v4.Dhcp4Codec;
import io.tui.dhcp.core.wire.v6.Dhcp6Codec;
import io.tui.dhcp.core.wire.v6.Dhcp6Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Expressions over packets captured from real clients and relays (see vectors/README.md). */
class CapturedPacketsTest {

    /** Frame 1 of perfdhcp-option82.pcap: a DISCOVER relayed by 192.0.2.126 with circuit-id "tor-1/07". */
    static Packet4View option82Discover() throws Exception {
        UdpDatagram d = PcapReader.readResource("/vectors/v4/perfdhcp-option82.pcap").getFirst();
        return new Packet4View(new Dhcp4Codec().decode(Unpooled.wrappedBuffer(d.payload())), "eth0", d.source(),
                d.destination(), d.payload().length);
    }

    /** Frame 1 of dhcrelay-relay-forw-server-side.pcap: a RELAY-FORW around a SOLICIT. */
    static Packet6View relayedSolicit() throws Exception {
        UdpDatagram d = PcapReader.readResource("/vectors/v6/dhcrelay-relay-forw-server-side.pcap").getFirst();
        Dhcp6Message m = new Dhcp6Codec().decode(d.payload());
        return new Packet6View(m, "veth-srv", d.source(), d.destination(), d.payload().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "relay4[1].hex == 'tor-1/07'", "relay4[1].text == 'tor-1/07'", "relay4[2].exists", "not relay4[5].exists",
        "substring(relay4[2].hex, 0, all) == relay4[2].hex", "split(relay4[1].text, '/', 1) == 'tor-1'",
        "pkt4.giaddr == 192.0.2.126", "pkt4.mac == 0x000c01020304", "hexstring(pkt4.mac, ':') == '00:0c:01:02:03:04'",
        "pkt4.msgtype == 1", "pkt4.htype == 1", "pkt4.hlen == 6", "pkt4.ciaddr == 0.0.0.0",
        "option[61].hex == 0x01000c01020304", "option[dhcp-client-identifier].exists", "option[55].exists",
        "not option[60].exists", "option[60].text == ''",
        "pkt.src == 192.0.2.126", "pkt.dst == 192.0.2.1", "pkt.iface == 'eth0'",
        "addrtotext(pkt4.giaddr) == '192.0.2.126'", "uint8totext(option[53].hex) == '1'"
    })
    void option82Capture(String text) throws Exception {
        assertTrue(Evaluator.test(EvaluatorTest.parse(text, false), option82Discover(), n -> false), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "pkt6.msgtype == 1", "pkt6.transid == 0x009ea514", "uint32totext(pkt6.transid) == '10396948'",
        "relay6[0].linkaddr == 2001:db8:2::1", "relay6[0].peeraddr == fe80::5eff:fe00:5341",
        "relay6[-1].peeraddr == fe80::5eff:fe00:5341", "addrtotext(relay6[0].linkaddr) == '2001:db8:2::1'",
        "relay6[0].option[18].exists", "substring(relay6[0].option[18].hex, 0, 4) == 0x01000000",
        "not relay6[0].option[37].exists", "relay6[1].linkaddr == ''", "not relay6[1].option[18].exists",
        "option[1].exists", "substring(option[1].hex, 0, 4) == 0x00010001",
        "substring(option[1].hex, -6, all) == 0x02005e005341", "option[6].exists", "not option[18].exists",
        "pkt.src == 2001:db8:ff::2", "pkt.dst == 2001:db8:ff::1", "pkt.iface == 'veth-srv'"
    })
    void relayForwCapture(String text) throws Exception {
        assertTrue(Evaluator.test(EvaluatorTest.parse(text, true), relayedSolicit(), n -> false), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v4/perfdhcp-option82", "v4/dhcrelay-option82-server-side", "v4/kea-vendor-options",
        "v4/kea-many-options", "v4/dhclient-dora-release", "v6/dhcrelay-relay-forw-server-side",
        "v6/dhcpcd-ia-na-pd", "v6/perfdhcp-address-and-prefix", "v6/wide-dhcp6c-ia-na-pd"})
    void classifyingEveryCapturedPacketEndsNormally(String name) throws Exception {
        boolean v6 = name.startsWith("v6");
        List<Classifier.ClassDef> defs = List.of(
                new Classifier.ClassDef("a", EvaluatorTest.parse(v6
                        ? "relay6[0].option[18].exists or vendor-class[*].data == 'x' or vendor[*].option[1].exists"
                        : "relay4[1].exists or vendor-class[*].data == 'x' or vendor[*].option[1].exists", v6), false),
                new Classifier.ClassDef("b", EvaluatorTest.parse(v6
                        ? "substring(option[1].hex, -3, -9) == hexstring(relay6[-1].peeraddr, ':') or member('a')"
                        : "substring(option[61].hex, -3, -9) == hexstring(pkt4.mac, ':') or member('a')", v6), false),
                new Classifier.ClassDef("c", EvaluatorTest.parse("member('KNOWN') and not member('b')", v6), false));
        Classifier classifier = new Classifier(defs);
        int packets = 0;
        for (UdpDatagram d : PcapReader.readResource("/vectors/" + name + ".pcap")) {
            PacketView p;
            if (v6) {
                p = new Packet6View(new Dhcp6Codec().decode(d.payload()), "x", d.source(), d.destination(), 0);
            } else {
                p = new Packet4View(new Dhcp4Codec().decode(Unpooled.wrappedBuffer(d.payload())), "x", d.source(),
                        d.destination(), 0);
            }
            var classes = classifier.classifyEarly(p);
            classifier.classifyAfterHostLookup(p, false, classes);
            assertTrue(classes.contains("ALL"));
            assertTrue(classes.contains("UNKNOWN"));
            assertFalse(classes.contains("c"), "c needs KNOWN");
            if (classes.contains("a")) {
                assertTrue(classes.contains("b"), "b follows from a through member()");
            }
            packets++;
        }
        assertTrue(packets > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v4/kea-vendor-options"})
    void vendorClassOfCapturedPackets(String name) throws Exception {
        for (UdpDatagram d : PcapReader.readResource("/vectors/" + name + ".pcap")) {
            var pkt = new Dhcp4Codec().decode(Unpooled.wrappedBuffer(d.payload()));
            byte[] vci = pkt.options().get(60);
            String expected = vci == null || vci.length == 0 ? null
                    : "VENDOR_CLASS_" + new String(vci, StandardCharsets.ISO_8859_1);
            assertEquals(expected, Classifier.vendorClass(new Packet4View(pkt, null, null, null, 0)));
        }
    }
}
