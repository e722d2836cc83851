package io.tui.dhcp.core.alloc;

import io.tui.dhcp.core.lease.AddressText;

/**
 * A DHCPv4 address pool {@code first - last} (inclusive, addresses as big-endian ints, compared unsigned).
 *
 * @param id       Kea's pool id
 * @param subnetId the subnet
 * @param first    first address
 * @param last     last address
 */
public record Pool4(long id, long subnetId, int first, int last) implements Pool<Integer> {

    public Pool4 {
        if (Integer.compareUnsigned(first, last) > 0) {
            throw new IllegalArgumentException("pool " + AddressText.formatV4(first) + " - "
                    + AddressText.formatV4(last) + " ends before it starts");
        }
    }

    @Override
    public long lastOffset() {
        return Integer.toUnsignedLong(last - first);
    }

    @Override
    public Integer at(long offset) {
        return first + (int) offset;
    }

    @Override
    public boolean contains(Integer address) {
        int a = address;
        return Integer.compareUnsigned(a, first) >= 0 && Integer.compareUnsigned(a, last) <= 0;
    }

    @Override
    public long offsetOf(Integer address) {
        return Integer.toUnsignedLong(address - first);
    }

    @Override
    public String toString() {
        return "Pool4[" + id + " subnet " + subnetId + " " + AddressText.formatV4(first) + " - "
                + AddressText.formatV4(last) + "]";
    }
}
