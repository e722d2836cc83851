package io.tui.dhcp.core.wire.v6;

/**
 * DHCPv6 message types (IANA "DHCPv6 Message Types": RFC 8415, 5007, 5460, 6977, 7341, 8156, 9686).
 * Only RELAY-FORW and RELAY-REPL have the relay layout; every other type, known or not, has the
 * client/server layout (type, 24-bit transaction id, options).
 */
public enum Dhcp6MessageType {
    SOLICIT(1),
    ADVERTISE(2),
    REQUEST(3),
    CONFIRM(4),
    RENEW(5),
    REBIND(6),
    REPLY(7),
    RELEASE(8),
    DECLINE(9),
    RECONFIGURE(10),
    INFORMATION_REQUEST(11),
    RELAY_FORW(12),
    RELAY_REPL(13),
    LEASEQUERY(14),
    LEASEQUERY_REPLY(15),
    LEASEQUERY_DONE(16),
    LEASEQUERY_DATA(17),
    RECONFIGURE_REQUEST(18),
    RECONFIGURE_REPLY(19),
    DHCPV4_QUERY(20),
    DHCPV4_RESPONSE(21),
    ACTIVELEASEQUERY(22),
    STARTTLS(23),
    BNDUPD(24),
    BNDREPLY(25),
    POOLREQ(26),
    POOLRESP(27),
    UPDREQ(28),
    UPDREQALL(29),
    UPDDONE(30),
    CONNECT(31),
    CONNECTREPLY(32),
    DISCONNECT(33),
    STATE(34),
    CONTACT(35),
    ADDR_REG_INFORM(36),
    ADDR_REG_REPLY(37);

    private static final Dhcp6MessageType[] BY_CODE = new Dhcp6MessageType[38];

    static {
        for (Dhcp6MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    Dhcp6MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Whether messages of this type use the relay layout (RELAY-FORW, RELAY-REPL). */
    public boolean isRelay() {
        return this == RELAY_FORW || this == RELAY_REPL;
    }

    /** Whether {@code code} is a relay message type. */
    public static boolean isRelay(int code) {
        return code == 12 || code == 13;
    }

    /** The type with {@code code}, or null when unassigned. */
    public static Dhcp6MessageType fromCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
