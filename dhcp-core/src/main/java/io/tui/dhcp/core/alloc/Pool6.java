package io.tui.dhcp.core.alloc;

import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.util.Objects;

/**
 * A DHCPv6 address pool {@code first - last} (inclusive). Kea's {@code 2001:db8::/64} pool is
 * {@code first = 2001:db8::, last = 2001:db8::ffff:ffff:ffff:ffff}.
 *
 * @param id       Kea's pool id
 * @param subnetId the subnet
 * @param first    first address
 * @param last     last address
 */
public record Pool6(long id, long subnetId, Ip6Address first, Ip6Address last) implements Pool<Ip6Address> {

    public Pool6 {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("pool " + first + " - " + last + " ends before it starts");
        }
    }

    /** The pool {@code prefix/length} as Kea writes it in {@code "pool": "2001:db8::/64"}. */
    public static Pool6 ofPrefix(long id, long subnetId, Ip6Address prefix, int length) {
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("prefix length out of range: " + length);
        }
        Ip6Address net = U128.mask(prefix, length);
        return new Pool6(id, subnetId, net, U128.or(net, U128.hostMask(length)));
    }

    @Override
    public long lastOffset() {
        Ip6Address diff = U128.subtract(last, first);
        return diff.high() != 0 ? -1L : diff.low();
    }

    @Override
    public Ip6Address at(long offset) {
        return U128.add(first, offset);
    }

    @Override
    public boolean contains(Ip6Address address) {
        return address.compareTo(first) >= 0 && address.compareTo(last) <= 0;
    }

    @Override
    public long offsetOf(Ip6Address address) {
        return U128.subtract(address, first).low();
    }

    @Override
    public Ip6Address start() {
        return first;
    }
}
