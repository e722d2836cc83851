package io.tui.dhcp.core.wire;

/**
 * The one checked failure that every wire decoder reports for malformed or truncated input.
 *
 * <p>Decoders never let an unchecked exception escape for bad input: they end in this exception,
 * whose message says what was wrong and, where known, at which byte offset.
 */
public final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;

    public ParseException(String reason) {
        this(reason, -1);
    }

    public ParseException(String reason, int offset) {
        super(offset >= 0 ? reason + " (at byte " + offset + ")" : reason, null, false, false);
        this.offset = offset;
    }

    /** The byte offset in the input where the problem was found, or -1 when not known. */
    public int offset() {
        return offset;
    }
}
