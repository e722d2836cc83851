package io.tui.dhcp.core.stats;

/** The value kinds Kea's statistics manager knows. */
public enum StatKind {
    /** A signed 64-bit integer (Kea's {@code int64_t}); printed as a JSON integer. */
    INTEGER,
    /**
     * A 128-bit integer (Kea's {@code int128_t}, used for address and prefix totals of large IPv6 pools such as
     * {@code subnet[ID].total-nas}); printed as a JSON integer.
     */
    BIG_INTEGER,
    /** A double; printed as a JSON number with a fraction. */
    FLOAT,
    /** A time span with microsecond precision; printed as {@code "HH:MM:SS.ffffff"}. */
    DURATION,
    /** Free text; printed as a JSON string. */
    STRING
}
