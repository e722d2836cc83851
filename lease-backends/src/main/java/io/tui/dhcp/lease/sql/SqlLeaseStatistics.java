package io.tui.dhcp.lease.sql;

import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.Pool;
import io.tui.dhcp.core.lease.LeaseState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

/**
 * Seeds a server's lease gauges ({@code assigned-addresses}/{@code -nas}/{@code -pds}, {@code declined-addresses})
 * from the database at start and after a reload: one indexed count per pool, so the gauges include the leases other
 * servers sharing the database hold. Afterwards the service reports its own changes to the listener;
 * {@code stat-lease*-get} reads the statistics tables directly.
 */
public final class SqlLeaseStatistics {
    private SqlLeaseStatistics() {
    }

    /**
     * Adds the assigned and declined leases of every pool to {@code stats}.
     *
     * @return the number of assigned leases counted
     */
    public static <K> long seed(SqlLeaseService<?, K, ?> service, List<? extends Pool<K>> pools,
            LeaseStatsListener stats) {
        String sql = "SELECT state, COUNT(*) FROM " + service.table() + " WHERE " + service.orderColumn()
                + " BETWEEN ? AND ? AND state IN (" + LeaseState.DEFAULT.code() + ", " + LeaseState.DECLINED.code()
                + ") GROUP BY state";
        return service.db.call(c -> {
            long total = 0;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Pool<K> pool : pools) {
                    ps.setObject(1, service.orderParam(pool.start()));
                    ps.setObject(2, service.orderParam(pool.at(pool.lastOffset())));
                    long assigned = 0;
                    long declined = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long n = rs.getLong(2);
                            assigned += n;
                            if (rs.getLong(1) == LeaseState.DECLINED.code()) {
                                declined += n;
                            }
                        }
                    }
                    if (assigned != 0) {
                        stats.assigned(pool.subnetId(), pool.id(), assigned);
                    }
                    if (declined != 0) {
                        stats.declined(pool.subnetId(), pool.id(), declined);
                    }
                    total += assigned;
                }
            }
            return total;
        });
    }
}
