package io.tui.dhcp.core.lease;

import io.tui.dhcp.core.wire.ParseException;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.nio.charset.StandardCharsets;

/**
 * Text forms of IP addresses as Kea writes them in lease files: dotted quad for IPv4, RFC 5952 for IPv6
 * ({@link Ip6Address}).
 *
 * <p>The parsers work on ASCII bytes so that a lease file can be read without making a string per field.
 */
public final class AddressText {
    private AddressText() {
    }

    /** {@code 0xc0000201} as {@code 192.0.2.1}. */
    public static String formatV4(int address) {
        StringBuilder sb = new StringBuilder(15);
        appendV4(sb, address);
        return sb.toString();
    }

    /** Appends the dotted-quad form of {@code address}. */
    public static void appendV4(StringBuilder sb, int address) {
        sb.append(address >>> 24).append('.').append((address >>> 16) & 0xff).append('.')
                .append((address >>> 8) & 0xff).append('.').append(address & 0xff);
    }

    /** Parses a dotted quad. */
    public static int parseV4(CharSequence text) throws ParseException {
        byte[] ascii = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        return parseV4(ascii, 0, ascii.length);
    }

    /** Parses a dotted quad from ASCII bytes {@code [offset, offset + length)}. */
    public static int parseV4(byte[] ascii, int offset, int length) throws ParseException {
        int end = offset + length;
        int i = offset;
        int result = 0;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (i >= end || ascii[i] != '.') {
                    throw new ParseException("IPv4 address needs four dot-separated parts", i - offset);
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < end && ascii[i] >= '0' && ascii[i] <= '9') {
                if (i - start == 3) {
                    throw new ParseException("IPv4 address part too long", i - offset);
                }
                value = value * 10 + (ascii[i] - '0');
                i++;
            }
            if (i == start || value > 255) {
                throw new ParseException("bad IPv4 address part", start - offset);
            }
            result = result << 8 | value;
        }
        if (i != end) {
            throw new ParseException("trailing characters after IPv4 address", i - offset);
        }
        return result;
    }

    /** The RFC 5952 text of an IPv6 address (IPv4-mapped ones as {@code ::ffff:a.b.c.d}, as inet_ntop and Kea). */
    public static String formatV6(Ip6Address address) {
        return address.toString();
    }

    /** Parses an IPv6 address (with "::" compression and an optional dotted-quad tail) into 16 bytes. */
    public static Ip6Address parseV6(CharSequence text) throws ParseException {
        byte[] ascii = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        return parseV6(ascii, 0, ascii.length);
    }

    /** As {@link #parseV6(CharSequence)}, reading ASCII bytes {@code [offset, offset + length)}. */
    public static Ip6Address parseV6(byte[] ascii, int offset, int length) throws ParseException {
        int end = offset + length;
        byte[] out = new byte[16];
        int groups = 0;
        int gapAt = -1;
        int i = offset;
        if (length >= 2 && ascii[i] == ':' && ascii[i + 1] == ':') {
            gapAt = 0;
            i += 2;
        } else if (length > 0 && ascii[i] == ':') {
            throw new ParseException("IPv6 address starts with a single colon", 0);
        }
        while (i < end) {
            if (groups == 8) {
                throw new ParseException("IPv6 address has more than eight groups", i - offset);
            }
            int start = i;
            int value = 0;
            while (i < end && i - start < 5) {
                int d = Character.digit(ascii[i], 16);
                if (d < 0) {
                    break;
                }
                value = value << 4 | d;
                i++;
            }
            if (i < end && ascii[i] == '.') {
                if (groups > 6) {
                    throw new ParseException("no room for an IPv4 tail", start - offset);
                }
                int v4 = parseV4(ascii, start, end - start);
                out[2 * groups] = (byte) (v4 >>> 24);
                out[2 * groups + 1] = (byte) (v4 >>> 16);
                out[2 * groups + 2] = (byte) (v4 >>> 8);
                out[2 * groups + 3] = (byte) v4;
                groups += 2;
                i = end;
                break;
            }
            if (i == start || i - start > 4) {
                throw new ParseException("bad IPv6 address group", start - offset);
            }
            out[2 * groups] = (byte) (value >> 8);
            out[2 * groups + 1] = (byte) value;
            groups++;
            if (i == end) {
                break;
            }
            if (ascii[i] != ':') {
                throw new ParseException("unexpected character in IPv6 address", i - offset);
            }
            i++;
            if (i < end && ascii[i] == ':') {
                if (gapAt >= 0) {
                    throw new ParseException("IPv6 address has two '::'", i - offset);
                }
                gapAt = groups;
                i++;
            } else if (i == end) {
                throw new ParseException("IPv6 address ends with a single colon", i - offset);
            }
        }
        if (gapAt < 0) {
            if (groups != 8) {
                throw new ParseException("IPv6 address has fewer than eight groups", length);
            }
        } else {
            if (groups == 8) {
                throw new ParseException("'::' in an IPv6 address with eight groups", length);
            }
            int tail = (groups - gapAt) * 2;
            System.arraycopy(out, gapAt * 2, out, 16 - tail, tail);
            java.util.Arrays.fill(out, gapAt * 2, 16 - tail, (byte) 0);
        }
        return Ip6Address.of(out);
    }
}
