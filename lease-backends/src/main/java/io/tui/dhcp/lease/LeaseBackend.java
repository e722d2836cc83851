package io.tui.dhcp.lease;

import io.tui.dhcp.core.alloc.AllocationEngine;
import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.Client6;
import io.tui.dhcp.core.alloc.ClientIdentity;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.Pool;
import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.hook.ServerControl;
import io.tui.dhcp.core.host.Host;
import io.tui.dhcp.core.host.HostSource;
import io.tui.dhcp.core.host.IdentifierType;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.HandOverStore;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseStore;
import io.tui.dhcp.core.server.InstanceLock;
import io.tui.dhcp.core.server.LeaseSanity;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.lease.memfile.LeaseFileException;
import io.tui.dhcp.lease.memfile.MemfileOptions;
import io.tui.dhcp.lease.memfile.MemfileStore;
import io.tui.dhcp.lease.sql.ConnectionListener;
import io.tui.dhcp.lease.sql.SqlBackends;
import io.tui.dhcp.lease.sql.SqlDatabase;
import io.tui.dhcp.lease.sql.SqlHostSource;
import io.tui.dhcp.lease.sql.SqlLeaseService;
import io.tui.dhcp.lease.sql.SqlLeaseStatistics;
import io.tui.dhcp.lease.sql.SqlSettings;
import io.tui.dhcp.lease.sql.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The lease and host backends of one server, chosen from {@code lease-database} and {@code hosts-database(s)}: the
 * one place where memfile and SQL ({@code postgresql}, {@code mysql}) are told apart, for both families.
 *
 * <ul>
 *   <li>{@code memfile} (or no {@code lease-database}): the lease file (locked against a second instance) and an
 *       in-memory {@link AllocationEngine} over it; {@code persist: false} keeps leases in memory only.</li>
 *   <li>{@code postgresql}/{@code mysql}: one {@link SqlDatabase} (pool, schema, reconnect) and a
 *       {@link SqlLeaseService} over it; the lease gauges are seeded from the database. Its calls block: the server
 *       must run packets on worker threads ({@link #blocking()}), never on its event loops.</li>
 *   <li>{@code hosts-database(s)}: {@link SqlHostSource}s behind the configuration's reservations
 *       ({@link #hosts}).</li>
 *   <li>{@code on-fail}: connection events disable the DHCP service ({@code stop-retry-exit}), enable it again on
 *       recovery, and shut the server down (exit 1) when reconnecting failed ({@code *-retry-exit}), through the
 *       {@link ServerControl} given to {@link #attach}.</li>
 *   <li>Reconfiguration keeps every database pool whose settings did not change.</li>
 * </ul>
 */
public final class LeaseBackend<L, K, C extends ClientIdentity<L>> implements AutoCloseable {
    /** The {@code dhcp-disable} origin the database's connection events use. */
    public static final String DB_ORIGIN = "db-connection";

    /** What differs between the families. */
    private record Ops<L, K, C extends ClientIdentity<L>>(
            Family family,
            Function<L, K> address,
            EngineFactory<L, K, C> engine,
            SqlFactory<L, K, C> sql) {}

    @FunctionalInterface
    private interface EngineFactory<L, K, C extends ClientIdentity<L>> {
        LeaseService<L, K, C> create(LeaseStore<L> store, List<? extends Pool<K>> pools,
                AllocationEngine.Settings settings, LeaseStatsListener stats);
    }

    @FunctionalInterface
    private interface SqlFactory<L, K, C extends ClientIdentity<L>> {
        SqlLeaseService<L, K, C> create(SqlDatabase db, List<? extends Pool<K>> pools, SqlLeaseService.Options o,
                LeaseStatsListener stats);
    }

    @SuppressWarnings("unchecked")
    private static final Ops<Lease4, Integer, Client4> V4 = new Ops<Lease4, Integer, Client4>(Family.V4,
            Lease4::address,
            (store, pools, settings, stats) -> AllocationEngine.v4(store, (List<Pool4>) pools, settings, stats),
            (db, pools, o, stats) -> SqlBackends.leases4(db, (List<Pool4>) pools, o, stats));

    private static final Ops<Lease6, Ip6Address, Client6> V6 = new Ops<Lease6, Ip6Address, Client6>(Family.V6,
            Lease6::address,
            (store, pools, settings, stats) -> AllocationEngine.v6(store, pools, settings, stats),
            (db, pools, o, stats) -> SqlBackends.leases6(db, pools, o, stats));

    private static final Logger LOG = Logger.getLogger("tui.lease-backend");

    private final Ops<L, K, C> ops;
    private final String logPrefix;
    /** memfile: the store (lease file or memory) and the lease file's lock; null for SQL. */
    private final LeaseStore<L> store;
    private final InstanceLock leaseLock;
    private final Services.Database leaseConfig;
    private final AtomicReference<ServerControl> control = new AtomicReference<>();
    private final Map<SqlSettings, SqlDatabase> databases = new HashMap<>();
    private volatile SqlDatabase leaseDb;
    private volatile Services.MultiThreading multiThreading;

    private LeaseBackend(Ops<L, K, C> ops, Services.Database leaseConfig, LeaseStore<L> store,
            InstanceLock leaseLock, Services.MultiThreading mt) {
        this.ops = ops;
        this.logPrefix = ops.family() == Family.V6 ? "DHCP6" : "DHCP4";
        this.leaseConfig = leaseConfig;
        this.store = store;
        this.leaseLock = leaseLock;
        this.multiThreading = mt;
    }

    /**
     * The DHCPv4 backends of a configuration: opens the lease file (memfile) or the database's pool (SQL).
     *
     * @param defaultLeaseFile the memfile lease file when {@code lease-database} names none
     * @throws IOException when the lease file is locked or cannot be loaded, or the database cannot be opened
     */
    public static LeaseBackend<Lease4, Integer, Client4> open4(ServerConfig config, Path defaultLeaseFile)
            throws IOException {
        return open(V4, config, defaultLeaseFile);
    }

    /** The DHCPv6 backends of a configuration; see {@link #open4}. */
    public static LeaseBackend<Lease6, Ip6Address, Client6> open6(ServerConfig config, Path defaultLeaseFile)
            throws IOException {
        return open(V6, config, defaultLeaseFile);
    }

    @SuppressWarnings("unchecked")
    private static <L, K, C extends ClientIdentity<L>> LeaseBackend<L, K, C> open(Ops<L, K, C> ops,
            ServerConfig config, Path defaultLeaseFile) throws IOException {
        Services.Database db = config.services().leaseDatabase();
        Services.MultiThreading mt = config.services().multiThreading();
        if (SqlBackends.handles(db)) {
            LeaseBackend<L, K, C> b = new LeaseBackend<>(ops, db, null, null, mt);
            try {
                b.leaseDb = b.database(db);
            } catch (RuntimeException e) {
                b.close();
                throw new IOException("lease-database " + db.type() + ": " + e.getMessage(), e);
            }
            return b;
        }
        if (db != null && !"memfile".equals(db.type())) {
            throw new IOException("lease-database type " + db.type() + " is not supported (memfile, postgresql, "
                    + "mysql)");
        }
        if (db != null && !db.persist()) {
            return new LeaseBackend<>(ops, db, LeaseStore.inMemory(), null, mt);
        }
        Path file = db != null && db.name() != null && !db.name().isEmpty() ? Path.of(db.name()) : defaultLeaseFile;
        InstanceLock lock = InstanceLock.acquire(Path.of(file + ".tui-lock"));
        try {
            MemfileOptions mo = MemfileOptions.persistent(file)
                    .withMaxRowErrors(db == null ? 0 : db.number("max-row-errors", 0))
                    .withLfcInterval(Duration.ofSeconds(db == null ? 0 : db.lfcInterval()))
                    .withFsync(db != null && Boolean.TRUE.equals(db.parameters().get("fsync")));
            LeaseStore<L> store = (LeaseStore<L>) (ops.family() == Family.V6 ? MemfileStore.open6(mo)
                    : MemfileStore.open4(mo));
            return new LeaseBackend<>(ops, db, store, lock, mt);
        } catch (LeaseFileException e) {
            lock.close();
            throw new IOException("cannot load " + file + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Whether this is a SQL lease database. */
    public boolean sql() {
        return leaseDb != null;
    }

    /**
     * Whether lease (or host) calls block on a database: the packets must then be processed on worker threads,
     * never on the sockets' event loops.
     */
    public boolean blocking() {
        synchronized (databases) {
            return !databases.isEmpty();
        }
    }

    /**
     * Worker threads for packets when the configuration has no {@code multi-threading} but a database blocks:
     * one per connection of the lease database's pool (2 without one).
     */
    public int workerThreads() {
        SqlDatabase db = leaseDb;
        return db == null ? 2 : db.settings().poolSize();
    }

    /** The memfile store, or null with a SQL lease database. */
    public LeaseStore<L> store() {
        return store;
    }

    /** The SQL lease database, or null (memfile). */
    public SqlDatabase leaseDatabase() {
        return leaseDb;
    }

    /** A short description for logs: {@code memfile <file>} or the database's URL without password. */
    public String describe() {
        SqlDatabase db = leaseDb;
        return db != null ? db.settings().describe() : "memfile";
    }

    /**
     * Lets connection events act on the server as {@code on-fail} says. A database already down (started with
     * {@code retry-on-startup}) disables the service at once under {@code stop-retry-exit}.
     */
    public void attach(ServerControl serverControl) {
        control.set(serverControl);
        synchronized (databases) {
            for (SqlDatabase db : databases.values()) {
                if (db.state() != SqlDatabase.State.UP && !db.settings().onFail().serves()) {
                    serverControl.disable(DB_ORIGIN, null);
                }
            }
        }
    }

    /**
     * The lease service at start: memfile loads the lease file into an engine, keeping the leases {@code sanity}
     * keeps (Kea's {@code lease-checks}; null: all); SQL builds a service over the database and seeds {@code stats}
     * from it (Kea checks memfile leases only).
     */
    public LeaseService<L, K, C> start(List<? extends Pool<K>> pools, AllocationEngine.Settings settings,
            LeaseStatsListener stats, Function<Collection<L>, LeaseSanity.Outcome<L>> sanity) {
        SqlDatabase db = leaseDb;
        if (db != null) {
            return sqlService(db, pools, settings, stats);
        }
        Collection<L> leases = store.takeLoadedLeases();
        if (sanity != null) {
            leases = sanity.apply(leases).kept();
        }
        return ops.engine().create(new HandOverStore<>(store, leases), pools, settings, stats);
    }

    private LeaseService<L, K, C> sqlService(SqlDatabase db, List<? extends Pool<K>> pools,
            AllocationEngine.Settings settings, LeaseStatsListener stats) {
        SqlLeaseService<L, K, C> s = ops.sql().create(db, pools, new SqlLeaseService.Options(settings.offerLifetime()),
                stats);
        try {
            long n = SqlLeaseStatistics.seed(s, pools, stats);
            LOG.info(logPrefix + "_LEASE_DATABASE " + db.settings().describe() + ": " + n + " assigned leases in "
                    + "the server's pools");
        } catch (RuntimeException e) {
            LOG.warning(logPrefix + "_LEASE_DATABASE " + db.settings().describe() + ": statistics not read from "
                    + "the database: " + e.getMessage());
        }
        return s;
    }

    /**
     * Why {@code next} cannot be applied to these backends, or null: a different lease-database type, or a memfile
     * lease file of another name, needs a restart.
     */
    public String check(ServerConfig next) {
        Services.Database db = next.services().leaseDatabase();
        boolean nextSql = SqlBackends.handles(db);
        if (nextSql != sql()) {
            return "changing lease-database from " + type(leaseConfig) + " to " + type(db) + " needs a restart";
        }
        if (nextSql) {
            try {
                SqlSettings.from(db, next.services().multiThreading());
            } catch (RuntimeException e) {
                return "lease-database: " + e.getMessage();
            }
        }
        for (Services.Database h : next.services().hostsDatabases()) {
            if (!SqlBackends.handles(h)) {
                return "hosts-database type " + h.type() + " is not supported (postgresql, mysql)";
            }
            try {
                SqlSettings.from(h, next.services().multiThreading());
            } catch (RuntimeException e) {
                return "hosts-database: " + e.getMessage();
            }
        }
        return null;
    }

    private static String type(Services.Database db) {
        return db == null ? "memfile" : db.type();
    }

    /**
     * The lease service for a new configuration (call under the server's reload lock, after {@link #check}):
     * {@code current} when neither the pools nor the database changed and {@code sanity} moves or drops no lease;
     * otherwise a new service (memfile: a new engine over the current leases that {@code sanity} keeps; SQL: over the
     * same pool when the database settings are unchanged, else over a newly opened one, the old pool being closed).
     * {@code sanity} is Kea's {@code lease-checks} of the new configuration (Kea reloads its lease file, and checks
     * it, on every reconfiguration), null for none; memfile only. {@code resetGauges} runs before a new service
     * counts its leases.
     *
     * @throws StoreUnavailableException when a changed database cannot be opened (nothing was changed)
     */
    public LeaseService<L, K, C> reconfigure(ServerConfig next, LeaseService<L, K, C> current, boolean samePools,
            List<? extends Pool<K>> pools, AllocationEngine.Settings settings, LeaseStatsListener stats,
            Function<Collection<L>, LeaseSanity.Outcome<L>> sanity, Runnable resetGauges) {
        multiThreading = next.services().multiThreading();
        SqlDatabase db = leaseDb;
        if (db == null) {
            if (samePools && sanity == null) {
                return current;
            }
            List<L> all = new ArrayList<>();
            K after = null;
            while (true) {
                List<L> page = current.page(after, 10_000);
                if (page.isEmpty()) {
                    break;
                }
                all.addAll(page);
                after = ops.address().apply(page.getLast());
            }
            Collection<L> leases = all;
            if (sanity != null) {
                LeaseSanity.Outcome<L> checked = sanity.apply(all);
                if (samePools && !checked.changed()) {
                    return current;
                }
                leases = checked.kept();
            }
            resetGauges.run();
            return ops.engine().create(new HandOverStore<>(store, leases), pools, settings, stats);
        }
        Services.Database nextDb = next.services().leaseDatabase();
        SqlSettings wanted = SqlSettings.from(nextDb, multiThreading);
        if (wanted.equals(db.settings()) && samePools) {
            return current;
        }
        SqlDatabase target = wanted.equals(db.settings()) ? db : database(nextDb);
        resetGauges.run();
        LeaseService<L, K, C> s = sqlService(target, pools, settings, stats);
        leaseDb = target;
        return s;
    }

    /**
     * The host source of a configuration: {@code configured} (its reservations) first, then each
     * {@code hosts-database}. Opens the databases not open yet; those no longer named are closed by
     * {@link #retain}.
     */
    public HostSource hosts(ServerConfig config, HostSource configured) {
        List<Services.Database> dbs = config.services().hostsDatabases();
        if (dbs.isEmpty()) {
            return configured;
        }
        List<HostSource> sources = new ArrayList<>();
        sources.add(configured);
        for (Services.Database h : dbs) {
            sources.add(new SqlHostSource(SqlBackends.hosts(database(h)), ops.family() == Family.V6));
        }
        return new Chain(sources, logPrefix);
    }

    /** Closes the database pools {@code config} (the one now in force) does not name. */
    public void retain(ServerConfig config) {
        Set<SqlSettings> keep = new HashSet<>();
        Services.MultiThreading mt = config.services().multiThreading();
        SqlDatabase lease = leaseDb;
        if (lease != null) {
            keep.add(lease.settings());
        }
        for (Services.Database h : config.services().hostsDatabases()) {
            keep.add(SqlSettings.from(h, mt));
        }
        List<SqlDatabase> closing = new ArrayList<>();
        synchronized (databases) {
            databases.entrySet().removeIf(e -> {
                if (keep.contains(e.getKey())) {
                    return false;
                }
                closing.add(e.getValue());
                return true;
            });
        }
        for (SqlDatabase db : closing) {
            LOG.info(logPrefix + "_DB_CLOSE " + db.settings().describe() + " is no longer configured");
            db.close();
        }
    }

    /** The open pool of a database entry, opened (and migrated) when not open yet. */
    private SqlDatabase database(Services.Database entry) {
        SqlSettings settings = SqlSettings.from(entry, multiThreading);
        synchronized (databases) {
            SqlDatabase db = databases.get(settings);
            if (db != null) {
                return db;
            }
        }
        SqlDatabase db = SqlDatabase.open(settings, new OnFailListener(), ops.family() == Family.V6 ? "tui-dhcp6"
                : "tui-dhcp4");
        synchronized (databases) {
            SqlDatabase raced = databases.putIfAbsent(settings, db);
            if (raced != null) {
                db.close();
                return raced;
            }
        }
        LOG.info(logPrefix + "_DB_OPEN " + settings);
        return db;
    }

    /** Acts on connection events as the database's {@code on-fail} says. */
    private final class OnFailListener implements ConnectionListener {
        @Override
        public void lost(SqlSettings settings, String reason) {
            LOG.warning(logPrefix + "_DB_RECONNECT_LOST_CONNECTION " + settings.describe() + ": " + reason
                    + (settings.onFail().serves() ? "" : "; the service is disabled until it is back"));
            ServerControl c = control.get();
            if (c != null && !settings.onFail().serves()) {
                c.disable(DB_ORIGIN, null);
            }
        }

        @Override
        public void recovered(SqlSettings settings) {
            LOG.info(logPrefix + "_DB_RECONNECT_SUCCEEDED " + settings.describe());
            ServerControl c = control.get();
            if (c != null) {
                c.enable(DB_ORIGIN);
            }
        }

        @Override
        public void failed(SqlSettings settings, String reason) {
            ServerControl c = control.get();
            if (settings.onFail().exits()) {
                LOG.severe(logPrefix + "_DB_RECONNECT_FAILED " + settings.describe() + ": " + reason
                        + "; the server is shutting down (on-fail " + settings.onFail().keaName() + ")");
                if (c != null) {
                    c.shutdown(1);
                }
            } else {
                LOG.severe(logPrefix + "_DB_RECONNECT_FAILED " + settings.describe() + ": " + reason
                        + "; serving on without it (on-fail serve-retry-continue)");
                if (c != null) {
                    c.enable(DB_ORIGIN);
                }
            }
        }
    }

    /** Reservations from several sources: the first that knows a client wins. */
    private record Chain(List<HostSource> sources, String logPrefix) implements HostSource {
        @Override
        public Host get(long subnetId, IdentifierType type, Bytes identifier) {
            for (HostSource s : sources) {
                Host h = s.get(subnetId, type, identifier);
                if (h != null) {
                    return h;
                }
            }
            return null;
        }

        @Override
        public List<Host> byAddress(long subnetId, IpAddress address) {
            List<Host> out = new ArrayList<>();
            for (HostSource s : sources) {
                out.addAll(s.byAddress(subnetId, address));
            }
            return out;
        }

        /**
         * Every reservation of a subnet (when the runtime is built, to cut reserved addresses out of the pools). A
         * database that cannot be reached then contributes nothing (logged): its hosts still get their reservations
         * when it is back, but their addresses are not kept from other clients until the next reload.
         */
        @Override
        public List<Host> bySubnet(long subnetId) {
            List<Host> out = new ArrayList<>();
            for (HostSource s : sources) {
                try {
                    out.addAll(s.bySubnet(subnetId));
                } catch (StoreUnavailableException e) {
                    Logger.getLogger("tui.lease-backend").log(Level.WARNING, logPrefix + "_HOSTS_UNAVAILABLE "
                            + e.getMessage());
                }
            }
            return out;
        }
    }

    @Override
    public void close() throws IOException {
        List<SqlDatabase> all;
        synchronized (databases) {
            all = new ArrayList<>(databases.values());
            databases.clear();
        }
        for (SqlDatabase db : all) {
            db.close();
        }
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            if (leaseLock != null) {
                leaseLock.close();
            }
        }
    }

    @Override
    public String toString() {
        return "LeaseBackend[" + describe() + "]";
    }
}
