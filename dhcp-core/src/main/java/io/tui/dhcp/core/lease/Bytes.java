package io.tui.dhcp.core.lease;

import io.tui.dhcp.core.wire.ParseException;
import java.util.Arrays;

/**
 * An immutable byte string for identifiers: hardware addresses, client identifiers, DUIDs.
 *
 * <p>Renders as Kea prints identifiers: lower-case two-digit hex pairs joined by colons ({@code 01:02:0a}); the
 * empty value renders as the empty string. {@link #equals} and {@link #hashCode} compare content.
 */
public final class Bytes implements Comparable<Bytes> {

    /** The empty byte string, used for "no identifier". */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final byte[] data;
    private int hash;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** A byte string holding a copy of {@code bytes}. */
    public static Bytes of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** A byte string holding a copy of {@code length} bytes of {@code source} from {@code offset}. */
    public static Bytes copyOf(byte[] source, int offset, int length) {
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(source, offset, offset + length));
    }

    /**
     * Parses Kea's text form: colon-separated groups of one or two hex digits ({@code 1:2:0a}), or an even number of
     * hex digits without separators ({@code 01020a}). The empty string is {@link #EMPTY}.
     */
    public static Bytes fromHex(CharSequence text) throws ParseException {
        int n = text.length();
        byte[] ascii = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c > 0x7f) {
                throw new ParseException("non-ASCII character in hex string", i);
            }
            ascii[i] = (byte) c;
        }
        return fromHex(ascii, 0, n);
    }

    /** As {@link #fromHex(CharSequence)}, reading ASCII bytes {@code [offset, offset + length)} of {@code ascii}. */
    public static Bytes fromHex(byte[] ascii, int offset, int length) throws ParseException {
        if (length == 0) {
            return EMPTY;
        }
        int end = offset + length;
        boolean colons = false;
        for (int i = offset; i < end; i++) {
            if (ascii[i] == ':') {
                colons = true;
                break;
            }
        }
        if (!colons) {
            if ((length & 1) != 0) {
                throw new ParseException("odd number of hex digits", 0);
            }
            byte[] out = new byte[length / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) (digit(ascii, offset + 2 * i, offset) << 4 | digit(ascii, offset + 2 * i + 1, offset));
            }
            return new Bytes(out);
        }
        byte[] out = new byte[length / 2 + 1];
        int count = 0;
        int i = offset;
        while (true) {
            int groupStart = i;
            int value = 0;
            while (i < end && ascii[i] != ':') {
                if (i - groupStart == 2) {
                    throw new ParseException("hex group longer than two digits", i - offset);
                }
                value = value << 4 | digit(ascii, i, offset);
                i++;
            }
            if (i == groupStart) {
                throw new ParseException("empty hex group", i - offset);
            }
            out[count++] = (byte) value;
            if (i == end) {
                break;
            }
            i++; // the colon
            if (i == end) {
                throw new ParseException("hex string ends with a colon", i - offset);
            }
        }
        return new Bytes(Arrays.copyOf(out, count));
    }

    private static int digit(byte[] ascii, int at, int offset) throws ParseException {
        int c = ascii[at];
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new ParseException("not a hex digit", at - offset);
    }

    public int length() {
        return data.length;
    }

    public boolean isEmpty() {
        return data.length == 0;
    }

    /** The byte at {@code index}. */
    public byte get(int index) {
        return data[index];
    }

    /** A copy of the content. */
    public byte[] toArray() {
        return data.clone();
    }

    /** Copies the content into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(data, 0, target, offset, data.length);
    }

    /** Kea's text form: {@code 01:02:0a}; empty for the empty value. */
    public String toHex() {
        StringBuilder sb = new StringBuilder(data.length * 3);
        appendHex(sb);
        return sb.toString();
    }

    /** Appends {@link #toHex()} to {@code sb} without an intermediate string. */
    public void appendHex(StringBuilder sb) {
        for (int i = 0; i < data.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(HEX[(data[i] >> 4) & 0xf]).append(HEX[data[i] & 0xf]);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(data, other.data);
    }

    /**
     * FNV-1a over the bytes, then a finalising mix: identifiers that differ in their last bytes only (hardware
     * addresses and DUIDs handed out in sequence) spread over the whole int, where {@code Arrays.hashCode}'s
     * polynomial maps many of them to the same few values and the lease index's hash maps degrade to trees.
     */
    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 0x811c9dc5 ^ data.length;
            for (byte b : data) {
                h = (h ^ (b & 0xff)) * 0x01000193;
            }
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            h *= 0xc2b2ae35;
            h ^= h >>> 16;
            if (h == 0) {
                h = 1;
            }
            hash = h;
        }
        return h;
    }

    /** Unsigned lexicographic order. */
    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(data, other.data);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
