package io.tui.dhcp.lease.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;

/**
 * One connection pool to one database, shared by the lease services and host store opened on it: bounded calls,
 * connection-loss handling and Kea's reconnect behaviour.
 *
 * <p>Every call takes a permit (at most {@link SqlSettings#maxInFlight()} at once; when none is free the call
 * fails at once with {@link StoreUnavailableException}, so a slow database sheds load instead of queueing it).
 * A call that meets a lost connection is run again on a fresh one (up to three times; connections killed on the
 * server are evicted from the pool); deadlocks and serialization failures are run again too. When the database
 * cannot be reached the pool goes down: calls fail fast, {@link ConnectionListener#lost} is called, and a virtual
 * thread tries to reconnect {@code max-reconnect-tries} times, {@code reconnect-wait-time} apart, then calls
 * {@link ConnectionListener#recovered} or {@link ConnectionListener#failed}.
 *
 * <p>JDBC blocks: call this from worker threads (virtual threads are fine), never from an event loop.
 */
public final class SqlDatabase implements AutoCloseable {
    /** Attempts of one call when its connection is lost or it deadlocks. */
    private static final int ATTEMPTS = 4;

    /** Where the pool stands. */
    public enum State {
        /** Serving. */
        UP,
        /** Connection lost; reconnecting. */
        RECONNECTING,
        /** Reconnecting failed (or was not allowed); calls fail until {@link #reconnect()}. */
        FAILED,
        /** Closed. */
        CLOSED
    }

    /** A unit of work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final SqlSettings settings;
    private final ConnectionListener listener;
    private final HikariDataSource pool;
    private final Semaphore inFlight;
    private final AtomicReference<State> state = new AtomicReference<>(State.UP);

    private SqlDatabase(SqlSettings settings, ConnectionListener listener, HikariDataSource pool) {
        this.settings = settings;
        this.listener = listener;
        this.pool = pool;
        this.inFlight = new Semaphore(settings.maxInFlight());
    }

    /**
     * Opens the pool and brings the schema up to date with Flyway (not for a {@code readonly} database).
     *
     * @throws StoreUnavailableException when the database cannot be reached and {@code retry-on-startup} is off
     *                                   (with it on, the pool starts down and reconnects)
     */
    public static SqlDatabase open(SqlSettings settings, ConnectionListener listener) {
        return open(settings, listener, "tui");
    }

    /** {@link #open(SqlSettings, ConnectionListener)} with a label naming the pool in diagnostics. */
    public static SqlDatabase open(SqlSettings settings, ConnectionListener listener, String label) {
        HikariConfig hc = new HikariConfig();
        Dialect d = settings.dialect();
        hc.setJdbcUrl(d.url(settings.host(), settings.port(), settings.name()));
        hc.setDataSourceProperties(d.properties(settings));
        hc.setMaximumPoolSize(settings.poolSize());
        hc.setMinimumIdle(settings.poolSize());
        hc.setConnectionTimeout(Math.max(250, settings.connectTimeout() * 1000));
        hc.setValidationTimeout(Math.max(250, Math.min(5000, settings.connectTimeout() * 1000)));
        hc.setInitializationFailTimeout(settings.retryOnStartup() ? -1 : 1);
        hc.setPoolName(label + "-" + d.type() + "-" + settings.name());
        if (d.initSql() != null) {
            hc.setConnectionInitSql(d.initSql());
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot connect to " + settings.describe() + ": " + rootMessage(e),
                    e);
        }
        SqlDatabase db = new SqlDatabase(settings, listener, ds);
        try {
            db.migrate();
        } catch (StoreUnavailableException e) {
            if (!settings.retryOnStartup()) {
                ds.close();
                throw e;
            }
            db.lose("unreachable at start-up: " + e.getMessage());
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return db;
    }

    /** Runs the migrations (once reachable): creates or upgrades the schema. */
    private void migrate() {
        if (settings.readonly()) {
            return;
        }
        try {
            Flyway.configure(SqlDatabase.class.getClassLoader())
                    .dataSource(pool)
                    .locations(settings.dialect().migrations())
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            if (findSql(e) instanceof SQLException s && Dialect.isConnectionLoss(s)) {
                throw new StoreUnavailableException("cannot reach " + settings.describe() + ": "
                        + rootMessage(e), e);
            }
            throw new SqlStoreException("schema migration of " + settings.describe() + " failed: "
                    + rootMessage(e), e);
        }
    }

    public SqlSettings settings() {
        return settings;
    }

    public Dialect dialect() {
        return settings.dialect();
    }

    public State state() {
        return state.get();
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode. */
    public <T> T call(Work<T> work) {
        return run(work, false);
    }

    /** Runs {@code work} in one transaction (committed when it returns, rolled back when it throws). */
    public <T> T transaction(Work<T> work) {
        return run(work, true);
    }

    private <T> T run(Work<T> work, boolean tx) {
        State s = state.get();
        if (s != State.UP) {
            throw new StoreUnavailableException(settings.describe() + " is " + s.name().toLowerCase());
        }
        if (!inFlight.tryAcquire()) {
            throw new StoreUnavailableException(settings.describe() + ": " + settings.maxInFlight()
                    + " calls already in flight");
        }
        try {
            SQLException last = null;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Connection c;
                try {
                    c = pool.getConnection();
                } catch (SQLException e) {
                    // Hikari gives up after connect-timeout: with a driver cause the server is unreachable,
                    // without one every connection stayed busy (overload, not loss).
                    if (e.getCause() != null) {
                        lose(rootMessage(e));
                        throw new StoreUnavailableException(settings.describe() + " unreachable: "
                                + rootMessage(e), e);
                    }
                    throw new StoreUnavailableException(settings.describe() + ": no connection free within "
                            + settings.connectTimeout() + " s", e);
                }
                try (c) {
                    if (!tx) {
                        return work.run(c);
                    }
                    c.setAutoCommit(false);
                    try {
                        T result = work.run(c);
                        c.commit();
                        return result;
                    } catch (SQLException | RuntimeException e) {
                        rollbackQuietly(c);
                        throw e;
                    } finally {
                        restoreAutoCommit(c);
                    }
                } catch (SQLException e) {
                    last = e;
                    if (Dialect.isConnectionLoss(e)) {
                        // Connections killed on the server: drop the idle ones too, they are likely dead.
                        pool.getHikariPoolMXBean().softEvictConnections();
                        continue;
                    }
                    if (Dialect.isRetryable(e)) {
                        continue;
                    }
                    throw new SqlStoreException(settings.describe() + ": " + e.getMessage(), e);
                }
            }
            if (last != null && Dialect.isConnectionLoss(last)) {
                lose(rootMessage(last));
                throw new StoreUnavailableException(settings.describe() + " unreachable: " + rootMessage(last),
                        last);
            }
            throw new SqlStoreException(settings.describe() + ": " + (last == null ? "failed" : last.getMessage()),
                    last);
        } finally {
            inFlight.release();
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    /** The connection is lost: go down and reconnect as the settings say. */
    void lose(String reason) {
        if (!state.compareAndSet(State.UP, State.RECONNECTING)) {
            return;
        }
        listener.lost(settings, reason);
        if (settings.maxReconnectTries() <= 0) {
            state.compareAndSet(State.RECONNECTING, State.FAILED);
            listener.failed(settings, "connection lost and max-reconnect-tries is 0: " + reason);
            return;
        }
        Thread.ofVirtual().name("tui-sql-reconnect-" + settings.name()).start(this::reconnectLoop);
    }

    private void reconnectLoop() {
        String reason = "no attempt made";
        for (long i = 0; i < settings.maxReconnectTries() && state.get() == State.RECONNECTING; i++) {
            try {
                Thread.sleep(settings.reconnectWaitTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                boolean valid;
                // checked and returned before migrating: Flyway takes two connections of its own, and a pool of
                // two (no multi-threading) would otherwise wait for itself until every try failed
                try (Connection c = pool.getConnection()) {
                    valid = c.isValid((int) Math.max(1, settings.connectTimeout()));
                }
                if (valid) {
                    migrate();
                    if (state.compareAndSet(State.RECONNECTING, State.UP)) {
                        listener.recovered(settings);
                    }
                    return;
                }
                reason = "connection not valid";
            } catch (SQLException | RuntimeException e) {
                reason = rootMessage(e);
            }
        }
        if (state.compareAndSet(State.RECONNECTING, State.FAILED)) {
            listener.failed(settings, "reconnecting failed after " + settings.maxReconnectTries() + " tries: "
                    + reason);
        }
    }

    /** Starts reconnecting a failed pool (for example on reconfiguration); no-op when up or reconnecting. */
    public void reconnect() {
        if (state.compareAndSet(State.FAILED, State.RECONNECTING)) {
            Thread.ofVirtual().name("tui-sql-reconnect-" + settings.name()).start(this::reconnectLoop);
        }
    }

    @Override
    public void close() {
        state.set(State.CLOSED);
        pool.close();
    }

    private static Throwable findSql(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException) {
                return c;
            }
        }
        return null;
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
