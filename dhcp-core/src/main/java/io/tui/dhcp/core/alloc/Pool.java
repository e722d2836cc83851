package io.tui.dhcp.core.alloc;

/**
 * An address or prefix pool as the allocation engine sees it: a range of slots numbered from 0. The config layer's
 * pools are adapted to these small records by the server.
 *
 * <p>Slot numbers are unsigned longs: a pool has {@code lastOffset() + 1} slots, at most 2^64 (larger v6 ranges use
 * their first 2^64 slots).
 *
 * @param <K> the address type: {@code Integer} for v4, {@code Ip6Address} for v6
 */
public sealed interface Pool<K> permits Pool4, Pool6, PdPool {

    /** Kea's pool id (0 when the config gives none); statistics are reported per subnet and pool id. */
    long id();

    /** The subnet the pool belongs to. */
    long subnetId();

    /** The number of the last slot, unsigned (the pool has {@code lastOffset() + 1} slots). */
    long lastOffset();

    /** The address (or prefix) in slot {@code offset}. */
    K at(long offset);

    /** Whether {@code address} is one of the pool's slots. */
    boolean contains(K address);

    /** The slot of {@code address}, which the pool {@linkplain #contains contains}. */
    long offsetOf(K address);

    /** The first address (slot 0). */
    default K start() {
        return at(0);
    }

    /** Number of slots, saturated at {@code Long.MAX_VALUE}. */
    default long size() {
        long last = lastOffset();
        return last < 0 || last == Long.MAX_VALUE ? Long.MAX_VALUE : last + 1;
    }
}
