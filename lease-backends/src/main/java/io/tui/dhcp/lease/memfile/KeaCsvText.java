package io.tui.dhcp.lease.memfile;

import java.nio.charset.StandardCharsets;

/**
 * Kea's escaping of free-text columns (hostname, user_context) in lease files.
 *
 * <p>Kea 2.2 writes a comma as {@code &#x2c} and the ampersand as {@code &#x26} (the escape tag's first character,
 * so that a literal "&#x" survives), always two lower-case hex digits and no terminating semicolon. On reading, any
 * {@code &#x} followed by two hex digits becomes that byte; a tag not followed by two hex digits stays as it is.
 * Both verified against Debian's Kea 2.2 (a lease4-add of {@code comma,host&amp;x} is written as
 * {@code comma&#x2chost&#x26amp;x}).
 *
 * <p>Tui also escapes control characters (0x00-0x1f and 0x7f), which Kea 2.2 writes raw: Kea writes a newline in a
 * hostname as is and so breaks its own file, while Kea 2.2 reads Tui's {@code &#x0a} back as a newline. Text is
 * written as UTF-8; bytes that are not UTF-8 read back as U+FFFD.
 */
final class KeaCsvText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private KeaCsvText() {
    }

    /** Whether {@code c} must be escaped in a column. */
    static boolean needsEscape(char c) {
        return c == ',' || c == '&' || c < 0x20 || c == 0x7f;
    }

    /** Appends {@code text} to {@code sb}, escaped. */
    static void appendEscaped(StringBuilder sb, String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (needsEscape(c)) {
                sb.append("&#x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                sb.append(c);
            }
        }
    }

    /** {@code text} escaped. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        appendEscaped(sb, text);
        return sb.toString();
    }

    /** Decodes the column bytes {@code [from, to)}: unescapes, then decodes UTF-8. */
    static String unescape(byte[] line, int from, int to) {
        if (from == to) {
            return ""; // shared: most leases have no hostname and no user context
        }
        boolean plainAscii = true;
        for (int i = from; i < to; i++) {
            byte b = line[i];
            if (b < 0 || b == '&') {
                plainAscii = false;
                break;
            }
        }
        if (plainAscii) {
            return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
        }
        byte[] out = new byte[to - from];
        int n = 0;
        int i = from;
        while (i < to) {
            byte b = line[i];
            if (b == '&' && i + 5 <= to && line[i + 1] == '#' && line[i + 2] == 'x') {
                int hi = Character.digit(line[i + 3], 16);
                int lo = Character.digit(line[i + 4], 16);
                if (hi >= 0 && lo >= 0) {
                    out[n++] = (byte) (hi << 4 | lo);
                    i += 5;
                    continue;
                }
            }
            out[n++] = b;
            i++;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
