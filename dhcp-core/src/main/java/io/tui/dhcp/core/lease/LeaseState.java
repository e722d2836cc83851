package io.tui.dhcp.core.lease;

import io.tui.dhcp.core.wire.ParseException;

/**
 * Kea's lease states, with Kea's numbers as written in the memfile {@code state} column and used by the
 * {@code lease*-get-by-state} commands.
 *
 * <p>Kea 2.2 knows 0, 1 and 2; Kea 3.x adds {@link #RELEASED} and {@link #REGISTERED}. Kea 2.2's loader and kea-lfc
 * accept and keep any number (verified for 3), so a file holding them stays readable by Kea 2.2.
 */
public enum LeaseState {
    /** An assigned lease (Kea's {@code STATE_DEFAULT}). */
    DEFAULT(0),
    /** The client declined the address; held for the probation period. */
    DECLINED(1),
    /** Expired and reclaimed: kept for hold-reclaimed-time so the client can get it back. */
    EXPIRED_RECLAIMED(2),
    /** Released by the client and kept for reuse (Kea 3.x). */
    RELEASED(3),
    /** An address the client registered with ADDR-REG-INFORM, RFC 9686 (Kea 3.x, DHCPv6 only). */
    REGISTERED(4);

    private static final LeaseState[] BY_CODE = values();

    private final int code;

    LeaseState(int code) {
        this.code = code;
    }

    /** Kea's number for this state. */
    public int code() {
        return code;
    }

    /** The state with Kea's number {@code code}. */
    public static LeaseState fromCode(long code) throws ParseException {
        if (code < 0 || code >= BY_CODE.length) {
            throw new ParseException("unknown lease state " + code);
        }
        return BY_CODE[(int) code];
    }
}
