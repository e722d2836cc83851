package io.tui.dhcp.core.config.model;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address as a number, parsed from literal text only (never a name lookup). Text output is dotted
 * quad, or RFC 5952 canonical IPv6.
 */
public record IpAddress(boolean v6, BigInteger value) implements Comparable<IpAddress> {
    public static final BigInteger MAX4 = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    public static final BigInteger MAX6 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    public IpAddress {
        if (value.signum() < 0 || value.compareTo(v6 ? MAX6 : MAX4) > 0) {
            throw new IllegalArgumentException("address value out of range");
        }
    }

    public int bits() {
        return v6 ? 128 : 32;
    }

    /** Parses an IPv4 (dotted quad) or IPv6 literal of the wanted family; null when the text is not one. */
    public static IpAddress parse(String text, boolean v6) {
        return v6 ? parse6(text) : parse4(text);
    }

    /** Parses either family; null when neither. */
    public static IpAddress parseAny(String text) {
        IpAddress a = parse4(text);
        return a != null ? a : parse6(text);
    }

    static IpAddress parse4(String s) {
        long v = parse4Long(s);
        return v < 0 ? null : new IpAddress(false, BigInteger.valueOf(v));
    }

    private static long parse4Long(String s) {
        if (s.length() > 15) {
            return -1;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) {
                return -1;
            }
            int x = 0;
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                x = x * 10 + (c - '0');
            }
            if (x > 255) {
                return -1;
            }
            v = (v << 8) | x;
        }
        return v;
    }

    static IpAddress parse6(String s) {
        if (s.length() < 2 || s.length() > 45) {
            return null;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String headText = gap >= 0 ? s.substring(0, gap) : s;
        String tailText = gap >= 0 ? s.substring(gap + 2) : "";
        int[] head = groups(headText, gap < 0 || tailText.isEmpty());
        int[] tail = groups(tailText, true);
        if (head == null || tail == null) {
            return null;
        }
        int total = head.length + tail.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        int[] full = new int[8];
        System.arraycopy(head, 0, full, 0, head.length);
        System.arraycopy(tail, 0, full, 8 - tail.length, tail.length);
        BigInteger v = BigInteger.ZERO;
        for (int g : full) {
            v = v.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        return new IpAddress(true, v);
    }

    /** Colon-separated hex groups; the last may be a dotted quad when {@code v4Allowed}. Null when malformed. */
    private static int[] groups(String text, boolean v4Allowed) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && v4Allowed && p.indexOf('.') >= 0) {
                long v4 = parse4Long(p);
                if (v4 < 0) {
                    return null;
                }
                out[n++] = (int) (v4 >>> 16);
                out[n++] = (int) (v4 & 0xFFFF);
                break;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int g = 0;
            for (int k = 0; k < p.length(); k++) {
                char c = p.charAt(k);
                int d = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                        ? Character.digit(c, 16) : -1;
                if (d < 0) {
                    return null;
                }
                g = g * 16 + d;
            }
            out[n++] = g;
        }
        return n > 8 ? null : java.util.Arrays.copyOf(out, n);
    }

    public IpAddress plus(long delta) {
        return new IpAddress(v6, value.add(BigInteger.valueOf(delta)));
    }

    /** 4 or 16 bytes in network order. */
    public byte[] toBytes() {
        byte[] out = new byte[v6 ? 16 : 4];
        byte[] raw = value.toByteArray();
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        return out;
    }

    public InetAddress toInetAddress() {
        try {
            return InetAddress.getByAddress(toBytes());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: the length is always 4 or 16
        }
    }

    @Override
    public int compareTo(IpAddress o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        if (!v6) {
            long v = value.longValue();
            return ((v >>> 24) & 255) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
        }
        int[] g = new int[8];
        BigInteger v = value;
        for (int i = 7; i >= 0; i--) {
            g[i] = v.intValue() & 0xFFFF;
            v = v.shiftRight(16);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }
}
