package io.tui.dhcp.core.config;

/** Kea's hex text for identifiers and binary data: bytes with or without separators, or a 'quoted string'. */
final class HexText {
    private HexText() {}

    /** Kea identifier text: hex bytes (with or without ':' separators) or a 'quoted string'. */
    static String identifierHex(String value, int maxBytes) {
        byte[] bytes;
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            bytes = value.substring(1, value.length() - 1).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else {
            bytes = bytes(value);
        }
        if (bytes == null || bytes.length == 0 || bytes.length > maxBytes) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            if (b.length() > 0) {
                b.append(':');
            }
            b.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        return b.toString();
    }

    /** Hex bytes separated by ':', '-' or ' ' (one or two digits per byte), or unseparated with an optional 0x. */
    static byte[] bytes(String s) {
        String t = s.trim();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        if (t.isEmpty() || t.length() > 4096) {
            return null;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(t.length() / 2 + 1);
        boolean separated = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == ':' || c == '-' || c == ' ') {
                separated = true;
                break;
            }
        }
        if (separated) {
            int start = 0;
            for (int i = 0; i <= t.length(); i++) {
                if (i == t.length() || t.charAt(i) == ':' || t.charAt(i) == '-' || t.charAt(i) == ' ') {
                    int len = i - start;
                    if (len < 1 || len > 2) {
                        return null;
                    }
                    int v = parseHex(t, start, i);
                    if (v < 0) {
                        return null;
                    }
                    out.write(v);
                    start = i + 1;
                }
            }
            return out.toByteArray();
        }
        int i = 0;
        if (t.length() % 2 != 0) {
            int v = parseHex(t, 0, 1);
            if (v < 0) {
                return null;
            }
            out.write(v);
            i = 1;
        }
        for (; i < t.length(); i += 2) {
            int v = parseHex(t, i, i + 2);
            if (v < 0) {
                return null;
            }
            out.write(v);
        }
        return out.toByteArray();
    }

    private static int parseHex(String text, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            int d = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    ? Character.digit(c, 16) : -1;
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }
}
