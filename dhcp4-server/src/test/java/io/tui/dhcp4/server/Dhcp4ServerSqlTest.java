package io.tui.dhcp4.server;

import static io.tui.dhcp4.server.Pipeline.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.testing.ScratchDatabase;
import io.tui.dhcp.core.testing.ScratchDatabase.Kind;
import io.tui.dhcp.core.wire.v4.Dhcp4Codec;
import io.tui.dhcp.core.wire.v4.Dhcp4Packet;
import io.tui.dhcp.core.wire.v4.DhcpMessageType;
import io.tui.dhcp.core.wire.v4.Ipv4;
import io.tui.dhcp.lease.sql.SqlBackends;
import io.tui.dhcp.lease.sql.SqlDatabase;
import io.tui.dhcp.lease.sql.SqlHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * In-process {@link Dhcp4Server}s (no sockets) on a SQL {@code lease-database}, on the machine's PostgreSQL and
 * MariaDB (a fresh database per test): statistics at start come from the database (another server's leases
 * included), a reload keeps the connection pool (the same server-side sessions), a {@code hosts-database}
 * reservation is served, an unreachable database (a TCP relay the test cuts) drops the packet and counts it in
 * {@code pkt4-receive-drop}, then serves again once reconnected, and a reload refuses a memfile/SQL switch but
 * reopens a database whose settings changed (new sessions, the old pool closed).
 */
class Dhcp4ServerSqlTest {
    private final List<AutoCloseable> closing = new ArrayList<>();
    private ScratchDatabase db;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void statisticsAtStartComeFromTheDatabaseAndAReloadKeepsThePool(Kind which) throws Exception {
        setUp(which);
        Dhcp4Server a = start(config("192.0.2.10-192.0.2.100", ""));
        for (int i = 1; i <= 3; i++) {
            lease(a, i);
        }
        assertEquals(3, stat(a, "subnet[1].assigned-addresses"));
        Dhcp4Server b = start(config("192.0.2.10-192.0.2.100", ""));
        assertEquals(3, stat(b, "subnet[1].assigned-addresses"), "seeded from the database at start");
        int fourth = lease(b, 4);
        assertEquals(4, stat(b, "subnet[1].assigned-addresses"));
        assertEquals(4, db.count("SELECT COUNT(*) FROM lease4"));
        Set<Long> before = db.settledSessions();
        // same database settings, other pools: a new lease service over the same pool, gauges read again
        assertNull(a.apply(load(config("192.0.2.10-192.0.2.120", ""))));
        Set<Long> after = db.settledSessions();
        assertTrue(after.containsAll(before), "the connection pool is kept across the reload: sessions " + after
                + " after " + before);
        assertEquals(4, stat(a, "subnet[1].assigned-addresses"), "re-read after the reload");
        int fifth = lease(a, 5);
        assertNotEquals(fourth, fifth);
        assertNotNull(a.leases().get(fourth), "a sees b's lease");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aHostsDatabaseReservationIsServed(Kind which) throws Exception {
        setUp(which);
        String hosts = ", \"hosts-database\": {" + db.keaParameters() + "}";
        // the schema is made by the server's lease database at start; add the host afterwards and reload
        Dhcp4Server s = start(config("192.0.2.10-192.0.2.100", hosts));
        int reserved = Ipv4.of(192, 0, 2, 50);
        try (SqlDatabase sql = SqlBackends.open(load(config("192.0.2.10-192.0.2.100", hosts)).services()
                .hostsDatabases().getFirst(), Family.V4, null, null)) {
            assertTrue(SqlBackends.hosts(sql).add(SqlHost.v4(SqlHost.IdentifierType.HW_ADDRESS,
                    Bytes.of(Pipeline.mac(7)), 1, reserved, "db-host")) > 0);
        }
        // its address is cut out of the dynamic pool when the configuration is (re)loaded
        assertNull(s.apply(load(config("192.0.2.10-192.0.2.100", hosts))));
        for (int client = 10; client < 20; client++) {
            assertNotEquals(reserved, lease(s, client), "the reserved address is kept from other clients");
        }
        assertEquals(reserved, lease(s, 7), "the database's reservation");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anUnreachableDatabaseDropsAndCountsThenServesAgain(Kind which) throws Exception {
        setUp(which);
        Relay relay = new Relay(db.kind().port());
        closing.add(relay);
        Dhcp4Server s = start(config(relay.port(), "192.0.2.10-192.0.2.100",
                "").replace("\"connect-timeout\": 2", "\"connect-timeout\": 2, \"on-fail\": \"serve-retry-continue\","
                        + " \"max-reconnect-tries\": 100, \"reconnect-wait-time\": 200"));
        lease(s, 1);
        long drops = stat(s, "pkt4-receive-drop");
        relay.cut();
        assertNull(send(s, Pipeline.query(DhcpMessageType.DHCPDISCOVER, 2)), "no answer without the database");
        assertNull(send(s, Pipeline.query(DhcpMessageType.DHCPDISCOVER, 3)));
        assertEquals(drops + 2, stat(s, "pkt4-receive-drop"), "dropped and counted");
        assertTrue(s.control().enabled(), "serve-retry-continue keeps the service enabled");
        relay.resume();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Reply4 offer = null;
        while (offer == null && System.nanoTime() < deadline) {
            Thread.sleep(200);
            offer = send(s, Pipeline.query(DhcpMessageType.DHCPDISCOVER, 2));
        }
        assertNotNull(offer, "served again after reconnecting");
        lease(s, 2);
        assertEquals(2, db.count("SELECT COUNT(*) FROM lease4"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aReloadRefusesAnotherBackendTypeAndReopensAChangedDatabase(Kind which) throws Exception {
        setUp(which);
        Dhcp4Server s = start(config("192.0.2.10-192.0.2.100", ""));
        int first = lease(s, 1);
        String memfile = config("192.0.2.10-192.0.2.100", "").replaceFirst(
                "\"lease-database\": \\{[^}]*}", "\"lease-database\": {\"type\": \"memfile\", \"persist\": false}");
        String refused = s.apply(load(memfile));
        assertNotNull(refused);
        assertTrue(refused.contains("restart"), refused);
        assertEquals(db.kind().type(), s.config().services().leaseDatabase().type(), "the running configuration stays");
        Set<Long> before = db.settledSessions();
        // other database settings: a new pool, the old one closed
        assertNull(s.apply(load(config("192.0.2.10-192.0.2.100", "").replace(
                "\"connect-timeout\": 2", "\"connect-timeout\": 3"))));
        Set<Long> after = db.settledSessions();
        assertFalse(after.isEmpty(), "the new pool's sessions");
        assertTrue(after.stream().noneMatch(before::contains), "new sessions " + after + " after " + before);
        assertEquals(first, lease(s, 1), "the same lease, read from the database through the new pool");
        assertEquals(1, stat(s, "subnet[1].assigned-addresses"));
    }

    // ---- server --------------------------------------------------------------------------------------------------

    private String config(String pool, String extra) {
        return config(db.kind().port(), pool, extra);
    }

    private String config(int port, String pool, String extra) {
        return """
            {"Dhcp4": {"valid-lifetime": 600,
              "lease-database": {%s, "connect-timeout": 2}%s,
              "subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "pools": [{"pool": "%s"}]}]}}"""
                .formatted(db.keaParameters(port), extra, pool);
    }

    private static ServerConfig load(String text) throws Exception {
        return new ConfigLoader(Family.V4, w -> { }).loadText(text, "test", null);
    }

    private Dhcp4Server start(String text) throws Exception {
        Dhcp4Server s = Dhcp4Server.start(load(text), new Dhcp4Server.Options(67, 68, null, null, false,
                Clock.systemUTC()));
        closing.add(s);
        return s;
    }

    private static Reply4 send(Dhcp4Server s, Dhcp4Packet q) throws Exception {
        ByteBuf b = Unpooled.buffer();
        new Dhcp4Codec().encode(q, b);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return s.handle(new Inbound4(out, "veth0", SERVER, q.ciaddr(), 68, q.ciaddr() == 0))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static int lease(Dhcp4Server s, int client) throws Exception {
        Reply4 offer = send(s, Pipeline.query(DhcpMessageType.DHCPDISCOVER, client));
        assertNotNull(offer, "OFFER for client " + client);
        Dhcp4Packet req = Pipeline.query(DhcpMessageType.DHCPREQUEST, client);
        req.options().putServerIdentifier(SERVER).putIpv4(50, offer.packet().yiaddr());
        Reply4 ack = send(s, req);
        assertEquals(DhcpMessageType.DHCPACK, ack.packet().options().messageType());
        return ack.packet().yiaddr();
    }

    private static long stat(Dhcp4Server s, String name) {
        var node = s.stats().get(name).get(name);
        return node == null ? 0 : node.get(0).get(0).asLong();
    }

    // ---- database ------------------------------------------------------------------------------------------------

    private void setUp(Kind which) throws SQLException {
        db = ScratchDatabase.create(which, "tui_srvt");
        closing.add(db);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    /** A TCP relay on 127.0.0.1 to the database that the test can cut (connections reset, port closed). */
    private static final class Relay implements AutoCloseable {
        private final int target;
        private final int port;
        private final ConcurrentLinkedQueue<Socket> open = new ConcurrentLinkedQueue<>();
        private volatile ServerSocket listener;

        Relay(int target) throws IOException {
            this.target = target;
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            this.port = s.getLocalPort();
            listen(s);
        }

        int port() {
            return port;
        }

        private void listen(ServerSocket s) {
            listener = s;
            Thread.ofVirtual().start(() -> {
                while (!s.isClosed()) {
                    try {
                        Socket in = s.accept();
                        Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                        open.add(in);
                        open.add(out);
                        pump(in, out);
                        pump(out, in);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private void pump(Socket from, Socket to) {
            Thread.ofVirtual().start(() -> {
                try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                    i.transferTo(o);
                } catch (IOException e) {
                    // cut or closed
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            });
        }

        void cut() throws IOException {
            listener.close();
            Socket s;
            while ((s = open.poll()) != null) {
                closeQuietly(s);
            }
        }

        void resume() throws IOException {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listen(s);
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            cut();
        }
    }
}
