package io.tui.dhcp.lease.sql;

import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.Pool;
import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What a server calls to use the SQL backends.
 *
 * <pre>{@code
 * SqlDatabase db = SqlBackends.open(services.leaseDatabase(), Family.V4, services.multiThreading(), listener);
 * SqlLeaseService4 leases = SqlBackends.leases4(db, pools, SqlLeaseService.Options.defaults(), statsListener);
 * SqlHostStore hosts = SqlBackends.hosts(SqlBackends.open(hostsDb, Family.V4, mt, listener));
 * }</pre>
 *
 * <p>One {@link SqlDatabase} (pool, schema migration, reconnect) per configured database; services are cheap and
 * are rebuilt on reconfiguration with the new pools, over the same database when its settings did not change.
 *
 * <p><b>Hook libraries.</b> Kea 3.x loads its MySQL and PostgreSQL backends as hook libraries
 * ({@code libdhcp_mysql.so}, {@code libdhcp_pgsql.so}); Kea 2.x has them built in. Tui has them built in too: a
 * server must accept those two names in {@code hooks-libraries} (whatever directory they are in, with any
 * parameters), load nothing for them ({@link #isBuiltInHook}), and must not require them to use a
 * {@code postgresql} or {@code mysql} database.
 */
public final class SqlBackends {
    private static final Set<String> BUILT_IN_HOOKS = Set.of("libdhcp_pgsql.so", "libdhcp_mysql.so");

    private SqlBackends() {
    }

    /** Whether {@code db} is a database this module serves ({@code postgresql} or {@code mysql}). */
    public static boolean handles(Services.Database db) {
        return db != null && ("postgresql".equals(db.type()) || "mysql".equals(db.type()));
    }

    /** Whether a {@code hooks-libraries} entry names Kea 3.x's database driver hooks, which Tui has built in. */
    public static boolean isBuiltInHook(String library) {
        if (library == null || library.isEmpty()) {
            return false;
        }
        Path name = Path.of(library).getFileName();
        return name != null && BUILT_IN_HOOKS.contains(name.toString());
    }

    /**
     * Opens the connection pool of a {@code lease-database} or {@code hosts-database} entry and brings its schema
     * up to date (not for {@code readonly} host databases).
     *
     * @param family         the server's family (names the pool in diagnostics)
     * @param multiThreading the server's {@code multi-threading}: four connections per packet thread
     * @param listener       connection events, for {@code on-fail}
     * @throws IllegalArgumentException  for a database this module does not serve or a bad parameter
     * @throws StoreUnavailableException when the database cannot be reached and {@code retry-on-startup} is off
     * @throws SqlStoreException         when the schema cannot be created or upgraded
     */
    public static SqlDatabase open(Services.Database db, Family family, Services.MultiThreading multiThreading,
            ConnectionListener listener) {
        SqlSettings settings = SqlSettings.from(db, multiThreading);
        return SqlDatabase.open(settings, listener == null ? ConnectionListener.NONE : listener,
                family == Family.V6 ? "tui-dhcp6" : "tui-dhcp4");
    }

    /** The DHCPv4 lease service over {@code db} (closing it leaves {@code db} open). */
    public static SqlLeaseService4 leases4(SqlDatabase db, List<Pool4> pools, SqlLeaseService.Options options,
            LeaseStatsListener stats) {
        return new SqlLeaseService4(db, pools, options, stats);
    }

    /** The DHCPv6 lease service over {@code db} (closing it leaves {@code db} open). */
    public static SqlLeaseService6 leases6(SqlDatabase db, List<? extends Pool<Ip6Address>> pools,
            SqlLeaseService.Options options, LeaseStatsListener stats) {
        return new SqlLeaseService6(db, pools, options, stats);
    }

    /** The host store over {@code db}; read-only when the entry says {@code readonly}. */
    public static SqlHostStore hosts(SqlDatabase db) {
        return new SqlHostStore(db);
    }
}
