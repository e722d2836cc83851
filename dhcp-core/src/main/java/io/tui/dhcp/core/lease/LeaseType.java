package io.tui.dhcp.core.lease;

import io.tui.dhcp.core.wire.ParseException;

/** The kind of a DHCPv6 lease, with Kea's numbers as written in the memfile {@code lease_type} column. */
public enum LeaseType {
    /** A non-temporary address (IA_NA). */
    NA(0),
    /** A temporary address (IA_TA). */
    TA(1),
    /** A delegated prefix (IA_PD). */
    PD(2);

    private static final LeaseType[] BY_CODE = values();

    private final int code;

    LeaseType(int code) {
        this.code = code;
    }

    /** Kea's number for this type. */
    public int code() {
        return code;
    }

    /** The type with Kea's number {@code code}. */
    public static LeaseType fromCode(long code) throws ParseException {
        if (code < 0 || code >= BY_CODE.length) {
            throw new ParseException("unknown lease type " + code);
        }
        return BY_CODE[(int) code];
    }
}
