package io.tui.dhcp.core.classify;

import io.tui.dhcp.core.wire.v4.Dhcp4Packet;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * A DHCPv4 query as the {@link Evaluator} sees it: the decoded packet plus what the socket told us (receiving
 * interface, source and destination address, datagram length).
 */
public final class Packet4View implements PacketView {
    private final Dhcp4Packet packet;
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
    public Packet4View(Dhcp4Packet packet, String iface, InetAddress source, InetAddress destination, int length) {
        this.packet = packet;
        this.iface = iface;
        this.source = source;
        this.destination = destination;
        this.length = length;
    }

    @Override
    public boolean v6() {
        return false;
    }

    @Override
    public byte[] option(int code) {
        return code < 1 || code > 254 ? null : packet.options().get(code);
    }

    @Override
    public byte[] field(Expr.PacketField field) {
        return switch (field) {
            case PKT4_MAC -> packet.hardwareAddress();
            case PKT4_HLEN -> uint32(packet.hlen());
            case PKT4_HTYPE -> uint32(packet.htype());
            case PKT4_CIADDR -> uint32(packet.ciaddr());
            case PKT4_GIADDR -> uint32(packet.giaddr());
            case PKT4_YIADDR -> uint32(packet.yiaddr());
            case PKT4_SIADDR -> uint32(packet.siaddr());
            case PKT4_MSGTYPE -> {
                byte[] t = packet.options().get(53);
                yield uint32(t != null && t.length >= 1 ? t[0] & 0xff : 0);
            }
            case PKT4_TRANSID -> uint32(packet.xid());
            case PKT_IFACE -> iface == null ? null : iface.getBytes(StandardCharsets.UTF_8);
            case PKT_SRC -> source == null ? null : source.getAddress();
            case PKT_DST -> destination == null ? null : destination.getAddress();
            case PKT_LEN -> uint32(length);
            case PKT6_MSGTYPE, PKT6_TRANSID -> null;
        };
    }

    static byte[] uint32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
