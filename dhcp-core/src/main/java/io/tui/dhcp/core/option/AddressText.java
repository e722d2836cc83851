package io.tui.dhcp.core.option;

/**
 * Parsing and formatting of IPv4 and IPv6 address literals without any name resolution.
 *
 * <p>IPv4 accepts exactly four decimal parts 0..255 without leading zeros (as {@code inet_pton} does). IPv6 accepts
 * RFC 4291 text including {@code ::} and an embedded IPv4 tail; a zone suffix ({@code %eth0}) is ignored, as Kea
 * does. Output follows RFC 5952 (lower case, longest zero run compressed).
 */
final class AddressText {
    private AddressText() {
    }

    /** The 4 bytes of an IPv4 literal, or null when the text is not one. */
    static byte[] parseIpv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int i = 0;
        int n = s.length();
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return null;
                }
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (part < 4) {
                if (i >= n || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == n ? out : null;
    }

    /** The 16 bytes of an IPv6 literal, or null when the text is not one. */
    static byte[] parseIpv6(String text) {
        String s = text;
        int zone = s.indexOf('%');
        if (zone >= 0) {
            if (zone == s.length() - 1) {
                return null;
            }
            s = s.substring(0, zone);
        }
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        int n = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == n) {
                return new byte[16];
            }
        } else if (s.charAt(0) == ':') {
            return null;
        }
        byte[] v4tail = null;
        while (i < n) {
            if (count >= 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < n && hexValue(s.charAt(i)) >= 0 && i - start < 5) {
                value = (value << 4) | hexValue(s.charAt(i));
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                v4tail = parseIpv4(s.substring(start));
                if (v4tail == null || count > 6) {
                    return null;
                }
                i = n;
                break;
            }
            int digits = i - start;
            if (digits == 0 || digits > 4) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return null;
            }
        }
        int total = count + (v4tail != null ? 2 : 0);
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        int[] all = new int[8];
        int tailGroups = count - Math.max(gap, 0);
        if (gap < 0) {
            tailGroups = 0;
            System.arraycopy(groups, 0, all, 0, count);
        } else {
            System.arraycopy(groups, 0, all, 0, gap);
            int tailStart = 8 - (v4tail != null ? 2 : 0) - tailGroups;
            System.arraycopy(groups, gap, all, tailStart, tailGroups);
        }
        for (int g = 0; g < 8; g++) {
            out[2 * g] = (byte) (all[g] >>> 8);
            out[2 * g + 1] = (byte) all[g];
        }
        if (v4tail != null) {
            System.arraycopy(v4tail, 0, out, 12, 4);
        }
        return out;
    }

    static String formatIpv4(byte[] b, int off) {
        return (b[off] & 0xFF) + "." + (b[off + 1] & 0xFF) + "." + (b[off + 2] & 0xFF) + "." + (b[off + 3] & 0xFF);
    }

    static String formatIpv6(byte[] b, int off) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[off + 2 * i] & 0xFF) << 8) | (b[off + 2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** The value of an ASCII hex digit, or -1. */
    static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
