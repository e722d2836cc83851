package io.tui.dhcp.lease.sql;

import io.tui.dhcp.core.config.model.Services;
import java.util.Objects;

/**
 * A {@code lease-database} or {@code hosts-database} entry of type {@code postgresql} or {@code mysql}, with Kea's
 * keys and defaults, plus the connection pool size derived from {@code multi-threading}.
 *
 * @param dialect           PostgreSQL or MySQL/MariaDB
 * @param host              {@code host} (default {@code localhost})
 * @param port              {@code port} (default the dialect's)
 * @param name              {@code name}: the database
 * @param user              {@code user}, or null
 * @param password          {@code password}, or null
 * @param connectTimeout    {@code connect-timeout} in seconds (Kea's default 5)
 * @param readTimeout       {@code read-timeout} in seconds, 0: none (MySQL: socket read timeout; PostgreSQL:
 *                          socket timeout)
 * @param writeTimeout      {@code write-timeout} in seconds, 0: none (MySQL only in Kea; kept for PostgreSQL too as
 *                          a floor of the socket timeout)
 * @param tcpUserTimeout    {@code tcp-user-timeout} in seconds, 0: none (PostgreSQL)
 * @param maxReconnectTries {@code max-reconnect-tries} (Kea's default 0: a lost connection is final)
 * @param reconnectWaitTime {@code reconnect-wait-time} in milliseconds between attempts (Kea's default 0)
 * @param onFail            {@code on-fail}
 * @param retryOnStartup    {@code retry-on-startup}: start with the store down and reconnect, instead of failing
 * @param trustAnchor       {@code trust-anchor} (CA file), or null
 * @param certFile          {@code cert-file}, or null
 * @param keyFile           {@code key-file}, or null
 * @param readonly          {@code readonly} (host databases)
 * @param poolSize          connections in the pool
 * @param maxInFlight       calls allowed in flight at once; more fail at once with {@link StoreUnavailableException}
 */
public record SqlSettings(Dialect dialect, String host, int port, String name, String user, String password,
        long connectTimeout, long readTimeout, long writeTimeout, long tcpUserTimeout, long maxReconnectTries,
        long reconnectWaitTime, OnFail onFail, boolean retryOnStartup, String trustAnchor, String certFile,
        String keyFile, boolean readonly, int poolSize, int maxInFlight) {

    public SqlSettings {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(onFail, "onFail");
        if (poolSize < 1 || maxInFlight < poolSize) {
            throw new IllegalArgumentException("pool size " + poolSize + ", in flight " + maxInFlight);
        }
    }

    /**
     * Reads a database entry.
     *
     * @param db             the entry ({@code type} postgresql or mysql)
     * @param multiThreading the server's {@code multi-threading}: the pool gets four connections per packet thread (8 to 64)
     *                       ({@code thread-pool-size}, 0 meaning one per CPU; 2 without multi-threading)
     * @throws IllegalArgumentException for another type, a missing name or a bad value, with Kea's wording where
     *                                  Kea has one
     */
    public static SqlSettings from(Services.Database db, Services.MultiThreading multiThreading) {
        Dialect dialect = Dialect.forType(db.type());
        if (db.name() == null || db.name().isEmpty()) {
            throw new IllegalArgumentException("name of the database must be specified");
        }
        int threads = 2;
        if (multiThreading != null && multiThreading.enabled()) {
            threads = multiThreading.threadPoolSize() > 0 ? (int) Math.min(multiThreading.threadPoolSize(), 256)
                    : Runtime.getRuntime().availableProcessors();
        }
        // A database call waits on the server (a commit waits for its WAL flush) far longer than it uses a CPU, so
        // each packet thread Kea would run gets four connections (and four workers): concurrent commits share one
        // flush on the server. At least 8, at most 64.
        int poolSize = Math.min(64, Math.max(8, 4 * threads));
        String onFail = db.text("on-fail");
        long port = db.number("port", dialect.defaultPort());
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range");
        }
        return new SqlSettings(dialect, orDefault(db.text("host"), "localhost"), (int) port, db.name(),
                db.text("user"), db.text("password"), db.number("connect-timeout", 5), db.number("read-timeout", 0),
                db.number("write-timeout", 0), db.number("tcp-user-timeout", 0),
                db.number("max-reconnect-tries", 0), db.number("reconnect-wait-time", 0),
                onFail == null ? OnFail.STOP_RETRY_EXIT : OnFail.parse(onFail),
                db.parameters().get("retry-on-startup") instanceof Boolean b && b,
                db.text("trust-anchor"), db.text("cert-file"), db.text("key-file"),
                db.parameters().get("readonly") instanceof Boolean r && r, poolSize, poolSize * 4);
    }

    /** These settings with another pool size (in flight: four calls per connection). */
    public SqlSettings withPoolSize(int size) {
        return new SqlSettings(dialect, host, port, name, user, password, connectTimeout, readTimeout, writeTimeout,
                tcpUserTimeout, maxReconnectTries, reconnectWaitTime, onFail, retryOnStartup, trustAnchor, certFile,
                keyFile, readonly, size, size * 4);
    }

    /** These settings with other reconnect behaviour. */
    public SqlSettings withReconnect(long tries, long waitMillis, OnFail mode, boolean retryAtStart) {
        return new SqlSettings(dialect, host, port, name, user, password, connectTimeout, readTimeout, writeTimeout,
                tcpUserTimeout, tries, waitMillis, mode, retryAtStart, trustAnchor, certFile, keyFile, readonly,
                poolSize, maxInFlight);
    }

    /** A description without the password, for logs and errors. */
    public String describe() {
        return dialect.type() + "://" + (user == null ? "" : user + "@") + host + ":" + port + "/" + name;
    }

    @Override
    public String toString() {
        return "SqlSettings[" + describe() + ", pool " + poolSize + ", on-fail " + onFail.keaName() + "]";
    }

    private static String orDefault(String s, String dflt) {
        return s == null || s.isEmpty() ? dflt : s;
    }
}
