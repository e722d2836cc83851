package io.tui.dhcp.lease.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.alloc.Allocation;
import io.tui.dhcp.core.alloc.AllocationRequest;
import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.Client6;
import io.tui.dhcp.core.alloc.PdPool;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.util.HashSet;
import java.util.Set;
import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.Lifetimes;
import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two lease services with their own connection pools (two servers) over one database, each driven by eight
 * threads at once: no address may ever go to two clients, and every address of the pool must be used.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlConcurrencyContract {
    private static final long NOW = 1_800_000_000L;
    private static final int THREADS = 8;
    /** 10.1.0.0 - 10.1.1.43: 300 addresses. */
    private static final Pool4 POOL = new Pool4(1, 7, 0x0a010000, 0x0a010000 + 299);

    private TestDatabase tdb;
    private SqlDatabase dbA;
    private SqlDatabase dbB;

    abstract Dialect dialect();

    @BeforeAll
    void createDatabase() {
        tdb = TestDatabase.create(dialect(), "cc");
        dbA = tdb.open(THREADS);
        dbB = tdb.open(THREADS);
    }

    @AfterAll
    void dropDatabase() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {dbA, dbB, tdb}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static Client4 client(int n) {
        return new Client4(Bytes.of((byte) 0x0a, (byte) 0xbb, (byte) 0, (byte) (n >> 16), (byte) (n >> 8), (byte) n),
                Bytes.EMPTY);
    }

    private List<SqlLeaseService4> services() {
        return services(POOL);
    }

    private List<SqlLeaseService4> services(Pool4 pool) {
        SqlLeaseService4 a = new SqlLeaseService4(dbA, List.of(pool), SqlLeaseService.Options.defaults(),
                LeaseStatsListener.NONE);
        SqlLeaseService4 b = new SqlLeaseService4(dbB, List.of(pool), SqlLeaseService.Options.defaults(),
                LeaseStatsListener.NONE);
        a.wipe(0);
        return List.of(a, b);
    }

    /** Runs {@code perClient} for clients 0..n-1, client i on server i % 2, eight threads per server at once. */
    private Map<Integer, Allocation<Lease4>> drive(List<SqlLeaseService4> servers, int clients,
            PerClient perClient) throws Exception {
        Map<Integer, Allocation<Lease4>> results = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < 2 * THREADS; t++) {
                int server = t % 2;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = next.getAndIncrement(); i < clients; i = next.getAndIncrement()) {
                        results.put(i, perClient.run(servers.get(server), client(i), i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    @FunctionalInterface
    private interface PerClient {
        Allocation<Lease4> run(SqlLeaseService4 server, Client4 client, int index);
    }

    /** Checks that no address went to two clients and that the database holds exactly what was acknowledged. */
    private int checkUnique(SqlLeaseService4 any, Map<Integer, Allocation<Lease4>> results) {
        Map<Integer, Integer> owner = new HashMap<>();
        for (Map.Entry<Integer, Allocation<Lease4>> e : results.entrySet()) {
            Allocation<Lease4> a = e.getValue();
            if (!a.granted()) {
                assertEquals(Allocation.Status.EXHAUSTED, a.status());
                continue;
            }
            Integer other = owner.put(a.lease().address(), e.getKey());
            assertNull(other, "address " + a.lease().addressText() + " went to clients " + other + " and "
                    + e.getKey());
            Lease4 stored = any.get(a.lease().address());
            assertEquals(client(e.getKey()).hwAddress(), stored.hwAddress(), "stored owner");
            assertEquals(LeaseState.DEFAULT, stored.state());
        }
        return owner.size();
    }

    @Test
    void twoServersNeverGiveOneAddressToTwoClients() throws Exception {
        List<SqlLeaseService4> servers = services();
        int clients = 450;
        Map<Integer, Allocation<Lease4>> results = drive(servers, clients, (server, c, i) -> {
            if (i % 3 == 0) {
                // DISCOVER then REQUEST, as most clients do.
                server.allocate(new AllocationRequest<>(c, List.of(POOL), null, Lifetimes.of(3600), "", true, NOW));
            }
            return server.allocate(new AllocationRequest<>(c, List.of(POOL), null, Lifetimes.of(3600), "", false,
                    NOW));
        });
        assertEquals(clients, results.size());
        int granted = checkUnique(servers.get(0), results);
        assertEquals(300, granted, "every address of the pool is used");
        assertEquals(300, servers.get(1).count());
        assertEquals(300, servers.get(0).countByState(7, 7).stream()
                .filter(c -> c.state() == LeaseState.DEFAULT).mapToLong(c -> c.count()).sum());
    }

    @Test
    void twoServersTakingOverExpiredLeasesNeverCollide() throws Exception {
        List<SqlLeaseService4> servers = services();
        // Fill the pool with leases that expire at NOW + 10.
        Map<Integer, Allocation<Lease4>> first = drive(servers, 300, (server, c, i) -> server.allocate(
                new AllocationRequest<>(c, List.of(POOL), null, Lifetimes.of(10), "", false, NOW)));
        assertEquals(300, checkUnique(servers.get(0), first));
        // 400 other clients arrive later: 300 take over expired leases, 100 find nothing.
        Map<Integer, Allocation<Lease4>> later = drive(servers, 400, (server, c, i) -> server.allocate(
                new AllocationRequest<>(client(1000 + i), List.of(POOL), null, Lifetimes.of(3600), "", false,
                        NOW + 100)));
        Map<Integer, Allocation<Lease4>> byClient = new HashMap<>();
        later.forEach((i, a) -> byClient.put(1000 + i, a));
        int granted = checkUnique(servers.get(0), byClient);
        assertEquals(300, granted);
        long reused = later.values().stream().filter(a -> a.status() == Allocation.Status.REUSED).count();
        assertEquals(300, reused);
        assertTrue(servers.get(0).count() == 300);
    }

    @Test
    void doraRateOfTwoServers() throws Exception {
        Pool4 big = new Pool4(2, 8, 0x0a030000, 0x0a030000 + 16383);
        List<SqlLeaseService4> servers = services(big);
        int clients = 4000;
        long t0 = System.nanoTime();
        AtomicInteger naks = new AtomicInteger();
        Map<Integer, Allocation<Lease4>> results = drive(servers, clients, (server, c, i) -> {
            // A DHCPv4 server's DORA: an offer, then a REQUEST for exactly the offered address.
            Allocation<Lease4> offer = server.allocate(new AllocationRequest<>(c, List.of(big), null,
                    Lifetimes.of(3600), "", true, NOW));
            Allocation<Lease4> ack = server.request(new AllocationRequest<>(c, List.of(big), null,
                    Lifetimes.of(3600), "", false, NOW), offer.lease().address());
            for (int retry = 0; retry < 10 && !ack.granted(); retry++) {
                // The other server gave that address away meanwhile: NAK, and the client starts again.
                naks.incrementAndGet();
                assertEquals(Allocation.Status.NO_LEASE, ack.status());
                offer = server.allocate(new AllocationRequest<>(c, List.of(big), null, Lifetimes.of(3600), "", true,
                        NOW));
                ack = server.request(new AllocationRequest<>(c, List.of(big), null, Lifetimes.of(3600), "", false,
                        NOW), offer.lease().address());
            }
            return ack;
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(clients, checkUnique(servers.get(0), results));
        System.out.printf("%s: %d DISCOVER+REQUEST exchanges by 2 servers x %d threads in %.2f s: %.0f/s"
                + " (%d NAKs for addresses the other server took)%n",
                dialect().type(), clients, THREADS, seconds, clients / seconds, naks.get());
    }

    @Test
    void twoServersNeverDelegateOnePrefixTwice() throws Exception {
        PdPool pd = new PdPool(4, 11, Ip6Address.parse("2001:db8:4000::"), 50, 56);
        SqlLeaseService6 a = new SqlLeaseService6(dbA, List.of(pd), SqlLeaseService.Options.defaults(),
                LeaseStatsListener.NONE);
        SqlLeaseService6 b = new SqlLeaseService6(dbB, List.of(pd), SqlLeaseService.Options.defaults(),
                LeaseStatsListener.NONE);
        a.wipe(0);
        List<SqlLeaseService6> servers = List.of(a, b);
        Map<Integer, Allocation<Lease6>> results = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 2 * THREADS; t++) {
            SqlLeaseService6 server = servers.get(t % 2);
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < 100; i = next.getAndIncrement()) {
                    Client6 c = new Client6(Bytes.of((byte) 0, (byte) 3, (byte) (i >> 8), (byte) i), 1, LeaseType.PD,
                            Bytes.EMPTY);
                    results.put(i, server.allocate(new AllocationRequest<>(c, List.of(pd), null,
                            new Lifetimes(3600, 1800), "", false, NOW)));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        Set<Ip6Address> prefixes = new HashSet<>();
        int granted = 0;
        for (Allocation<Lease6> r : results.values()) {
            if (r.granted()) {
                granted++;
                assertTrue(prefixes.add(r.lease().address()), "prefix delegated twice: " + r.lease().address());
                assertEquals(r.lease().duid(), a.get(r.lease().address()).duid());
            } else {
                assertEquals(Allocation.Status.EXHAUSTED, r.status());
            }
        }
        assertEquals(64, granted);
        assertEquals(64, b.count());
    }

    @Test
    void anOfferTheOtherServerLeasedAwayIsNotOfferedAgain() {
        List<SqlLeaseService4> servers = services();
        SqlLeaseService4 a = servers.get(0);
        SqlLeaseService4 b = servers.get(1);
        Client4 c1 = client(1);
        Client4 c2 = client(2);
        int x = a.allocate(new AllocationRequest<>(c1, List.of(POOL), null, Lifetimes.of(3600), "", true, NOW))
                .lease().address();
        // Server B leases X to another client (it does not know A's offer).
        assertEquals(Allocation.Status.HINT, b.request(new AllocationRequest<>(c2, List.of(POOL), null,
                Lifetimes.of(3600), "", false, NOW), x).status());
        // A's client asks again (DISCOVER): A must not offer X again.
        Allocation<Lease4> again = a.allocate(new AllocationRequest<>(c1, List.of(POOL), null, Lifetimes.of(3600),
                "", true, NOW + 1));
        assertTrue(again.granted());
        assertTrue(again.lease().address() != x, "offered a leased address again");
        // And a REQUEST for X is refused, after which X is not offered either.
        assertEquals(Allocation.Status.NO_LEASE, a.request(new AllocationRequest<>(c1, List.of(POOL), null,
                Lifetimes.of(3600), "", false, NOW + 2), x).status());
        Allocation<Lease4> ack = a.request(new AllocationRequest<>(c1, List.of(POOL), null, Lifetimes.of(3600), "",
                false, NOW + 3), again.lease().address());
        assertEquals(Allocation.Status.EXISTING, ack.status());
        assertEquals(c2.hwAddress(), a.get(x).hwAddress());
        assertEquals(c1.hwAddress(), b.get(again.lease().address()).hwAddress());
    }
}
