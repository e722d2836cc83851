package io.tui.dhcp6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.stats.SampleClock;
import io.tui.dhcp.core.stats.StatsRegistry;
import io.tui.dhcp.core.testing.External;
import io.tui.dhcp.core.wire.v6.Dhcp6ClientMessage;
import io.tui.dhcp.core.wire.v6.Dhcp6MessageType;
import io.tui.dhcp.core.wire.v6.IaNaOption;
import io.tui.dhcp.core.wire.v6.IaPdOption;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * In-process {@link Dhcp6Server}s on a SQL {@code lease-database} (the machine's PostgreSQL and MariaDB, a fresh
 * database per test): addresses and prefixes leased by two servers sharing the database are distinct and in the
 * {@code lease6} table, the second server's gauges at start include the first's leases, and a reload with other
 * pools keeps the connection pool.
 */
class Dhcp6ServerSqlTest {
    enum Db {
        PGSQL("postgresql", 5432, "postgres"),
        MYSQL("mysql", 3306, "root");

        final String type;
        final int port;
        final String user;

        Db(String type, int port, String user) {
            this.type = type;
            this.port = port;
            this.user = user;
        }
    }

    @TempDir
    Path dir;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final Dhcp6ServerTest client = new Dhcp6ServerTest();
    private Db db;
    private String name;

    @ParameterizedTest
    @EnumSource(Db.class)
    void twoServersShareTheDatabase(Db which) throws Exception {
        setUp(which);
        Dhcp6Server a = start(Dhcp6ServerTest.SUBNET1);
        Dhcp6ClientMessage r1 = client.send(a, Dhcp6MessageType.REQUEST, 1, IaNaOption.of(1, 0, 0),
                IaPdOption.of(2, 0, 0));
        Ip6Address first = Dhcp6ServerTest.addr(r1);
        Ip6Address prefix = r1.options().iaPd().getFirst().options().prefixes().getFirst().prefix();
        assertEquals(1, Dhcp6ServerTest.stat(a, "subnet[1].assigned-nas"));
        Dhcp6Server b = start(Dhcp6ServerTest.SUBNET1);
        assertEquals(1, Dhcp6ServerTest.stat(b, "subnet[1].assigned-nas"), "seeded from the database");
        assertEquals(1, Dhcp6ServerTest.stat(b, "subnet[1].assigned-pds"), "seeded from the database");
        Dhcp6ClientMessage r2 = client.send(b, Dhcp6MessageType.REQUEST, 2, IaNaOption.of(1, 0, 0),
                IaPdOption.of(2, 0, 0));
        Ip6Address second = Dhcp6ServerTest.addr(r2);
        assertNotEquals(first, second);
        assertNotEquals(prefix, r2.options().iaPd().getFirst().options().prefixes().getFirst().prefix());
        assertEquals(4, count("SELECT COUNT(*) FROM lease6"));
        assertNotNull(a.leases().get(second), "a sees b's lease");
        // the pool holds three addresses: the third client gets the last, the fourth none from either server
        assertNotNull(Dhcp6ServerTest.addr(client.send(a, Dhcp6MessageType.REQUEST, 3, IaNaOption.of(1, 0, 0))));
        Dhcp6ClientMessage none = client.send(b, Dhcp6MessageType.REQUEST, 4, IaNaOption.of(1, 0, 0));
        assertTrue(none == null || none.options().iaNa().getFirst().options().addresses().isEmpty(),
                "no address left: " + none);
        Set<Long> before = sessions();
        assertNull(a.apply(load(Dhcp6ServerTest.SUBNET1.replace("2001:db8:1::12", "2001:db8:1::20"))));
        assertEquals(before, sessions(), "the connection pool is kept across the reload");
        assertEquals(3, Dhcp6ServerTest.stat(a, "subnet[1].assigned-nas"), "re-read after the reload");
        assertNotNull(Dhcp6ServerTest.addr(client.send(a, Dhcp6MessageType.REQUEST, 4, IaNaOption.of(1, 0, 0))));
    }

    private String config(String subnets) {
        return Dhcp6ServerTest.config(dir, subnets).replace(
                "\"lease-database\": {\"type\": \"memfile\", \"name\": \"" + dir + "/leases6.csv\", \"lfc-interval\": 0}",
                "\"lease-database\": {\"type\": \"" + db.type + "\", \"name\": \"" + name + "\", \"host\": \"127.0.0.1\", "
                        + "\"port\": " + db.port + ", \"user\": \"" + db.user + "\"}");
    }

    private ServerConfig load(String subnets) throws Exception {
        String text = config(subnets);
        assertTrue(text.contains(name), text);
        return new ConfigLoader(Family.V6, w -> { }).loadText(text, "test", null);
    }

    private Dhcp6Server start(String subnets) throws Exception {
        Dhcp6Server s = Dhcp6Server.start(load(subnets), new Dhcp6Server.Options(0, 0, null, null, false, false,
                Clock.systemUTC()), new StatsRegistry(SampleClock.system()));
        closing.add(s);
        return s;
    }

    private void setUp(Db which) throws SQLException {
        External.require(reachable(which), which.type + " server at 127.0.0.1:" + which.port);
        db = which;
        name = "tui_srv6_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try (Connection c = admin(which, null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        if (name != null) {
            try (Connection c = admin(db, null); Statement s = c.createStatement()) {
                if (db == Db.PGSQL) {
                    s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
                }
                s.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    private static boolean reachable(Db which) {
        try (Connection c = admin(which, null)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static Connection admin(Db which, String database) throws SQLException {
        DriverManager.setLoginTimeout(3);
        Properties p = new Properties();
        p.setProperty("user", which.user);
        if (which == Db.PGSQL) {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/"
                    + (database == null ? "postgres" : database), p);
        }
        p.setProperty("password", "");
        p.setProperty("sslMode", "DISABLED");
        p.setProperty("allowPublicKeyRetrieval", "true");
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/" + (database == null ? "" : database), p);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = admin(db, name); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Set<Long> sessions() throws SQLException {
        String sql = db == Db.PGSQL
                ? "SELECT pid FROM pg_stat_activity WHERE datname = '" + name + "' AND pid <> pg_backend_pid()"
                : "SELECT id FROM information_schema.processlist WHERE db = '" + name + "' AND id <> CONNECTION_ID()";
        Set<Long> out = new TreeSet<>();
        try (Connection c = admin(db, null); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }
}
