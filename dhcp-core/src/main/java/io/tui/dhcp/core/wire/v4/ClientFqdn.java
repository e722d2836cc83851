package io.tui.dhcp.core.wire.v4;

import io.tui.dhcp.core.wire.ParseException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Option 81, client FQDN (RFC 4702): flags, two deprecated RCODE bytes and a domain name.
 *
 * <p>When the E flag is set the name is in canonical DNS wire format (RFC 1035 3.1 labels, no compression);
 * it is fully qualified when it ends in the zero-length root label and partial otherwise. When E is clear
 * the name is the deprecated ASCII form. The name bytes are held as sent (and not copied) so an echo is
 * byte-exact; {@link #nameText()} renders either form as text.
 */
public record ClientFqdn(int flags, int rcode1, int rcode2, byte[] name) {

    /** S: the server should perform the A RR (forward) update. */
    public static final int FLAG_S = 0x01;
    /** O: the server has overridden the client's S preference. */
    public static final int FLAG_O = 0x02;
    /** E: the name is in canonical wire format. */
    public static final int FLAG_E = 0x04;
    /** N: the server should perform no DNS updates. */
    public static final int FLAG_N = 0x08;

    private static final int MAX_NAME = 255;

    public ClientFqdn {
        if ((flags | rcode1 | rcode2) >>> 8 != 0 || name == null) {
            throw new IllegalArgumentException("flags and rcodes are bytes and the name is required");
        }
    }

    /** Parses an option 81 value, checking the label structure of a wire-format name. */
    public static ClientFqdn parse(byte[] v) throws ParseException {
        if (v.length < 3) {
            throw new ParseException("option 81 has length " + v.length + ", minimum is 3");
        }
        int flags = v[0] & 0xff;
        byte[] name = Arrays.copyOfRange(v, 3, v.length);
        if ((flags & FLAG_E) != 0) {
            checkWireName(name);
        }
        return new ClientFqdn(flags, v[1] & 0xff, v[2] & 0xff, name);
    }

    /**
     * A wire-format (E set) FQDN option from a dotted name: a trailing dot makes it fully qualified, no
     * trailing dot a partial name; an empty string is the empty name.
     *
     * @param flags the flags; E is added
     * @throws IllegalArgumentException for an empty label, a label over 63 bytes, a name over 255 bytes or a
     *     char above U+00FF
     */
    public static ClientFqdn ofWireName(int flags, int rcode1, int rcode2, String dottedName) {
        return new ClientFqdn(flags | FLAG_E, rcode1, rcode2, toWire(dottedName));
    }

    public boolean s() {
        return (flags & FLAG_S) != 0;
    }

    public boolean o() {
        return (flags & FLAG_O) != 0;
    }

    public boolean e() {
        return (flags & FLAG_E) != 0;
    }

    public boolean n() {
        return (flags & FLAG_N) != 0;
    }

    /** Whether a wire-format name ends in the root label (a fully qualified name). */
    public boolean fullyQualified() {
        return e() && name.length > 0 && name[name.length - 1] == 0;
    }

    /**
     * The name as text: labels joined with dots and a trailing dot when fully qualified (E set), or the bytes
     * as ISO-8859-1 (E clear). Label bytes are not escaped.
     */
    public String nameText() {
        if (!e()) {
            return new String(name, StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = new StringBuilder(name.length);
        int i = 0;
        while (i < name.length) {
            int l = name[i] & 0xff;
            if (l == 0) {
                sb.append('.');
                break;
            }
            if (i > 0) {
                sb.append('.');
            }
            for (int k = i + 1; k <= i + l && k < name.length; k++) {
                sb.append((char) (name[k] & 0xff));
            }
            i += 1 + l;
        }
        return sb.toString();
    }

    /** The option value: flags, rcode1, rcode2, name. */
    public byte[] encode() {
        byte[] v = new byte[3 + name.length];
        v[0] = (byte) flags;
        v[1] = (byte) rcode1;
        v[2] = (byte) rcode2;
        System.arraycopy(name, 0, v, 3, name.length);
        return v;
    }

    static void checkWireName(byte[] name) throws ParseException {
        if (name.length > MAX_NAME) {
            throw new ParseException("option 81 name is " + name.length + " bytes, maximum is 255", 3);
        }
        int i = 0;
        while (i < name.length) {
            int l = name[i] & 0xff;
            if (l == 0) {
                if (i != name.length - 1) {
                    throw new ParseException("option 81 name has bytes after the root label", 3 + i);
                }
                return;
            }
            if (l > 63) {
                throw new ParseException("option 81 name has label length " + l + " (compression is not allowed)", 3 + i);
            }
            if (i + 1 + l > name.length) {
                throw new ParseException("option 81 name label of " + l + " bytes runs past the end", 3 + i);
            }
            i += 1 + l;
        }
    }

    static byte[] toWire(String dotted) {
        if (dotted.isEmpty()) {
            return new byte[0];
        }
        if (dotted.equals(".")) {
            return new byte[] {0};
        }
        boolean fq = dotted.endsWith(".");
        String body = fq ? dotted.substring(0, dotted.length() - 1) : dotted;
        byte[] out = new byte[body.length() + 1 + (fq ? 1 : 0)];
        int o = 0;
        int start = 0;
        while (true) {
            int dot = body.indexOf('.', start);
            int end = dot < 0 ? body.length() : dot;
            int l = end - start;
            if (l == 0 || l > 63) {
                throw new IllegalArgumentException("bad label length " + l + " in " + dotted);
            }
            out[o++] = (byte) l;
            for (int k = start; k < end; k++) {
                char c = body.charAt(k);
                if (c > 0xff) {
                    throw new IllegalArgumentException("char U+" + Integer.toHexString(c) + " in " + dotted);
                }
                out[o++] = (byte) c;
            }
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        if (fq) {
            out[o++] = 0;
        }
        if (o > MAX_NAME) {
            throw new IllegalArgumentException("name longer than 255 bytes: " + dotted);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientFqdn(int f, int r1, int r2, byte[] n)
                && f == flags && r1 == rcode1 && r2 == rcode2 && Arrays.equals(n, name);
    }

    @Override
    public int hashCode() {
        return ((flags * 31 + rcode1) * 31 + rcode2) * 31 + Arrays.hashCode(name);
    }

    @Override
    public String toString() {
        return "ClientFqdn[flags=" + flags + ", rcode1=" + rcode1 + ", rcode2=" + rcode2 + ", name="
                + (e() ? nameText() : HexFormat.of().formatHex(name)) + "]";
    }
}
