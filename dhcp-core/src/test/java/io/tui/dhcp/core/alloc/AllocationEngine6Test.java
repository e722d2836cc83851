package io.tui.dhcp.core.alloc;

import static io.tui.dhcp.core.alloc.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.alloc.Allocation.Status;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.lease.LeaseStore;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AllocationEngine6Test {
    static final Lifetimes LIFE = new Lifetimes(4000, 3000);

    static Client6 na(int i, long iaid) {
        return new Client6(duid(i), iaid, LeaseType.NA, Bytes.EMPTY);
    }

    static Client6 pd(int i) {
        return new Client6(duid(i), 7, LeaseType.PD, Bytes.EMPTY);
    }

    static Bytes duid(int i) {
        return Bytes.of((byte) 0, (byte) 3, (byte) 0, (byte) 1, (byte) (i >>> 24), (byte) (i >>> 16),
                (byte) (i >>> 8), (byte) i);
    }

    static AllocationRequest<Ip6Address, Client6> req(Client6 c, Pool<Ip6Address> pool, Ip6Address hint, long now) {
        return new AllocationRequest<>(c, List.of(pool), hint, LIFE, "", false, now);
    }

    static AllocationEngine<Lease6, Ip6Address, Client6> engine(AllocatorType type, Probe probe,
            List<? extends Pool<Ip6Address>> pools) {
        return AllocationEngine.v6(LeaseStore.inMemory(), pools, new AllocationEngine.Settings(type, 60, 1, probe),
                LeaseStatsListener.NONE);
    }

    @Test
    void poolGeometry() {
        Pool6 p = new Pool6(1, 1, Ip6Address.parse("2001:db8::10"), Ip6Address.parse("2001:db8::1f"));
        assertEquals(15, p.lastOffset());
        assertEquals(Ip6Address.parse("2001:db8::1a"), p.at(10));
        assertEquals(10, p.offsetOf(Ip6Address.parse("2001:db8::1a")));
        Pool6 slash64 = Pool6.ofPrefix(1, 1, Ip6Address.parse("2001:db8:0:1:ffff::"), 64);
        assertEquals(Ip6Address.parse("2001:db8:0:1::"), slash64.first());
        assertEquals(Ip6Address.parse("2001:db8:0:1:ffff:ffff:ffff:ffff"), slash64.last());
        assertEquals(-1L, slash64.lastOffset(), "2^64 slots");
        Pool6 slash120 = Pool6.ofPrefix(1, 1, Ip6Address.parse("2001:db8::"), 120);
        assertEquals(255, slash120.lastOffset());
        // carry across the 64-bit boundary
        Pool6 wide = new Pool6(1, 1, Ip6Address.parse("2001:db8:0:1:ffff:ffff:ffff:fff0"),
                Ip6Address.parse("2001:db8:0:2::f"));
        assertEquals(31, wide.lastOffset());
        assertEquals(Ip6Address.parse("2001:db8:0:2::"), wide.at(16));
        assertEquals(16, wide.offsetOf(Ip6Address.parse("2001:db8:0:2::")));

        PdPool pd = new PdPool(2, 1, Ip6Address.parse("2001:db8:100::"), 40, 56);
        assertEquals(65535, pd.lastOffset());
        assertEquals(Ip6Address.parse("2001:db8:100:100::"), pd.at(1));
        assertEquals(Ip6Address.parse("2001:db8:1ff:ff00::"), pd.at(65535));
        assertEquals(65535, pd.offsetOf(Ip6Address.parse("2001:db8:1ff:ff00::")));
        assertTrue(pd.contains(Ip6Address.parse("2001:db8:123:4500::")));
        assertFalse(pd.contains(Ip6Address.parse("2001:db8:123:4501::")), "not on a /56 boundary");
        assertFalse(pd.contains(Ip6Address.parse("2001:db8:200::")));
        assertThrows(IllegalArgumentException.class,
                () -> new PdPool(2, 1, Ip6Address.parse("2001:db8:100::1"), 40, 56));
        assertEquals(-1L, new PdPool(3, 1, Ip6Address.parse("2001:db8::"), 32, 96).lastOffset());
    }

    @ParameterizedTest
    @EnumSource(AllocatorType.class)
    void smallAddressPoolFillsAndExhausts(AllocatorType type) {
        Pool6 pool = Pool6.ofPrefix(1, 5, Ip6Address.parse("2001:db8:1::"), 120);
        var engine = engine(type, Probe.NONE, List.of(pool));
        Set<Ip6Address> given = new HashSet<>();
        for (int i = 0; i < 256; i++) {
            Allocation<Lease6> a = engine.allocate(req(na(i, 1), pool, null, NOW));
            assertEquals(Status.NEW, a.status());
            assertTrue(given.add(a.lease().address()));
            assertEquals(128, a.lease().prefixLength());
            assertEquals(3000, a.lease().preferredLifetime());
            assertEquals(NOW + 4000, a.lease().expire());
            assertEquals(LeaseType.NA, a.lease().type());
        }
        assertEquals(Status.EXHAUSTED, engine.allocate(req(na(999, 1), pool, null, NOW)).status());
    }

    @ParameterizedTest
    @EnumSource(AllocatorType.class)
    void prefixPoolDelegatesEveryPrefixOnce(AllocatorType type) {
        PdPool pool = new PdPool(4, 5, Ip6Address.parse("2001:db8:8800::"), 40, 48);
        var engine = engine(type, Probe.NONE, List.of(pool));
        Set<Ip6Address> given = new HashSet<>();
        for (int i = 0; i < 256; i++) {
            Lease6 l = engine.allocate(req(pd(i), pool, null, NOW)).lease();
            assertEquals(48, l.prefixLength());
            assertEquals(LeaseType.PD, l.type());
            assertTrue(pool.contains(l.address()));
            assertTrue(given.add(l.address()));
        }
        assertEquals(Status.EXHAUSTED, engine.allocate(req(pd(999), pool, null, NOW)).status());
    }

    @ParameterizedTest
    @EnumSource(value = AllocatorType.class, names = {"ITERATIVE", "RANDOM"})
    void hugePoolsNeedNoFreeStructureAndStayFlat(AllocatorType type) {
        Pool6 slash64 = Pool6.ofPrefix(1, 5, Ip6Address.parse("2001:db8:1::"), 64);
        PdPool slash32to64 = new PdPool(2, 5, Ip6Address.parse("2001:db9::"), 32, 64);
        Fixtures.Steps steps = new Fixtures.Steps();
        var engine = engine(type, steps, List.of(slash64, slash32to64));
        assertEquals(-1, engine.freeCount(slash64), "sparse");
        long worst = 0;
        for (int i = 0; i < 20_000; i++) {
            steps.count = 0;
            Lease6 l = engine.allocate(req(na(i, 1), slash64, null, NOW)).lease();
            assertTrue(slash64.contains(l.address()));
            Lease6 p = engine.allocate(req(pd(i), slash32to64, null, NOW)).lease();
            assertTrue(slash32to64.contains(p.address()));
            assertEquals(64, p.prefixLength());
            worst = Math.max(worst, steps.count);
        }
        assertEquals(40_000, engine.index().size());
        assertTrue(worst <= 4, "steps per allocation pair: " + worst);
    }

    @Test
    void flqOnAHugePoolFallsBackToRandomProbing() {
        Pool6 slash64 = Pool6.ofPrefix(1, 5, Ip6Address.parse("2001:db8:1::"), 64);
        var engine = engine(AllocatorType.FLQ, Probe.NONE, List.of(slash64));
        Set<Ip6Address> given = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(given.add(engine.allocate(req(na(i, 1), slash64, null, NOW)).lease().address()));
        }
    }

    /** Affinity is per DUID, IAID and type: another IA of the same client gets another address. */
    @Test
    void affinityFollowsDuidIaidAndType() {
        Pool6 pool = Pool6.ofPrefix(1, 5, Ip6Address.parse("2001:db8:1::"), 112);
        var engine = engine(AllocatorType.RANDOM, Probe.NONE, List.of(pool));
        Lease6 ia1 = engine.allocate(req(na(1, 1), pool, null, NOW)).lease();
        Lease6 ia2 = engine.allocate(req(na(1, 2), pool, null, NOW)).lease();
        assertNotEquals(ia1.address(), ia2.address());
        assertEquals(1, engine.index().find(new LeaseKey.Ia6(duid(1), 1, LeaseType.NA, 5)).size());
        assertEquals(2, engine.index().find(new LeaseKey.Duid6(duid(1), 5)).size());
        List<Lease6> reclaimed = engine.reclaim(NOW + 5000, 0, Duration.ZERO);
        assertEquals(2, reclaimed.size());
        Allocation<Lease6> back = engine.allocate(req(na(1, 2), pool, null, NOW + 6000));
        assertEquals(Status.AFFINITY, back.status());
        assertEquals(ia2.address(), back.lease().address());
        assertEquals(LeaseState.DEFAULT, back.lease().state());
    }

    @Test
    void hintsInPrefixPools() {
        PdPool pool = new PdPool(4, 5, Ip6Address.parse("2001:db8:8800::"), 40, 48);
        var engine = engine(AllocatorType.ITERATIVE, Probe.NONE, List.of(pool));
        Ip6Address hint = Ip6Address.parse("2001:db8:8842::");
        assertEquals(Status.HINT, engine.allocate(req(pd(1), pool, hint, NOW)).status());
        Allocation<Lease6> taken = engine.allocate(req(pd(2), pool, hint, NOW));
        assertEquals(Status.NEW, taken.status());
        assertNotEquals(hint, taken.lease().address());
        Allocation<Lease6> misaligned = engine.allocate(req(pd(3), pool, Ip6Address.parse("2001:db8:8842::1"), NOW));
        assertEquals(Status.NEW, misaligned.status());
    }
}
