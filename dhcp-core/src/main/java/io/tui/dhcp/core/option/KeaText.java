package io.tui.dhcp.core.option;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Kea's text conventions for option data: splitting {@code csv-format} data into fields and reading
 * {@code csv-format: false} hexadecimal data.
 */
final class KeaText {
    private KeaText() {
    }

    /**
     * Splits CSV option data into fields as Kea does: a comma separates fields unless escaped as {@code \,};
     * {@code \\} stands for one backslash and any other backslash is kept; empty fields are dropped; each field is
     * trimmed of surrounding white space (so a field of only blanks becomes an empty value, which Kea rejects for
     * most types).
     */
    static List<String> splitCsv(String data) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean escaped = false;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (escaped) {
                if (c != ',' && c != '\\') {
                    cur.append('\\');
                }
                cur.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',') {
                if (!cur.isEmpty()) {
                    out.add(cur.toString().strip());
                }
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (escaped) {
            cur.append('\\');
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    /** Escapes one field value so that {@link #splitCsv} gives it back unchanged. */
    static String escapeCsv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 4);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * Reads {@code csv-format: false} data as Kea does: an optional {@code 0x} prefix; then either plain hex digits
     * (an odd count gets a leading zero) or groups of one or two digits separated by colons or by spaces; or a
     * string in single quotes taken literally. Empty data gives an empty payload.
     */
    static byte[] parseHexData(String data) throws OptionConfigException {
        String s = data.strip();
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
            return s.substring(1, s.length() - 1).getBytes(StandardCharsets.UTF_8);
        }
        String digits = s.startsWith("0x") ? s.substring(2) : s;
        byte[] out = digits.indexOf(':') >= 0 ? groups(digits, ':')
                : digits.indexOf(' ') >= 0 ? groups(digits, ' ')
                : plain(digits);
        if (out == null) {
            throw new OptionConfigException("option data is not a valid string of hexadecimal digits: " + data);
        }
        return out;
    }

    private static byte[] plain(String digits) {
        String d = (digits.length() & 1) == 1 ? "0" + digits : digits;
        byte[] out = new byte[d.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = AddressText.hexValue(d.charAt(2 * i));
            int lo = AddressText.hexValue(d.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static byte[] groups(String digits, char sep) {
        String[] parts = digits.split(sep == ' ' ? " " : ":", -1);
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 2) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                int h = AddressText.hexValue(p.charAt(j));
                if (h < 0) {
                    return null;
                }
                v = v << 4 | h;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /**
     * Reads a {@code binary} field of CSV data as Kea does: hex digits, white space ignored, no prefix and no
     * colons, an even number of digits.
     */
    static byte[] parseBinaryField(String token) throws OptionConfigException {
        StringBuilder sb = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == ' ' || c == '\t') {
                continue;
            }
            if (AddressText.hexValue(c) < 0) {
                throw new OptionConfigException("unable to cast " + token
                        + " to binary data type: attempt to decode a value not in base16 char set");
            }
            sb.append(c);
        }
        if ((sb.length() & 1) == 1) {
            throw new OptionConfigException("unable to cast " + token
                    + " to binary data type: Incomplete input for base16: " + token);
        }
        return HexFormat.of().parseHex(sb);
    }
}
