package io.tui.dhcp4.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.testing.ControlClient;
import io.tui.dhcp.core.testing.External;
import io.tui.dhcp.core.testing.Netns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code tui-dhcp4 -c} managed as one manages Kea: a separate server process in a network namespace with
 * lease_cmds and stat_cmds loaded, a UNIX control socket and an HTTP one with basic authentication. socat, curl and
 * tuictl talk to it while dhclient and perfdhcp are its clients: lease4-get finds dhclient's lease, statistics count
 * its packets, config-set swaps pools (a bad one is refused and the old config keeps serving), dhcp-disable/enable,
 * leases-reclaim, libreload, 50 control clients at once during a perfdhcp run without costing DHCP packets, and
 * shutdown with an exit value.
 *
 * <pre>
 *   tuim-cli-PID  c-srv  <-- veth -->  s-cli 192.0.2.1/24  tuim-srv-PID (tui-dhcp4, control on UNIX + 127.0.0.1:8004)
 * </pre>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Dhcp4ManagementTest {
    private static final long PID = ProcessHandle.current().pid();
    private static final String HTTP = "http://127.0.0.1:8004/";
    private static Netns srv;
    private static Netns cli;
    private static Path dir;
    private static Path conf;
    private static Path serverLog;
    private static Process server;
    private static ControlClient ctl;
    private static int macs;

    @BeforeAll
    static void topology() throws Exception {
        External.requireRoot();
        for (String tool : List.of("ip", "unshare", "setsid", "dhclient", "perfdhcp", "socat", "curl")) {
            External.require(Netns.onPath(tool), tool);
        }
        dir = Files.createTempDirectory("tui-dhcp4-mgmt");
        Path ctrl = Files.createDirectory(dir.resolve("ctrl"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        srv = Netns.create("tuim-srv-" + PID);
        cli = Netns.create("tuim-cli-" + PID);
        Netns.veth(cli, "c-srv", srv, "s-cli");
        srv.run("ip", "addr", "add", "192.0.2.1/24", "dev", "s-cli");
        conf = dir.resolve("kea-dhcp4.conf");
        Files.writeString(conf, config("192.0.2.100-192.0.2.249", ""));
        Files.writeString(dir.resolve("empty.conf"), "");
        Files.writeString(dir.resolve("script.sh"), """
            #!/bin/sh
            echo "reason=$reason ip=$new_ip_address" >> "$(dirname "$0")/script.log"
            exit 0
            """);
        dir.resolve("script.sh").toFile().setExecutable(true);
        ctl = new ControlClient(ctrl.resolve("tui4.sock"));
        serverLog = dir.resolve("server.log");
        server = startServer(conf, serverLog);
        if (!Netns.await(Duration.ofSeconds(40), () -> Files.exists(ctl.socket()))) {
            fail("the server did not open its control socket: " + log(serverLog));
        }
    }

    /** The configuration, with {@code extra} spliced into the Dhcp4 map. */
    private static String config(String pool, String extra) {
        return """
            {"Dhcp4": {
              "interfaces-config": {"interfaces": ["s-cli"]},
              "lease-database": {"type": "memfile", "name": "%s"},
              "valid-lifetime": 600, "renew-timer": 300, "rebind-timer": 500,
              "hooks-libraries": [
                {"library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so"},
                {"library": "libdhcp_stat_cmds.so"}],
              "control-sockets": [
                {"socket-type": "unix", "socket-name": "%s"},
                {"socket-type": "http", "socket-address": "127.0.0.1", "socket-port": 8004,
                 "authentication": {"type": "basic", "realm": "tui-test",
                   "clients": [{"user": "admin", "password": "s3cret"}]}}],
              %s
              "subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "interface": "s-cli",
                           "pools": [{"pool": "%s"}]}]
            }}""".formatted(dir.resolve("leases4.csv"), dir.resolve("ctrl/tui4.sock"), extra, pool);
    }

    /**
     * Under nohup, as an operator may start it from a shell: SIGHUP arrives inherited as ignored, and the server must
     * still reload on it, as kea-dhcp4 does (the SIGHUP test below).
     */
    private static Process startServer(Path config, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return srv.start(log, "nohup", "env", "KEA_PIDFILE_DIR=" + dir, java, "--enable-native-access=ALL-UNNAMED",
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.tui.dhcp4.Main", "-c", config.toString());
    }

    @AfterAll
    static void teardown() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroy();
            server.waitFor(15, TimeUnit.SECONDS);
        }
        for (Netns ns : new Netns[] {cli, srv}) {
            if (ns != null) {
                ns.close();
            }
        }
    }

    private static String log(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** A dhclient run (one try, {@code seconds} at most) from a fresh MAC; the address bound, or null. */
    private static String dhclient(int seconds) throws IOException {
        String mac = "02:00:5e:00:54:%02x".formatted(++macs);
        cli.run("ip", "link", "set", "c-srv", "down");
        cli.run("ip", "link", "set", "c-srv", "address", mac);
        cli.run("ip", "link", "set", "c-srv", "up");
        Files.deleteIfExists(dir.resolve("script.log"));
        cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(seconds + 10), "timeout", String.valueOf(seconds),
                "dhclient", "-4", "-1", "-v", "-sf", dir.resolve("script.sh").toString(), "-lf",
                dir.resolve("dhclient-" + macs + ".leases").toString(), "-pf", dir.resolve("dhclient.pid").toString(),
                "-cf", dir.resolve("empty.conf").toString(), "c-srv");
        cli.tryRun("pkill", "-F", dir.resolve("dhclient.pid").toString());
        Matcher m = Pattern.compile("reason=(BOUND|REBOOT) ip=(\\S+)").matcher(log(dir.resolve("script.log")));
        String ip = null;
        while (m.find()) {
            ip = m.group(2);
        }
        return ip;
    }

    private static long stat(String name) throws IOException {
        JsonNode r = ctl.call("statistic-get", "{\"name\": \"" + name + "\"}");
        assertEquals(0, r.get("result").asInt(), r.toString());
        JsonNode samples = r.at("/arguments/" + name);
        return samples.isArray() && !samples.isEmpty() ? samples.get(0).get(0).asLong() : 0;
    }

    private static void ok(JsonNode r) {
        assertEquals(0, r.get("result").asInt(), r + "\nserver:\n" + tail(log(serverLog)));
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }

    @Test
    @Order(1)
    void socatListsTheBuiltinAndTheHooksCommands() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ctl.socket())));
        JsonNode r = ControlClient.parse(ctl.socat("{\"command\": \"list-commands\"}"));
        ok(r);
        String names = r.get("arguments").toString();
        for (String c : List.of("config-set", "dhcp-disable", "lease4-get", "lease4-get-all", "stat-lease4-get",
                "statistic-get", "shutdown")) {
            assertTrue(names.contains("\"" + c + "\""), c + " in " + names);
        }
        assertTrue(!names.contains("\"lease6-get\""), "a DHCPv4 server has no lease6 commands: " + names);
        JsonNode status = ctl.call("status-get", null);
        ok(status);
        assertEquals("ready", status.at("/arguments/sockets/status").asText(), status.toString());
        assertTrue(ProcessHandle.of(status.at("/arguments/pid").asLong()).isPresent(), status.toString());
    }

    @Test
    @Order(2)
    void httpNeedsTheRightPasswordAndAnswersAList() throws Exception {
        Netns.Result good = ControlClient.curl(srv, HTTP, "admin:s3cret", "{\"command\": \"version-get\"}");
        assertEquals(200, ControlClient.status(good), good.output());
        JsonNode list = ControlClient.parse(ControlClient.body(good));
        assertTrue(list.isArray(), list.toString());
        assertEquals(0, list.get(0).get("result").asInt(), list.toString());
        Netns.Result wrong = ControlClient.curl(srv, HTTP, "admin:wrong", "{\"command\": \"dhcp-disable\"}");
        assertEquals(401, ControlClient.status(wrong), wrong.output());
        Netns.Result none = ControlClient.curl(srv, HTTP, null, "{\"command\": \"dhcp-disable\"}");
        assertEquals(401, ControlClient.status(none), none.output());
        JsonNode status = ctl.call("config-get", null);
        ok(status);
        assertNotNull(dhclient(30), "dhcp-disable sent without the password must not have run");
    }

    @Test
    @Order(3)
    void tuictlFindsDhclientsLeaseAndStatisticsCountItsPackets() throws Exception {
        long acks = stat("pkt4-ack-sent");
        String ip = dhclient(30);
        assertNotNull(ip, "dhclient bound\n" + tail(log(serverLog)));
        Netns.Result get = ctl.tuictl("lease4-get", "ip-address=" + ip);
        assertEquals(0, get.exit(), get.output());
        JsonNode lease = ControlClient.parse(get.output());
        assertEquals(ip, lease.at("/arguments/ip-address").asText(), get.output());
        assertEquals("02:00:5e:00:54:%02x".formatted(macs), lease.at("/arguments/hw-address").asText());
        assertTrue(stat("pkt4-ack-sent") >= acks + 1, "pkt4-ack-sent counts the ACK");
        Netns.Result missing = ctl.tuictl("lease4-get", "ip-address=192.0.2.99");
        assertEquals(3, missing.exit(), missing.output());
        JsonNode stats = ctl.call("stat-lease4-get", "{\"subnet-id\": 1}");
        ok(stats);
        assertTrue(stats.toString().contains("\"assigned-addresses\""), stats.toString());
    }

    @Test
    @Order(4)
    void dhcpDisableStopsAnsweringAndDhcpEnableResumes() throws Exception {
        ok(ctl.call("dhcp-disable", null));
        assertEquals(null, dhclient(8), "no lease while disabled");
        ok(ctl.call("dhcp-enable", null));
        assertNotNull(dhclient(30), "a lease once enabled again");
        ok(ctl.call("dhcp-disable", "{\"max-period\": 2}"));
        Thread.sleep(3000);
        assertNotNull(dhclient(30), "max-period enabled the service again");
    }

    @Test
    @Order(5)
    void fiftyControlClientsDoNotCostPerfdhcpPackets() throws Exception {
        cli.run("ip", "addr", "add", "192.0.2.2/24", "dev", "c-srv");
        try {
            ControlClient.UnderLoad r = ctl.underLoad(Dhcp4ManagementTest::perfdhcp, 50, List.of(
                    "{\"command\": \"statistic-get-all\"}", "{\"command\": \"lease4-get-all\"}",
                    "{\"command\": \"status-get\"}", "{\"command\": \"config-get\"}",
                    "{\"command\": \"list-commands\"}"));
            System.out.println(r);
            r.check();
        } finally {
            cli.run("ip", "addr", "del", "192.0.2.2/24", "dev", "c-srv");
        }
    }

    private static String perfdhcp() throws IOException {
        Netns.Result r = cli.tryRun("timeout", "60", "perfdhcp", "-4", "-l", "c-srv", "-r", "100", "-R", "100", "-p",
                "10", "-W", "2000000", "192.0.2.1");
        assertTrue(r.output().contains("drops"), r.output());
        return r.output();
    }

    @Test
    @Order(6)
    void configSetSwapsThePoolAndABadOneIsRefusedWhileTheOldKeepsServing() throws Exception {
        JsonNode current = ctl.call("config-get", null);
        ok(current);
        ObjectNode doc = (ObjectNode) current.get("arguments").deepCopy();
        doc.remove("hash");
        ObjectNode dhcp4 = (ObjectNode) doc.get("Dhcp4");
        ((ObjectNode) dhcp4.at("/subnet4/0/pools/0")).put("pool", "192.0.2.200-192.0.2.209");
        assertEquals("*****", doc.at("/Dhcp4/control-sockets/1/authentication/clients/0/password").asText(),
                "config-get hides the password");
        JsonNode set = ctl.call("config-set", doc.toString());
        ok(set);
        Netns.Result http = ControlClient.curl(srv, HTTP, "admin:s3cret", "{\"command\": \"config-hash-get\"}");
        assertEquals(200, ControlClient.status(http), "config-get's answer sent back keeps the password: "
                + http.output());
        String ip = dhclient(30);
        assertNotNull(ip, "a lease from the new pool");
        int last = Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
        assertTrue(last >= 200 && last <= 209, ip);
        String hash = ctl.call("config-hash-get", null).at("/arguments/hash").asText();

        ObjectNode bad = doc.deepCopy();
        ((ObjectNode) bad.at("/Dhcp4/subnet4/0/pools/0")).put("pool", "10.9.9.1-10.9.9.9");
        JsonNode refused = ctl.call("config-set", bad.toString());
        assertEquals(1, refused.get("result").asInt(), refused.toString());
        ObjectNode badHook = doc.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) badHook.at("/Dhcp4/hooks-libraries")).addObject()
                .put("library", "libdhcp_no_such_hook.so");
        JsonNode refusedHook = ctl.call("config-set", badHook.toString());
        assertEquals(1, refusedHook.get("result").asInt(), refusedHook.toString());
        assertTrue(refusedHook.get("text").asText().contains("libdhcp_no_such_hook.so"), refusedHook.toString());
        assertEquals(hash, ctl.call("config-hash-get", null).at("/arguments/hash").asText(), "config unchanged");
        ok(ctl.call("lease4-get", "{\"ip-address\": \"" + ip + "\"}"));
        String again = dhclient(30);
        assertNotNull(again, "the old configuration keeps serving");
        int n = Integer.parseInt(again.substring(again.lastIndexOf('.') + 1));
        assertTrue(n >= 200 && n <= 209, again);
        JsonNode test = ctl.call("config-test", badHook.toString());
        assertEquals(1, test.get("result").asInt(), test.toString());
        // the file's configuration back (config-reload): the big pool
        ok(ctl.call("config-reload", null));
        assertNotEquals(hash, ctl.call("config-hash-get", null).at("/arguments/hash").asText());
    }

    @Test
    @Order(7)
    void leasesReclaimRemovesAnExpiredLeaseAndLibreloadKeepsTheCommands() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        ok(ctl.call("lease4-add", "{\"ip-address\": \"192.0.2.98\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\", "
                + "\"valid-lft\": 60, \"expire\": " + (now - 30) + "}"));
        ok(ctl.call("lease4-get", "{\"ip-address\": \"192.0.2.98\"}"));
        JsonNode r = ctl.call("leases-reclaim", "{\"remove\": true}");
        ok(r);
        assertEquals(3, ctl.call("lease4-get", "{\"ip-address\": \"192.0.2.98\"}").get("result").asInt());
        JsonNode lib = ctl.call("libreload", null);
        ok(lib);
        ok(ctl.call("lease4-get-all", null));
        assertTrue(ctl.call("list-commands", null).get("arguments").toString().contains("\"stat-lease4-get\""));
    }

    @Test
    @Order(8)
    void sighupReloadsTheFileWithItsHooksAndConfigWriteStaysInTheConfigDirectory() throws Exception {
        long pid = ctl.call("status-get", null).at("/arguments/pid").asLong();
        assertTrue(log(serverLog).contains("SIGHUP was inherited as ignored"), tail(log(serverLog)));
        String original = Files.readString(conf);
        String withoutStatCmds = original.replace(",\n    {\"library\": \"libdhcp_stat_cmds.so\"}", "");
        assertNotEquals(original, withoutStatCmds);
        Files.writeString(conf, withoutStatCmds);
        try {
            Netns.exec(List.of("kill", "-HUP", String.valueOf(pid)), Duration.ofSeconds(5));
            assertTrue(Netns.await(Duration.ofSeconds(20), () -> {
                try {
                    return !ctl.call("list-commands", null).get("arguments").toString().contains("stat-lease4-get");
                } catch (IOException e) {
                    return false;
                }
            }), "SIGHUP unloaded stat_cmds\n" + Files.readString(conf) + "\n" + tail(log(serverLog)));
            assertNotEquals(2, ctl.call("lease4-get-all", null).get("result").asInt(), "lease_cmds stays");
        } finally {
            Files.writeString(conf, original);
        }
        Netns.exec(List.of("kill", "-HUP", String.valueOf(pid)), Duration.ofSeconds(5));
        assertTrue(Netns.await(Duration.ofSeconds(20), () -> {
            try {
                return ctl.call("list-commands", null).get("arguments").toString().contains("stat-lease4-get");
            } catch (IOException e) {
                return false;
            }
        }), "SIGHUP loaded stat_cmds again");

        JsonNode written = ctl.call("config-write", "{\"filename\": \"copy.json\"}");
        ok(written);
        assertTrue(Files.readString(dir.resolve("copy.json")).contains("\"Dhcp4\""));
        for (String escape : List.of("../escape.json", "/tmp/tui-escape-" + PID + ".json", "ctrl/../../x.json")) {
            JsonNode r = ctl.call("config-write", "{\"filename\": \"" + escape + "\"}");
            assertEquals(1, r.get("result").asInt(), escape + ": " + r);
        }
        assertTrue(!Files.exists(Path.of("/tmp/tui-escape-" + PID + ".json")));
        assertTrue(!Files.exists(dir.getParent().resolve("escape.json")));
    }

    @Test
    @Order(9)
    void aHookThatCannotLoadFailsTheStart() throws Exception {
        Path bad = dir.resolve("bad.conf");
        Files.writeString(bad, """
            {"Dhcp4": {"interfaces-config": {"interfaces": []},
              "lease-database": {"type": "memfile", "persist": false},
              "hooks-libraries": [{"library": "libdhcp_no_such_hook.so"}],
              "subnet4": []}}""");
        Path badLog = dir.resolve("bad.log");
        Process p = startServer(bad, badLog);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "a server that cannot load its hooks exits");
        assertEquals(1, p.exitValue(), log(badLog));
        assertTrue(log(badLog).contains("libdhcp_no_such_hook.so"), log(badLog));
    }

    @Test
    @Order(10)
    void shutdownExitsWithTheExitValue() throws Exception {
        JsonNode r = ctl.call("shutdown", "{\"exit-value\": 3}");
        ok(r);
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server exits");
        assertEquals(3, server.exitValue(), tail(log(serverLog)));
        assertTrue(!Files.exists(ctl.socket()), "the control socket file is removed");
    }
}
