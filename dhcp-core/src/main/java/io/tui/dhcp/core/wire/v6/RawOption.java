package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An option kept as its wire bytes. Decoding yields raw options that share one copy of the packet,
 * so decoding allocates one small object per option and no per-option byte array. Typed views are
 * parsed from a raw option on demand with {@link Dhcp6OptionViews#decode(RawOption)} or the typed
 * getters of {@link Dhcp6Options}. Re-encoding a raw option writes exactly the bytes it was read from.
 */
public final class RawOption implements Dhcp6Option {
    private final int code;
    private final byte[] array;
    private final int offset;
    private final int length;

    RawOption(int code, byte[] array, int offset, int length) {
        this.code = code;
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** An option with a copy of {@code payload}. */
    public static RawOption of(int code, byte... payload) {
        checkCode(code);
        if (payload.length > 0xFFFF) {
            throw new IllegalArgumentException("option payload longer than 65535 bytes");
        }
        return new RawOption(code, payload.clone(), 0, payload.length);
    }

    /** An option with the given payload bytes. */
    public static RawOption of(int code, Octets payload) {
        return of(code, payload.toByteArray());
    }

    static void checkCode(int code) {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("option code out of range: " + code);
        }
    }

    @Override
    public int code() {
        return code;
    }

    /** Whether the payload is exactly {@code bytes} (no copy). */
    public boolean payloadEquals(byte[] bytes) {
        return Arrays.equals(array, offset, offset + length, bytes, 0, bytes.length);
    }

    /** The payload length in bytes. */
    public int length() {
        return length;
    }

    /** The unsigned payload byte at {@code i}. */
    public int byteAt(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException(i);
        }
        return array[offset + i] & 0xFF;
    }

    /** A fresh copy of the payload. */
    public byte[] payload() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /** The payload as an immutable byte string (copied). */
    public Octets octets() {
        return Octets.of(array, offset, length);
    }

    /** A read-only, unpooled view of the payload (no copy; needs no release). */
    public ByteBuf payloadBuf() {
        return Unpooled.wrappedBuffer(array, offset, length).asReadOnly();
    }

    /**
     * Where the payload starts in the decoded packet (the offset of the first payload byte), or in
     * the array the option was built from.
     */
    public int offset() {
        return offset;
    }

    byte[] array() {
        return array;
    }

    @Override
    public void writePayload(ByteBuf out) {
        out.writeBytes(array, offset, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawOption r && r.code == code
                && Arrays.equals(array, offset, offset + length, r.array, r.offset, r.offset + r.length);
    }

    @Override
    public int hashCode() {
        int h = code;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + array[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return "RawOption[" + code + ", 0x" + HexFormat.of().formatHex(array, offset, offset + length) + "]";
    }
}
