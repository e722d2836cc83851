package io.tui.dhcp.core.wire.v6;

/**
 * A client/server message (RFC 8415 section 8): type, 24-bit transaction id and options. Every
 * non-relay type uses this layout (for DHCPV4-QUERY/RESPONSE the 24 bits are flags).
 */
public record Dhcp6ClientMessage(int typeCode, int transactionId, Dhcp6Options options) implements Dhcp6Message {
    public Dhcp6ClientMessage {
        Checks.u8(typeCode, "message type");
        if (Dhcp6MessageType.isRelay(typeCode)) {
            throw new IllegalArgumentException("message type " + typeCode + " is a relay type");
        }
        if (transactionId < 0 || transactionId > 0xFFFFFF) {
            throw new IllegalArgumentException("transaction id out of 24 bits: " + transactionId);
        }
        Checks.nonNull(options, "options");
    }

    public static Dhcp6ClientMessage of(Dhcp6MessageType type, int transactionId, Dhcp6Option... options) {
        return new Dhcp6ClientMessage(type.code(), transactionId, Dhcp6Options.of(options));
    }
}
