package io.tui.dhcp.lease.sql;

import io.tui.dhcp.core.testing.External;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A uniquely named database on the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust) or MariaDB
 * (127.0.0.1:3306, root without password), created for one test class and dropped after it. MariaDB databases get
 * their own user, so tests can lock it out without locking out root. Unreachable servers skip the test locally and
 * fail it under CI.
 */
final class TestDatabase implements AutoCloseable {
    static final String HOST = "127.0.0.1";

    final Dialect dialect;
    final String name;
    final String user;
    final String password;

    private TestDatabase(Dialect dialect, String name, String user, String password) {
        this.dialect = dialect;
        this.name = name;
        this.user = user;
        this.password = password;
    }

    /** Creates a fresh database (skips or fails when the server is unreachable). */
    static TestDatabase create(Dialect dialect, String prefix) {
        External.require(reachable(dialect), dialect.type() + " server at " + HOST + ":" + dialect.defaultPort());
        String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String name = "tui_t_" + prefix.toLowerCase() + "_" + suffix;
        try (Connection c = admin(dialect); Statement s = c.createStatement()) {
            if (dialect == Dialect.PGSQL) {
                s.execute("CREATE DATABASE " + name);
                return new TestDatabase(dialect, name, "postgres", null);
            }
            String user = "tu_" + suffix;
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            for (String host : List.of("%", "localhost", "127.0.0.1")) {
                s.execute("CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY 'pw-" + suffix + "'");
                s.execute("GRANT ALL ON " + name + ".* TO '" + user + "'@'" + host + "'");
            }
            return new TestDatabase(dialect, name, user, "pw-" + suffix);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database: " + e.getMessage(), e);
        }
    }

    static boolean reachable(Dialect dialect) {
        try (Connection c = admin(dialect)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    static Connection admin(Dialect dialect) throws SQLException {
        DriverManager.setLoginTimeout(3);
        Properties p = new Properties();
        if (dialect == Dialect.PGSQL) {
            p.setProperty("user", "postgres");
            p.setProperty("connectTimeout", "3");
            return DriverManager.getConnection(dialect.url(HOST, dialect.defaultPort(), "postgres"), p);
        }
        p.setProperty("user", "root");
        p.setProperty("password", "");
        p.setProperty("connectTimeout", "3000");
        p.setProperty("sslMode", "DISABLED");
        p.setProperty("allowPublicKeyRetrieval", "true");
        return DriverManager.getConnection("jdbc:mysql://" + HOST + ":" + dialect.defaultPort() + "/", p);
    }

    /** Settings for this database with a pool of {@code poolSize}, Kea's defaults otherwise (no reconnect). */
    SqlSettings settings(int poolSize) {
        return new SqlSettings(dialect, HOST, dialect.defaultPort(), name, user, password, 2, 0, 0, 0, 0, 0,
                OnFail.STOP_RETRY_EXIT, false, null, null, null, false, poolSize, poolSize * 4);
    }

    SqlDatabase open(int poolSize) {
        return SqlDatabase.open(settings(poolSize), ConnectionListener.NONE);
    }

    /** Runs SQL as the administrator, in this database. */
    void exec(String sql) throws SQLException {
        try (Connection c = adminHere(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A one-value query as the administrator, in this database. */
    long queryLong(String sql) throws SQLException {
        try (Connection c = adminHere(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** An administrator's connection to this database (the caller closes it). */
    Connection adminHere() throws SQLException {
        Connection c = admin(dialect);
        if (dialect == Dialect.PGSQL) {
            c.close();
            Properties p = new Properties();
            p.setProperty("user", "postgres");
            return DriverManager.getConnection(dialect.url(HOST, dialect.defaultPort(), name), p);
        }
        c.setCatalog(name);
        return c;
    }

    /** Kills every connection to this database on the server side; returns how many. */
    int killConnections() throws SQLException {
        try (Connection c = admin(dialect)) {
            if (dialect == Dialect.PGSQL) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
                    ps.setString(1, name);
                    int n = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            n++;
                        }
                    }
                    return n;
                }
            }
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM information_schema.processlist WHERE user = ?")) {
                ps.setString(1, user);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            int n = 0;
            try (Statement s = c.createStatement()) {
                for (long id : ids) {
                    try {
                        s.execute("KILL " + id);
                        n++;
                    } catch (SQLException gone) {
                        // ended meanwhile
                    }
                }
            }
            return n;
        }
    }

    /** Refuses (false) or allows (true) new connections to this database, and kills the current ones. */
    void allowConnections(boolean allow) throws SQLException {
        try (Connection c = admin(dialect); Statement s = c.createStatement()) {
            if (dialect == Dialect.PGSQL) {
                s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + allow);
            } else {
                for (String host : List.of("%", "localhost", "127.0.0.1")) {
                    s.execute("ALTER USER '" + user + "'@'" + host + "' ACCOUNT " + (allow ? "UNLOCK" : "LOCK"));
                }
            }
        }
        if (!allow) {
            killConnections();
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = admin(dialect); Statement s = c.createStatement()) {
            if (dialect == Dialect.PGSQL) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } else {
                killConnections();
                s.execute("DROP DATABASE IF EXISTS " + name);
                for (String host : List.of("%", "localhost", "127.0.0.1")) {
                    s.execute("DROP USER IF EXISTS '" + user + "'@'" + host + "'");
                }
            }
        }
    }
}
