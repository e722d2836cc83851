package io.tui.dhcp4.server;

import static io.tui.dhcp4.server.Pipeline.SERVER;
import static io.tui.dhcp4.server.Pipeline.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.hook.ServerControl;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.wire.v4.Dhcp4Codec;
import io.tui.dhcp.core.wire.v4.Dhcp4Packet;
import io.tui.dhcp.core.wire.v4.DhcpMessageType;
import io.tui.dhcp.core.wire.v4.Ipv4;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole server in-process (no sockets): memfile, durability before the ACK, reload, locks, control. */
class Dhcp4ServerTest {
    @TempDir
    Path dir;

    private String config(String pool) {
        return """
            {"Dhcp4": {"valid-lifetime": 600,
              "lease-database": {"type": "memfile", "name": "%s"},
              "subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "pools": [{"pool": "%s"}]}]}}"""
                .formatted(dir.resolve("leases4.csv"), pool);
    }

    private static ServerConfig load(String text) throws Exception {
        return new ConfigLoader(Family.V4, w -> { }).loadText(text, "test", null);
    }

    private static byte[] encode(Dhcp4Packet p) {
        ByteBuf b = Unpooled.buffer();
        new Dhcp4Codec().encode(p, b);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    private static Reply4 send(Dhcp4Server s, Dhcp4Packet q) throws Exception {
        return s.handle(new Inbound4(encode(q), "veth0", SERVER, q.ciaddr(), 68, q.ciaddr() == 0))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static int lease(Dhcp4Server s, int client) throws Exception {
        Reply4 offer = send(s, query(DhcpMessageType.DHCPDISCOVER, client));
        Dhcp4Packet req = query(DhcpMessageType.DHCPREQUEST, client);
        req.options().putServerIdentifier(SERVER).putIpv4(50, offer.packet().yiaddr());
        Reply4 ack = send(s, req);
        assertEquals(DhcpMessageType.DHCPACK, ack.packet().options().messageType());
        return ack.packet().yiaddr();
    }

    private Dhcp4Server start(String text) throws Exception {
        return Dhcp4Server.start(load(text), new Dhcp4Server.Options(67, 68, null, dir, false, Clock.systemUTC()));
    }

    @Test
    void theLeaseRowIsInTheFileWhenTheAckIsHandedOutAndSurvivesARestart() throws Exception {
        int address;
        try (Dhcp4Server s = start(config("192.0.2.10-192.0.2.20"))) {
            assertTrue(Files.exists(dir.resolve("tui.kea-dhcp4.pid")), "PID file");
            address = lease(s, 1);
            String file = Files.readString(dir.resolve("leases4.csv"));
            assertTrue(file.contains("192.0.2.10,02:00:00:00:00:01,"), file);
        }
        assertFalse(Files.exists(dir.resolve("tui.kea-dhcp4.pid")), "PID file removed on close");
        try (Dhcp4Server s = start(config("192.0.2.10-192.0.2.20"))) {
            assertEquals(LeaseState.DEFAULT, s.leases().get(address).state());
            assertEquals(address, lease(s, 1), "the same client keeps its address");
            assertEquals(1, s.stats().get("subnet[1].assigned-addresses").get("subnet[1].assigned-addresses")
                    .get(0).get(0).asLong());
        }
    }

    @Test
    void aSecondInstanceOnTheSameLeaseFileIsRefused() throws Exception {
        try (Dhcp4Server s = start(config("192.0.2.10-192.0.2.20"))) {
            IOException e = assertThrows(IOException.class, () -> Dhcp4Server.start(load(config("192.0.2.10-192.0.2.20")),
                    new Dhcp4Server.Options(67, 68, null, null, false, Clock.systemUTC())));
            assertTrue(e.getMessage().contains("another running instance"), e.getMessage());
        }
    }

    @Test
    void configSetMovesLeasesToNewPoolsAndABadConfigKeepsTheOld() throws Exception {
        try (Dhcp4Server s = start(config("192.0.2.10-192.0.2.20"))) {
            int a = lease(s, 1);
            ObjectMapper m = new ObjectMapper();
            ServerControl.ConfigOutcome ok = s.control().setConfig(m.readTree(config("192.0.2.10-192.0.2.30")));
            assertTrue(ok.ok(), ok.errors().toString());
            assertEquals(a, s.leases().get(a).address());
            assertEquals(a, lease(s, 1), "the client keeps its lease across the reload");
            assertEquals(21, s.stats().get("subnet[1].total-addresses").get("subnet[1].total-addresses")
                    .get(0).get(0).asLong());
            ServerControl.ConfigOutcome bad = s.control().setConfig(m.readTree(
                    "{\"Dhcp4\": {\"subnet4\": [{\"id\": 1, \"subnet\": \"300.0.2.0/24\"}]}}"));
            assertFalse(bad.ok());
            assertEquals(21, s.runtime().subnet(1).pools().getFirst().size(), "old configuration kept");
            assertTrue(s.control().testConfig(m.readTree(config("192.0.2.10-192.0.2.12"))).ok());
            assertEquals(21, s.runtime().subnet(1).pools().getFirst().size(), "config-test changes nothing");
        }
    }

    @Test
    void disableWithMaxPeriodStatusAndReclaim() throws Exception {
        try (Dhcp4Server s = start(config("192.0.2.10-192.0.2.20"))) {
            s.control().disable("user", Duration.ofMillis(300));
            assertFalse(s.control().enabled());
            assertNull(send(s, query(DhcpMessageType.DHCPDISCOVER, 2)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!s.control().enabled() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(s.control().enabled(), "max-period re-enabled the service");
            assertNotNull(send(s, query(DhcpMessageType.DHCPDISCOVER, 2)));
            var status = s.control().status();
            assertEquals(ProcessHandle.current().pid(), status.get("pid").asLong());
            assertEquals("ready", status.get("sockets").get("status").asText());
            assertEquals(s.config().services().multiThreading().enabled(),
                    status.get("multi-threading-enabled").asBoolean());
            s.control().reclaimNow(false);
            assertEquals(List.of(), s.leases().byState(LeaseState.EXPIRED_RECLAIMED, 0));
        }
    }

    @Test
    void concurrentClientsNeverShareAnAddress() throws Exception {
        try (Dhcp4Server s = start(config("192.0.2.10-192.0.2.209"))) {
            int threads = 8;
            int perThread = 25;
            java.util.Set<Integer> given = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.concurrent.atomic.AtomicInteger acks = new java.util.concurrent.atomic.AtomicInteger();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
                List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int base = t * perThread;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            int a = lease(s, base + i);
                            given.add(a);
                            acks.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (var f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
            }
            assertEquals(threads * perThread, acks.get());
            assertEquals(threads * perThread, given.size(), "an address was given to two clients");
            assertEquals(threads * perThread, s.leases().count());
        }
    }

    @Test
    void theExpiryTimersReclaimAndThenFlushExpiredLeases() throws Exception {
        String text = """
            {"Dhcp4": {"valid-lifetime": 1, "min-valid-lifetime": 1,
              "lease-database": {"type": "memfile", "name": "%s"},
              "expired-leases-processing": {"reclaim-timer-wait-time": 1, "flush-reclaimed-timer-wait-time": 2,
                                            "hold-reclaimed-time": 1},
              "subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "pools": [{"pool": "192.0.2.10-192.0.2.20"}]}]}}"""
                .formatted(dir.resolve("leases4.csv"));
        try (Dhcp4Server s = start(text)) {
            int a = lease(s, 7);
            assertTrue(waitFor(() -> s.leases().get(a) != null
                    && s.leases().get(a).state() == LeaseState.EXPIRED_RECLAIMED), "reclaimed");
            assertEquals(1, s.stats().get("reclaimed-leases").get("reclaimed-leases").get(0).get(0).asLong());
            assertTrue(waitFor(() -> s.leases().get(a) == null), "flushed after hold-reclaimed-time");
            assertTrue(Files.readString(dir.resolve("leases4.csv")).contains("192.0.2.10,02:00:00:00:00:07,,0,"),
                    "the deletion is a row with valid lifetime 0");
        }
    }

    private static boolean waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (c.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void persistFalseWritesNoFile() throws Exception {
        String text = """
            {"Dhcp4": {"lease-database": {"type": "memfile", "persist": false, "name": "%s"},
              "subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "pools": [{"pool": "192.0.2.10-192.0.2.20"}]}]}}"""
                .formatted(dir.resolve("none.csv"));
        try (Dhcp4Server s = Dhcp4Server.start(load(text), Dhcp4Server.Options.inProcess())) {
            assertEquals(Ipv4.of(192, 0, 2, 10), lease(s, 3));
        }
        assertFalse(Files.exists(dir.resolve("none.csv")));
    }
}
