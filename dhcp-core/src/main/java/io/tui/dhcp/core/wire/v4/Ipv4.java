package io.tui.dhcp.core.wire.v4;

/** IPv4 addresses as {@code int}s in network order (first octet in the high byte). */
public final class Ipv4 {
    private Ipv4() {
    }

    /** The address a.b.c.d. */
    public static int of(int a, int b, int c, int d) {
        return (a & 0xff) << 24 | (b & 0xff) << 16 | (c & 0xff) << 8 | (d & 0xff);
    }

    /** Dotted-quad text. */
    public static String toString(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }
}
