package io.tui.dhcp.lease.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.alloc.Allocation;
import io.tui.dhcp.core.alloc.AllocationRequest;
import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.LeaseConflictException;
import io.tui.dhcp.core.alloc.LeaseKey;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.alloc.LeaseService.LeaseCount;
import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.Lifetimes;
import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.lease.AddressText;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.wire.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every DHCPv4 {@link LeaseService} does, whatever keeps the leases: run against the in-memory engine
 * (memfile), PostgreSQL and MariaDB by subclasses that say how to open an empty service.
 */
public abstract class LeaseService4Contract {
    protected static final long NOW = 1_800_000_000L;
    protected static final Pool4 P1 = new Pool4(1, 1, ip("192.0.2.10"), ip("192.0.2.19"));
    protected static final Pool4 P2 = new Pool4(2, 2, ip("198.51.100.1"), ip("198.51.100.4"));
    protected static final Pool4 P3 = new Pool4(3, 3, ip("10.0.0.1"), ip("10.0.0.4"));
    protected static final List<Pool4> POOLS = List.of(P1, P2, P3);

    protected LeaseService<Lease4, Integer, Client4> service;
    protected RecordingStats stats;

    /** An empty service over {@code pools} reporting to {@code stats}. */
    protected abstract LeaseService<Lease4, Integer, Client4> open(List<Pool4> pools, LeaseStatsListener stats)
            throws Exception;

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

    protected static int ip(String text) {
        try {
            return AddressText.parseV4(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    protected static Client4 client(int n) {
        return new Client4(Bytes.of((byte) 0x02, (byte) 0, (byte) 0, (byte) (n >> 16), (byte) (n >> 8), (byte) n),
                Bytes.EMPTY);
    }

    protected static AllocationRequest<Integer, Client4> request(Client4 c, List<Pool4> pools, Integer hint,
            boolean fake, long now) {
        return new AllocationRequest<>(c, pools, hint, Lifetimes.of(3600), "", fake, now);
    }

    protected Allocation<Lease4> real(Client4 c, Pool4 pool) {
        return service.allocate(request(c, List.of(pool), null, false, NOW));
    }

    private static boolean in(Pool4 pool, Lease4 lease) {
        return pool.contains(lease.address());
    }

    // ---- allocation --------------------------------------------------------------------------------------------

    @Test
    void realAllocationIsStoredAndFound() {
        Allocation<Lease4> a = real(client(1), P1);
        assertEquals(Allocation.Status.NEW, a.status());
        assertTrue(a.granted());
        assertFalse(a.offer());
        Lease4 lease = a.lease();
        assertTrue(in(P1, lease));
        assertEquals(NOW + 3600, lease.expire());
        assertEquals(LeaseState.DEFAULT, lease.state());
        a.durable().toCompletableFuture().join();
        assertEquals(lease, service.get(lease.address()));
        assertEquals(List.of(lease), service.find(new LeaseKey.Hw4(client(1).hwAddress(), 1)));
        assertEquals(1, service.count());
        assertEquals(1, stats.get("assigned", 1, 1));
        assertEquals(1, stats.get("cumulative", 1, 1));
    }

    @Test
    void sameClientGetsItsLeaseBack() {
        Lease4 first = real(client(1), P1).lease();
        Allocation<Lease4> again = service.allocate(request(client(1), List.of(P1), null, false, NOW + 10));
        assertEquals(Allocation.Status.EXISTING, again.status());
        assertEquals(first.address(), again.lease().address());
        assertEquals(NOW + 10 + 3600, service.get(first.address()).expire());
        assertEquals(1, service.count());
        assertEquals(1, stats.get("assigned", 1, 1));
        assertEquals(1, stats.get("cumulative", 1, 1));
    }

    @Test
    void clientIdentifierDecidesOwnership() {
        Client4 withId = new Client4(client(1).hwAddress(), Bytes.of((byte) 1, (byte) 7));
        Lease4 lease = service.allocate(request(withId, List.of(P1), null, false, NOW)).lease();
        assertEquals(withId.clientId(), lease.clientId());
        // Same hardware address, other client id: another client.
        Client4 other = new Client4(client(1).hwAddress(), Bytes.of((byte) 1, (byte) 8));
        Lease4 second = service.allocate(request(other, List.of(P1), null, false, NOW)).lease();
        assertNotEquals(lease.address(), second.address());
        assertEquals(List.of(lease), service.find(new LeaseKey.ClientId4(withId.clientId(), 1)));
        assertEquals(List.of(lease), service.byClientId(withId.clientId()));
    }

    @Test
    void offerWritesNothingAndRequestTakesIt() {
        Allocation<Lease4> offer = service.allocate(request(client(1), List.of(P1), null, true, NOW));
        assertTrue(offer.offer());
        assertTrue(offer.granted());
        assertNull(service.get(offer.lease().address()));
        assertEquals(0, service.count());
        assertEquals(0, stats.get("assigned", 1, 1));
        Allocation<Lease4> ack = service.allocate(request(client(1), List.of(P1), null, false, NOW + 1));
        assertFalse(ack.offer());
        assertEquals(offer.lease().address(), ack.lease().address());
        assertEquals(1, service.count());
        assertEquals(1, stats.get("assigned", 1, 1));
    }

    @Test
    void offeredAddressIsNotOfferedToAnother() {
        Set<Integer> offered = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Allocation<Lease4> o = service.allocate(request(client(i), List.of(P1), null, true, NOW));
            assertTrue(o.granted(), "offer " + i);
            assertTrue(offered.add(o.lease().address()), "address offered twice");
        }
        assertEquals(Allocation.Status.EXHAUSTED,
                service.allocate(request(client(99), List.of(P1), null, true, NOW)).status());
        // Offers lapse after the offer lifetime (60 s).
        assertTrue(service.allocate(request(client(99), List.of(P1), null, true, NOW + 3600)).granted());
    }

    @Test
    void hintIsHonouredWhenFreeAndInAPool() {
        int hint = ip("192.0.2.17");
        Allocation<Lease4> a = service.allocate(request(client(1), List.of(P1), hint, false, NOW));
        assertEquals(Allocation.Status.HINT, a.status());
        assertEquals(hint, a.lease().address());
        Allocation<Lease4> taken = service.allocate(request(client(2), List.of(P1), hint, false, NOW));
        assertNotEquals(hint, taken.lease().address());
        assertEquals(Allocation.Status.NEW, taken.status());
        Allocation<Lease4> outside = service.allocate(request(client(3), List.of(P1), ip("192.0.2.200"), false, NOW));
        assertTrue(in(P1, outside.lease()));
    }

    @Test
    void poolsAreTriedInOrderAndExhaust() {
        Set<Integer> got = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            Allocation<Lease4> a = real(client(i), P2);
            assertEquals(Allocation.Status.NEW, a.status());
            assertTrue(got.add(a.lease().address()));
        }
        assertEquals(Allocation.Status.EXHAUSTED, real(client(9), P2).status());
        Allocation<Lease4> next = service.allocate(request(client(9), List.of(P2, P3), null, false, NOW));
        assertTrue(in(P3, next.lease()));
        assertEquals(5, service.count());
    }

    @Test
    void expiredLeaseOfAnotherIsReusedWhenThePoolIsFull() {
        for (int i = 0; i < 4; i++) {
            real(client(i), P2);
        }
        long later = NOW + 3600 + 5;
        Allocation<Lease4> a = service.allocate(request(client(50), List.of(P2), null, false, later));
        assertEquals(Allocation.Status.REUSED, a.status());
        assertEquals(client(50).hwAddress(), service.get(a.lease().address()).hwAddress());
        assertEquals(4, service.count());
        assertEquals(4, stats.get("assigned", 2, 2));
        assertEquals(5, stats.get("cumulative", 2, 2));
    }

    @Test
    void reclaimedLeaseReturnsToItsClient() {
        Lease4 lease = real(client(1), P1).lease();
        List<Lease4> reclaimed = service.reclaim(NOW + 4000, 0, Duration.ZERO);
        assertEquals(1, reclaimed.size());
        assertEquals(LeaseState.EXPIRED_RECLAIMED, reclaimed.get(0).state());
        assertEquals(LeaseState.EXPIRED_RECLAIMED, service.get(lease.address()).state());
        assertEquals(0, stats.get("assigned", 1, 1));
        assertEquals(1, stats.get("reclaimed", 1, 1));
        Allocation<Lease4> back = service.allocate(request(client(1), List.of(P1), null, false, NOW + 5000));
        assertEquals(Allocation.Status.AFFINITY, back.status());
        assertEquals(lease.address(), back.lease().address());
        assertEquals(LeaseState.DEFAULT, service.get(lease.address()).state());
        assertEquals(1, stats.get("assigned", 1, 1));
    }

    @Test
    void fakeAffinityOffersTheOldAddressWithoutWriting() {
        Lease4 lease = real(client(1), P1).lease();
        service.reclaim(NOW + 4000, 0, Duration.ZERO);
        Allocation<Lease4> offer = service.allocate(request(client(1), List.of(P1), null, true, NOW + 5000));
        assertEquals(Allocation.Status.AFFINITY, offer.status());
        assertTrue(offer.offer());
        assertEquals(lease.address(), offer.lease().address());
        assertEquals(LeaseState.EXPIRED_RECLAIMED, service.get(lease.address()).state());
    }

    @Test
    void requestForAnAddressGrantsExactlyItOrNothing() {
        Client4 c = client(1);
        int want = ip("192.0.2.14");
        Allocation<Lease4> a = service.request(request(c, List.of(P1), null, false, NOW), want);
        assertEquals(Allocation.Status.HINT, a.status());
        assertEquals(want, a.lease().address());
        assertEquals(want, service.get(want).address());
        // Another client's active lease: nothing.
        assertEquals(Allocation.Status.NO_LEASE,
                service.request(request(client(2), List.of(P1), null, false, NOW), want).status());
        // Outside the request's pools: nothing.
        assertEquals(Allocation.Status.NO_LEASE,
                service.request(request(c, List.of(P1), null, false, NOW), ip("198.51.100.1")).status());
        // The client's own lease: renewed.
        Allocation<Lease4> again = service.request(request(c, List.of(P1), null, false, NOW + 50), want);
        assertEquals(Allocation.Status.EXISTING, again.status());
        assertEquals(NOW + 50 + 3600, service.get(want).expire());
        // The client moves to another address: its old lease goes.
        int moved = ip("192.0.2.15");
        assertEquals(Allocation.Status.HINT,
                service.request(request(c, List.of(P1), null, false, NOW + 60), moved).status());
        assertNull(service.get(want));
        assertEquals(1, service.count());
        assertEquals(1, stats.get("assigned", 1, 1));
        // Another client's expired lease: reused.
        Allocation<Lease4> reused = service.request(request(client(3), List.of(P1), null, false, NOW + 60 + 3601),
                moved);
        assertEquals(Allocation.Status.REUSED, reused.status());
        assertEquals(client(3).hwAddress(), service.get(moved).hwAddress());
    }

    @Test
    void requestAfterAnOfferTakesTheOffer() {
        Allocation<Lease4> offer = service.allocate(request(client(1), List.of(P1), null, true, NOW));
        int offered = offer.lease().address();
        assertEquals(Allocation.Status.NO_LEASE,
                service.request(request(client(2), List.of(P1), null, false, NOW), offered).status());
        Allocation<Lease4> ack = service.request(request(client(1), List.of(P1), null, false, NOW + 1), offered);
        assertEquals(Allocation.Status.EXISTING, ack.status());
        assertFalse(ack.offer());
        assertEquals(client(1).hwAddress(), service.get(offered).hwAddress());
    }

    // ---- life cycle --------------------------------------------------------------------------------------------

    @Test
    void renewExtendsOnlyTheOwnersLease() {
        Lease4 lease = real(client(1), P1).lease();
        Allocation<Lease4> r = service.renew(request(client(1), List.of(P1), null, false, NOW + 100),
                lease.address());
        assertEquals(Allocation.Status.EXISTING, r.status());
        assertEquals(NOW + 100 + 3600, service.get(lease.address()).expire());
        assertEquals(Allocation.Status.NO_LEASE,
                service.renew(request(client(2), List.of(P1), null, false, NOW + 100), lease.address()).status());
        assertEquals(Allocation.Status.NO_LEASE,
                service.renew(request(client(1), List.of(P1), null, false, NOW), ip("192.0.2.19") == lease.address()
                        ? ip("192.0.2.18") : ip("192.0.2.19")).status());
    }

    @Test
    void releaseDeletesOrKeepsForAffinity() {
        Lease4 a = real(client(1), P1).lease();
        Lease4 b = real(client(2), P1).lease();
        assertEquals(Allocation.Status.NO_LEASE, service.release(client(2), a.address(), false, NOW).status());
        Allocation<Lease4> gone = service.release(client(1), a.address(), false, NOW + 1);
        assertEquals(Allocation.Status.EXISTING, gone.status());
        assertNull(service.get(a.address()));
        Allocation<Lease4> kept = service.release(client(2), b.address(), true, NOW + 2);
        assertEquals(LeaseState.EXPIRED_RECLAIMED, kept.lease().state());
        Lease4 stored = service.get(b.address());
        assertEquals(LeaseState.EXPIRED_RECLAIMED, stored.state());
        assertEquals(NOW + 2, stored.expire());
        assertEquals(0, stats.get("assigned", 1, 1));
        assertEquals(1, service.count());
    }

    @Test
    void declineHoldsTheAddressThenReclaimFreesIt() {
        Lease4 lease = real(client(1), P1).lease();
        Allocation<Lease4> d = service.decline(client(1), lease.address(), 600, NOW + 10);
        assertEquals(Allocation.Status.EXISTING, d.status());
        Lease4 declined = service.get(lease.address());
        assertEquals(LeaseState.DECLINED, declined.state());
        assertTrue(declined.hwAddress().isEmpty());
        assertEquals(NOW + 610, declined.expire());
        assertEquals(1, stats.get("declined", 1, 1));
        assertEquals(1, stats.get("assigned", 1, 1));
        assertEquals(List.of(declined), service.byState(LeaseState.DECLINED, 1));
        assertEquals(Allocation.Status.NO_LEASE, service.decline(client(1), lease.address(), 600, NOW).status());
        assertTrue(service.reclaim(NOW + 600, 0, Duration.ZERO).isEmpty());
        List<Lease4> freed = service.reclaim(NOW + 611, 0, Duration.ZERO);
        assertEquals(List.of(declined), freed);
        assertNull(service.get(lease.address()));
        assertEquals(0, stats.get("declined", 1, 1));
        assertEquals(0, stats.get("assigned", 1, 1));
        assertEquals(1, stats.get("reclaimed-declined", 1, 1));
    }

    @Test
    void reclaimIsOldestFirstAndBounded() {
        for (int i = 0; i < 5; i++) {
            service.allocate(new AllocationRequest<>(client(i), List.of(P1), null, Lifetimes.of(100 + i), "", false,
                    NOW));
        }
        List<Lease4> first = service.reclaim(NOW + 1000, 2, Duration.ZERO);
        assertEquals(2, first.size());
        assertEquals(NOW + 100, first.get(0).expire());
        assertEquals(NOW + 101, first.get(1).expire());
        assertEquals(3, service.reclaim(NOW + 1000, 0, Duration.ZERO).size());
        assertEquals(5, service.byState(LeaseState.EXPIRED_RECLAIMED, 0).size());
    }

    @Test
    void flushReclaimedDeletesAfterTheHoldTime() {
        Lease4 lease = real(client(1), P1).lease();
        service.reclaim(NOW + 3600 + 1, 0, Duration.ZERO);
        assertTrue(service.flushReclaimed(NOW + 3600 + 100, 3600, 0).isEmpty());
        List<Lease4> flushed = service.flushReclaimed(NOW + 3600 + 3600 + 10, 3600, 0);
        assertEquals(1, flushed.size());
        assertEquals(lease.address(), flushed.get(0).address());
        assertNull(service.get(lease.address()));
        // The address is free again.
        Allocation<Lease4> next = service.allocate(request(client(2), List.of(P1), lease.address(), false,
                NOW + 8000));
        assertEquals(Allocation.Status.HINT, next.status());
    }

    // ---- queries -----------------------------------------------------------------------------------------------

    @Test
    void queriesByIdentifierHostnameStateAndSubnet() throws Exception {
        service.allocate(new AllocationRequest<>(client(1), List.of(P1), null, Lifetimes.of(3600), "Host-One.example",
                false, NOW));
        service.allocate(new AllocationRequest<>(client(2), List.of(P2), null, Lifetimes.of(3600), "other", false,
                NOW));
        Lease4 third = service.allocate(new AllocationRequest<>(client(1), List.of(P3), null, Lifetimes.of(3600), "",
                false, NOW)).lease();
        assertEquals(2, service.byHwAddress(client(1).hwAddress()).size());
        assertEquals(1, service.byHostname("host-one.EXAMPLE").size());
        assertEquals(0, service.byHostname("host").size());
        assertEquals(List.of(third), service.bySubnet(3));
        assertEquals(3, service.byState(LeaseState.DEFAULT, 0).size());
        assertEquals(1, service.byState(LeaseState.DEFAULT, 2).size());
        assertEquals(List.of(), service.find(new LeaseKey.Hw4(client(1).hwAddress(), 2)));
    }

    @Test
    void pagesInUnsignedAddressOrder() throws Exception {
        for (int i = 0; i < 3; i++) {
            real(client(i), P1);
            real(client(10 + i), P2);
            real(client(20 + i), P3);
        }
        List<Lease4> all = service.page(null, 100);
        assertEquals(9, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(Integer.compareUnsigned(all.get(i - 1).address(), all.get(i).address()) < 0, "order");
        }
        assertTrue(in(P3, all.get(0)), "10.x sorts before 192.x");
        List<Lease4> first = service.page(null, 4);
        List<Lease4> rest = service.page(first.get(3).address(), 100);
        assertEquals(4, first.size());
        assertEquals(5, rest.size());
        assertEquals(all.subList(4, 9), rest);
        assertEquals(List.of(), service.page(all.get(8).address(), 10));
    }

    @Test
    void countByStateCountsAssignedAndDeclined() {
        for (int i = 0; i < 3; i++) {
            real(client(i), P1);
        }
        Lease4 d = real(client(10), P2).lease();
        service.decline(client(10), d.address(), 600, NOW);
        List<LeaseCount> counts = service.countByState(0, 0);
        assertEquals(3, count(counts, 1, LeaseState.DEFAULT));
        assertEquals(0, count(counts, 2, LeaseState.DEFAULT));
        assertEquals(1, count(counts, 2, LeaseState.DECLINED));
        List<LeaseCount> one = service.countByState(2, 2);
        assertEquals(0, count(one, 1, LeaseState.DEFAULT));
        assertEquals(1, count(one, 2, LeaseState.DECLINED));
    }

    protected static long count(List<LeaseCount> counts, long subnet, LeaseState state) {
        return counts.stream().filter(c -> c.subnetId() == subnet && c.state() == state)
                .mapToLong(LeaseCount::count).sum();
    }

    // ---- administration ----------------------------------------------------------------------------------------

    protected static Lease4 lease(int address, Client4 c, long subnet, String hostname, String userContext) {
        return new Lease4(address, c.hwAddress(), c.clientId(), 3600, NOW + 3600, subnet, true, false, hostname,
                LeaseState.DEFAULT, userContext, 0);
    }

    @Test
    void addUpdateDeleteWipe() throws Exception {
        Lease4 l = lease(ip("192.0.2.15"), client(1), 1, "a", "");
        service.add(l).toCompletableFuture().join();
        assertEquals(l, service.get(l.address()));
        assertThrows(LeaseConflictException.class, () -> service.add(l));
        assertEquals(1, stats.get("assigned", 1, 1));
        Lease4 changed = lease(l.address(), client(2), 1, "b", "{\"k\": 1}");
        service.update(changed, false).toCompletableFuture().join();
        assertEquals(changed, service.get(l.address()));
        Lease4 absent = lease(ip("192.0.2.16"), client(3), 1, "", "");
        assertThrows(LeaseConflictException.class, () -> service.update(absent, false));
        service.update(absent, true).toCompletableFuture().join();
        assertEquals(absent, service.get(absent.address()));
        // The engine keeps added leases out of allocation.
        Allocation<Lease4> hinted = service.allocate(request(client(4), List.of(P1), l.address(), false, NOW));
        assertNotEquals(l.address(), hinted.lease().address());
        assertEquals(changed, service.delete(l.address()));
        assertNull(service.delete(l.address()));
        service.add(lease(ip("198.51.100.2"), client(5), 2, "", "")).toCompletableFuture().join();
        assertEquals(2, service.wipe(1));
        assertEquals(1, service.count());
        assertEquals(1, service.wipe(0));
        assertEquals(0, service.count());
        assertEquals(0, stats.get("assigned", 1, 1));
    }

    @Test
    void sqlSignificantTextAndBytesRoundTrip() throws Exception {
        String hostname = "o'brien\\\"x\"; DROP TABLE lease4;-- `tick` %_ \u00fcml \u65e5\u672c \ud83d\ude00";
        String context = "{\"note\": \"it's \\\"quoted\\\" \\\\ back; --\", \"u\": \"\u00e9\ud83d\ude00\"}";
        Bytes nasty = Bytes.of((byte) 0x27, (byte) 0x5c, (byte) 0x00, (byte) 0x3b, (byte) 0x22, (byte) 0xff);
        Client4 c = new Client4(nasty, Bytes.of((byte) 0x27, (byte) 0x27, (byte) 0x00, (byte) 0x2d, (byte) 0x2d));
        Lease4 l = lease(ip("192.0.2.11"), c, 1, hostname, context);
        service.add(l).toCompletableFuture().join();
        assertEquals(l, service.get(l.address()));
        assertEquals(List.of(l), service.byHostname(hostname));
        assertEquals(List.of(l), service.byHwAddress(nasty));
        assertEquals(List.of(l), service.byClientId(c.clientId()));
        Allocation<Lease4> a = service.allocate(new AllocationRequest<>(c, List.of(P1), null, Lifetimes.of(60),
                hostname, false, NOW));
        assertEquals(l.address(), a.lease().address());
        assertEquals(hostname, service.get(l.address()).hostname());
        assertNotNull(service.get(l.address()));
        assertEquals(1, service.count());
    }
}
