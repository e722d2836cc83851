package io.tui.dhcp.core.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A uniquely named database for one test on the machine's PostgreSQL (127.0.0.1:5432, user {@code postgres},
 * trust) or MariaDB (127.0.0.1:3306, {@code root} without password), dropped on {@link #close} after its sessions
 * are terminated. An unreachable database server skips the test locally and fails it under CI
 * ({@link External#require}).
 *
 * <p>Only {@code java.sql}: the JDBC drivers come from the test's class path (the servers have them through
 * lease-backends). Besides plain queries it lists the database server's sessions connected to this database, which
 * is how the server tests tell a kept connection pool (the same sessions) from a reopened one (new sessions).
 */
public final class ScratchDatabase implements AutoCloseable {
    /** Where both database servers listen. */
    public static final String HOST = "127.0.0.1";

    /** The database servers, with what Kea's {@code lease-database} calls them. */
    public enum Kind {
        PGSQL("postgresql", 5432, "postgres", "/var/run/postgresql/.s.PGSQL.5432"),
        MYSQL("mysql", 3306, "root", "/run/mysqld/mysqld.sock");

        private final String type;
        private final int port;
        private final String user;
        private final Path socket;

        Kind(String type, int port, String user, String socket) {
            this.type = type;
            this.port = port;
            this.user = user;
            this.socket = Path.of(socket);
        }

        /** Kea's database {@code type}: {@code postgresql} or {@code mysql}. */
        public String type() {
            return type;
        }

        public int port() {
            return port;
        }

        /** The administrator, who needs no password. */
        public String user() {
            return user;
        }

        /** The server's UNIX socket. */
        public Path socket() {
            return socket;
        }

        /** True when an administrator's connection can be made. */
        public boolean reachable() {
            try (Connection c = admin(this, null)) {
                return c.isValid(2);
            } catch (SQLException e) {
                return false;
            }
        }
    }

    private final Kind kind;
    private final String name;

    private ScratchDatabase(Kind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    /**
     * Creates a database named {@code prefix} and a random suffix (skips, or fails under CI, when the server is
     * unreachable).
     */
    public static ScratchDatabase create(Kind kind, String prefix) throws SQLException {
        External.require(kind.reachable(), kind.type + " server at " + HOST + ":" + kind.port);
        String name = prefix + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try (Connection c = admin(kind, null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new ScratchDatabase(kind, name);
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    /**
     * The connection parameters of a Kea {@code lease-database} or {@code hosts-database} map for this database,
     * without the braces, reached at {@code port} (the server's own, or a relay's in front of it).
     */
    public String keaParameters(int port) {
        return "\"type\": \"" + kind.type + "\", \"name\": \"" + name + "\", \"host\": \"" + HOST + "\", \"port\": "
                + port + ", \"user\": \"" + kind.user + "\"";
    }

    /** {@link #keaParameters(int)} at the database server's port. */
    public String keaParameters() {
        return keaParameters(kind.port);
    }

    /** An administrator's connection to this database (the caller closes it). */
    public Connection connect() throws SQLException {
        return admin(kind, name);
    }

    /** The first column of the first row of {@code sql}, run in this database (a count, say). */
    public long count(String sql) throws SQLException {
        return row(sql)[0];
    }

    /** The first row of {@code sql}, run in this database, as numbers. */
    public long[] row(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row from " + sql);
            }
            long[] out = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rs.getLong(i + 1);
            }
            return out;
        }
    }

    /** The database server's ids of the sessions connected to this database (other than this query's own). */
    public Set<Long> sessions() throws SQLException {
        String sql = kind == Kind.PGSQL
                ? "SELECT pid FROM pg_stat_activity WHERE datname = '" + name + "' AND pid <> pg_backend_pid()"
                : "SELECT id FROM information_schema.processlist WHERE db = '" + name + "' AND id <> CONNECTION_ID()";
        Set<Long> out = new TreeSet<>();
        try (Connection c = admin(kind, null); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /**
     * {@link #sessions()} once the set has stopped changing: unchanged over three samples 150 ms apart (at most 15
     * seconds). Connection pools open their connections in the background (HikariCP fills up to its minimum after
     * the first), and a closed session may still be listed for a moment, so a single sample taken right after a
     * start or a reload can be short of a session or hold a stale one.
     */
    public Set<Long> settledSessions() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Set<Long> last = sessions();
        int same = 0;
        while (same < 2 && System.nanoTime() < deadline) {
            Thread.sleep(150);
            Set<Long> now = sessions();
            same = now.equals(last) ? same + 1 : 0;
            last = now;
        }
        return last;
    }

    /** Terminates the sessions connected to this database on the database server; returns how many. */
    public int terminateSessions() throws SQLException {
        try (Connection c = admin(kind, null); Statement s = c.createStatement()) {
            if (kind == Kind.PGSQL) {
                int n = 0;
                try (ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = '" + name + "' AND pid <> pg_backend_pid()")) {
                    while (rs.next()) {
                        n++;
                    }
                }
                return n;
            }
            List<Long> ids = new ArrayList<>(sessions());
            int n = 0;
            for (long id : ids) {
                try {
                    s.execute("KILL " + id);
                    n++;
                } catch (SQLException gone) {
                    // ended meanwhile
                }
            }
            return n;
        }
    }

    /** Terminates the database's sessions and drops it. */
    @Override
    public void close() throws SQLException {
        terminateSessions();
        try (Connection c = admin(kind, null); Statement s = c.createStatement()) {
            // PostgreSQL refuses to drop a database with sessions; FORCE ends any that reconnected meanwhile
            s.execute("DROP DATABASE IF EXISTS " + name + (kind == Kind.PGSQL ? " WITH (FORCE)" : ""));
        }
    }

    private static Connection admin(Kind kind, String database) throws SQLException {
        DriverManager.setLoginTimeout(3);
        Properties p = new Properties();
        p.setProperty("user", kind.user);
        if (kind == Kind.PGSQL) {
            return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + kind.port + "/"
                    + (database == null ? "postgres" : database), p);
        }
        p.setProperty("password", "");
        p.setProperty("sslMode", "DISABLED");
        p.setProperty("allowPublicKeyRetrieval", "true");
        return DriverManager.getConnection("jdbc:mysql://" + HOST + ":" + kind.port + "/"
                + (database == null ? "" : database), p);
    }
}
