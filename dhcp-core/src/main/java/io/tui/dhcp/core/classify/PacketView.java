package io.tui.dhcp.core.classify;

/**
 * What the {@link Evaluator} reads from a received packet. Returned arrays may be the packet's own: callers treat
 * them as read-only. Implementations never throw for any decoded packet.
 */
public interface PacketView {
    /** True for DHCPv6. */
    boolean v6();

    /**
     * The payload of the first instance of a top-level option of the query (DHCPv6: of the innermost client
     * message), or null when absent.
     */
    byte[] option(int code);

    /** The number of DHCPv6 relay layers (0 for DHCPv4 and for an unrelayed DHCPv6 message). */
    default int relayCount() {
        return 0;
    }

    /** The payload of an option of a relay layer ({@code 0} is the outermost, closest to the server), or null. */
    default byte[] relayOption(int layer, int code) {
        return null;
    }

    /** The 16-byte peer ({@code peer}) or link address of a relay layer, or null when there is no such layer. */
    default byte[] relayAddress(int layer, boolean peer) {
        return null;
    }

    /**
     * The value of a fixed field ({@code pkt4.*}, {@code pkt6.*}, {@code pkt.*}) in Kea's representation: integers
     * as 4-byte big-endian, addresses as 4 or 16 bytes, {@code mac} as the first {@code hlen} bytes of chaddr,
     * {@code iface} as its name. Null (read as empty) for a field of the other family or one that is unknown.
     */
    byte[] field(Expr.PacketField field);
}
