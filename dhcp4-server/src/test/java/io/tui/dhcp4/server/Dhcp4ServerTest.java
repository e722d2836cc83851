package io.tui.dhcp4.server;

import static io.tui.dhcp4.server.Pipeline.SERVER;
import static io.tui.dhcp4.server.Pipeline.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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

    /** Live threads of the lease file's group-commit writer (they exist only while fsync is on). */
    private static long leaseWriters() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().endsWith("-writer")).count();
    }

    @Test
    void fsyncInTheLeaseDatabaseTurnsOnTheGroupCommitWriterAndAcksStillFollowTheirRows() throws Exception {
        String fsync = config("192.0.2.10-192.0.2.20").replace("\"type\": \"memfile\",",
                "\"type\": \"memfile\", \"fsync\": true,");
        assertTrue(fsync.contains("\"fsync\": true"), fsync);
        long before = leaseWriters();
        try (Dhcp4Server s = start(fsync)) {
            assertEquals(before + 1, leaseWriters(), "fsync on: rows are forced by the writer thread");
            int address = lease(s, 3);
            String file = Files.readString(dir.resolve("leases4.csv"));
            assertTrue(file.contains(io.tui.dhcp.core.lease.AddressText.formatV4(address) + ",02:00:00:00:00:03,"), file);
        }
        try (Dhcp4Server s = start(config("192.0.2.10-192.0.2.20"))) {
            assertEquals(before, leaseWriters(), "fsync off (Kea's behaviour): no writer thread");
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

    /** A Kea 2.2 lease file: one lease that fits, two in the wrong subnet, one in no subnet, one in subnet 2. */
    private String keaLeaseFile() {
        long expire = System.currentTimeMillis() / 1000 + 3600;
        return "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,"
                + "user_context\n"
                + "192.0.2.10,02:00:00:00:00:10,,600," + expire + ",1,0,0,,0,\n"
                + "192.0.2.11,02:00:00:00:00:11,,600," + expire + ",2,0,0,,0,\n"
                + "192.0.2.12,02:00:00:00:00:12,,600," + expire + ",99,0,0,,0,\n"
                + "172.16.0.5,02:00:00:00:00:05,,600," + expire + ",1,0,0,,0,\n"
                + "10.0.0.5,02:00:00:00:00:05,,600," + expire + ",2,0,0,,0,\n";
    }

    private String checked(String policy) {
        return """
            {"Dhcp4": {"valid-lifetime": 600, "sanity-checks": {"lease-checks": "%s"},
              "lease-database": {"type": "memfile", "name": "%s", "lfc-interval": 0},
              "subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "pools": [{"pool": "192.0.2.10-192.0.2.20"}]},
                          {"id": 2, "subnet": "10.0.0.0/24", "pools": [{"pool": "10.0.0.5-10.0.0.9"}]}]}}"""
                .formatted(policy, dir.resolve("leases4.csv"));
    }

    private static int ip(String text) {
        return io.tui.dhcp.core.config.model.IpAddress.parse(text, false).value().intValue();
    }

    /** The subnet-id of each of the lease file's addresses in the running server (0: no lease). */
    private static List<Long> subnets(Dhcp4Server s) {
        return List.of("192.0.2.10", "192.0.2.11", "192.0.2.12", "172.16.0.5", "10.0.0.5").stream()
                .map(a -> s.leases().get(ip(a)))
                .map(l -> l == null ? 0L : l.subnetId())
                .toList();
    }

    private static long assigned(Dhcp4Server s, int subnet) {
        String name = "subnet[" + subnet + "].assigned-addresses";
        return s.stats().get(name).get(name).get(0).get(0).asLong();
    }

    @Test
    void leaseChecksApplyToTheLoadedLeaseFileInMemoryAndLeaveItsRowsAlone() throws Exception {
        String file = keaLeaseFile();
        java.util.logging.Logger dhcpsrv = java.util.logging.Logger.getLogger("kea-dhcp4.dhcpsrv");
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logged.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        dhcpsrv.addHandler(h);
        try {
            // assigned-addresses counts leases by subnet-id, as Kea's recount does, whether or not the subnet
            // holds the address (172.16.0.5 counts in subnet 1 while it is kept there)
            record Case(String policy, List<Long> subnets, long assigned1, long assigned2, int messages) {}
            for (Case c : List.of(
                    new Case("none", List.of(1L, 2L, 99L, 1L, 2L), 2, 2, 0),
                    new Case("warn", List.of(1L, 2L, 99L, 1L, 2L), 2, 2, 3),
                    new Case("fix", List.of(1L, 1L, 1L, 1L, 2L), 4, 1, 3),
                    new Case("fix-del", List.of(1L, 1L, 1L, 0L, 2L), 3, 1, 3),
                    new Case("del", List.of(1L, 0L, 0L, 0L, 2L), 1, 1, 3))) {
                Files.writeString(dir.resolve("leases4.csv"), file);
                logged.clear();
                try (Dhcp4Server s = start(checked(c.policy()))) {
                    assertEquals(c.subnets(), subnets(s), c.policy());
                    assertEquals(c.assigned1(), assigned(s, 1), c.policy());
                    assertEquals(c.assigned2(), assigned(s, 2), c.policy());
                }
                assertEquals(c.messages(), logged.size(), c.policy() + ": " + logged);
                assertEquals(file, Files.readString(dir.resolve("leases4.csv")),
                        c.policy() + ": as in Kea, the check does not touch the lease file");
            }
            assertTrue(logged.contains("INFO DHCPSRV_LEASE_SANITY_FAIL_DISCARD The lease 192.0.2.12 with subnet-id 99"
                    + " failed subnet-id checks (the lease should have subnet-id 1) and was dropped."), logged.toString());

            // A dropped lease's address is free again; the new lease is appended, and wins at the next start.
            Files.writeString(dir.resolve("leases4.csv"), file);
            try (Dhcp4Server s = start(checked("del"))) {
                assertEquals(ip("192.0.2.11"), lease(s, 0x11), "the dropped lease's address is free again");
                assertEquals(1, s.leases().get(ip("192.0.2.11")).subnetId());
            }
            try (Dhcp4Server s = start(checked("none"))) {
                assertEquals(1, s.leases().get(ip("192.0.2.11")).subnetId());
            }
        } finally {
            dhcpsrv.removeHandler(h);
        }
    }

    @Test
    void aReloadChecksTheLeasesAgainUnderTheNewPolicy() throws Exception {
        Files.writeString(dir.resolve("leases4.csv"), keaLeaseFile());
        ObjectMapper m = new ObjectMapper();
        try (Dhcp4Server s = start(checked("warn"))) {
            var before = s.leases();
            assertTrue(s.control().setConfig(m.readTree(checked("warn"))).ok());
            assertSame(before, s.leases(), "same pools, nothing moved: the engine stays");
            assertEquals(List.of(1L, 2L, 99L, 1L, 2L), subnets(s));

            assertTrue(s.control().setConfig(m.readTree(checked("fix"))).ok());
            assertEquals(List.of(1L, 1L, 1L, 1L, 2L), subnets(s));
            assertEquals(4, assigned(s, 1), "as Kea, by subnet-id: 172.16.0.5 counts in subnet 1");

            assertTrue(s.control().setConfig(m.readTree(checked("del"))).ok());
            assertEquals(List.of(1L, 1L, 1L, 0L, 2L), subnets(s), "the moved leases fit now; 172.16.0.5 is dropped");

            // Subnet 2 renumbered to 7: its lease moves with fix, is dropped with del
            assertTrue(s.control().setConfig(m.readTree(checked("fix").replace("\"id\": 2", "\"id\": 7"))).ok());
            assertEquals(7, s.leases().get(ip("10.0.0.5")).subnetId());
            assertEquals(1, assigned(s, 7));
            assertTrue(s.control().setConfig(m.readTree(checked("del"))).ok());
            assertNull(s.leases().get(ip("10.0.0.5")), "subnet 7 is 2 again: the lease of subnet 7 does not fit");
        }
        assertEquals(keaLeaseFile().lines().count(), Files.readString(dir.resolve("leases4.csv")).lines().count(),
                "no row was written for the checks");
    }

    @Test
    void leaseCommandsCheckLeasesAgainstTheRunningConfiguration() throws Exception {
        java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString(
                "rwx------"));
        String text = checked("none").replace("\"valid-lifetime\": 600,", "\"valid-lifetime\": 600,"
                + " \"control-socket\": {\"socket-type\": \"unix\", \"socket-name\": \"" + dir.resolve("ctl.sock")
                + "\"}, \"hooks-libraries\": [{\"library\": \"libdhcp_lease_cmds.so\"}],");
        Path file = dir.resolve("kea-dhcp4.conf");
        Files.writeString(file, text);
        try (Dhcp4Server s = Dhcp4Server.start(load(text), new Dhcp4Server.Options(67, 68, file, dir, false,
                Clock.systemUTC()))) {
            io.tui.management.Management m = io.tui.management.Management.start(s.services(),
                    io.tui.management.Management.Options.defaults(Family.V4, file));
            try {
                s.control().attach(m);
                var ctl = new io.tui.dhcp.core.testing.ControlClient(dir.resolve("ctl.sock"));
                String hw = ", \"hw-address\": \"1a:1b:1c:1d:1e:1f\"}";
                var refused = ctl.call("lease4-add", "{\"ip-address\": \"192.0.2.30\", \"subnet-id\": 2" + hw);
                assertEquals(4, refused.get("result").asInt(), refused.toString());
                assertEquals("The address 192.0.2.30 does not belong to subnet 10.0.0.0/24, subnet-id=2",
                        refused.get("text").asText());
                assertEquals(0, ctl.call("lease4-add", "{\"ip-address\": \"10.0.0.30\"" + hw).get("result").asInt());
                assertEquals(2, s.leases().get(ip("10.0.0.30")).subnetId());

                // Subnet 2 renumbered to 7 and a strict policy, by config-set: the commands follow at once
                var set = ctl.call("config-set", io.tui.dhcp.core.testing.ControlClient.parse(
                        text.replace("\"id\": 2", "\"id\": 7").replace("\"none\"", "\"del\"")).toString());
                assertEquals(0, set.get("result").asInt(), set.toString());
                assertNull(s.leases().get(ip("10.0.0.30")), "the lease of subnet 2 is dropped by del on reload");
                var gone = ctl.call("lease4-add", "{\"ip-address\": \"10.0.0.31\", \"subnet-id\": 2" + hw);
                assertEquals("Invalid subnet-id: No IPv4 subnet with subnet-id=2 currently configured.",
                        gone.get("text").asText(), gone.toString());
                var added = ctl.call("lease4-add", "{\"ip-address\": \"10.0.0.31\"" + hw);
                assertEquals("Lease for address 10.0.0.31, subnet-id 7 added.", added.get("text").asText());
                var updated = ctl.call("lease4-update", "{\"ip-address\": \"10.0.0.31\", \"subnet-id\": 1" + hw);
                assertEquals(4, updated.get("result").asInt(), updated.toString());
                assertEquals(7, s.leases().get(ip("10.0.0.31")).subnetId());
            } finally {
                m.close();
            }
        }
    }
}
