package io.tui.dhcp.core.wire.v6;

/** Range checks for the constructors of the typed option records. */
final class Checks {
    private Checks() {
    }

    static int u8(int v, String what) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException(what + " out of 0..255: " + v);
        }
        return v;
    }

    static int u16(int v, String what) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(what + " out of 0..65535: " + v);
        }
        return v;
    }

    static long u32(long v, String what) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(what + " out of 0..4294967295: " + v);
        }
        return v;
    }

    static <T> T nonNull(T v, String what) {
        if (v == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        return v;
    }
}
