package io.tui.dhcp4.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.testing.External;
import io.tui.dhcp.core.testing.Netns;
import io.tui.dhcp.core.wire.v4.Dhcp4Codec;
import io.tui.dhcp.core.wire.v4.Dhcp4Packet;
import io.tui.dhcp.core.wire.v4.DhcpMessageType;
import io.tui.dhcp.core.wire.v4.Ipv4;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
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
 * {@code tui-dhcp4 -c} as a separate process in a network namespace of its own, serving real clients: dhclient,
 * dhcpcd and udhcpc on a directly connected link (no address yet: the OFFER/ACK go at layer 2 or broadcast), a
 * dhclient behind dhcrelay (option 82 added by the relay selects a circuit-id reservation in the relay's subnet),
 * a reserved client, RELEASE and DECLINE reaching the lease file, and a perfdhcp 4-way run.
 *
 * <pre>
 *   tuit-cli-PID                    tuit-srv-PID                     tuit-rel-PID
 *   c-srv (DHCP)  <-- veth -->  s-cli 192.0.2.1/24
 *                               s-rel 10.0.0.1/24   <-- veth -->  r-srv 10.0.0.2/24
 *   c-rel (DHCP)  <-------------------- veth ------------------->  r-cli 198.51.100.1/24 (dhcrelay -a)
 * </pre>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Dhcp4NamespaceTest {
    private static final long PID = ProcessHandle.current().pid();
    private static Netns srv;
    private static Netns rel;
    private static Netns cli;
    private static Path dir;
    private static Path leases;
    private static Path serverLog;
    private static Process server;
    private static Process relay;

    @BeforeAll
    static void topology() throws Exception {
        External.requireRoot();
        for (String tool : List.of("ip", "unshare", "setsid", "dhclient", "dhcpcd", "udhcpc", "dhcrelay", "perfdhcp",
                "socat")) {
            External.require(Netns.onPath(tool), tool);
        }
        dir = Files.createTempDirectory("tui-dhcp4-netns");
        srv = Netns.create("tuit-srv-" + PID);
        rel = Netns.create("tuit-rel-" + PID);
        cli = Netns.create("tuit-cli-" + PID);
        Netns.veth(cli, "c-srv", srv, "s-cli");
        Netns.veth(srv, "s-rel", rel, "r-srv");
        Netns.veth(cli, "c-rel", rel, "r-cli");
        srv.run("ip", "addr", "add", "192.0.2.1/24", "dev", "s-cli");
        srv.run("ip", "addr", "add", "10.0.0.1/24", "dev", "s-rel");
        srv.run("ip", "route", "add", "198.51.100.0/24", "via", "10.0.0.2");
        rel.run("ip", "addr", "add", "10.0.0.2/24", "dev", "r-srv");
        rel.run("ip", "addr", "add", "198.51.100.1/24", "dev", "r-cli");
        leases = dir.resolve("leases4.csv");
        Path conf = dir.resolve("kea-dhcp4.conf");
        Files.writeString(conf, """
            {"Dhcp4": {
              "interfaces-config": {"interfaces": ["s-cli", "s-rel"]},
              "lease-database": {"type": "memfile", "name": "%s"},
              "valid-lifetime": 600, "renew-timer": 300, "rebind-timer": 500,
              "decline-probation-period": 3600,
              "option-data": [{"name": "domain-name-servers", "data": "192.0.2.53"}],
              "subnet4": [
                {"id": 1, "subnet": "192.0.2.0/24", "interface": "s-cli",
                 "pools": [{"pool": "192.0.2.100-192.0.2.199"}],
                 "option-data": [{"name": "routers", "data": "192.0.2.1"}],
                 "reservations": [{"hw-address": "02:00:5e:00:53:31", "ip-address": "192.0.2.31",
                   "hostname": "reserved-host",
                   "option-data": [{"name": "domain-name", "data": "reserved.example"}]}]},
                {"id": 2, "subnet": "198.51.100.0/24",
                 "pools": [{"pool": "198.51.100.100-198.51.100.199"}],
                 "option-data": [{"name": "routers", "data": "198.51.100.1"}],
                 "reservations": [{"circuit-id": "'r-cli'", "ip-address": "198.51.100.50"}]}
              ]
            }}""".formatted(leases));
        Files.writeString(dir.resolve("script.sh"), """
            #!/bin/sh
            # client hook (dhclient, udhcpc, dhcpcd), run inside the client namespace only: records what the client
            # was told and puts the leased address on the interface, so the client can unicast its RELEASE
            echo "reason=${reason:-$1} ip=${new_ip_address:-${ip:-}} dn=${new_domain_name:-${domain:-}} if=${interface:-}" \
              >> "$(dirname "$0")/script-$(basename "${interface:-x}").log"
            case "${reason:-$1}" in
              BOUND|REBOOT|RENEW|bound|renew) ip addr replace "${new_ip_address:-$ip}/24" dev "$interface" ;;
            esac
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
        assertTrue(Files.exists(dir.resolve("kea-dhcp4.kea-dhcp4.pid")), "PID file");
        relay = rel.start(dir.resolve("dhcrelay.log"), "dhcrelay", "-4", "-d", "-a", "-i", "r-cli", "-i", "r-srv",
                "-pf", dir.resolve("dhcrelay.pid").toString(), "10.0.0.1");
    }

    @AfterAll
    static void teardown() throws Exception {
        List<Exception> errors = new ArrayList<>();
        if (server != null) {
            // SIGTERM: the server finishes, flushes and removes its PID file
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
            assertTrue(!Files.exists(dir.resolve("kea-dhcp4.kea-dhcp4.pid")), "PID file removed");
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

    /** The last lease file row of {@code address}, split into columns. */
    private static String[] lastRow(String address) {
        String[] last = null;
        for (String line : log(leases).split("\n")) {
            if (line.startsWith(address + ",")) {
                last = line.split(",", -1);
            }
        }
        return last;
    }

    private static void setMac(String iface, String mac) throws IOException {
        cli.run("ip", "link", "set", iface, "down");
        cli.run("ip", "-4", "addr", "flush", "dev", iface);
        cli.run("ip", "link", "set", iface, "address", mac);
        cli.run("ip", "link", "set", iface, "up");
    }

    private static String bound(String iface) {
        Matcher m = Pattern.compile("reason=(BOUND|bound|REBOOT) ip=(\\S+) dn=(\\S*)").matcher(log(dir.resolve(
                "script-" + iface + ".log")));
        String last = null;
        while (m.find()) {
            last = m.group(2) + " " + m.group(3);
        }
        return last;
    }

    private static List<String> dhclient(String iface, String tag, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("timeout", "40", "dhclient", "-4", "-v", "-sf",
                dir.resolve("script.sh").toString(), "-lf", dir.resolve(tag + ".leases").toString(), "-pf",
                dir.resolve(tag + ".pid").toString(), "-cf", dir.resolve("empty.conf").toString()));
        cmd.addAll(List.of(extra));
        cmd.add(iface);
        Files.writeString(dir.resolve("empty.conf"), "");
        return cmd;
    }

    private static void mustGet(Netns.Result r, String what) {
        assertEquals(0, r.exit(), what + ": " + r.output() + "\nserver:\n" + tail(log(serverLog)));
    }

    @Test
    @Order(1)
    void dhclientGetsALeaseOnTheLinkAndItsReleaseReachesTheLeaseFile() throws Exception {
        setMac("c-srv", "02:00:5e:00:53:11");
        mustGet(cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(60),
                dhclient("c-srv", "dhclient", "-1").toArray(String[]::new)), "dhclient");
        String got = bound("c-srv");
        assertNotNull(got, "dhclient bound: " + log(dir.resolve("script-c-srv.log")));
        String ip = got.split(" ")[0];
        assertTrue(ip.startsWith("192.0.2.1"), ip);
        String[] row = lastRow(ip);
        assertNotNull(row, "lease row of " + ip + " in " + log(leases));
        assertEquals("02:00:5e:00:53:11", row[1]);
        assertEquals("0", row[9], "state assigned");
        Netns.Result release = cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(30),
                dhclient("c-srv", "dhclient", "-r").toArray(String[]::new));
        mustGet(release, "dhclient -r");
        assertTrue(Netns.await(Duration.ofSeconds(10), () -> "2".equals(lastRow(ip)[9])),
                "RELEASE: expired-reclaimed row: " + String.join(",", lastRow(ip)) + "\n" + release.output());
    }

    @Test
    @Order(2)
    void udhcpcGetsALease() throws Exception {
        setMac("c-srv", "02:00:5e:00:53:12");
        mustGet(cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(40), "timeout", "30", "udhcpc", "-f", "-q",
                "-n", "-i", "c-srv", "-t", "5", "-T", "2", "-s", dir.resolve("script.sh").toString()), "udhcpc");
        String got = bound("c-srv");
        assertNotNull(got);
        String ip = got.split(" ")[0];
        assertEquals("02:00:5e:00:53:12", lastRow(ip)[1], "lease of udhcpc's MAC");
    }

    @Test
    @Order(3)
    void dhcpcdGetsALease() throws Exception {
        setMac("c-srv", "02:00:5e:00:53:13");
        Path conf = dir.resolve("dhcpcd.conf");
        Files.writeString(conf, "ipv4only\nnoarp\nnoipv4ll\nnohook resolv.conf\n");
        Netns.Result r = cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(60), "timeout", "45", "dhcpcd",
                "-1", "-4", "-w", "-t", "30", "-f", conf.toString(), "-c", dir.resolve("script.sh").toString(),
                "c-srv");
        mustGet(r, "dhcpcd");
        assertTrue(Netns.await(Duration.ofSeconds(10), () -> log(leases).contains(",02:00:5e:00:53:13,")),
                "dhcpcd's lease in the file: " + r.output());
        cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(20), "dhcpcd", "-x", "c-srv");
    }

    @Test
    @Order(4)
    void aReservedClientGetsItsAddressAndOptions() throws Exception {
        setMac("c-srv", "02:00:5e:00:53:31");
        Files.deleteIfExists(dir.resolve("script-c-srv.log"));
        mustGet(cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(60),
                dhclient("c-srv", "reserved", "-1").toArray(String[]::new)), "dhclient");
        assertEquals("192.0.2.31 reserved.example", bound("c-srv"));
        assertEquals("reserved-host", lastRow("192.0.2.31")[8], "reserved hostname in the lease");
        cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(30),
                dhclient("c-srv", "reserved", "-x").toArray(String[]::new));
    }

    @Test
    @Order(5)
    void aClientBehindDhcrelayGetsTheCircuitIdReservationOfTheRelaysSubnet() throws Exception {
        setMac("c-rel", "02:00:5e:00:53:21");
        mustGet(cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(60),
                dhclient("c-rel", "relayed", "-1").toArray(String[]::new)), "dhclient via dhcrelay: "
                + log(dir.resolve("dhcrelay.log")));
        String got = bound("c-rel");
        assertNotNull(got);
        assertEquals("198.51.100.50", got.split(" ")[0], "option 82 circuit-id 'r-cli' selected the reservation");
        assertEquals("2", lastRow("198.51.100.50")[5], "subnet 2");
        cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(30),
                dhclient("c-rel", "relayed", "-x").toArray(String[]::new));
    }

    @Test
    @Order(6)
    void aDeclineReachesTheLeaseFile() throws Exception {
        setMac("c-srv", "02:00:5e:00:53:41");
        Files.deleteIfExists(dir.resolve("script-c-srv.log"));
        mustGet(cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(60),
                dhclient("c-srv", "decline", "-1").toArray(String[]::new)), "dhclient");
        String ip = bound("c-srv").split(" ")[0];
        cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(30),
                dhclient("c-srv", "decline", "-x").toArray(String[]::new));
        // the client found the address in use: DHCPDECLINE, sent from 0.0.0.0 as RFC 2131 says, broadcast
        int address = (int) Long.parseLong(String.join("", java.util.Arrays.stream(ip.split("\\."))
                .map(o -> String.format("%02x", Integer.parseInt(o))).toList()), 16);
        Dhcp4Packet decline = new Dhcp4Packet();
        decline.xid(0x4141);
        decline.hardwareAddress(1, HexFormat.ofDelimiter(":").parseHex("02:00:5e:00:53:41"));
        decline.options().putMessageType(DhcpMessageType.DHCPDECLINE);
        decline.options().putServerIdentifier(Ipv4.of(192, 0, 2, 1)).putIpv4(50, address);
        ByteBuf b = Unpooled.buffer();
        new Dhcp4Codec().encode(decline, b);
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        Path file = dir.resolve("decline.bin");
        Files.write(file, bytes);
        cli.run("ip", "addr", "add", "192.0.2.250/24", "dev", "c-srv");
        cli.run("socat", "-u", "OPEN:" + file, "UDP4-DATAGRAM:192.0.2.1:67,bind=192.0.2.250:68");
        assertTrue(Netns.await(Duration.ofSeconds(10), () -> "1".equals(lastRow(ip)[9])),
                "declined row: " + String.join(",", lastRow(ip)) + "\n" + tail(log(serverLog)));
        cli.run("ip", "addr", "del", "192.0.2.250/24", "dev", "c-srv");
    }

    @Test
    @Order(8)
    void sighupReloadsTheFileAndABadFileKeepsTheRunningConfiguration() throws Exception {
        Path conf = dir.resolve("kea-dhcp4.conf");
        String good = Files.readString(conf);
        Files.writeString(conf, good.replace("192.0.2.100-192.0.2.199", "192.0.2.100-192.0.2.209"));
        srv.run("kill", "-HUP", Long.toString(server.pid()));
        assertTrue(Netns.await(Duration.ofSeconds(15), () -> log(serverLog).contains("applied")),
                tail(log(serverLog)));
        Files.writeString(conf, "{\"Dhcp4\": {\"subnet4\": [{\"id\": 1, \"subnet\": \"bad\"}]}}");
        srv.run("kill", "-HUP", Long.toString(server.pid()));
        assertTrue(Netns.await(Duration.ofSeconds(15),
                () -> log(serverLog).contains("DHCP4_DYNAMIC_RECONFIGURATION_FAIL")), tail(log(serverLog)));
        Files.writeString(conf, good);
        // still serving with the reloaded configuration
        setMac("c-srv", "02:00:5e:00:53:61");
        Files.deleteIfExists(dir.resolve("script-c-srv.log"));
        mustGet(cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(60),
                dhclient("c-srv", "afterhup", "-1").toArray(String[]::new)), "dhclient after SIGHUP");
        assertNotNull(bound("c-srv"));
        cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(30),
                dhclient("c-srv", "afterhup", "-x").toArray(String[]::new));
    }

    @Test
    @Order(7)
    void perfdhcpFourWayRunHasNoRejectedOrDuplicateLeases() throws Exception {
        setMac("c-srv", "02:00:5e:00:53:51");
        cli.run("ip", "addr", "add", "192.0.2.2/24", "dev", "c-srv");
        Netns.Result r = cli.tryRun("timeout", "60", "perfdhcp", "-4", "-u", "-l", "c-srv", "-r", "50", "-R", "60",
                "-n", "60", "-p", "10", "-W", "2000000", "192.0.2.1");
        String out = r.output();
        Matcher rejected = Pattern.compile("rejected leases: (\\d+)").matcher(out);
        Matcher unique = Pattern.compile("non unique addresses: (\\d+)").matcher(out);
        assertTrue(rejected.find(), out);
        assertEquals("0", rejected.group(1), out);
        assertTrue(unique.find(), out);
        assertEquals("0", unique.group(1), out);
        Matcher received = Pattern.compile("received packets: (\\d+)").matcher(out);
        assertTrue(received.find() && Integer.parseInt(received.group(1)) > 0, out);
        cli.run("ip", "addr", "del", "192.0.2.2/24", "dev", "c-srv");
    }
}
