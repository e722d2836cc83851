package io.tui.dhcp.core.classify;

import io.tui.dhcp.core.wire.v6.Dhcp6ClientMessage;
import io.tui.dhcp.core.wire.v6.Dhcp6Message;
import io.tui.dhcp.core.wire.v6.Dhcp6Option;
import io.tui.dhcp.core.wire.v6.Dhcp6Options;
import io.tui.dhcp.core.wire.v6.Dhcp6RelayMessage;
import io.tui.dhcp.core.wire.v6.RawOption;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A DHCPv6 query as the {@link Evaluator} sees it: options and {@code pkt6.*} come from the innermost client
 * message, {@code relay6[n]} from the relay layers (0 = outermost, the relay closest to the server).
 */
public final class Packet6View implements PacketView {
    private final List<Dhcp6RelayMessage> relays;
    private final Dhcp6ClientMessage client;
    private final String iface;
    private final InetAddress source;
    private final InetAddress destination;
    private final int length;

    /**
     * @param iface the receiving interface name, or null when unknown
     * @param source the IP source address, or null when unknown
     * @param destination the IP destination address, or null when unknown
     * @param length the UDP payload length as received
     */
    public Packet6View(Dhcp6Message message, String iface, InetAddress source, InetAddress destination, int length) {
        this.relays = message.relayLayers();
        Dhcp6Message inner = relays.isEmpty() ? message : relays.getLast().relayedMessage();
        this.client = inner instanceof Dhcp6ClientMessage c ? c : null;
        this.iface = iface;
        this.source = source;
        this.destination = destination;
        this.length = length;
    }

    @Override
    public boolean v6() {
        return true;
    }

    private static byte[] payload(Dhcp6Options options, int code) {
        Dhcp6Option o = options.get(code);
        if (o == null) {
            return null;
        }
        try {
            RawOption raw = Dhcp6Options.toRaw(o);
            return raw.payload();
        } catch (RuntimeException e) {
            return null; // a hand-built option that cannot be written: treat as absent
        }
    }

    @Override
    public byte[] option(int code) {
        return client == null ? null : payload(client.options(), code);
    }

    @Override
    public int relayCount() {
        return relays.size();
    }

    @Override
    public byte[] relayOption(int layer, int code) {
        return layer < 0 || layer >= relays.size() ? null : payload(relays.get(layer).options(), code);
    }

    @Override
    public byte[] relayAddress(int layer, boolean peer) {
        if (layer < 0 || layer >= relays.size()) {
            return null;
        }
        Dhcp6RelayMessage r = relays.get(layer);
        return (peer ? r.peerAddress() : r.linkAddress()).toByteArray();
    }

    @Override
    public byte[] field(Expr.PacketField field) {
        return switch (field) {
            case PKT6_MSGTYPE -> client == null ? null : Packet4View.uint32(client.typeCode());
            case PKT6_TRANSID -> client == null ? null : Packet4View.uint32(client.transactionId());
            case PKT_IFACE -> iface == null ? null : iface.getBytes(StandardCharsets.UTF_8);
            case PKT_SRC -> source == null ? null : source.getAddress();
            case PKT_DST -> destination == null ? null : destination.getAddress();
            case PKT_LEN -> Packet4View.uint32(length);
            default -> null;
        };
    }
}
