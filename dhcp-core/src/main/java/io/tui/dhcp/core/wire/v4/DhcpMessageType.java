package io.tui.dhcp.core.wire.v4;

/**
 * DHCP message types carried in option 53 (RFC 2132 9.6, RFC 3203, RFC 4388, RFC 6926, RFC 7724).
 */
public enum DhcpMessageType {
    DHCPDISCOVER(1),
    DHCPOFFER(2),
    DHCPREQUEST(3),
    DHCPDECLINE(4),
    DHCPACK(5),
    DHCPNAK(6),
    DHCPRELEASE(7),
    DHCPINFORM(8),
    DHCPFORCERENEW(9),
    DHCPLEASEQUERY(10),
    DHCPLEASEUNASSIGNED(11),
    DHCPLEASEUNKNOWN(12),
    DHCPLEASEACTIVE(13),
    DHCPBULKLEASEQUERY(14),
    DHCPLEASEQUERYDONE(15),
    DHCPACTIVELEASEQUERY(16),
    DHCPLEASEQUERYSTATUS(17),
    DHCPTLS(18);

    private static final DhcpMessageType[] BY_CODE = values();

    private final int code;

    DhcpMessageType(int code) {
        this.code = code;
    }

    /** The value of option 53. */
    public int code() {
        return code;
    }

    /** The type for an option 53 value, or {@code null} when the value names no known type. */
    public static DhcpMessageType fromCode(int code) {
        return code >= 1 && code <= BY_CODE.length ? BY_CODE[code - 1] : null;
    }
}
