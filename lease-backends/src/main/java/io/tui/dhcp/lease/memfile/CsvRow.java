package io.tui.dhcp.lease.memfile;

import io.tui.dhcp.core.lease.AddressText;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.wire.ParseException;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.nio.charset.StandardCharsets;

/**
 * One line of a lease file split at commas, as offsets into a reused byte buffer (no string per field).
 *
 * <p>Kea's CSV has no quoting: a comma always separates, and commas inside text are escaped (see {@link KeaCsvText}).
 * Field accessors take the position in the line and report failures as {@link ParseException} carrying the byte
 * offset in the line.
 */
public final class CsvRow {
    /** The most fields a line may have; a longer line is a bad row. */
    static final int MAX_FIELDS = 64;

    private final int[] starts = new int[MAX_FIELDS];
    private final int[] ends = new int[MAX_FIELDS];
    private byte[] buf = new byte[0];
    private int lineStart;
    private int count;

    /** Splits {@code buf[from, to)} (without the line end) into fields. */
    void split(byte[] buffer, int from, int to) throws ParseException {
        this.buf = buffer;
        this.lineStart = from;
        int n = 0;
        int start = from;
        for (int i = from; i < to; i++) {
            if (buffer[i] == ',') {
                if (n == MAX_FIELDS - 1) {
                    throw new ParseException("more than " + MAX_FIELDS + " columns", i - from);
                }
                starts[n] = start;
                ends[n] = i;
                n++;
                start = i + 1;
            }
        }
        starts[n] = start;
        ends[n] = to;
        count = n + 1;
    }

    /** Splits a line given as text (used for headers and tests). */
    static CsvRow of(String line) throws ParseException {
        CsvRow row = new CsvRow();
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        row.split(bytes, 0, bytes.length);
        return row;
    }

    /** The number of fields. */
    public int fieldCount() {
        return count;
    }

    /** The raw text of field {@code i}. */
    public String text(int i) {
        return new String(buf, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
    }

    boolean isEmpty(int i) {
        return starts[i] == ends[i];
    }

    private ParseException bad(int i, String name, String what) {
        return new ParseException(name + ": " + what + " '" + text(i) + "'", starts[i] - lineStart);
    }

    private ParseException bad(int i, String name, ParseException cause) {
        return new ParseException(name + ": " + cause.getMessage().replaceFirst(" \\(at byte \\d+\\)$", "")
                + " in '" + text(i) + "'", starts[i] - lineStart + Math.max(cause.offset(), 0));
    }

    /** An unsigned decimal no greater than {@code max}. */
    long unsigned(int i, String name, long max) throws ParseException {
        int s = starts[i];
        int e = ends[i];
        if (s == e || e - s > 19) {
            throw bad(i, name, s == e ? "empty number" : "number too long");
        }
        long v = 0;
        for (int p = s; p < e; p++) {
            int d = buf[p] - '0';
            if (d < 0 || d > 9) {
                throw bad(i, name, "not a number");
            }
            v = v * 10 + d;
        }
        if (v < 0 || v > max) {
            throw bad(i, name, "out of range");
        }
        return v;
    }

    /** An unsigned decimal, or {@code dflt} when the field is empty. */
    long unsignedOr(int i, String name, long max, long dflt) throws ParseException {
        return isEmpty(i) ? dflt : unsigned(i, name, max);
    }

    /** A signed decimal (Kea's expire column is a 64-bit time). */
    long signed(int i, String name) throws ParseException {
        int s = starts[i];
        if (s < ends[i] && buf[s] == '-') {
            starts[i]++;
            try {
                return -unsigned(i, name, Long.MAX_VALUE);
            } finally {
                starts[i]--;
            }
        }
        return unsigned(i, name, Long.MAX_VALUE);
    }

    /** Kea's booleans: 0/1 (and true/false, which Kea also reads). */
    boolean bool(int i, String name) throws ParseException {
        int len = ends[i] - starts[i];
        int s = starts[i];
        if (len == 1) {
            if (buf[s] == '1') {
                return true;
            }
            if (buf[s] == '0') {
                return false;
            }
        } else if (len == 4 && text(i).equals("true")) {
            return true;
        } else if (len == 5 && text(i).equals("false")) {
            return false;
        }
        throw bad(i, name, "not a boolean");
    }

    int ipv4(int i, String name) throws ParseException {
        try {
            return AddressText.parseV4(buf, starts[i], ends[i] - starts[i]);
        } catch (ParseException e) {
            throw bad(i, name, e);
        }
    }

    Ip6Address ipv6(int i, String name) throws ParseException {
        try {
            return AddressText.parseV6(buf, starts[i], ends[i] - starts[i]);
        } catch (ParseException e) {
            throw bad(i, name, e);
        }
    }

    Bytes hex(int i, String name) throws ParseException {
        try {
            return Bytes.fromHex(buf, starts[i], ends[i] - starts[i]);
        } catch (ParseException e) {
            throw bad(i, name, e);
        }
    }

    /** The unescaped text of a free-text column. */
    String unescaped(int i) {
        return KeaCsvText.unescape(buf, starts[i], ends[i]);
    }
}
