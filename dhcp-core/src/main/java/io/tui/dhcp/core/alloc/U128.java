package io.tui.dhcp.core.alloc;

import io.tui.dhcp.core.wire.v6.Ip6Address;

/** Unsigned 128-bit arithmetic on {@link Ip6Address}. */
final class U128 {
    private U128() {
    }

    static Ip6Address add(Ip6Address a, long unsigned) {
        long low = a.low() + unsigned;
        long carry = Long.compareUnsigned(low, a.low()) < 0 ? 1 : 0;
        return new Ip6Address(a.high() + carry, low);
    }

    static Ip6Address subtract(Ip6Address a, Ip6Address b) {
        long low = a.low() - b.low();
        long borrow = Long.compareUnsigned(a.low(), b.low()) < 0 ? 1 : 0;
        return new Ip6Address(a.high() - b.high() - borrow, low);
    }

    /** The first {@code length} bits of {@code a}. */
    static Ip6Address mask(Ip6Address a, int length) {
        if (length >= 128) {
            return a;
        }
        if (length <= 0) {
            return Ip6Address.UNSPECIFIED;
        }
        if (length <= 64) {
            long m = length == 64 ? -1L : ~(-1L >>> length);
            return new Ip6Address(a.high() & m, 0);
        }
        return new Ip6Address(a.high(), a.low() & ~(-1L >>> (length - 64)));
    }

    /** All bits after the first {@code length}. */
    static Ip6Address hostMask(int length) {
        if (length >= 128) {
            return Ip6Address.UNSPECIFIED;
        }
        if (length <= 64) {
            return new Ip6Address(length == 64 ? 0 : -1L >>> length, -1L);
        }
        return new Ip6Address(0, -1L >>> (length - 64));
    }

    static Ip6Address or(Ip6Address a, Ip6Address b) {
        return new Ip6Address(a.high() | b.high(), a.low() | b.low());
    }

    /** {@code value} (unsigned) shifted left by {@code shift} bits, 0..128. */
    static Ip6Address shiftLeft(long value, int shift) {
        if (shift == 0) {
            return new Ip6Address(0, value);
        }
        if (shift >= 128) {
            return Ip6Address.UNSPECIFIED;
        }
        if (shift >= 64) {
            return new Ip6Address(value << (shift - 64), 0);
        }
        return new Ip6Address(value >>> (64 - shift), value << shift);
    }

    /** The low 64 bits of {@code a >>> shift}. */
    static long shiftRight(Ip6Address a, int shift) {
        if (shift == 0) {
            return a.low();
        }
        if (shift >= 128) {
            return 0;
        }
        if (shift >= 64) {
            return a.high() >>> (shift - 64);
        }
        return (a.low() >>> shift) | (a.high() << (64 - shift));
    }
}
