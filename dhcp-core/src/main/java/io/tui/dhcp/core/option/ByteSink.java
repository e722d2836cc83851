package io.tui.dhcp.core.option;

import java.util.Arrays;

/** A small growable byte buffer for building option payloads at configuration time. */
final class ByteSink {
    private byte[] bytes = new byte[32];
    private int size;

    void put(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    void putUint16(int v) {
        put(v >>> 8);
        put(v);
    }

    void putUint32(long v) {
        put((int) (v >>> 24));
        put((int) (v >>> 16));
        put((int) (v >>> 8));
        put((int) v);
    }

    void put(byte[] src) {
        put(src, 0, src.length);
    }

    void put(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, bytes, size, len);
        size += len;
    }

    int size() {
        return size;
    }

    /** Overwrites one byte already written. */
    void set(int index, int b) {
        bytes[index] = (byte) b;
    }

    void clear() {
        size = 0;
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
