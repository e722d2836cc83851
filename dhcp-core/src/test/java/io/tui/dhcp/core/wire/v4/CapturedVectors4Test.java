package io.tui.dhcp.core.wire.v4;

import static io.tui.dhcp.core.wire.v4.WireBytes.hex;
import static io.tui.dhcp.core.wire.v4.WireBytes.hexOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.wire.ParseException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real traffic: ISC dhclient, busybox udhcpc, ISC dhcrelay and Kea 2.2.0 replies. */
class CapturedVectors4Test {
    private final Dhcp4Codec codec = new Dhcp4Codec();
    private final Dhcp4Codec keaLike = new Dhcp4Codec(Dhcp4Codec.BOOTP_MINIMUM_LENGTH);

    private Dhcp4Packet decode(String name) throws ParseException {
        return codec.decode(Unpooled.wrappedBuffer(CapturedVectors4.get(name)));
    }

    private static byte[] encode(Dhcp4Codec c, Dhcp4Packet p) {
        ByteBuf out = Unpooled.buffer();
        c.encode(p, out);
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }

    @Test
    void everyCapturedDatagramDecodesAndReencodesByteForByte() {
        Map<String, byte[]> all = CapturedVectors4.all();
        assertTrue(all.size() >= 8, "vectors: " + all.keySet());
        for (Map.Entry<String, byte[]> e : all.entrySet()) {
            assertNotNull(Dhcp4FuzzTarget.check(e.getValue()), e.getKey() + " was rejected");
        }
    }

    @Test
    void dhclientDiscover() throws Exception {
        Dhcp4Packet p = decode("codec-01-dhclient-discover.hex");
        assertEquals(300, CapturedVectors4.get("codec-01-dhclient-discover.hex").length);
        assertEquals(Dhcp4Packet.BOOTREQUEST, p.op());
        assertEquals(0x79e74442, p.xid());
        assertFalse(p.broadcast());
        assertArrayEquals(hex("02005e005331"), p.hardwareAddress());
        assertEquals(DhcpMessageType.DHCPDISCOVER, p.options().messageType());
        assertArrayEquals(new int[] {1, 28, 2, 3, 15, 6, 12}, p.options().parameterRequestList().codes());
        assertEquals(300 - 240 - 3 - 9 - 1, p.padAfterEnd());
        assertFalse(p.hasWireLayout());
    }

    @Test
    void keaOfferToDhclientIsReproducedFromTheDiscover() throws Exception {
        Dhcp4Packet discover = decode("codec-01-dhclient-discover.hex");
        Dhcp4Packet offer = Dhcp4Packet.replyTo(discover).yiaddr(Ipv4.of(192, 0, 2, 10));
        offer.options()
                .putMessageType(DhcpMessageType.DHCPOFFER)
                .putSubnetMask(Ipv4.of(255, 255, 255, 128))
                .putRouters(Ipv4.of(192, 0, 2, 1))
                .putDomainNameServers(Ipv4.of(192, 0, 2, 53), Ipv4.of(198, 51, 100, 53))
                .putDomainName("codec.example")
                .putLeaseTime(600)
                .putServerIdentifier(Ipv4.of(192, 0, 2, 1))
                .putRenewalTime(300)
                .putRebindingTime(525);
        assertEquals(hexOf(CapturedVectors4.get("codec-02-kea-2.2-to-dhclient-offer.hex")),
                hexOf(encode(keaLike, offer)));
    }

    @Test
    void keaAckFieldsAreRead() throws Exception {
        Dhcp4Options o = decode("codec-04-kea-2.2-to-dhclient-ack.hex").options();
        assertEquals(DhcpMessageType.DHCPACK, o.messageType());
        assertEquals(600, o.leaseTime().getAsLong());
        assertEquals(300, o.renewalTime().getAsLong());
        assertEquals(525, o.rebindingTime().getAsLong());
        assertEquals(Ipv4.of(192, 0, 2, 1), o.serverIdentifier().getAsInt());
        assertEquals("codec.example", o.string(Dhcp4OptionCodes.DOMAIN_NAME));
        Dhcp4Options request = decode("codec-03-dhclient-request.hex").options();
        assertEquals(DhcpMessageType.DHCPREQUEST, request.messageType());
        assertEquals(Ipv4.of(192, 0, 2, 10), request.requestedAddress().getAsInt());
    }

    @Test
    void relayedDiscoverCarriesDhcrelayAgentInformation() throws Exception {
        Dhcp4Packet p = decode("codec-05-udhcpc-discover-via-dhcrelay.hex");
        assertEquals(1, p.hops());
        assertEquals(Ipv4.of(192, 0, 2, 129), p.giaddr());
        Dhcp4Options o = p.options();
        assertEquals("codec-test", o.hostname());
        assertEquals("tui-codec", new String(o.vendorClassIdentifier()));
        assertEquals(576, o.maxMessageSize().getAsInt());
        assertEquals(new ClientIdentifier(1, hex("02005e005332")), o.clientIdentifier());
        RelayAgentInfo info = o.relayAgentInfo();
        assertEquals("r-cli", new String(info.circuitId()));
        assertEquals(1, info.subOptions().size());
    }

    @Test
    void keaRelayedOfferIsReproducedWithEchoedOptions() throws Exception {
        Dhcp4Packet discover = decode("codec-05-udhcpc-discover-via-dhcrelay.hex");
        Dhcp4Packet offer = Dhcp4Packet.replyTo(discover).yiaddr(Ipv4.of(192, 0, 2, 140));
        Dhcp4Options o = offer.options()
                .putMessageType(DhcpMessageType.DHCPOFFER)
                .putSubnetMask(Ipv4.of(255, 255, 255, 128))
                .putRouters(Ipv4.of(192, 0, 2, 129))
                .putDomainNameServers(Ipv4.of(192, 0, 2, 53), Ipv4.of(198, 51, 100, 53))
                .putHostname(discover.options().hostname())
                .putDomainName("codec.example")
                .putLeaseTime(600)
                .putServerIdentifier(Ipv4.of(198, 51, 100, 1))
                .putRenewalTime(300)
                .putRebindingTime(525)
                .put(Dhcp4OptionCodes.CLIENT_IDENTIFIER, discover.options().get(Dhcp4OptionCodes.CLIENT_IDENTIFIER));
        assertTrue(o.echoRelayAgentInfo(discover.options()));
        assertEquals(hexOf(CapturedVectors4.get("codec-06-kea-2.2-offer-to-dhcrelay.hex")),
                hexOf(encode(keaLike, offer)));
    }

    @Test
    void capturedReplyDecodesToTheFieldsKeaSent() throws Exception {
        Dhcp4Packet ack = decode("codec-08-kea-2.2-ack-to-dhcrelay.hex");
        assertEquals(Dhcp4Packet.BOOTREPLY, ack.op());
        assertEquals(1, ack.hops());
        assertEquals(Ipv4.of(192, 0, 2, 140), ack.yiaddr());
        assertEquals("r-cli", new String(ack.options().relayAgentInfo().circuitId()));
        assertEquals(0, ack.padAfterEnd());
    }
}
