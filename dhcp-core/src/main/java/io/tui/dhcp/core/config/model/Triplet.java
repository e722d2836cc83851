package io.tui.dhcp.core.config.model;

/** A lifetime with its bounds, as Kea's {@code min-X}, {@code X}, {@code max-X} parameters; min <= value <= max. */
public record Triplet(long min, long value, long max) {
    public static Triplet of(long value) {
        return new Triplet(value, value, value);
    }

    /** Clamps a client's requested lifetime into the bounds. */
    public long clamp(long requested) {
        return Math.max(min, Math.min(max, requested));
    }
}
