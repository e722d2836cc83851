package io.tui.dhcp.core.wire.v6;

/** DHCPv6 status codes (IANA "DHCPv6 Status Codes": RFC 8415, 5007, 5460, 7653, 8156, 9686, ...). */
public enum Dhcp6StatusCode {
    SUCCESS(0),
    UNSPEC_FAIL(1),
    NO_ADDRS_AVAIL(2),
    NO_BINDING(3),
    NOT_ON_LINK(4),
    USE_MULTICAST(5),
    NO_PREFIX_AVAIL(6),
    UNKNOWN_QUERY_TYPE(7),
    MALFORMED_QUERY(8),
    NOT_CONFIGURED(9),
    NOT_ALLOWED(10),
    QUERY_TERMINATED(11),
    DATA_MISSING(12),
    CATCH_UP_COMPLETE(13),
    NOT_SUPPORTED(14),
    TLS_CONNECTION_REFUSED(15),
    ADDRESS_IN_USE(16),
    CONFIGURATION_CONFLICT(17),
    MISSING_BINDING_INFORMATION(18),
    OUTDATED_BINDING_INFORMATION(19),
    SERVER_SHUTTING_DOWN(20),
    DNS_UPDATE_NOT_SUPPORTED(21),
    EXCESSIVE_TIME_SKEW(22);

    private static final Dhcp6StatusCode[] BY_CODE = values();

    private final int code;

    Dhcp6StatusCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The status with {@code code}, or null when unassigned. */
    public static Dhcp6StatusCode fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
