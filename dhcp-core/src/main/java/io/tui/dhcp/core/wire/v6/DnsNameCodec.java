package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/**
 * Domain names in the uncompressed RFC 1035 wire form that DHCPv6 uses (RFC 8415 section 10).
 *
 * <p>Text form: labels joined by dots; a fully qualified name ends with a dot ({@code "host.example.com."},
 * the root is {@code "."}), a partial name does not ({@code "host"}). Inside a label, {@code .} and
 * {@code \} are written {@code \.} and {@code \\}, and bytes outside printable ASCII {@code \DDD}
 * (decimal), so wire → text → wire is the identity. Compression pointers are rejected.
 */
public final class DnsNameCodec {
    /** The longest name on the wire, terminating zero included. */
    public static final int MAX_WIRE_LENGTH = 255;
    public static final int MAX_LABEL = 63;

    private DnsNameCodec() {
    }

    /**
     * Reads one name. A name ends at a zero-length label (fully qualified) or, when
     * {@code allowPartial}, at the end of the reader after at least one label (partial).
     */
    static String read(WireReader r, boolean allowPartial) throws ParseException {
        StringBuilder sb = new StringBuilder(32);
        int wire = 0;
        int labels = 0;
        while (true) {
            if (!r.hasRemaining()) {
                if (allowPartial && labels > 0) {
                    return sb.toString();
                }
                throw r.fail("domain name without terminating zero label");
            }
            int start = r.position();
            int len = r.u8();
            if (len == 0) {
                sb.append('.');
                return sb.toString();
            }
            if (len > MAX_LABEL) {
                throw new ParseException("domain name label length " + len + " (compression or extended labels are not allowed)", start);
            }
            wire += 1 + len;
            if (wire + 1 > MAX_WIRE_LENGTH) {
                throw new ParseException("domain name longer than 255 bytes", start);
            }
            r.need(len);
            if (labels > 0) {
                sb.append('.');
            }
            byte[] a = r.array();
            int p = r.position();
            for (int i = 0; i < len; i++) {
                appendEscaped(sb, a[p + i] & 0xFF);
            }
            r.skip(len);
            labels++;
        }
    }

    private static void appendEscaped(StringBuilder sb, int b) {
        if (b == '.' || b == '\\') {
            sb.append('\\').append((char) b);
        } else if (b < 0x21 || b > 0x7E) {
            sb.append('\\');
            if (b < 100) {
                sb.append('0');
            }
            if (b < 10) {
                sb.append('0');
            }
            sb.append(b);
        } else {
            sb.append((char) b);
        }
    }

    /** Whether {@code text} names a fully qualified name (ends with an unescaped dot). */
    public static boolean isFullyQualified(String text) {
        if (!text.endsWith(".")) {
            return false;
        }
        int backslashes = 0;
        for (int i = text.length() - 2; i >= 0 && text.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 0;
    }

    /**
     * Writes {@code text} in wire form: fully qualified (with a terminating zero) when it ends with a
     * dot, partial otherwise.
     *
     * @throws IllegalArgumentException when the text is not a valid name
     */
    public static void write(ByteBuf out, String text) {
        byte[] wire = toWire(text);
        out.writeBytes(wire);
    }

    /** The wire length of {@code text}; validates it like {@link #write}. */
    public static int wireLength(String text) {
        return toWire(text).length;
    }

    static byte[] toWire(String text) {
        byte[] buf = new byte[MAX_WIRE_LENGTH + 1];
        int n = 0;
        if (text.equals(".")) {
            return new byte[] {0};
        }
        if (text.isEmpty()) {
            return new byte[0];
        }
        int labelStart = 0;
        n = 1;
        int i = 0;
        int len = text.length();
        boolean fq = false;
        while (i < len) {
            char c = text.charAt(i);
            int b;
            if (c == '.') {
                int labelLen = n - labelStart - 1;
                if (labelLen == 0) {
                    throw new IllegalArgumentException("empty label in domain name: " + text);
                }
                buf[labelStart] = (byte) labelLen;
                i++;
                if (i == len) {
                    fq = true;
                    break;
                }
                labelStart = n;
                n = check(n + 1, text);
                continue;
            }
            if (c == '\\') {
                if (i + 1 >= len) {
                    throw new IllegalArgumentException("dangling escape in domain name: " + text);
                }
                char d = text.charAt(i + 1);
                if (d >= '0' && d <= '9') {
                    if (i + 3 >= len) {
                        throw new IllegalArgumentException("bad \\DDD escape in domain name: " + text);
                    }
                    b = 0;
                    for (int k = 1; k <= 3; k++) {
                        char e = text.charAt(i + k);
                        if (e < '0' || e > '9') {
                            throw new IllegalArgumentException("bad \\DDD escape in domain name: " + text);
                        }
                        b = b * 10 + (e - '0');
                    }
                    if (b > 255) {
                        throw new IllegalArgumentException("bad \\DDD escape in domain name: " + text);
                    }
                    i += 4;
                } else {
                    b = d;
                    i += 2;
                }
            } else {
                if (c < 0x21 || c > 0x7E) {
                    throw new IllegalArgumentException("character outside printable ASCII in domain name (escape it as \\DDD): " + text);
                }
                b = c;
                i++;
            }
            if (n - labelStart - 1 >= MAX_LABEL) {
                throw new IllegalArgumentException("label longer than 63 bytes in domain name: " + text);
            }
            n = check(n, text);
            buf[n++] = (byte) b;
        }
        if (!fq) {
            int labelLen = n - labelStart - 1;
            buf[labelStart] = (byte) labelLen;
        } else {
            n = check(n, text);
            buf[n++] = 0;
        }
        if (n > MAX_WIRE_LENGTH) {
            throw new IllegalArgumentException("domain name longer than 255 bytes: " + text);
        }
        byte[] out = new byte[n];
        System.arraycopy(buf, 0, out, 0, n);
        return out;
    }

    private static int check(int n, String text) {
        if (n >= MAX_WIRE_LENGTH) {
            throw new IllegalArgumentException("domain name longer than 255 bytes: " + text);
        }
        return n;
    }
}
