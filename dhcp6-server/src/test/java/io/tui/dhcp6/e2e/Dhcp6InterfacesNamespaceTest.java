package io.tui.dhcp6.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.testing.External;
import io.tui.dhcp.core.testing.Netns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * tui-dhcp6 ({@code -c}, in a network namespace) reconfigured by SIGHUP while interfaces come and go: a reload opens
 * the sockets of interfaces it adds (with {@code *}, of interfaces created since the start) and closes those of
 * interfaces it drops, joining and leaving ff02::1:2 and ff05::1:3 there; without {@code re-detect} it sees the
 * interfaces of the last detection.
 *
 * <pre>
 *   cli ns                 srv ns
 *   c-a ------------------ s-a 2001:db8:1::1/64
 *   c-b ------------------ s-b 2001:db8:2::1/64   added while the server runs
 *   c-c ------------------ s-c 2001:db8:3::1/64   added while the server runs
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Dhcp6InterfacesNamespaceTest {
    Path dir;
    Path conf;
    Netns srv;
    Netns cli;
    Process server;
    Path serverLog;
    Path noop;

    String config(String interfaces, String more) {
        return """
            {"Dhcp6": {
              "interfaces-config": {"interfaces": %s%s},
              "data-directory": "%s",
              "lease-database": {"type": "memfile", "name": "%s/leases6.csv", "lfc-interval": 0},
              "preferred-lifetime": 300, "valid-lifetime": 600, "renew-timer": 100, "rebind-timer": 200,
              "subnet6": [
                {"id": 1, "subnet": "2001:db8:1::/64", "pools": [{"pool": "2001:db8:1::100 - 2001:db8:1::fff"}]},
                {"id": 2, "subnet": "2001:db8:2::/64", "pools": [{"pool": "2001:db8:2::100 - 2001:db8:2::fff"}]},
                {"id": 3, "subnet": "2001:db8:3::/64", "pools": [{"pool": "2001:db8:3::100 - 2001:db8:3::fff"}]}
              ]
            }}
            """.formatted(interfaces, more.isEmpty() ? "" : ", " + more, dir, dir);
    }

    @BeforeAll
    void topology() throws Exception {
        External.requireRoot();
        External.requireExecutable("/usr/sbin/dhclient");
        External.require(Netns.onPath("ss"), "ss");
        dir = Files.createTempDirectory("tui-dhcp6-ifaces");
        String tag = Long.toHexString(ProcessHandle.current().pid() & 0xffff);
        srv = Netns.create("t6is" + tag);
        cli = Netns.create("t6ic" + tag);
        link("c-a", "s-a", "2001:db8:1::1/64");
        noop = dir.resolve("noop.sh");
        Files.writeString(noop, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(noop, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("empty.conf"), "");
        conf = dir.resolve("kea-dhcp6.conf");
        Files.writeString(conf, config("[\"s-a\"]", ""));
        serverLog = dir.resolve("server.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        server = srv.start(serverLog, "env", "KEA_PIDFILE_DIR=" + dir, java, "-cp",
                System.getProperty("java.class.path"), "io.tui.dhcp6.Main", "-c", conf.toString());
        assertTrue(Netns.await(Duration.ofSeconds(30), () -> Dhcp6EndToEndTest.read(serverLog).contains("serving on")
                || !server.isAlive()), "server start");
        assertTrue(server.isAlive(), "server runs: " + Dhcp6EndToEndTest.read(serverLog));
    }

    /** A veth pair from the client to the server namespace, {@code address} on the server end, link-local up. */
    void link(String clientEnd, String serverEnd, String address) throws Exception {
        Netns.veth(cli, clientEnd, srv, serverEnd);
        srv.run("ip", "addr", "add", address, "dev", serverEnd, "nodad");
        for (Object[] l : new Object[][] {{srv, serverEnd}, {cli, clientEnd}}) {
            Netns ns = (Netns) l[0];
            String dev = (String) l[1];
            assertTrue(Netns.await(Duration.ofSeconds(10), () -> {
                try {
                    return ns.run("ip", "-6", "addr", "show", "dev", dev, "scope", "link").contains("inet6");
                } catch (IOException e) {
                    return false;
                }
            }), dev + " has a link-local address");
        }
    }

    @AfterAll
    void teardown() throws Exception {
        if (server != null) {
            Dhcp6EndToEndTest.stop(server);
        }
        for (Netns ns : new Netns[] {cli, srv}) {
            if (ns != null) {
                ns.close();
            }
        }
        if (dir != null && System.getenv("TUI_KEEP_TMP") == null) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Writes the file, sends SIGHUP and returns what the server logged until the reload's outcome. */
    String reload(String text) throws Exception {
        int mark = Dhcp6EndToEndTest.read(serverLog).length();
        Files.writeString(conf, text);
        srv.run("kill", "-HUP", Long.toString(server.pid()));
        assertTrue(Netns.await(Duration.ofSeconds(20), () -> Dhcp6EndToEndTest.read(serverLog).substring(mark)
                .contains("DHCP6_DYNAMIC_RECONFIGURATION")), "reload outcome: " + Dhcp6EndToEndTest.read(serverLog));
        return Dhcp6EndToEndTest.read(serverLog).substring(mark);
    }

    void applied(String text) throws Exception {
        String out = reload(text);
        assertTrue(out.contains(" applied"), out);
    }

    /** The devices the server's sockets on port 547 are bound to ({@code [ff02::1:2]%s-a:547} gives s-a). */
    TreeSet<String> devices() throws IOException {
        TreeSet<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("%([\\w-]+):547").matcher(srv.run("ss", "-H", "-uanp", "sport = :547"));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The IPv6 multicast groups joined on {@code dev} in the server namespace. */
    String groups(String dev) throws IOException {
        return srv.run("ip", "-6", "maddr", "show", "dev", dev);
    }

    String dhclient(String iface, String name) throws Exception {
        Path lf = dir.resolve(name + ".leases");
        Netns.Result r = cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(60), "timeout", "40", "dhclient",
                "-1", "-6", "-v", "-N", "-sf", noop.toString(), "-lf", lf.toString(), "-pf",
                dir.resolve(name + ".pid").toString(), "-cf", dir.resolve("empty.conf").toString(), iface);
        String pid = Dhcp6EndToEndTest.read(dir.resolve(name + ".pid")).trim();
        if (!pid.isEmpty()) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroy);
        }
        assertEquals(0, r.exit(), "dhclient: " + r.output() + "\nserver: " + Dhcp6EndToEndTest.read(serverLog));
        return Dhcp6EndToEndTest.read(lf);
    }

    @Test
    @Order(1)
    void aReloadWithStarListensOnAnInterfaceAddedSinceTheStartAndItsClientGetsAnAddress() throws Exception {
        assertEquals(new TreeSet<>(List.of("s-a")), devices());
        link("c-b", "s-b", "2001:db8:2::1/64");
        assertFalse(groups("s-b").contains("ff02::1:2"), groups("s-b"));
        applied(config("[\"*\"]", ""));
        assertEquals(new TreeSet<>(List.of("s-a", "s-b")), devices());
        assertTrue(groups("s-b").contains("ff02::1:2") && groups("s-b").contains("ff05::1:3"), groups("s-b"));
        String lease = dhclient("c-b", "added");
        Matcher m = Pattern.compile("iaaddr (2001:db8:2::[0-9a-f]+) \\{").matcher(lease);
        assertTrue(m.find(), lease);
        assertTrue(Dhcp6EndToEndTest.read(dir.resolve("leases6.csv")).contains(m.group(1) + ","), m.group(1));
    }

    @Test
    @Order(2)
    void withoutReDetectAReloadSeesTheInterfacesOfTheLastDetection() throws Exception {
        link("c-c", "s-c", "2001:db8:3::1/64");
        applied(config("[\"*\"]", "\"re-detect\": false"));
        assertEquals(new TreeSet<>(List.of("s-a", "s-b")), devices(), "s-c is unknown without re-detect");
        String refused = reload(config("[\"s-a\", \"s-c\"]", "\"re-detect\": false"));
        assertTrue(refused.contains("refused") && refused.contains("s-c does not exist"), refused);
        assertEquals(new TreeSet<>(List.of("s-a", "s-b")), devices(), "unchanged after the refusal");
        applied(config("[\"*\"]", "\"re-detect\": true"));
        assertEquals(new TreeSet<>(List.of("s-a", "s-b", "s-c")), devices(), "s-c re-detected");
    }

    @Test
    @Order(3)
    void aReloadClosesTheSocketsOfInterfacesItNoLongerNames() throws Exception {
        applied(config("[\"s-a\"]", ""));
        assertEquals(new TreeSet<>(List.of("s-a")), devices());
        for (String dev : List.of("s-b", "s-c")) {
            assertFalse(groups(dev).contains("ff02::1:2") || groups(dev).contains("ff05::1:3"), groups(dev));
        }
        assertTrue(groups("s-a").contains("ff05::1:3"), groups("s-a"));
        List<String> lines = new ArrayList<>(List.of(srv.run("ss", "-H", "-uanp", "sport = :547").split("\n")));
        assertTrue(lines.stream().anyMatch(l -> l.contains("[ff05::1:3]:547")), "ff05::1:3 socket stays: " + lines);
    }
}
