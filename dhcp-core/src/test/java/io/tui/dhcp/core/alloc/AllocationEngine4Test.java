package io.tui.dhcp.core.alloc;

import static io.tui.dhcp.core.alloc.Fixtures.NOW;
import static io.tui.dhcp.core.alloc.Fixtures.client;
import static io.tui.dhcp.core.alloc.Fixtures.ip;
import static io.tui.dhcp.core.alloc.Fixtures.lease;
import static io.tui.dhcp.core.alloc.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.alloc.Allocation.Status;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.lease.LeaseStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AllocationEngine4Test {
    static final Pool4 SMALL = new Pool4(1, 10, ip(192, 0, 2, 10), ip(192, 0, 2, 19));
    static final Pool4 BIG = new Pool4(2, 20, ip(10, 1, 0, 0), ip(10, 1, 255, 255));

    static AllocationEngine<Lease4, Integer, Client4> engine(AllocatorType type, LeaseStore<Lease4> store,
            LeaseStatsListener stats, Probe probe, Pool4... pools) {
        return AllocationEngine.v4(store, List.of(pools), new AllocationEngine.Settings(type, 60, 7, probe), stats);
    }

    static AllocationEngine<Lease4, Integer, Client4> engine(AllocatorType type, Pool4... pools) {
        return engine(type, LeaseStore.inMemory(), LeaseStatsListener.NONE, Probe.NONE, pools);
    }

    static Fixtures.RecordingStore<Lease4> recording(List<Lease4> initial) {
        return new Fixtures.RecordingStore<>(Lease4::address, initial);
    }

    @ParameterizedTest
    @EnumSource(AllocatorType.class)
    void smallPoolHandsOutEveryAddressOnceThenReportsExhaustion(AllocatorType type) {
        var engine = engine(type, SMALL);
        Set<Integer> given = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Allocation<Lease4> a = engine.allocate(request(client(i), List.of(SMALL), null, false, NOW));
            assertEquals(Status.NEW, a.status());
            assertTrue(SMALL.contains(a.lease().address()));
            assertTrue(given.add(a.lease().address()), "address given twice");
            assertEquals(LeaseState.DEFAULT, a.lease().state());
            assertEquals(NOW + 3600, a.lease().expire());
            assertEquals(10, a.lease().subnetId());
            assertEquals(1, a.lease().poolId());
        }
        assertEquals(Status.EXHAUSTED, engine.allocate(request(client(99), List.of(SMALL), null, false, NOW)).status());
        assertEquals(10, engine.index().size());
        assertEquals(0, engine.freeCount(SMALL));
    }

    @ParameterizedTest
    @EnumSource(AllocatorType.class)
    void slash16PoolFillsCompletely(AllocatorType type) {
        var engine = engine(type, BIG);
        Set<Integer> given = new HashSet<>();
        for (int i = 0; i < 65536; i++) {
            Allocation<Lease4> a = engine.allocate(request(client(i), List.of(BIG), null, false, NOW));
            assertEquals(Status.NEW, a.status(), "allocation " + i);
            assertTrue(given.add(a.lease().address()));
        }
        assertEquals(Status.EXHAUSTED, engine.allocate(request(client(-1), List.of(BIG), null, false, NOW)).status());
    }

    @Test
    void iterativeWalksThePoolInOrder() {
        var engine = engine(AllocatorType.ITERATIVE, SMALL);
        for (int i = 0; i < 10; i++) {
            assertEquals(ip(192, 0, 2, 10 + i),
                    engine.allocate(request(client(i), List.of(SMALL), null, false, NOW)).lease().address());
        }
    }

    /**
     * Flatness: the steps the allocator takes (bitmap words read, queue entries polled) for the last free address of
     * a /16 are within a small constant of those for the first. A linear scan would take ~1000 words.
     */
    @ParameterizedTest
    @EnumSource(AllocatorType.class)
    void costOfLastFreeAddressIsFlat(AllocatorType type) {
        Fixtures.Steps steps = new Fixtures.Steps();
        var engine = engine(type, LeaseStore.inMemory(), LeaseStatsListener.NONE, steps, BIG);
        steps.count = 0;
        engine.allocate(request(client(0), List.of(BIG), null, false, NOW));
        long first = steps.count;
        long worst = 0;
        for (int i = 1; i < 65535; i++) {
            steps.count = 0;
            engine.allocate(request(client(i), List.of(BIG), null, false, NOW));
            worst = Math.max(worst, steps.count);
        }
        steps.count = 0;
        Allocation<Lease4> last = engine.allocate(request(client(65535), List.of(BIG), null, false, NOW));
        assertEquals(Status.NEW, last.status());
        long lastSteps = steps.count;
        assertTrue(first <= 8, type + " first took " + first);
        assertTrue(lastSteps <= 16, type + " last took " + lastSteps + " (first " + first + ")");
        assertTrue(worst <= 32, type + " worst took " + worst);
    }

    /** Flatness from a loaded 99%-full pool with the used addresses scattered at random. */
    @ParameterizedTest
    @EnumSource(AllocatorType.class)
    void costIsFlatFromAScatteredNearlyFullPool(AllocatorType type) {
        List<Lease4> loaded = new ArrayList<>();
        java.util.Random random = new java.util.Random(1);
        Set<Integer> freeLeft = new HashSet<>();
        for (int i = 0; i < 65536; i++) {
            if (random.nextInt(100) == 0) {
                freeLeft.add(BIG.first() + i);
            } else {
                loaded.add(lease(BIG.first() + i, 1_000_000 + i, NOW + 3600, LeaseState.DEFAULT, 20));
            }
        }
        Fixtures.Steps steps = new Fixtures.Steps();
        var engine = engine(type, LeaseStore.inMemory(loaded), LeaseStatsListener.NONE, steps, BIG);
        assertEquals(freeLeft.size(), engine.freeCount(BIG));
        long worst = 0;
        for (int i = 0; i < freeLeft.size(); i++) {
            steps.count = 0;
            Allocation<Lease4> a = engine.allocate(request(client(i), List.of(BIG), null, false, NOW));
            worst = Math.max(worst, steps.count);
            assertTrue(freeLeft.contains(a.lease().address()), "gave a used address");
        }
        assertTrue(worst <= 32, type + " worst took " + worst);
        assertEquals(Status.EXHAUSTED, engine.allocate(request(client(-5), List.of(BIG), null, false, NOW)).status());
    }

    @Test
    void poolsAreTriedInTheRequestedOrder() {
        Pool4 a = new Pool4(1, 1, ip(192, 0, 2, 1), ip(192, 0, 2, 2));
        Pool4 b = new Pool4(2, 2, ip(198, 51, 100, 1), ip(198, 51, 100, 5));
        var engine = engine(AllocatorType.ITERATIVE, a, b);
        List<Pool4> order = List.of(b, a);
        for (int i = 0; i < 5; i++) {
            assertTrue(b.contains(engine.allocate(request(client(i), order, null, false, NOW)).lease().address()));
        }
        Lease4 sixth = engine.allocate(request(client(5), order, null, false, NOW)).lease();
        assertTrue(a.contains(sixth.address()));
        assertEquals(1, sixth.subnetId());
    }

    @ParameterizedTest
    @EnumSource(AllocatorType.class)
    void returningClientGetsItsLeaseBack(AllocatorType type) {
        var engine = engine(type, SMALL);
        Lease4 first = engine.allocate(request(client(1), List.of(SMALL), null, false, NOW)).lease();
        Allocation<Lease4> again = engine.allocate(request(client(1), List.of(SMALL), null, false, NOW + 100));
        assertEquals(Status.EXISTING, again.status());
        assertEquals(first.address(), again.lease().address());
        assertEquals(NOW + 100 + 3600, again.lease().expire(), "renewed with the new lifetime");
    }

    /** Affinity: a reclaimed lease is not given to others while free addresses remain, and its client gets it. */
    @ParameterizedTest
    @EnumSource(AllocatorType.class)
    void reclaimedLeaseReturnsToItsClient(AllocatorType type) {
        var engine = engine(type, SMALL);
        Lease4 mine = engine.allocate(request(client(1), List.of(SMALL), null, false, NOW)).lease();
        long later = NOW + 4000;
        List<Lease4> reclaimed = engine.reclaim(later, 0, Duration.ZERO);
        assertEquals(1, reclaimed.size());
        assertEquals(LeaseState.EXPIRED_RECLAIMED, engine.index().get(mine.address()).state());
        for (int i = 2; i < 11; i++) {
            Allocation<Lease4> other = engine.allocate(request(client(i), List.of(SMALL), null, false, later));
            assertEquals(Status.NEW, other.status());
            assertNotEquals(mine.address(), other.lease().address());
        }
        Allocation<Lease4> back = engine.allocate(request(client(1), List.of(SMALL), null, false, later));
        assertEquals(Status.AFFINITY, back.status());
        assertEquals(mine.address(), back.lease().address());
        assertEquals(LeaseState.DEFAULT, back.lease().state());
    }

    /** Affinity by client identifier: a lease with a client-id belongs to that client-id, whatever the chaddr. */
    @Test
    void clientIdDecidesOwnership() {
        var engine = engine(AllocatorType.ITERATIVE, SMALL);
        Bytes cid = Bytes.of((byte) 1, (byte) 2, (byte) 3);
        Lease4 mine = engine.allocate(new AllocationRequest<>(new Client4(Fixtures.mac(1), cid), List.of(SMALL), null,
                Fixtures.HOUR, "", false, NOW)).lease();
        Allocation<Lease4> newNic = engine.allocate(new AllocationRequest<>(new Client4(Fixtures.mac(2), cid),
                List.of(SMALL), null, Fixtures.HOUR, "", false, NOW));
        assertEquals(Status.EXISTING, newNic.status());
        assertEquals(mine.address(), newNic.lease().address());
        Allocation<Lease4> sameNicOtherId = engine.allocate(new AllocationRequest<>(
                new Client4(Fixtures.mac(2), Bytes.of((byte) 9)), List.of(SMALL), null, Fixtures.HOUR, "", false,
                NOW));
        assertNotEquals(mine.address(), sameNicOtherId.lease().address());
        assertEquals(1, engine.index().find(new LeaseKey.ClientId4(cid, 10)).size());
    }

    /** Full pool: the oldest expired lease of another client is taken over, in expiry order. */
    @Test
    void exhaustedPoolReusesOldestExpiredLeaseOfAnotherClient() {
        List<Lease4> loaded = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // expiry NOW-100+i for the first three (expired), the rest still valid
            long expire = i < 3 ? NOW - 100 + (10 - i) : NOW + 3600;
            LeaseState state = i == 0 ? LeaseState.EXPIRED_RECLAIMED : LeaseState.DEFAULT;
            loaded.add(lease(SMALL.first() + i, 500 + i, expire, state, 10));
        }
        var store = recording(loaded);
        var engine = engine(AllocatorType.RANDOM, store, LeaseStatsListener.NONE, Probe.NONE, SMALL);
        assertEquals(0, engine.freeCount(SMALL));
        // the oldest is index 2 (NOW-92), then 1 (NOW-91), then 0 (NOW-90, reclaimed)
        int[] expected = {SMALL.first() + 2, SMALL.first() + 1, SMALL.first()};
        for (int i = 0; i < 3; i++) {
            Allocation<Lease4> a = engine.allocate(request(client(i), List.of(SMALL), null, false, NOW));
            assertEquals(Status.REUSED, a.status());
            assertEquals(expected[i], a.lease().address());
            assertEquals(Fixtures.mac(i), store.rows.get(expected[i]).hwAddress(), "written through");
        }
        assertEquals(Status.EXHAUSTED, engine.allocate(request(client(50), List.of(SMALL), null, false, NOW)).status());
        // the first owner of a taken-over address no longer finds it
        assertTrue(engine.index().find(new LeaseKey.Hw4(Fixtures.mac(502), 10)).isEmpty());
    }

    @Test
    void hintInPoolFreeIsGranted() {
        var engine = engine(AllocatorType.RANDOM, SMALL);
        int hint = ip(192, 0, 2, 15);
        Allocation<Lease4> a = engine.allocate(request(client(1), List.of(SMALL), hint, false, NOW));
        assertEquals(Status.HINT, a.status());
        assertEquals(hint, a.lease().address());
    }

    @Test
    void hintOutsideThePoolsIsIgnored() {
        var engine = engine(AllocatorType.ITERATIVE, SMALL);
        Allocation<Lease4> a = engine.allocate(request(client(1), List.of(SMALL), ip(192, 0, 2, 200), false, NOW));
        assertEquals(Status.NEW, a.status());
        assertEquals(SMALL.first(), a.lease().address());
    }

    @Test
    void hintTakenByAnotherClientGivesAnotherAddress() {
        var engine = engine(AllocatorType.FLQ, SMALL);
        int hint = ip(192, 0, 2, 12);
        assertEquals(hint, engine.allocate(request(client(1), List.of(SMALL), hint, false, NOW)).lease().address());
        Allocation<Lease4> b = engine.allocate(request(client(2), List.of(SMALL), hint, false, NOW));
        assertEquals(Status.NEW, b.status());
        assertNotEquals(hint, b.lease().address());
        // FLQ skips the queue entry of the hinted address: the pool still fills exactly
        Set<Integer> all = new HashSet<>(List.of(hint, b.lease().address()));
        for (int i = 3; i < 11; i++) {
            assertTrue(all.add(engine.allocate(request(client(i), List.of(SMALL), null, false, NOW)).lease().address()));
        }
        assertEquals(Status.EXHAUSTED, engine.allocate(request(client(11), List.of(SMALL), null, false, NOW)).status());
    }

    /** DISCOVER makes an offer: held for others, not written; the REQUEST of the same client gets it and writes. */
    @Test
    void offerHoldsTheAddressWithoutWriting() {
        var store = recording(List.of());
        var engine = engine(AllocatorType.ITERATIVE, store, LeaseStatsListener.NONE, Probe.NONE, SMALL);
        Allocation<Lease4> offer = engine.allocate(request(client(1), List.of(SMALL), null, true, NOW));
        assertTrue(offer.offer());
        assertEquals(0, store.adds.sum() + store.updates.sum());
        assertNull(engine.index().get(offer.lease().address()), "offers are not leases");
        Allocation<Lease4> other = engine.allocate(request(client(2), List.of(SMALL), null, true, NOW));
        assertNotEquals(offer.lease().address(), other.lease().address());
        Allocation<Lease4> ack = engine.allocate(request(client(1), List.of(SMALL), null, false, NOW + 1));
        assertEquals(offer.lease().address(), ack.lease().address());
        assertFalse(ack.offer());
        assertEquals(1, store.adds.sum());
        assertEquals(ack.lease(), engine.index().get(ack.lease().address()));
    }

    @Test
    void lapsedOfferIsDroppedByReclaim() {
        var engine = engine(AllocatorType.ITERATIVE, SMALL);
        Allocation<Lease4> offer = engine.allocate(request(client(1), List.of(SMALL), null, true, NOW));
        assertEquals(9, engine.freeCount(SMALL));
        assertTrue(engine.reclaim(NOW + 61, 0, Duration.ZERO).isEmpty(), "offers are not reported");
        assertEquals(10, engine.freeCount(SMALL));
        assertEquals(offer.lease().address(),
                engine.allocate(request(client(2), List.of(SMALL), offer.lease().address(), false, NOW + 61))
                        .lease().address());
    }

    @Test
    void releaseWithoutAffinityFreesTheAddress() {
        var store = recording(List.of());
        var engine = engine(AllocatorType.FLQ, store, LeaseStatsListener.NONE, Probe.NONE, SMALL);
        Lease4 l = engine.allocate(request(client(1), List.of(SMALL), null, false, NOW)).lease();
        assertEquals(Status.NO_LEASE, engine.release(client(2), l.address(), false, NOW).status(), "not yours");
        assertEquals(Status.EXISTING, engine.release(client(1), l.address(), false, NOW).status());
        assertNull(engine.index().get(l.address()));
        assertEquals(1, store.deletes.sum());
        assertTrue(store.rows.isEmpty());
        assertEquals(10, engine.freeCount(SMALL));
    }

    @Test
    void releaseWithAffinityKeepsTheLeaseForItsClient() {
        var engine = engine(AllocatorType.ITERATIVE, SMALL);
        Lease4 l = engine.allocate(request(client(1), List.of(SMALL), null, false, NOW)).lease();
        Lease4 released = engine.release(client(1), l.address(), true, NOW + 10).lease();
        assertEquals(LeaseState.EXPIRED_RECLAIMED, released.state());
        assertEquals(NOW + 10, released.expire());
        assertEquals(List.of(released), engine.index().byState(LeaseState.EXPIRED_RECLAIMED));
        assertNotEquals(l.address(),
                engine.allocate(request(client(2), List.of(SMALL), null, false, NOW + 20)).lease().address());
        Allocation<Lease4> back = engine.allocate(request(client(1), List.of(SMALL), null, false, NOW + 30));
        assertEquals(Status.AFFINITY, back.status());
        assertEquals(l.address(), back.lease().address());
    }

    @Test
    void declineHoldsTheAddressForProbationThenFreesIt() {
        Fixtures.Counters stats = new Fixtures.Counters();
        var engine = engine(AllocatorType.ITERATIVE, LeaseStore.inMemory(), stats, Probe.NONE, SMALL);
        Lease4 l = engine.allocate(request(client(1), List.of(SMALL), null, false, NOW)).lease();
        Lease4 declined = engine.decline(client(1), l.address(), 86400, NOW + 5).lease();
        assertEquals(LeaseState.DECLINED, declined.state());
        assertTrue(declined.hwAddress().isEmpty());
        assertEquals(NOW + 5 + 86400, declined.expire());
        assertEquals(1, stats.get("declined", 10, 1));
        assertEquals(1, stats.get("assigned", 10, 1), "declined addresses count as assigned, as in Kea");
        // the client does not get the declined address back
        assertNotEquals(l.address(),
                engine.allocate(request(client(1), List.of(SMALL), null, false, NOW + 6)).lease().address());
        assertTrue(engine.reclaim(NOW + 1000, 0, Duration.ZERO).isEmpty(), "still on probation");
        List<Lease4> reclaimed = engine.reclaim(NOW + 86406, 0, Duration.ZERO);
        assertTrue(reclaimed.contains(declined));
        assertNull(engine.index().get(l.address()));
        assertEquals(0, stats.get("declined", 10, 1));
        assertEquals(1, stats.get("reclaimed-declined", 10, 1));
    }

    @Test
    void reclaimTakesOldestFirstWithinLimits() {
        List<Lease4> loaded = new ArrayList<>();
        long[] expires = {NOW - 5, NOW - 50, NOW + 100, NOW - 20, NOW - 1};
        for (int i = 0; i < expires.length; i++) {
            loaded.add(lease(SMALL.first() + i, i, expires[i], LeaseState.DEFAULT, 10));
        }
        Fixtures.Counters stats = new Fixtures.Counters();
        var store = recording(loaded);
        var engine = engine(AllocatorType.ITERATIVE, store, stats, Probe.NONE, SMALL);
        assertEquals(5, stats.get("assigned", 10, 1));
        assertEquals(0, stats.get("cumulative", 10, 1), "loaded leases are not new assignments");
        assertEquals(List.of(expires[1], expires[3], expires[0], expires[4]),
                engine.index().expired(NOW, 10).stream().map(Lease4::expire).toList());
        List<Lease4> first = engine.reclaim(NOW, 2, Duration.ZERO);
        assertEquals(List.of(SMALL.first() + 1, SMALL.first() + 3), first.stream().map(Lease4::address).toList());
        List<Lease4> rest = engine.reclaim(NOW, 0, Duration.ZERO);
        assertEquals(List.of(SMALL.first(), SMALL.first() + 4), rest.stream().map(Lease4::address).toList());
        assertTrue(engine.reclaim(NOW, 0, Duration.ZERO).isEmpty());
        assertEquals(1, stats.get("assigned", 10, 1));
        assertEquals(4, stats.get("reclaimed", 10, 1));
        assertEquals(LeaseState.EXPIRED_RECLAIMED, store.rows.get(SMALL.first() + 3).state(), "written through");
        // flush: reclaimed leases older than the hold time are deleted and their addresses freed
        assertEquals(5, engine.freeCount(SMALL));
        List<Lease4> flushed = engine.flushReclaimed(NOW + 3600, 3610, 0);
        assertEquals(2, flushed.size(), "expired at NOW-50 and NOW-20");
        assertEquals(7, engine.freeCount(SMALL));
    }

    @Test
    void indexLookups() {
        var engine = engine(AllocatorType.ITERATIVE, SMALL, BIG);
        for (int i = 0; i < 5; i++) {
            engine.allocate(new AllocationRequest<>(client(i), List.of(SMALL), null, Fixtures.HOUR,
                    i % 2 == 0 ? "Even" : "odd", false, NOW));
        }
        Lease4 big = engine.allocate(request(client(0), List.of(BIG), null, false, NOW)).lease();
        assertEquals(List.of(big), engine.index().find(new LeaseKey.Hw4(Fixtures.mac(0), 20)));
        assertEquals(1, engine.index().find(new LeaseKey.Hw4(Fixtures.mac(0), 10)).size());
        assertEquals(3, engine.index().byHostname("even").size());
        assertEquals(6, engine.index().byState(LeaseState.DEFAULT).size());
        // paging in unsigned address order: 10.1.0.0 sorts before 192.0.2.x
        List<Lease4> page1 = engine.index().page(null, 4);
        assertEquals(List.of(big.address(), SMALL.first(), SMALL.first() + 1, SMALL.first() + 2),
                page1.stream().map(Lease4::address).toList());
        List<Lease4> page2 = engine.index().page(page1.get(3).address(), 4);
        assertEquals(List.of(SMALL.first() + 3, SMALL.first() + 4), page2.stream().map(Lease4::address).toList());
    }

    @Test
    void statisticsFollowTheLeases() {
        Fixtures.Counters stats = new Fixtures.Counters();
        var engine = engine(AllocatorType.RANDOM, LeaseStore.inMemory(), stats, Probe.NONE, SMALL);
        for (int i = 0; i < 4; i++) {
            engine.allocate(request(client(i), List.of(SMALL), null, false, NOW));
        }
        engine.allocate(request(client(0), List.of(SMALL), null, false, NOW + 10)); // renewal
        engine.allocate(request(client(9), List.of(SMALL), null, true, NOW)); // offer
        assertEquals(4, stats.get("assigned", 10, 1));
        assertEquals(4, stats.get("cumulative", 10, 1));
        engine.reclaim(NOW + 3605, 0, Duration.ZERO);
        assertEquals(1, stats.get("assigned", 10, 1));
        assertEquals(3, stats.get("reclaimed", 10, 1));
        engine.allocate(request(client(1), List.of(SMALL), null, false, NOW + 3700));
        assertEquals(5, stats.get("cumulative", 10, 1), "affinity re-assignment counts");
    }
}
