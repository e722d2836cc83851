package io.tui.dhcp.lease.sql;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;

/**
 * Every difference between PostgreSQL and MySQL/MariaDB that the SQL stores care about, in one place: the JDBC
 * URL and driver properties, the migration scripts, time conversion, insert-if-absent, null-safe comparison,
 * case-insensitive hostname lookup, unsigned 32-bit columns and how errors are classified.
 */
public enum Dialect {
    PGSQL("postgresql", 5432, "pgsql"),
    MYSQL("mysql", 3306, "mysql");

    /** MySQL's TIMESTAMP ends in 2038: later expiry times are stored as this (Kea does the same). */
    static final long MYSQL_MAX_EPOCH = 2_147_483_647L;

    private final String type;
    private final int defaultPort;
    private final String dir;

    Dialect(String type, int defaultPort, String dir) {
        this.type = type;
        this.defaultPort = defaultPort;
        this.dir = dir;
    }

    /** Kea's {@code type} value. */
    public String type() {
        return type;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The Flyway location of this dialect's migrations. */
    public String migrations() {
        return "classpath:db/migration/" + dir;
    }

    /** The dialect of Kea's {@code type}. */
    public static Dialect forType(String type) {
        for (Dialect d : values()) {
            if (d.type.equals(type)) {
                return d;
            }
        }
        throw new IllegalArgumentException("database type '" + type + "' is not an SQL backend (postgresql, mysql)");
    }

    /** The JDBC URL of a database on the server (no credentials: those go in the properties). */
    public String url(String host, int port, String database) {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return switch (this) {
            case PGSQL -> "jdbc:postgresql://" + h + ":" + port + "/" + database;
            case MYSQL -> "jdbc:mysql://" + h + ":" + port + "/" + database;
        };
    }

    /** Driver properties for the settings: timeouts, TLS, and (MySQL) UTC sessions and server-side behaviour. */
    public Properties properties(SqlSettings s) {
        Properties p = new Properties();
        if (s.user() != null) {
            p.setProperty("user", s.user());
        }
        if (s.password() != null) {
            p.setProperty("password", s.password());
        }
        long socket = Math.max(s.readTimeout(), s.writeTimeout());
        switch (this) {
            case PGSQL -> {
                p.setProperty("connectTimeout", Long.toString(s.connectTimeout()));
                p.setProperty("loginTimeout", Long.toString(s.connectTimeout()));
                if (socket > 0) {
                    p.setProperty("socketTimeout", Long.toString(socket));
                }
                p.setProperty("ApplicationName", "tui");
                p.setProperty("tcpKeepAlive", "true");
                if (s.trustAnchor() != null || s.certFile() != null) {
                    p.setProperty("ssl", "true");
                    p.setProperty("sslmode", s.trustAnchor() != null ? "verify-full" : "require");
                    setIf(p, "sslrootcert", s.trustAnchor());
                    setIf(p, "sslcert", s.certFile());
                    setIf(p, "sslkey", s.keyFile());
                }
            }
            case MYSQL -> {
                p.setProperty("connectTimeout", Long.toString(s.connectTimeout() * 1000));
                if (socket > 0) {
                    p.setProperty("socketTimeout", Long.toString(socket * 1000));
                }
                p.setProperty("characterEncoding", "UTF-8");
                p.setProperty("rewriteBatchedStatements", "true");
                p.setProperty("useServerPrepStmts", "true");
                p.setProperty("cachePrepStmts", "true");
                p.setProperty("prepStmtCacheSize", "256");
                p.setProperty("prepStmtCacheSqlLimit", "4096");
                p.setProperty("allowPublicKeyRetrieval", "true");
                p.setProperty("tcpKeepAlive", "true");
                // Kea's MySQL backend needs no TLS unless asked; Connector/J reads PEM trust anchors only through
                // a key store, so a PEM trust-anchor gives an encrypted but unverified connection (README).
                p.setProperty("sslMode", s.trustAnchor() != null || s.certFile() != null ? "REQUIRED" : "DISABLED");
            }
        }
        return p;
    }

    private static void setIf(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }

    /**
     * SQL run on every new connection. MySQL: sessions in UTC, so TIMESTAMP conversions never meet DST. PostgreSQL
     * (12 and later): every execution of a prepared statement is planned with its parameters. A connection otherwise
     * settles on one generic plan per statement after five executions and keeps it for its lifetime; a plan chosen
     * while the lease table was nearly empty can be a scan of the subnet's rows, which then grows with the table (it
     * doubled the database's CPU per exchange at a few thousand leases). Planning a short statement costs far less.
     */
    String initSql() {
        return this == MYSQL ? "SET time_zone = '+00:00'"
                : "SELECT set_config('plan_cache_mode', 'force_custom_plan', false)"
                        + " WHERE current_setting('server_version_num')::int >= 120000";
    }

    /** SQL turning a bound epoch-seconds parameter into the column's timestamp. */
    String toTimestamp() {
        return this == PGSQL ? "to_timestamp(?)" : "FROM_UNIXTIME(?)";
    }

    /** SQL reading a timestamp column as epoch seconds. */
    String epoch(String column) {
        return this == PGSQL ? "CAST(EXTRACT(EPOCH FROM " + column + ") AS BIGINT)" : "UNIX_TIMESTAMP(" + column + ")";
    }

    /** An epoch time the column can hold. */
    long clampEpoch(long seconds) {
        return this == MYSQL ? Math.max(1, Math.min(seconds, MYSQL_MAX_EPOCH)) : seconds;
    }

    /**
     * An INSERT that does nothing when the key exists: PostgreSQL appends {@code ON CONFLICT DO NOTHING}; MySQL
     * keeps the plain INSERT and the caller treats a duplicate-key error as "exists" ({@link #isDuplicate}),
     * since {@code INSERT IGNORE} would also turn other errors into warnings.
     */
    String insertIfAbsent(String insert) {
        return this == PGSQL ? insert + " ON CONFLICT DO NOTHING" : insert;
    }

    /** {@code column} equals the bound parameter, NULL equal to NULL. */
    String nullSafeEq(String column) {
        return this == PGSQL ? column + " IS NOT DISTINCT FROM ?" : column + " <=> ?";
    }

    /** An expression of the lower-cased hostname that the hostname index covers. */
    String lowerHostname() {
        return this == PGSQL ? "lower(hostname)" : "hostname_lc";
    }

    /** The parameter for an unsigned 32-bit value in a column Kea made signed in PostgreSQL (iaid). */
    Object uint32(long value) {
        return this == PGSQL ? (Object) (int) value : (Object) value;
    }

    /** Whether the error is a duplicate key. */
    boolean isDuplicate(SQLException e) {
        return "23505".equals(e.getSQLState()) || e.getErrorCode() == 1062
                || (this == MYSQL && "23000".equals(e.getSQLState()) && e.getErrorCode() == 1062);
    }

    /** Whether the error means the connection (or the server) is gone: retry on a new connection. */
    static boolean isConnectionLoss(SQLException e) {
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null) {
            return e.getCause() instanceof java.io.IOException;
        }
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || e.getErrorCode() == 1927 /* MariaDB: connection was killed */
                || e.getErrorCode() == 2013 || e.getErrorCode() == 2006;
    }

    /** Whether the error is a deadlock or serialization failure: the statement can simply be run again. */
    static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state) || e.getErrorCode() == 1213
                || e.getErrorCode() == 1205;
    }
}
