package io.tui.dhcp.lease.sql;

import io.tui.dhcp.core.alloc.Pool;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The in-memory hint of where a pool's free addresses are: a queue of addresses that had no row when their window
 * was scanned, refilled window by window from a wrapping cursor, plus addresses this service freed. Only a hint:
 * the insert that claims an address decides. The monitor guards the cursor, not allocation.
 */
final class PoolCursor<K> {
    /** Reads the used addresses of a window. */
    @FunctionalInterface
    interface Scan<K> {
        List<K> used(K first, K last);
    }

    private static final long FULL_MEMO_NANOS = 500_000_000L;
    private static final PoolCursor<Object> NONE = new PoolCursor<>(null, false);

    private final Pool<K> pool;
    private final boolean dense;
    private final ConcurrentLinkedQueue<K> queue = new ConcurrentLinkedQueue<>();
    private long next;
    private volatile long fullUntil;

    PoolCursor(Pool<K> pool, boolean dense) {
        this.pool = pool;
        this.dense = dense;
        this.fullUntil = System.nanoTime() - 1;
        // Each service starts scanning at its own random window, so servers sharing a database work on different
        // parts of a pool instead of offering the same addresses and losing the race for half of them.
        this.next = randomWindow();
    }

    private long randomWindow() {
        if (pool == null || !dense || pool.size() <= SqlLeaseService.WINDOW) {
            return 0;
        }
        long windows = (pool.size() + SqlLeaseService.WINDOW - 1) / SqlLeaseService.WINDOW;
        return ThreadLocalRandom.current().nextLong(windows) * SqlLeaseService.WINDOW;
    }

    /**
     * Another server took an address this cursor handed out: it is scanning the same part of the pool. Move to a
     * random window so the two stop racing for the same addresses.
     */
    synchronized void collided() {
        if (pool != null && dense) {
            queue.clear();
            next = randomWindow();
        }
    }

    @SuppressWarnings("unchecked")
    static <K> PoolCursor<K> none() {
        return (PoolCursor<K>) NONE;
    }

    boolean dense() {
        return dense;
    }

    K poll() {
        return queue.poll();
    }

    /**
     * Scans windows from the cursor until one has free addresses; false when the whole pool had none (remembered
     * for half a second, or until this service frees an address, so a full pool is not rescanned per request).
     */
    synchronized boolean refill(Scan<K> scan) {
        if (!queue.isEmpty()) {
            return true;
        }
        if (System.nanoTime() - fullUntil < 0) {
            return false;
        }
        long size = pool.size();
        long scanned = 0;
        while (scanned < size) {
            long start = next;
            long end = Math.min(start + SqlLeaseService.WINDOW, size) - 1;
            Set<K> used = new HashSet<>(scan.used(pool.at(start), pool.at(end)));
            for (long o = start; o <= end; o++) {
                K a = pool.at(o);
                if (!used.contains(a)) {
                    queue.add(a);
                }
            }
            next = end + 1 >= size ? 0 : end + 1;
            scanned += end - start + 1;
            if (!queue.isEmpty()) {
                return true;
            }
        }
        fullUntil = System.nanoTime() + FULL_MEMO_NANOS;
        return false;
    }

    /** This service deleted the lease of {@code address}: offer it again soon. */
    void freed(K address) {
        if (pool != null && dense) {
            queue.add(address);
            fullUntil = System.nanoTime();
        }
    }

    /** A random slot (pools too large to scan). */
    K random() {
        long size = pool.size();
        long offset = size == Long.MAX_VALUE ? ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE
                : ThreadLocalRandom.current().nextLong(size);
        return pool.at(offset);
    }
}
