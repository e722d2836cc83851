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
import io.tui.dhcp.core.testing.ScratchDatabase;
import io.tui.dhcp.core.testing.ScratchDatabase.Kind;
import io.tui.dhcp.core.wire.v6.Dhcp6ClientMessage;
import io.tui.dhcp.core.wire.v6.Dhcp6MessageType;
import io.tui.dhcp.core.wire.v6.IaNaOption;
import io.tui.dhcp.core.wire.v6.IaPdOption;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
    @TempDir
    Path dir;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final Dhcp6ServerTest client = new Dhcp6ServerTest();
    private ScratchDatabase db;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoServersShareTheDatabase(Kind which) throws Exception {
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
        assertEquals(4, db.count("SELECT COUNT(*) FROM lease6"));
        assertNotNull(a.leases().get(second), "a sees b's lease");
        // the pool holds three addresses: the third client gets the last, the fourth none from either server
        assertNotNull(Dhcp6ServerTest.addr(client.send(a, Dhcp6MessageType.REQUEST, 3, IaNaOption.of(1, 0, 0))));
        Dhcp6ClientMessage none = client.send(b, Dhcp6MessageType.REQUEST, 4, IaNaOption.of(1, 0, 0));
        assertTrue(none == null || none.options().iaNa().getFirst().options().addresses().isEmpty(),
                "no address left: " + none);
        // both servers' sessions: a kept pool keeps all of its own, a reopened one would have lost them
        Set<Long> before = db.settledSessions();
        assertNull(a.apply(load(Dhcp6ServerTest.SUBNET1.replace("2001:db8:1::12", "2001:db8:1::20"))));
        Set<Long> after = db.settledSessions();
        assertTrue(after.containsAll(before), "the connection pool is kept across the reload: sessions " + after
                + " after " + before);
        assertEquals(3, Dhcp6ServerTest.stat(a, "subnet[1].assigned-nas"), "re-read after the reload");
        assertNotNull(Dhcp6ServerTest.addr(client.send(a, Dhcp6MessageType.REQUEST, 4, IaNaOption.of(1, 0, 0))));
    }

    private String config(String subnets) {
        return Dhcp6ServerTest.config(dir, subnets).replace(
                "\"lease-database\": {\"type\": \"memfile\", \"name\": \"" + dir + "/leases6.csv\", \"lfc-interval\": 0}",
                "\"lease-database\": {" + db.keaParameters() + "}");
    }

    private ServerConfig load(String subnets) throws Exception {
        String text = config(subnets);
        assertTrue(text.contains(db.name()), text);
        return new ConfigLoader(Family.V6, w -> { }).loadText(text, "test", null);
    }

    private Dhcp6Server start(String subnets) throws Exception {
        Dhcp6Server s = Dhcp6Server.start(load(subnets), new Dhcp6Server.Options(0, 0, null, null, false, false,
                Clock.systemUTC()), new StatsRegistry(SampleClock.system()));
        closing.add(s);
        return s;
    }

    private void setUp(Kind which) throws SQLException {
        db = ScratchDatabase.create(which, "tui_srv6");
        closing.add(db);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }
}
