package io.tui.dhcp.core.alloc;

import static io.tui.dhcp.core.alloc.Fixtures.NOW;
import static io.tui.dhcp.core.alloc.Fixtures.client;
import static io.tui.dhcp.core.alloc.Fixtures.ip;
import static io.tui.dhcp.core.alloc.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.alloc.Allocation.Status;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.lease.LeaseStore;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConcurrentAllocationTest {
    static final int THREADS = 8;

    interface Worker {
        void run(int thread) throws Exception;
    }

    static void race(Worker worker) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            threads[t] = Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    worker.run(id);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("worker failed", failures.peek());
        }
    }

    /**
     * Threads allocate for distinct clients until the pool is exhausted, while some release (delete) what they got
     * and allocate again: every address is held by exactly one client at the end, none is lost, and every thread
     * ends with EXHAUSTED.
     */
    @ParameterizedTest
    @EnumSource(AllocatorType.class)
    void everyAddressGoesToExactlyOneClient(AllocatorType type) throws Exception {
        Pool4 pool = new Pool4(1, 1, ip(10, 0, 0, 0), ip(10, 0, 15, 255)); // 4096
        var store = new Fixtures.RecordingStore<Lease4>(Lease4::address, List.of());
        var engine = AllocationEngine.v4(store, List.of(pool), new AllocationEngine.Settings(type, 60, 3, Probe.NONE),
                LeaseStatsListener.NONE);
        Map<Integer, Integer> holder = new ConcurrentHashMap<>();
        AtomicInteger exhausted = new AtomicInteger();
        race(thread -> {
            Random random = new Random(thread);
            for (int n = 0; ; n++) {
                int id = thread << 20 | n;
                boolean offerFirst = random.nextInt(4) == 0;
                if (offerFirst) {
                    Allocation<Lease4> offer = engine.allocate(request(client(id), List.of(pool), null, true, NOW));
                    if (offer.status() == Status.EXHAUSTED) {
                        exhausted.incrementAndGet();
                        return;
                    }
                }
                Allocation<Lease4> a = engine.allocate(request(client(id), List.of(pool), null, false, NOW));
                if (a.status() == Status.EXHAUSTED) {
                    exhausted.incrementAndGet();
                    return;
                }
                Integer previous = holder.putIfAbsent(a.lease().address(), id);
                assertNull(previous, "address " + a.lease().addressText() + " given to " + id + " and " + previous);
                if (random.nextInt(8) == 0) {
                    // forget the holder first: once released, another thread may be given the address at once
                    assertTrue(holder.remove(a.lease().address(), id));
                    assertEquals(Status.EXISTING,
                            engine.release(client(id), a.lease().address(), false, NOW).status());
                }
            }
        });
        assertEquals(THREADS, exhausted.get());
        assertEquals(4096, holder.size());
        assertEquals(4096, engine.index().size());
        assertEquals(0, engine.freeCount(pool));
        for (Map.Entry<Integer, Integer> e : holder.entrySet()) {
            Lease4 lease = engine.index().get(e.getKey());
            assertNotNull(lease);
            assertEquals(Fixtures.mac(e.getValue()), lease.hwAddress());
            assertEquals(lease, store.rows.get(e.getKey()), "store agrees with the index");
        }
        assertEquals(4096, store.rows.size());
    }

    /** Exhausted pool of expired leases: concurrent takeovers never give one expired address to two clients. */
    @ParameterizedTest
    @EnumSource(AllocatorType.class)
    void concurrentTakeoverOfExpiredLeases(AllocatorType type) throws Exception {
        Pool4 pool = new Pool4(1, 1, ip(10, 0, 0, 0), ip(10, 0, 3, 255)); // 1024
        List<Lease4> loaded = new java.util.ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            loaded.add(Fixtures.lease(pool.first() + i, 9_000_000 + i, NOW - 1 - i, LeaseState.EXPIRED_RECLAIMED, 1));
        }
        var engine = AllocationEngine.v4(LeaseStore.inMemory(loaded), List.of(pool),
                new AllocationEngine.Settings(type, 60, 3, Probe.NONE), LeaseStatsListener.NONE);
        Map<Integer, Integer> holder = new ConcurrentHashMap<>();
        race(thread -> {
            for (int n = 0; ; n++) {
                int id = thread << 20 | n;
                Allocation<Lease4> a = engine.allocate(request(client(id), List.of(pool), null, false, NOW));
                if (a.status() == Status.EXHAUSTED) {
                    return;
                }
                assertEquals(Status.REUSED, a.status());
                assertNull(holder.putIfAbsent(a.lease().address(), id));
            }
        });
        assertEquals(1024, holder.size());
        assertTrue(engine.index().byState(LeaseState.EXPIRED_RECLAIMED).isEmpty());
    }

    /** A /64: concurrent random and iterative allocation never collide, without any free structure. */
    @ParameterizedTest
    @EnumSource(value = AllocatorType.class, names = {"ITERATIVE", "RANDOM"})
    void sparseV6PoolHandsOutDistinctAddresses(AllocatorType type) throws Exception {
        Pool6 pool = Pool6.ofPrefix(1, 1, Ip6Address.parse("2001:db8:1::"), 64);
        var engine = AllocationEngine.v6(LeaseStore.inMemory(), List.of(pool),
                new AllocationEngine.Settings(type, 60, 3, Probe.NONE), LeaseStatsListener.NONE);
        Map<Ip6Address, Integer> holder = new ConcurrentHashMap<>();
        race(thread -> {
            for (int n = 0; n < 2000; n++) {
                int id = thread << 20 | n;
                Client6 c = new Client6(Bytes.of((byte) 0, (byte) 3, (byte) (id >>> 24), (byte) (id >>> 16),
                        (byte) (id >>> 8), (byte) id), 1, LeaseType.NA, Bytes.EMPTY);
                Allocation<Lease6> a = engine.allocate(new AllocationRequest<>(c, List.of(pool), null,
                        new Lifetimes(3000, 2000), "", false, NOW));
                assertEquals(Status.NEW, a.status());
                assertTrue(pool.contains(a.lease().address()));
                assertNull(holder.putIfAbsent(a.lease().address(), id));
            }
        });
        assertEquals(THREADS * 2000, holder.size());
        assertEquals(THREADS * 2000, engine.index().size());
        Map<Ip6Address, Integer> copy = new HashMap<>(holder);
        assertEquals(copy.size(), holder.size());
    }

    /**
     * Allocation, renewal, release with affinity, decline, reclamation and flushing all at once on a small pool with
     * a moving clock: afterwards the free bitmap and the index agree on every address, and the assigned counter
     * matches the assigned and declined leases.
     */
    @ParameterizedTest
    @EnumSource(AllocatorType.class)
    void lifeCycleUnderContentionKeepsBitmapAndIndexInStep(AllocatorType type) throws Exception {
        Pool4 pool = new Pool4(1, 1, ip(10, 0, 0, 0), ip(10, 0, 0, 255));
        Fixtures.Counters stats = new Fixtures.Counters();
        var engine = AllocationEngine.v4(LeaseStore.inMemory(), List.of(pool),
                new AllocationEngine.Settings(type, 5, 3, Probe.NONE), stats);
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong(NOW);
        race(thread -> {
            Random random = new Random(thread);
            for (int n = 0; n < 3000; n++) {
                long now = clock.addAndGet(random.nextInt(3));
                if (thread == 0) {
                    engine.reclaim(now, 50, java.time.Duration.ZERO);
                    engine.flushReclaimed(now, 20, 50);
                    continue;
                }
                int id = random.nextInt(600);
                Client4 c = client(id);
                Allocation<Lease4> a = engine.allocate(new AllocationRequest<>(c, List.of(pool), null,
                        Lifetimes.of(10 + random.nextInt(20)), "", random.nextInt(5) == 0, now));
                if (!a.granted() || a.offer()) {
                    continue;
                }
                switch (random.nextInt(6)) {
                    case 0 -> engine.release(c, a.lease().address(), true, now);
                    case 1 -> engine.release(c, a.lease().address(), false, now);
                    case 2 -> engine.decline(c, a.lease().address(), 15, now);
                    default -> {
                    }
                }
            }
        });
        long assigned = 0;
        for (long offset = 0; offset <= pool.lastOffset(); offset++) {
            Integer address = pool.at(offset);
            Slot<Lease4> slot = engine.index().slot(address);
            assertEquals(slot == null, engine.markedFree(address), "bitmap and index disagree on " + offset);
            if (slot != null && !slot.offer()) {
                LeaseState state = slot.lease().state();
                assigned += state == LeaseState.DEFAULT || state == LeaseState.DECLINED ? 1 : 0;
            }
        }
        assertEquals(assigned, stats.get("assigned", 1, 1));
    }
}
