package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv6 address as two longs: allocation-light, comparable, and a good hash key for leases.
 *
 * @param high the first 64 bits in network order
 * @param low the last 64 bits in network order
 */
public record Ip6Address(long high, long low) implements Comparable<Ip6Address> {
    /** The unspecified address {@code ::}. */
    public static final Ip6Address UNSPECIFIED = new Ip6Address(0, 0);

    /** The address from 16 bytes in network order. */
    public static Ip6Address of(byte[] bytes) {
        if (bytes.length != 16) {
            throw new IllegalArgumentException("an IPv6 address has 16 bytes, not " + bytes.length);
        }
        return of(bytes, 0);
    }

    static Ip6Address of(byte[] a, int off) {
        return new Ip6Address(longAt(a, off), longAt(a, off + 8));
    }

    private static long longAt(byte[] a, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (a[off + i] & 0xFFL);
        }
        return v;
    }

    /** Reads 16 bytes at the reader index of {@code buf}, advancing it. */
    public static Ip6Address read(ByteBuf buf) {
        return new Ip6Address(buf.readLong(), buf.readLong());
    }

    /** Parses an IPv6 literal such as {@code 2001:db8::1} (no DNS look-up). */
    public static Ip6Address parse(String literal) {
        InetAddress a = Inet6Address.ofLiteral(literal);
        if (a instanceof Inet4Address v4) {
            byte[] b = v4.getAddress();
            return new Ip6Address(0, 0xFFFF00000000L | ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16)
                    | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL));
        }
        return of(a.getAddress());
    }

    /** Writes the 16 bytes at the writer index of {@code out}. */
    public void writeTo(ByteBuf out) {
        out.writeLong(high);
        out.writeLong(low);
    }

    /** The 16 bytes in network order. */
    public byte[] toByteArray() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (high >>> (56 - 8 * i));
            b[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return b;
    }

    /** The 16-bit group {@code i} (0..7). */
    public int group(int i) {
        long word = i < 4 ? high : low;
        return (int) (word >>> (48 - 16 * (i & 3))) & 0xFFFF;
    }

    /** This address as a JDK {@link Inet6Address} (never converted to IPv4, even when mapped). */
    public Inet6Address toInetAddress() {
        try {
            return Inet6Address.getByAddress(null, toByteArray(), -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always a valid IPv6 address", e);
        }
    }

    @Override
    public int compareTo(Ip6Address o) {
        int c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    /** Whether this is an IPv4-mapped address {@code ::ffff:a.b.c.d}. */
    public boolean isIpv4Mapped() {
        return high == 0 && (low >>> 32) == 0xFFFFL;
    }

    /** The RFC 5952 text form, for example {@code 2001:db8::1} or {@code ::ffff:192.0.2.1}. */
    @Override
    public String toString() {
        if (isIpv4Mapped()) {
            return "::ffff:" + ((low >>> 24) & 0xFF) + '.' + ((low >>> 16) & 0xFF) + '.' + ((low >>> 8) & 0xFF) + '.' + (low & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (group(i) == 0) {
                int j = i;
                while (j < 8 && group(j) == 0) {
                    j++;
                }
                if (j - i > bestLen) {
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
            sb.append(Integer.toHexString(group(i)));
        }
        return sb.toString();
    }
}
