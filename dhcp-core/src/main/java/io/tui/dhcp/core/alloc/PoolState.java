package io.tui.dhcp.core.alloc;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The allocation state of one pool. Dense pools (up to {@link #DENSE_LIMIT} slots) keep a {@link FreeBitmap} of the
 * slots that have no lease and no offer; the FLQ allocator adds a queue of free slots in front of it. Sparse pools
 * (a /64 of addresses, say) keep no free structure: candidates are probed against the index, which is expected
 * O(1) while such a pool is nearly empty, as it always is in practice.
 */
final class PoolState<K> {
    /** Largest pool that gets a free bitmap (2^24 slots: 2 MiB of bitmap, a v4 /8). */
    static final long DENSE_LIMIT = 1L << 24;

    final Pool<K> pool;
    final AllocatorType allocator;
    final FreeBitmap free;
    final IntRing queue;
    /** Every slot of this pool in the index, by expiry second (for taking over expired leases when full). */
    final ExpiryOrder<K> expiry = new ExpiryOrder<>();
    private final AtomicLong cursor = new AtomicLong();
    private final Probe probe;

    PoolState(Pool<K> pool, AllocatorType allocator, Probe probe) {
        this.pool = pool;
        this.allocator = allocator;
        this.probe = probe;
        long last = pool.lastOffset();
        boolean dense = last >= 0 && last < DENSE_LIMIT;
        free = dense ? new FreeBitmap((int) last + 1, probe) : null;
        queue = dense && allocator == AllocatorType.FLQ ? new IntRing((int) last + 1) : null;
    }

    boolean dense() {
        return free != null;
    }

    /** After loading: fills the free queue with the free slots in a random order (seeded). */
    void fillQueue(long seed) {
        if (queue == null) {
            return;
        }
        int n = free.size();
        int[] order = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (free.isFree(i)) {
                order[count++] = i;
            }
        }
        Random random = new Random(seed ^ pool.id());
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < count; i++) {
            queue.offer(order[i]);
        }
    }

    /** Dense pools: claims a free slot the allocator's way, or returns -1 when none is free. */
    int claim() {
        return switch (allocator) {
            case ITERATIVE -> claimFrom((int) (cursor.get() % free.size()), true);
            case RANDOM -> claimFrom(ThreadLocalRandom.current().nextInt(free.size()), false);
            case FLQ -> claimQueued();
        };
    }

    private int claimFrom(int start, boolean advance) {
        int slot = free.claimNext(start);
        if (slot >= 0 && advance) {
            cursor.set(slot + 1L);
        }
        return slot;
    }

    private int claimQueued() {
        while (true) {
            probe.step();
            int slot = queue.poll();
            if (slot < 0) {
                // Queue drained (entries may have been dropped when it was full): the bitmap is the truth.
                return free.claimNext(0);
            }
            if (free.claim(slot)) {
                return slot;
            }
            // A stale entry: the slot was taken out of order (a hint) after it was queued.
        }
    }

    /** Dense pools: claims a given slot (a hint). */
    boolean claim(int slot) {
        return free.claim(slot);
    }

    /** Dense pools: the slot's lease or offer is gone; it is free again. */
    void release(int slot) {
        if (free.release(slot) && queue != null) {
            queue.offer(slot);
        }
    }

    /** Sparse pools: the next candidate slot to probe. */
    long candidate() {
        probe.step();
        long last = pool.lastOffset();
        if (allocator == AllocatorType.ITERATIVE) {
            long n = cursor.getAndIncrement();
            return last == -1L ? n : Long.remainderUnsigned(n, last + 1);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (last == -1L) {
            return random.nextLong();
        }
        return last >= 0 ? random.nextLong(last + 1) : Long.remainderUnsigned(random.nextLong(), last + 1);
    }
}
