package io.tui.dhcp4.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tui.dhcp.core.testing.External;
import io.tui.dhcp.core.testing.Netns;
import io.tui.dhcp.core.testing.ScratchDatabase;
import io.tui.dhcp.core.testing.ScratchDatabase.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code tui-dhcp4 -c} with a SQL {@code lease-database}, as separate processes in network namespaces, on the
 * machine's PostgreSQL and MariaDB (each test its own database, dropped afterwards):
 *
 * <ul>
 *   <li>two servers on two links share one database and one pool, under concurrent perfdhcp load from both links,
 *       with more clients than addresses: the database holds one row per address and per client, the ACKs of both
 *       runs do not exceed the pool, and perfdhcp sees no address twice;</li>
 *   <li>the pool's connections are killed on the database server under load ({@code pg_terminate_backend},
 *       MariaDB {@code KILL}): the server keeps answering (calls are retried on fresh connections) and every
 *       address a dhclient was ACKed is in the database;</li>
 *   <li>{@code on-fail}: the database becomes unreachable (the namespace's bridge to it is stopped): with
 *       {@code stop-retry-exit} the service is disabled (DISCOVERs dropped and counted) and resumes when it is
 *       back; when reconnecting fails the server exits with status 1.</li>
 * </ul>
 *
 * <p>The servers reach the database through socat in their namespace (127.0.0.1 there to the database's UNIX
 * socket), which is also how the tests cut the database off.
 */
class Dhcp4SqlNamespaceTest {
    private static final long PID = ProcessHandle.current().pid();

    private final List<Netns> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private Path dir;
    private ScratchDatabase db;

    // ---- the tests ------------------------------------------------------------------------------------------------

    @Test
    void postgresqlTwoServersShareOnePoolWithoutDuplicates() throws Exception {
        twoServers(Kind.PGSQL);
    }

    @Test
    void mysqlTwoServersShareOnePoolWithoutDuplicates() throws Exception {
        twoServers(Kind.MYSQL);
    }

    @Test
    void postgresqlKilledConnectionsUnderLoadLoseNoAckedLease() throws Exception {
        killedConnections(Kind.PGSQL);
    }

    @Test
    void mysqlKilledConnectionsUnderLoadLoseNoAckedLease() throws Exception {
        killedConnections(Kind.MYSQL);
    }

    @Test
    void postgresqlOnFailStopRetryExit() throws Exception {
        onFail(Kind.PGSQL);
    }

    @Test
    void mysqlOnFailStopRetryExit() throws Exception {
        onFail(Kind.MYSQL);
    }

    /** A server with its link, its client namespace and its bridge to the database. */
    private record Site(Netns srv, Netns cli, Process server, Process bridge, Path log, String name) {}

    private void twoServers(Kind which) throws Exception {
        setUp(which);
        // 250 addresses, 2 x 200 clients at once from two links: the pool runs out while both servers allocate
        Site a = site("a", "192.0.2.10-192.0.2.254", "\"max-reconnect-tries\": 0");
        Site b = site("b", "192.0.2.10-192.0.2.254", "\"max-reconnect-tries\": 0");
        int pool = 245;
        CompletableFuture<Netns.Result> ra = perfdhcp(a, "02:aa:00:00:00:00", 200);
        CompletableFuture<Netns.Result> rb = perfdhcp(b, "02:bb:00:00:00:00", 200);
        String outA = ra.get(120, TimeUnit.SECONDS).output();
        String outB = rb.get(120, TimeUnit.SECONDS).output();
        assertEquals(0, number(outA, "non unique addresses"), outA);
        assertEquals(0, number(outB, "non unique addresses"), outB);
        long acks = acks(outA) + acks(outB);
        assertTrue(acks > 0, outA + outB + log(a.log()));
        // late requests may still be in flight: stop both servers, then read the table in one statement
        for (Site site : List.of(a, b)) {
            site.server().destroy();
            assertTrue(site.server().waitFor(30, TimeUnit.SECONDS), "server " + site.name() + " stops");
        }
        long[] counts = db.row("SELECT COUNT(*), COUNT(DISTINCT hwaddr), COUNT(DISTINCT address) FROM lease4"
                + " WHERE state = 0");
        long rows = counts[0];
        long clients = counts[1];
        long addresses = counts[2];
        System.out.println(which.type() + ": two servers, ACKs " + acks(outA) + " + " + acks(outB) + ", leases " + rows
                + ", pool " + pool);
        assertEquals(rows, clients, "one address per client");
        assertEquals(rows, addresses, "one client per address");
        assertTrue(rows <= pool, "rows " + rows);
        // every ACK is a distinct (client, address): more ACKs than addresses would mean one address given twice
        assertTrue(acks <= pool, "ACKs " + acks + " for " + pool + " addresses\n" + outA + "\n" + outB);
        assertTrue(acks <= rows, "ACKs " + acks + " but " + rows + " leases in the database");
        assertTrue(db.count("SELECT COUNT(*) FROM lease4 WHERE hwaddr IS NOT NULL") >= 2);
        assertTrue(log(a.log()).contains("DHCP4_STARTED") && log(b.log()).contains("DHCP4_STARTED"));
    }

    private void killedConnections(Kind which) throws Exception {
        setUp(which);
        Site a = site("a", "192.0.2.10-192.0.2.250", "\"max-reconnect-tries\": 5, \"reconnect-wait-time\": 200");
        CompletableFuture<Netns.Result> load = perfdhcp(a, "02:cc:00:00:00:00", 150);
        List<String> acked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread.sleep(300);
            int killed = db.terminateSessions();
            assertTrue(killed > 0 || i > 0, "no connection of the server's pool to kill");
            String mac = "02:dd:00:00:00:0" + i;
            String got = dhclient(a, mac, "k" + i);
            assertNotNull(got, "dhclient " + mac + " after the connections were killed\n" + tail(log(a.log())));
            acked.add(got + " " + mac);
        }
        Netns.Result r = load.get(120, TimeUnit.SECONDS);
        assertEquals(0, number(r.output(), "non unique addresses"), r.output());
        assertTrue(a.server().isAlive(), "the server survives killed connections\n" + tail(log(a.log())));
        for (String pair : acked) {
            String[] p = pair.split(" ");
            assertEquals(1, db.count("SELECT COUNT(*) FROM lease4 WHERE address = " + toLong(p[0]) + " AND hwaddr = "
                    + hexLiteral(p[1])), "ACKed " + pair + " is in the database");
        }
        assertTrue(acks(r.output()) <= db.count("SELECT COUNT(*) FROM lease4"), r.output());
    }

    private void onFail(Kind which) throws Exception {
        setUp(which);
        Site a = site("a", "192.0.2.10-192.0.2.250",
                "\"on-fail\": \"stop-retry-exit\", \"max-reconnect-tries\": 12, \"reconnect-wait-time\": 250");
        assertNotNull(dhclient(a, "02:ee:00:00:00:01", "f1"), "served while the database is there");
        // cut the database off: the next lease call fails, the service is disabled, reconnecting starts
        stop(a.bridge());
        dhclientOnce(a, "02:ee:00:00:00:02", "f2", 8);
        assertTrue(Netns.await(Duration.ofSeconds(20), () -> log(a.log()).contains("DB_RECONNECT_LOST_CONNECTION")),
                tail(log(a.log())));
        assertTrue(Netns.await(Duration.ofSeconds(10), () -> log(a.log()).contains("DHCP4_DISABLED")),
                tail(log(a.log())));
        assertNull(dhclientOnce(a, "02:ee:00:00:00:03", "f3", 6), "no answer while disabled");
        // back: reconnect succeeds and the service resumes
        Process bridge = bridge(a.srv());
        assertTrue(Netns.await(Duration.ofSeconds(30), () -> log(a.log()).contains("DB_RECONNECT_SUCCEEDED")),
                tail(log(a.log())));
        String got = dhclient(a, "02:ee:00:00:00:04", "f4");
        assertNotNull(got, "served again\n" + tail(log(a.log())));
        assertEquals(1, db.count("SELECT COUNT(*) FROM lease4 WHERE address = " + toLong(got)));
        // gone for good: reconnecting fails after max-reconnect-tries and the server exits with 1
        stop(bridge);
        dhclientOnce(a, "02:ee:00:00:00:05", "f5", 6);
        assertTrue(a.server().waitFor(60, TimeUnit.SECONDS), "the server exits\n" + tail(log(a.log())));
        assertEquals(1, a.server().exitValue(), tail(log(a.log())));
        assertTrue(log(a.log()).contains("DB_RECONNECT_FAILED"), tail(log(a.log())));
    }

    private static void assertNull(Object o, String message) {
        assertTrue(o == null, message + ": " + o);
    }

    // ---- topology -------------------------------------------------------------------------------------------------

    private void setUp(Kind which) throws Exception {
        External.requireRoot();
        for (String tool : List.of("ip", "unshare", "dhclient", "perfdhcp", "socat")) {
            External.require(Netns.onPath(tool), tool);
        }
        External.require(Files.exists(which.socket()), which.type() + " socket " + which.socket());
        db = ScratchDatabase.create(which, "tui_srv");
        dir = Files.createTempDirectory("tui-dhcp4-sql");
        Files.writeString(dir.resolve("script.sh"), """
            #!/bin/sh
            # dhclient hook, inside the client namespace only: records the bound address (dhclient clears the
            # environment, so the log's path is written here)
            echo "${reason} ${new_ip_address}" >> %s
            exit 0
            """.formatted(dir.resolve("dhclient.log")));
        dir.resolve("script.sh").toFile().setExecutable(true);
    }

    private Site site(String name, String pool, String dbExtra) throws Exception {
        Netns srv = ns("tuiq" + name + "s-" + PID);
        Netns cli = ns("tuiq" + name + "c-" + PID);
        Netns.veth(cli, "c-srv", srv, "s-cli");
        srv.run("ip", "addr", "add", "192.0.2.1/24", "dev", "s-cli");
        srv.run("ip", "link", "set", "lo", "up");
        cli.run("ip", "link", "set", "lo", "up");
        Process bridge = bridge(srv);
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, """
            {"Dhcp4": {
              "interfaces-config": {"interfaces": ["s-cli"]},
              "lease-database": {%s, "connect-timeout": 2, %s},
              "multi-threading": {"enable-multi-threading": true, "thread-pool-size": 4, "packet-queue-size": 64},
              "valid-lifetime": 600, "renew-timer": 300, "rebind-timer": 500,
              "subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "interface": "s-cli",
                           "pools": [{"pool": "%s"}]}]
            }}""".formatted(db.keaParameters(), dbExtra, pool));
        Path log = dir.resolve(name + ".log");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process server = srv.start(log, "env", "KEA_PIDFILE_DIR=" + dir, java, "--enable-native-access=ALL-UNNAMED",
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.tui.dhcp4.Main", "-c", conf.toString());
        processes.add(server);
        if (!Netns.await(Duration.ofSeconds(60), () -> log(log).contains("DHCP4_STARTED") || !server.isAlive())
                || !server.isAlive()) {
            fail("the server did not start: " + log(log));
        }
        return new Site(srv, cli, server, bridge, log, name);
    }

    /** socat in {@code srv}: 127.0.0.1:port there to the database's UNIX socket. */
    private Process bridge(Netns srv) throws Exception {
        Process p = srv.start(dir.resolve("socat-" + srv.name() + ".log"), "socat",
                "TCP-LISTEN:" + db.kind().port() + ",bind=127.0.0.1,reuseaddr,fork",
                "UNIX-CONNECT:" + db.kind().socket());
        processes.add(p);
        assertTrue(Netns.await(Duration.ofSeconds(10), () -> {
            try {
                return srv.tryRun("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + db.kind().port()).exit() == 0;
            } catch (IOException e) {
                return false;
            }
        }), "socat bridge in " + srv.name());
        return p;
    }

    private static void stop(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private Netns ns(String name) throws IOException {
        Netns n = Netns.create(name);
        namespaces.add(n);
        return n;
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : processes.reversed()) {
            p.destroy();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        for (Netns n : namespaces.reversed()) {
            try {
                n.close();
            } catch (IOException e) {
                // best effort; the next namespace still goes
            }
        }
        if (db != null) {
            db.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // ---- clients --------------------------------------------------------------------------------------------------

    private CompletableFuture<Netns.Result> perfdhcp(Site s, String mac, int clients) throws IOException {
        s.cli().run("ip", "addr", "replace", "192.0.2.2/24", "dev", "c-srv");
        return CompletableFuture.supplyAsync(() -> {
            try {
                return s.cli().tryRun("timeout", "100", "perfdhcp", "-4", "-u", "-l", "c-srv", "-r", "100",
                        "-R", "1000000", "-b", "mac=" + mac, "-n", Integer.toString(clients), "-p", "20",
                        "-W", "3000000", "192.0.2.1");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** A dhclient run to BOUND with {@code mac}; the bound address, or null. */
    private String dhclient(Site s, String mac, String tag) throws IOException {
        return dhclientOnce(s, mac, tag, 30);
    }

    private String dhclientOnce(Site s, String mac, String tag, int seconds) throws IOException {
        s.cli().run("ip", "link", "set", "c-srv", "address", mac);
        Path log = dir.resolve("dhclient.log");
        Files.deleteIfExists(log);
        Path state = dir.resolve("state-" + tag);
        Files.createDirectories(state);
        Files.writeString(dir.resolve("empty.conf"), "");
        Path pid = state.resolve("dhclient.pid");
        // -1: one try; daemonizes once bound (killed below without a release, so the lease stays)
        s.cli().runIsolated(state, Duration.ofSeconds(seconds + 5), "timeout", Integer.toString(seconds),
                "dhclient", "-4", "-1", "-sf", dir.resolve("script.sh").toString(), "-cf",
                dir.resolve("empty.conf").toString(), "-lf", state.resolve("dhclient.leases").toString(), "-pf",
                pid.toString(), "c-srv");
        if (Files.exists(pid)) {
            s.cli().tryRun("kill", Files.readString(pid).strip());
        }
        for (String line : log(log).split("\n")) {
            String[] f = line.split(" ");
            if (f.length == 2 && (f[0].equals("BOUND") || f[0].equals("REBOOT"))) {
                return f[1];
            }
        }
        return null;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static long acks(String perfdhcp) {
        // perfdhcp's second exchange (REQUEST/ACK): "received packets: N" of the second block
        Matcher m = Pattern.compile("received packets: (\\d+)").matcher(perfdhcp);
        long last = -1;
        int i = 0;
        while (m.find()) {
            if (i++ == 1) {
                last = Long.parseLong(m.group(1));
            }
        }
        assertFalse(last < 0, perfdhcp);
        return last;
    }

    private static long number(String text, String label) {
        Matcher m = Pattern.compile(label + ": (\\d+)").matcher(text);
        long total = 0;
        boolean found = false;
        while (m.find()) {
            total += Long.parseLong(m.group(1));
            found = true;
        }
        assertTrue(found, label + " in\n" + text);
        return total;
    }

    private static long toLong(String ip) {
        String[] p = ip.split("\\.");
        return Long.parseLong(p[0]) << 24 | Long.parseLong(p[1]) << 16 | Long.parseLong(p[2]) << 8
                | Long.parseLong(p[3]);
    }

    private String hexLiteral(String mac) {
        String hex = mac.replace(":", "");
        return db.kind() == Kind.PGSQL ? "'\\x" + hex + "'::bytea" : "X'" + hex + "'";
    }

    private static String log(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}
