package io.tui.dhcp.lease.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The session settings every pooled connection starts with: PostgreSQL plans each execution with its parameters
 * (no generic plan cached from a nearly empty lease table), MySQL runs in UTC. Checked on all of a pool's connections
 * at once, held concurrently so the pool must hand out each of them.
 */
class SqlSessionTest {
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyPooledConnectionStartsWithTheDialectsSessionSettings(Dialect dialect) throws Exception {
        String query = dialect == Dialect.PGSQL ? "SHOW plan_cache_mode" : "SELECT @@session.time_zone";
        String expected = dialect == Dialect.PGSQL ? "force_custom_plan" : "+00:00";
        int connections = 4;
        try (TestDatabase tdb = TestDatabase.create(dialect, "session");
                SqlDatabase db = tdb.open(connections)) {
            CountDownLatch all = new CountDownLatch(connections);
            ExecutorService pool = Executors.newFixedThreadPool(connections);
            try {
                List<Future<String>> seen = new ArrayList<>();
                for (int i = 0; i < connections; i++) {
                    seen.add(pool.submit(() -> db.call(c -> {
                        all.countDown();
                        try {
                            all.await(30, TimeUnit.SECONDS); // every connection is out of the pool at once
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
                            rs.next();
                            return rs.getString(1);
                        }
                    })));
                }
                for (Future<String> f : seen) {
                    assertEquals(expected, f.get(60, TimeUnit.SECONDS), dialect + ": " + query);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
