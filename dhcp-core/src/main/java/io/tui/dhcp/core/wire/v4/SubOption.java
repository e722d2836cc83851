package io.tui.dhcp.core.wire.v4;

import io.tui.dhcp.core.wire.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One code/length/value item inside an option that encapsulates sub-options (82, 125, 43).
 *
 * <p>The data array is held, not copied: treat it as read-only.
 *
 * @param code the sub-option code, 0..255
 * @param data the sub-option payload, at most 255 bytes
 */
public record SubOption(int code, byte[] data) {

    public SubOption {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("sub-option code out of range: " + code);
        }
        if (data == null || data.length > 255) {
            throw new IllegalArgumentException("sub-option data must be 0..255 bytes");
        }
    }

    /**
     * Parses {@code len} bytes at {@code off} as a sequence of code(1) length(1) data items that must fill
     * the range exactly (no PAD or END semantics).
     *
     * @param what names the enclosing option in error messages
     */
    static List<SubOption> parseList(byte[] buf, int off, int len, String what) throws ParseException {
        List<SubOption> out = new ArrayList<>(4);
        int end = off + len;
        int i = off;
        while (i < end) {
            if (i + 2 > end) {
                throw new ParseException(what + ": sub-option " + (buf[i] & 0xff) + " has no length byte", i);
            }
            int code = buf[i] & 0xff;
            int l = buf[i + 1] & 0xff;
            if (i + 2 + l > end) {
                throw new ParseException(what + ": sub-option " + code + " length " + l + " runs past the end", i);
            }
            out.add(new SubOption(code, Arrays.copyOfRange(buf, i + 2, i + 2 + l)));
            i += 2 + l;
        }
        return List.copyOf(out);
    }

    /** The encoded size of a list: two bytes of header per item plus the data. */
    static int encodedLength(List<SubOption> items) {
        int n = 0;
        for (SubOption s : items) {
            n += 2 + s.data.length;
        }
        return n;
    }

    /** Writes the items at {@code off}; returns the offset after them. */
    static int write(List<SubOption> items, byte[] dst, int off) {
        for (SubOption s : items) {
            dst[off++] = (byte) s.code;
            dst[off++] = (byte) s.data.length;
            System.arraycopy(s.data, 0, dst, off, s.data.length);
            off += s.data.length;
        }
        return off;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubOption(int c, byte[] d) && c == code && Arrays.equals(d, data);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "SubOption[" + code + "=" + HexFormat.of().formatHex(data) + "]";
    }
}
