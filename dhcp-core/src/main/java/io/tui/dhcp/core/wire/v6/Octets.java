package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable string of bytes with value equality, used for opaque option fields
 * (interface-id, remote-id, user-class items, link-layer addresses, ...).
 */
public final class Octets implements Comparable<Octets> {
    private static final byte[] NONE = new byte[0];
    /** The empty byte string. */
    public static final Octets EMPTY = new Octets(NONE);

    private final byte[] bytes;

    private Octets(byte[] owned) {
        this.bytes = owned;
    }

    /** A copy of {@code bytes}. */
    public static Octets of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
    }

    /** A copy of {@code len} bytes of {@code a} from {@code off}. */
    public static Octets of(byte[] a, int off, int len) {
        return len == 0 ? EMPTY : new Octets(Arrays.copyOfRange(a, off, off + len));
    }

    /** Hex digits, optionally separated by ':' or spaces, for example {@code "0a:1b"}. */
    public static Octets ofHex(String hex) {
        String clean = hex.replace(":", "").replace(" ", "");
        return clean.isEmpty() ? EMPTY : new Octets(HexFormat.of().parseHex(clean));
    }

    /** The bytes of {@code s} in UTF-8. */
    public static Octets ofUtf8(String s) {
        return of(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The unsigned byte at {@code i}. */
    public int byteAt(int i) {
        return bytes[i] & 0xFF;
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    public void writeTo(ByteBuf out) {
        out.writeBytes(bytes);
    }

    /** Lower-case hex without separators. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Octets o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return "0x" + toHex();
    }
}
