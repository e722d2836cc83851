package io.tui.dhcp.lease.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.alloc.Allocation;
import io.tui.dhcp.core.alloc.AllocationRequest;
import io.tui.dhcp.core.alloc.Client6;
import io.tui.dhcp.core.alloc.LeaseKey;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.alloc.LeaseService.LeaseCount;
import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.Lifetimes;
import io.tui.dhcp.core.alloc.PdPool;
import io.tui.dhcp.core.alloc.Pool;
import io.tui.dhcp.core.alloc.Pool6;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every DHCPv6 {@link LeaseService} does: run against memfile, PostgreSQL and MariaDB. */
public abstract class LeaseService6Contract {
    protected static final long NOW = 1_800_000_000L;
    protected static final Pool6 NA = new Pool6(1, 1, Ip6Address.parse("2001:db8:1::10"),
            Ip6Address.parse("2001:db8:1::1f"));
    protected static final PdPool PD = new PdPool(2, 1, Ip6Address.parse("2001:db8:8000::"), 54, 56);
    protected static final Pool6 SPARSE = Pool6.ofPrefix(3, 2, Ip6Address.parse("2001:db8:2::"), 64);
    protected static final List<Pool<Ip6Address>> POOLS = List.of(NA, PD, SPARSE);

    protected LeaseService<Lease6, Ip6Address, Client6> service;
    protected RecordingStats stats;

    protected abstract LeaseService<Lease6, Ip6Address, Client6> open(List<Pool<Ip6Address>> pools,
            LeaseStatsListener stats) throws Exception;

    @BeforeEach
    void openService() throws Exception {
        stats = new RecordingStats();
        service = open(POOLS, stats);
    }

    @AfterEach
    void closeService() {
        if (service != null) {
            service.close();
        }
    }

    protected static Bytes duid(int n) {
        return Bytes.of((byte) 0, (byte) 1, (byte) 0, (byte) 1, (byte) 0x5e, (byte) (n >> 8), (byte) n);
    }

    protected static Client6 na(int n) {
        return new Client6(duid(n), 0xffff_fff0L + (n & 7), LeaseType.NA, Bytes.EMPTY);
    }

    protected static Client6 pd(int n) {
        return new Client6(duid(n), 7, LeaseType.PD, Bytes.EMPTY);
    }

    protected Allocation<Lease6> real(Client6 c, Pool<Ip6Address> pool, long now) {
        return service.allocate(new AllocationRequest<>(c, List.of(pool), null, new Lifetimes(3600, 1800), "",
                false, now));
    }

    @Test
    void addressLeaseIsStoredAndFoundByIaAndDuid() {
        Allocation<Lease6> a = real(na(1), NA, NOW);
        assertEquals(Allocation.Status.NEW, a.status());
        Lease6 l = a.lease();
        assertTrue(NA.contains(l.address()));
        assertEquals(128, l.prefixLength());
        assertEquals(0xffff_fff1L, l.iaid());
        assertEquals(1800, l.preferredLifetime());
        assertEquals(l, service.get(l.address()));
        assertEquals(List.of(l), service.find(new LeaseKey.Ia6(duid(1), na(1).iaid(), LeaseType.NA, 1)));
        assertEquals(List.of(l), service.find(new LeaseKey.Duid6(duid(1), 1)));
        assertEquals(List.of(l), service.byClientId(duid(1)));
        assertEquals(1, stats.get("assigned", 1, 1));
        Allocation<Lease6> again = real(na(1), NA, NOW + 5);
        assertEquals(Allocation.Status.EXISTING, again.status());
        assertEquals(l.address(), again.lease().address());
    }

    @Test
    void prefixesAreDelegatedUntilThePoolIsFull() {
        Set<Ip6Address> got = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            Lease6 l = real(pd(i), PD, NOW).lease();
            assertEquals(LeaseType.PD, l.type());
            assertEquals(56, l.prefixLength());
            assertTrue(PD.contains(l.address()));
            assertTrue(got.add(l.address()));
        }
        assertEquals(Allocation.Status.EXHAUSTED, real(pd(9), PD, NOW).status());
        assertEquals(4, stats.get("assigned", 1, 2));
        List<LeaseCount> counts = service.countByState(1, 1);
        assertEquals(4, counts.stream().filter(c -> c.type() == 2 && c.state() == LeaseState.DEFAULT)
                .mapToLong(LeaseCount::count).sum());
        assertEquals(0, counts.stream().filter(c -> c.type() == 0).mapToLong(LeaseCount::count).sum());
    }

    @Test
    void sparsePoolsHandOutDistinctAddresses() {
        Set<Ip6Address> got = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Lease6 l = real(na(i), SPARSE, NOW).lease();
            assertTrue(SPARSE.contains(l.address()));
            assertTrue(got.add(l.address()));
        }
        assertEquals(20, service.bySubnet(2).size());
    }

    @Test
    void offerThenRequestRenewReleaseDecline() {
        Allocation<Lease6> offer = service.allocate(new AllocationRequest<>(na(1), List.of(NA), null,
                new Lifetimes(3600, 1800), "", true, NOW));
        assertTrue(offer.offer());
        assertNull(service.get(offer.lease().address()));
        Lease6 l = real(na(1), NA, NOW + 1).lease();
        assertEquals(offer.lease().address(), l.address());
        Allocation<Lease6> renewed = service.renew(new AllocationRequest<>(na(1), List.of(NA), null,
                new Lifetimes(7200, 3600), "", false, NOW + 100), l.address());
        assertEquals(Allocation.Status.EXISTING, renewed.status());
        assertEquals(NOW + 100 + 7200, service.get(l.address()).expire());
        // Another IA of the same DUID does not own it.
        Client6 otherIa = new Client6(duid(1), 1, LeaseType.NA, Bytes.EMPTY);
        assertEquals(Allocation.Status.NO_LEASE, service.release(otherIa, l.address(), false, NOW).status());
        Lease6 m = real(na(2), NA, NOW).lease();
        Allocation<Lease6> declined = service.decline(na(2), m.address(), 600, NOW + 10);
        assertEquals(LeaseState.DECLINED, declined.lease().state());
        Lease6 stored = service.get(m.address());
        assertEquals(LeaseState.DECLINED, stored.state());
        assertEquals(List.of(), service.find(new LeaseKey.Duid6(duid(2), 1)));
        assertEquals(1, stats.get("declined", 1, 1));
        assertEquals(Allocation.Status.EXISTING, service.release(na(1), l.address(), false, NOW + 200).status());
        assertNull(service.get(l.address()));
        assertEquals(1, service.count());
    }

    @Test
    void reclaimAndAffinity() {
        Lease6 l = real(na(3), NA, NOW).lease();
        List<Lease6> reclaimed = service.reclaim(NOW + 3601, 0, Duration.ZERO);
        assertEquals(1, reclaimed.size());
        assertEquals(LeaseState.EXPIRED_RECLAIMED, service.get(l.address()).state());
        Allocation<Lease6> back = real(na(3), NA, NOW + 4000);
        assertEquals(Allocation.Status.AFFINITY, back.status());
        assertEquals(l.address(), back.lease().address());
        assertEquals(LeaseState.DEFAULT, service.get(l.address()).state());
        assertEquals(List.of(), service.flushReclaimed(NOW + 20000, 0, 0));
        service.release(na(3), l.address(), true, NOW + 5000);
        assertEquals(1, service.flushReclaimed(NOW + 20000, 3600, 0).size());
        assertNull(service.get(l.address()));
    }

    @Test
    void pagesInAddressOrderAcrossPools() {
        real(na(1), SPARSE, NOW);
        real(na(2), NA, NOW);
        real(pd(3), PD, NOW);
        real(na(4), NA, NOW);
        List<Lease6> all = service.page(null, 10);
        assertEquals(4, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).address().compareTo(all.get(i).address()) < 0);
        }
        assertEquals(all.subList(2, 4), service.page(all.get(1).address(), 10));
        assertEquals(List.of(all.get(0)), service.page(null, 1));
    }

    @Test
    void sqlSignificantTextAndBytesRoundTrip() throws Exception {
        String hostname = "x'; DELETE FROM lease6; --\\ \"\u00e9\u4e2d\ud83d\ude03";
        String context = "{\"a\": \"'\\\\\\\"; --\", \"b\": [\"\u00fc\"]}";
        Bytes nastyDuid = Bytes.of((byte) 0x27, (byte) 0x00, (byte) 0x5c, (byte) 0x22, (byte) 0x3b, (byte) 0x2d);
        Lease6 l = new Lease6(Ip6Address.parse("2001:db8:1::12"), nastyDuid, 3600, NOW + 3600, 1, 1800,
                LeaseType.NA, 0xffff_ffffL, 128, true, true, hostname, Bytes.of((byte) 0x27, (byte) 0x5c),
                LeaseState.DEFAULT, context, 1, 4, 1);
        service.add(l).toCompletableFuture().join();
        assertEquals(l, service.get(l.address()));
        assertEquals(List.of(l), service.byHostname(hostname.toUpperCase()));
        assertEquals(List.of(l), service.byClientId(nastyDuid));
        assertEquals(List.of(l), service.byHwAddress(Bytes.of((byte) 0x27, (byte) 0x5c)));
        assertEquals(List.of(l), service.find(new LeaseKey.Ia6(nastyDuid, 0xffff_ffffL, LeaseType.NA, 1)));
        assertFalse(service.page(null, 10).isEmpty());
    }
}
