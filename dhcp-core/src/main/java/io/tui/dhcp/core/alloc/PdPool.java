package io.tui.dhcp.core.alloc;

import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.util.Objects;

/**
 * A DHCPv6 prefix delegation pool, Kea's {@code pd-pools} entry: {@code prefix/prefixLength} cut into prefixes of
 * {@code delegatedLength}. Slot {@code i} is the i-th delegated prefix. {@code excluded-prefix} is not handled here.
 *
 * @param id              Kea's pool id
 * @param subnetId        the subnet
 * @param prefix          the pool prefix (bits beyond {@code prefixLength} must be zero)
 * @param prefixLength    the pool prefix length
 * @param delegatedLength the length of each delegated prefix, {@code prefixLength..128}
 */
public record PdPool(long id, long subnetId, Ip6Address prefix, int prefixLength, int delegatedLength)
        implements Pool<Ip6Address> {

    public PdPool {
        Objects.requireNonNull(prefix, "prefix");
        if (prefixLength < 0 || prefixLength > 128 || delegatedLength < prefixLength || delegatedLength > 128) {
            throw new IllegalArgumentException("pd-pool " + prefix + "/" + prefixLength + " delegating /"
                    + delegatedLength + " has bad lengths");
        }
        if (!U128.mask(prefix, prefixLength).equals(prefix)) {
            throw new IllegalArgumentException("pd-pool prefix " + prefix + " has bits beyond /" + prefixLength);
        }
    }

    @Override
    public long lastOffset() {
        int bits = delegatedLength - prefixLength;
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }

    @Override
    public Ip6Address at(long offset) {
        return U128.or(prefix, U128.shiftLeft(offset, 128 - delegatedLength));
    }

    @Override
    public boolean contains(Ip6Address address) {
        return U128.mask(address, prefixLength).equals(prefix)
                && U128.mask(address, delegatedLength).equals(address);
    }

    @Override
    public long offsetOf(Ip6Address address) {
        return U128.shiftRight(U128.subtract(address, prefix), 128 - delegatedLength);
    }

    @Override
    public Ip6Address start() {
        return prefix;
    }
}
