package io.tui.dhcp4.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tui.dhcp.core.testing.External;
import io.tui.dhcp.core.testing.Netns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code tui-dhcp4 -c} in a network namespace, reconfigured by SIGHUP while it runs: interfaces added and removed
 * ({@code re-detect}, {@code *}, {@code service-sockets-require-all}) and {@code outbound-interface}. One server serves
 * the whole class; the tests run in order, each reloading the file.
 *
 * <pre>
 *   tuii-cli-PID                 tuii-srv-PID                         tuii-rel-PID
 *   c-a  <-- veth -->            s-a  192.0.2.1/24     (no client: always listened on)
 *   c-b  <-- veth -->            s-b  203.0.113.1/24   added while the server runs
 *   c-c  <-- veth -->            s-c  100.64.0.1/24    added while the server runs
 *                                s-r1 10.0.0.1/24  <-- veth -->  r-s1 10.0.0.2/24 (arp_ignore=1)
 *                                s-r2 10.0.1.1/24  <-- veth -->  r-s2 10.0.1.2/24
 *   c-r  <---------------------------- veth --------------------->  r-c 198.51.100.1/24 (dhcrelay to 10.0.0.1)
 *   route in tuii-srv: 198.51.100.0/24 via 10.0.1.2 (s-r2)
 * </pre>
 *
 * The relay reaches the server over s-r1, but the server's route back to the relay (giaddr 198.51.100.1) goes over
 * s-r2. A reply sent by the receiving interface's socket (bound to s-r1) has no route there, so the kernel takes the
 * relay for on-link and asks for it by ARP on s-r1, which the relay does not answer (arp_ignore=1: only for addresses
 * of the asking interface): with {@code same-as-inbound} the relayed client gets nothing; with {@code use-routing}
 * the reply follows the route over s-r2.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Dhcp4InterfacesNamespaceTest {
    private static final long PID = ProcessHandle.current().pid();
    private static Netns srv;
    private static Netns rel;
    private static Netns cli;
    private static Path dir;
    private static Path conf;
    private static Path leases;
    private static Path serverLog;
    private static Process server;

    @BeforeAll
    static void topology() throws Exception {
        External.requireRoot();
        for (String tool : List.of("ip", "unshare", "setsid", "dhclient", "dhcrelay", "socat", "ss")) {
            External.require(Netns.onPath(tool), tool);
        }
        dir = Files.createTempDirectory("tui-dhcp4-ifaces");
        srv = Netns.create("tuii-srv-" + PID);
        rel = Netns.create("tuii-rel-" + PID);
        cli = Netns.create("tuii-cli-" + PID);
        Netns.veth(cli, "c-a", srv, "s-a");
        srv.run("ip", "addr", "add", "192.0.2.1/24", "dev", "s-a");
        Netns.veth(srv, "s-r1", rel, "r-s1");
        Netns.veth(srv, "s-r2", rel, "r-s2");
        Netns.veth(cli, "c-r", rel, "r-c");
        srv.run("ip", "addr", "add", "10.0.0.1/24", "dev", "s-r1");
        srv.run("ip", "addr", "add", "10.0.1.1/24", "dev", "s-r2");
        srv.run("ip", "route", "add", "198.51.100.0/24", "via", "10.0.1.2");
        rel.run("ip", "addr", "add", "10.0.0.2/24", "dev", "r-s1");
        rel.run("ip", "addr", "add", "10.0.1.2/24", "dev", "r-s2");
        rel.run("ip", "addr", "add", "198.51.100.1/24", "dev", "r-c");
        rel.run("sysctl", "-qw", "net.ipv4.conf.r-s1.arp_ignore=1");
        leases = dir.resolve("leases4.csv");
        conf = dir.resolve("kea-dhcp4.conf");
        Files.writeString(conf, config("[\"s-a\", \"s-r1\"]", ""));
        Files.writeString(dir.resolve("empty.conf"), "");
        Files.writeString(dir.resolve("script.sh"), """
            #!/bin/sh
            # dhclient's hook, run inside the client namespace only: records what the client was told
            echo "reason=$reason ip=$new_ip_address if=$interface" >> "$(dirname "$0")/script-$interface.log"
            exit 0
            """);
        dir.resolve("script.sh").toFile().setExecutable(true);
        String java = ProcessHandle.current().info().command().orElseThrow();
        serverLog = dir.resolve("server.log");
        server = srv.start(serverLog, "env", "KEA_PIDFILE_DIR=" + dir, java, "--enable-native-access=ALL-UNNAMED",
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.tui.dhcp4.Main", "-c", conf.toString());
        if (!Netns.await(Duration.ofSeconds(30), () -> log(serverLog).contains("DHCP4_STARTED"))) {
            fail("the server did not start: " + log(serverLog));
        }
        rel.start(dir.resolve("dhcrelay.log"), "dhcrelay", "-4", "-d", "-i", "r-c", "-i", "r-s1", "-i", "r-s2",
                "-pf", dir.resolve("dhcrelay.pid").toString(), "10.0.0.1");
    }

    /** The configuration with {@code interfaces} (a JSON list) and more {@code interfaces-config} members. */
    private static String config(String interfaces, String more) {
        return """
            {"Dhcp4": {
              "interfaces-config": {"interfaces": %s, "dhcp-socket-type": "udp"%s},
              "lease-database": {"type": "memfile", "name": "%s"},
              "valid-lifetime": 600, "renew-timer": 300, "rebind-timer": 500,
              "subnet4": [
                {"id": 1, "subnet": "192.0.2.0/24", "pools": [{"pool": "192.0.2.100-192.0.2.199"}]},
                {"id": 2, "subnet": "198.51.100.0/24", "pools": [{"pool": "198.51.100.100-198.51.100.199"}],
                 "option-data": [{"name": "routers", "data": "198.51.100.1"}]},
                {"id": 3, "subnet": "203.0.113.0/24", "pools": [{"pool": "203.0.113.100-203.0.113.199"}]},
                {"id": 4, "subnet": "100.64.0.0/24", "pools": [{"pool": "100.64.0.100-100.64.0.199"}]}
              ]
            }}""".formatted(interfaces, more.isEmpty() ? "" : ", " + more, leases);
    }

    @AfterAll
    static void teardown() throws Exception {
        List<Exception> errors = new ArrayList<>();
        if (server != null) {
            server.destroy();
            server.waitFor(15, java.util.concurrent.TimeUnit.SECONDS);
        }
        for (Netns ns : new Netns[] {cli, rel, srv}) {
            try {
                if (ns != null) {
                    ns.close();
                }
            } catch (IOException e) {
                errors.add(e);
            }
        }
        if (server != null) {
            assertTrue(log(serverLog).contains("DHCP4_SHUTDOWN"), "clean shutdown: " + tail(log(serverLog)));
        }
        if (!errors.isEmpty()) {
            throw errors.getFirst();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
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

    /**
     * Writes the configuration file, sends SIGHUP and waits for the outcome (logged once the sockets are in place).
     *
     * @return what the server logged for this reload
     */
    private static String reload(String text) throws Exception {
        int mark = log(serverLog).length();
        Files.writeString(conf, text);
        srv.run("kill", "-HUP", Long.toString(server.pid()));
        if (!Netns.await(Duration.ofSeconds(20), () -> log(serverLog).substring(mark)
                .contains("DHCP4_DYNAMIC_RECONFIGURATION"))) {
            fail("no reload outcome: " + tail(log(serverLog)));
        }
        return log(serverLog).substring(mark);
    }

    private static String applied(String text) throws Exception {
        String out = reload(text);
        assertTrue(out.contains(" applied"), out);
        return out;
    }

    /**
     * The server's UDP sockets on port 67, as {@code ss} lists them: {@code 0.0.0.0%s-a:67} for one bound to a
     * device, {@code 0.0.0.0:67} for the unbound one.
     */
    private static List<String> serverSockets() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : srv.run("ss", "-H", "-uanp", "sport = :67").split("\n")) {
            if (line.contains("\"java\"")) {
                out.add(line.trim().split("\\s+")[3]);
            }
        }
        return out.stream().sorted().toList();
    }

    private static List<String> onDevices(String... devices) {
        List<String> out = new ArrayList<>();
        for (String d : devices) {
            out.add("0.0.0.0%" + d + ":67");
        }
        return out.stream().sorted().toList();
    }

    private static List<String> dhclient(String iface, String tag) {
        return List.of("timeout", "40", "dhclient", "-4", "-v", "-1", "-sf", dir.resolve("script.sh").toString(),
                "-lf", dir.resolve(tag + ".leases").toString(), "-pf", dir.resolve(tag + ".pid").toString(), "-cf",
                dir.resolve("empty.conf").toString(), iface);
    }

    /** The address dhclient last bound on {@code iface}, or null. */
    private static String bound(String iface) {
        Matcher m = Pattern.compile("reason=(BOUND|REBOOT) ip=(\\S+)").matcher(log(dir.resolve(
                "script-" + iface + ".log")));
        String last = null;
        while (m.find()) {
            last = m.group(2);
        }
        return last;
    }

    private static void release(String iface, String tag) throws IOException {
        List<String> cmd = new ArrayList<>(dhclient(iface, tag));
        cmd.set(cmd.indexOf("-1"), "-x");
        cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(30), cmd.toArray(String[]::new));
    }

    private static long txPackets(String iface) throws IOException {
        return Long.parseLong(srv.run("cat", "/sys/class/net/" + iface + "/statistics/tx_packets").trim());
    }

    @Test
    @Order(1)
    void withSameAsInboundTheReplyToTheRelayLeavesByTheReceivingInterfaceAndIsLost() throws Exception {
        assertEquals(onDevices("s-a", "s-r1"), serverSockets(), "one socket per interface, none unbound");
        Netns.Result r = cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(30), "timeout", "12", "dhclient",
                "-4", "-v", "-1", "-sf", dir.resolve("script.sh").toString(), "-lf",
                dir.resolve("lost.leases").toString(), "-pf", dir.resolve("lost.pid").toString(), "-cf",
                dir.resolve("empty.conf").toString(), "c-r");
        assertNotEquals(0, r.exit(), "no lease through the receiving interface: " + r.output());
        assertEquals(null, bound("c-r"));
        assertTrue(log(dir.resolve("dhcrelay.log")).contains("Forwarded BOOTREQUEST"),
                "the relay forwarded the DISCOVER: " + log(dir.resolve("dhcrelay.log")));
        // the server sent its OFFER on s-r1 and asked for the relay there, in vain
        assertFalse(srv.run("ip", "neigh", "show", "198.51.100.1", "dev", "s-r1").isBlank(),
                "the server looked for the relay on s-r1");
        cli.killProcesses();
    }

    @Test
    @Order(2)
    void aReloadWithStarOpensASocketOnAnInterfaceAddedSinceTheStartAndItsClientGetsALease() throws Exception {
        Netns.veth(cli, "c-b", srv, "s-b");
        srv.run("ip", "addr", "add", "203.0.113.1/24", "dev", "s-b");
        applied(config("[\"*\"]", ""));
        assertEquals(onDevices("s-a", "s-b", "s-r1", "s-r2"), serverSockets(), "* re-detected: s-b and s-r2 too");
        Netns.Result r = cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(60),
                dhclient("c-b", "added").toArray(String[]::new));
        assertEquals(0, r.exit(), "dhclient on the added link: " + r.output() + "\n" + tail(log(serverLog)));
        String ip = bound("c-b");
        assertNotNull(ip, r.output());
        assertTrue(ip.startsWith("203.0.113.1"), ip);
        assertTrue(log(leases).contains(ip + ","), "lease row of " + ip);
        release("c-b", "added");
    }

    @Test
    @Order(3)
    void withoutReDetectAReloadSeesTheInterfacesOfTheLastDetection() throws Exception {
        Netns.veth(cli, "c-c", srv, "s-c");
        srv.run("ip", "addr", "add", "100.64.0.1/24", "dev", "s-c");
        applied(config("[\"*\"]", "\"re-detect\": false"));
        assertEquals(onDevices("s-a", "s-b", "s-r1", "s-r2"), serverSockets(), "s-c is not known without re-detect");
        String refused = reload(config("[\"s-a\", \"s-c\"]", "\"re-detect\": false"));
        assertTrue(refused.contains("refused") && refused.contains("s-c does not exist"), refused);
        assertEquals(onDevices("s-a", "s-b", "s-r1", "s-r2"), serverSockets(), "unchanged after the refusal");
        applied(config("[\"*\"]", "\"re-detect\": true"));
        assertEquals(onDevices("s-a", "s-b", "s-c", "s-r1", "s-r2"), serverSockets(), "s-c re-detected");
    }

    @Test
    @Order(4)
    void aReloadClosesTheSocketsOfInterfacesItNoLongerNamesAndAnUnknownInterfaceKeepsTheOldOnes() throws Exception {
        String out = applied(config("[\"s-a\", \"s-r1\"]", ""));
        assertEquals(onDevices("s-a", "s-r1"), serverSockets());
        assertTrue(out.contains("DHCP4_CLOSE_SOCKET no longer listening on s-b"), out);
        String refused = reload(config("[\"s-a\", \"s-r1\", \"s-b\", \"nosuch0\"]", ""));
        assertTrue(refused.contains("refused") && refused.contains("nosuch0 does not exist"), refused);
        assertEquals(onDevices("s-a", "s-r1"), serverSockets(), "the running sockets stay");
    }

    @Test
    @Order(5)
    void serviceSocketsRequireAllRefusesAReloadWhoseSocketCannotOpenAndKeepsTheRunningOnes() throws Exception {
        // another program holds 0.0.0.0:67 on s-b without SO_REUSEADDR: the server's socket there cannot bind
        Process holder = srv.start(dir.resolve("socat.log"), "socat", "-u", "UDP4-RECV:67,so-bindtodevice=s-b",
                "OPEN:/dev/null");
        try {
            assertTrue(Netns.await(Duration.ofSeconds(10), () -> {
                try {
                    return srv.run("ss", "-H", "-uanp", "sport = :67").contains("%s-b:67");
                } catch (IOException e) {
                    return false;
                }
            }), "socat bound to s-b: " + log(dir.resolve("socat.log")));
            String refused = reload(config("[\"s-a\", \"s-r1\", \"s-b\"]", "\"service-sockets-require-all\": true"));
            assertTrue(refused.contains("refused") && refused.contains("DHCP4_OPEN_SOCKET_FAIL s-b"), refused);
            assertEquals(onDevices("s-a", "s-r1"), serverSockets(), "the running sockets stay");
            String out = applied(config("[\"s-a\", \"s-r1\", \"s-b\"]", "\"service-sockets-require-all\": false"));
            assertTrue(out.contains("DHCP4_OPEN_SOCKET_FAIL s-b"), out);
            assertEquals(onDevices("s-a", "s-r1"), serverSockets(), "applied without the socket on s-b");
        } finally {
            holder.destroy();
            holder.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(6)
    void withUseRoutingTheReplyToTheRelayFollowsTheRouteOverTheOtherInterface() throws Exception {
        applied(config("[\"s-a\", \"s-r1\"]", "\"outbound-interface\": \"use-routing\""));
        List<String> expected = new ArrayList<>(onDevices("s-a", "s-r1"));
        expected.add("0.0.0.0:67");
        assertEquals(expected.stream().sorted().toList(), serverSockets(), "the unbound outbound socket");
        long before = txPackets("s-r2");
        Netns.Result r = cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(60),
                dhclient("c-r", "routed").toArray(String[]::new));
        assertEquals(0, r.exit(), "dhclient behind the relay: " + r.output() + "\n" + tail(log(serverLog)) + "\n"
                + log(dir.resolve("dhcrelay.log")));
        String ip = bound("c-r");
        assertNotNull(ip, r.output());
        assertTrue(ip.startsWith("198.51.100.1"), ip);
        assertTrue(txPackets("s-r2") - before >= 2, "OFFER and ACK left by s-r2");
        release("c-r", "routed");
        applied(config("[\"s-a\", \"s-r1\"]", "\"outbound-interface\": \"same-as-inbound\""));
        assertEquals(onDevices("s-a", "s-r1"), serverSockets(), "the outbound socket is closed again");
    }
}
