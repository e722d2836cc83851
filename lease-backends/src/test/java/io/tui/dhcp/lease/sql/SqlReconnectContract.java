package io.tui.dhcp.lease.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.alloc.Allocation;
import io.tui.dhcp.core.alloc.AllocationRequest;
import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.Lifetimes;
import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Connection loss on a shared database server: the pool's connections are killed on the server side under load,
 * and the database is made to refuse connections for a while (PostgreSQL: ALLOW_CONNECTIONS false; MariaDB: the
 * test's account locked). Calls fail fast while the database is gone, reconnects follow max-reconnect-tries and
 * reconnect-wait-time, the listener hears lost/recovered/failed, and no acknowledged lease is lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlReconnectContract {
    private static final long NOW = 1_800_000_000L;
    private static final Pool4 POOL = new Pool4(1, 9, 0x0a020000, 0x0a020000 + 4999);
    /** Clients of the storm: fewer than the pool holds, so a fast store renews instead of exhausting the pool. */
    private static final int STORM_CLIENTS = 4000;

    private TestDatabase tdb;

    abstract Dialect dialect();

    @BeforeAll
    void createDatabase() {
        tdb = TestDatabase.create(dialect(), "rc");
    }

    @AfterAll
    void dropDatabase() throws Exception {
        if (tdb != null) {
            tdb.allowConnections(true);
            tdb.close();
        }
    }

    /** Records the listener's events. */
    static final class Events implements ConnectionListener {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void lost(SqlSettings settings, String reason) {
            seen.add("lost");
        }

        @Override
        public void recovered(SqlSettings settings) {
            seen.add("recovered");
        }

        @Override
        public void failed(SqlSettings settings, String reason) {
            seen.add("failed");
        }

        boolean await(String event, long millis) throws InterruptedException {
            long end = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < end) {
                if (seen.contains(event)) {
                    return true;
                }
                Thread.sleep(20);
            }
            return seen.contains(event);
        }
    }

    private static Client4 client(int n) {
        return new Client4(Bytes.of((byte) 0x0e, (byte) 0, (byte) 0, (byte) (n >> 16), (byte) (n >> 8), (byte) n),
                Bytes.EMPTY);
    }

    private static AllocationRequest<Integer, Client4> request(int n) {
        return new AllocationRequest<>(client(n), List.of(POOL), null, Lifetimes.of(3600), "", false, NOW);
    }

    private SqlDatabase open(long tries, long waitMillis, OnFail onFail, Events events) {
        return SqlDatabase.open(tdb.settings(4).withReconnect(tries, waitMillis, onFail, false), events);
    }

    @Test
    void killedConnectionsUnderLoadLoseNoAcknowledgedLease() throws Exception {
        Events events = new Events();
        try (SqlDatabase db = open(50, 100, OnFail.SERVE_RETRY_CONTINUE, events)) {
            SqlLeaseService4 service = new SqlLeaseService4(db, List.of(POOL), SqlLeaseService.Options.defaults(),
                    LeaseStatsListener.NONE);
            service.wipe(0);
            Map<Integer, Integer> acked = new ConcurrentHashMap<>();
            AtomicInteger drops = new AtomicInteger();
            AtomicInteger nextClient = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService workers = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(workers.submit(() -> {
                    while (!stop.get()) {
                        int n = nextClient.getAndIncrement() % STORM_CLIENTS;
                        try {
                            Allocation<Lease4> a = service.allocate(request(n));
                            if (a.granted()) {
                                acked.put(n, a.lease().address());
                            }
                        } catch (StoreUnavailableException e) {
                            drops.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            int kills = 0;
            long end = System.currentTimeMillis() + 3000;
            while (System.currentTimeMillis() < end) {
                Thread.sleep(150);
                kills += tdb.killConnections();
            }
            stop.set(true);
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            workers.shutdown();
            assertTrue(kills > 0, "connections were killed");
            long deadline = System.currentTimeMillis() + 15_000;
            while (db.state() != SqlDatabase.State.UP && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(SqlDatabase.State.UP, db.state(), "events " + events.seen);
            assertTrue(acked.size() > 50, "allocations went on between kills: " + acked.size() + " acked, "
                    + drops.get() + " dropped");
            assertTrue(acked.size() <= STORM_CLIENTS, "one lease per client: " + acked.size());
            // Every acknowledged lease is in the database, owned by its client.
            try (SqlDatabase check = open(0, 0, OnFail.STOP_RETRY_EXIT, new Events())) {
                SqlLeaseService4 reader = new SqlLeaseService4(check, List.of(POOL),
                        SqlLeaseService.Options.defaults(), LeaseStatsListener.NONE);
                for (Map.Entry<Integer, Integer> e : acked.entrySet()) {
                    Lease4 stored = reader.get(e.getValue());
                    assertNotNull(stored, "acknowledged lease of client " + e.getKey() + " is stored");
                    assertEquals(client(e.getKey()).hwAddress(), stored.hwAddress());
                }
                assertTrue(reader.allocate(request(1_000_000)).granted(),
                        "serving after the storm (" + acked.size() + " leases acknowledged in the storm)");
            }
        }
    }

    @Test
    void unreachableDatabaseFailsFastAndRecovers() throws Exception {
        Events events = new Events();
        try (SqlDatabase db = open(100, 100, OnFail.STOP_RETRY_EXIT, events)) {
            SqlLeaseService4 service = new SqlLeaseService4(db, List.of(POOL), SqlLeaseService.Options.defaults(),
                    LeaseStatsListener.NONE);
            service.wipe(0);
            Lease4 before = service.allocate(request(1)).lease();
            tdb.allowConnections(false);
            try {
                assertThrows(StoreUnavailableException.class, () -> {
                    for (int i = 0; i < 5; i++) {
                        service.allocate(request(2));
                    }
                });
                assertTrue(events.await("lost", 5000), "lost: " + events.seen);
                long t0 = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    assertThrows(StoreUnavailableException.class, () -> service.allocate(request(3)));
                }
                long perCallMicros = (System.nanoTime() - t0) / 100 / 1000;
                assertTrue(perCallMicros < 5000, "calls fail fast while down: " + perCallMicros + " us each");
                assertEquals(SqlDatabase.State.RECONNECTING, db.state());
            } finally {
                tdb.allowConnections(true);
            }
            assertTrue(events.await("recovered", 15_000), "recovered: " + events.seen);
            assertEquals(SqlDatabase.State.UP, db.state());
            assertEquals(before, service.get(before.address()));
            assertTrue(service.allocate(request(4)).granted());
            assertEquals(List.of("lost", "recovered"), events.seen);
        }
    }

    @Test
    void reconnectGivesUpAfterMaxTries() throws Exception {
        Events events = new Events();
        try (SqlDatabase db = open(3, 100, OnFail.SERVE_RETRY_EXIT, events)) {
            SqlLeaseService4 service = new SqlLeaseService4(db, List.of(POOL), SqlLeaseService.Options.defaults(),
                    LeaseStatsListener.NONE);
            service.wipe(0);
            tdb.allowConnections(false);
            try {
                assertThrows(StoreUnavailableException.class, () -> {
                    for (int i = 0; i < 5; i++) {
                        service.count();
                    }
                });
                assertTrue(events.await("failed", 20_000), "failed: " + events.seen);
                assertEquals(SqlDatabase.State.FAILED, db.state());
                assertThrows(StoreUnavailableException.class, service::count);
            } finally {
                tdb.allowConnections(true);
            }
            db.reconnect();
            assertTrue(events.await("recovered", 15_000), "recovered: " + events.seen);
            assertEquals(0, service.count());
            assertNull(service.get(POOL.first()));
            assertEquals(List.of("lost", "failed", "recovered"), events.seen);
        }
    }

    @Test
    void slowDatabaseShedsLoadBeyondTheInFlightBound() throws Exception {
        Events events = new Events();
        try (SqlDatabase db = open(5, 100, OnFail.STOP_RETRY_EXIT, events)) {
            SqlLeaseService4 service = new SqlLeaseService4(db, List.of(POOL), SqlLeaseService.Options.defaults(),
                    LeaseStatsListener.NONE);
            service.wipe(0);
            Lease4 lease = service.allocate(request(1)).lease();
            int bound = db.settings().maxInFlight();
            try (java.sql.Connection admin = tdb.adminHere(); java.sql.Statement st = admin.createStatement()) {
                // Hold a lock that every lease4 read waits for: the database is "slow".
                if (dialect() == Dialect.PGSQL) {
                    admin.setAutoCommit(false);
                    st.execute("LOCK TABLE lease4 IN ACCESS EXCLUSIVE MODE");
                } else {
                    st.execute("LOCK TABLES lease4 WRITE");
                }
                AtomicInteger rejected = new AtomicInteger();
                AtomicInteger served = new AtomicInteger();
                List<Thread> callers = new ArrayList<>();
                long t0 = System.nanoTime();
                List<Long> rejectMillis = new CopyOnWriteArrayList<>();
                for (int i = 0; i < bound + 20; i++) {
                    callers.add(Thread.ofVirtual().start(() -> {
                        try {
                            service.get(lease.address());
                            served.incrementAndGet();
                        } catch (StoreUnavailableException e) {
                            rejected.incrementAndGet();
                            rejectMillis.add((System.nanoTime() - t0) / 1_000_000);
                        }
                    }));
                }
                Thread.sleep(700);
                // Beyond the bound, calls were turned away at once; within it they wait.
                assertTrue(rejected.get() >= 20, "rejected " + rejected.get() + " of " + callers.size());
                assertEquals(0, served.get());
                assertTrue(rejectMillis.stream().sorted().limit(20).allMatch(ms -> ms < 500), rejectMillis.toString());
                if (dialect() == Dialect.PGSQL) {
                    admin.rollback();
                } else {
                    st.execute("UNLOCK TABLES");
                }
                for (Thread t : callers) {
                    t.join(30_000);
                }
                assertEquals(callers.size(), rejected.get() + served.get());
                assertTrue(served.get() >= db.settings().poolSize(), "the calls holding connections completed");
            }
            assertEquals(SqlDatabase.State.UP, db.state(), "a busy pool is not a lost connection: " + events.seen);
            assertEquals(List.of(), events.seen);
            assertEquals(lease, service.get(lease.address()));
        }
    }
}
