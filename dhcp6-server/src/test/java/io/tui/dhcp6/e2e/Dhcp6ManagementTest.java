package io.tui.dhcp6.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * {@code tui-dhcp6 -c} managed as one manages Kea: a server process in a network namespace with lease_cmds and
 * stat_cmds, a UNIX control socket and an HTTP one with basic authentication; socat, curl and tuictl talk to it
 * while dhclient -6 is its client (lease6-get finds the lease, statistics count the REPLY, config-set swaps the pool
 * and a bad one is refused while the old keeps serving, dhcp-disable/enable, leases-reclaim, shutdown exit value).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Dhcp6ManagementTest {
    private static final String HTTP = "http://127.0.0.1:8006/";
    private static Netns srv;
    private static Netns cli;
    private static Path dir;
    private static Path serverLog;
    private static Process server;
    private static ControlClient ctl;
    private static int clients;

    @BeforeAll
    static void topology() throws Exception {
        External.requireRoot();
        for (String tool : List.of("ip", "unshare", "setsid", "dhclient", "socat", "curl")) {
            External.require(Netns.onPath(tool), tool);
        }
        dir = Files.createTempDirectory("tui-dhcp6-mgmt");
        Files.createDirectory(dir.resolve("ctrl"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        String tag = Long.toHexString(ProcessHandle.current().pid() & 0xffff);
        srv = Netns.create("t6ms" + tag);
        cli = Netns.create("t6mc" + tag);
        Netns.veth(cli, "c-srv", srv, "s-cli");
        srv.run("ip", "addr", "add", "2001:db8:1::1/64", "dev", "s-cli", "nodad");
        for (Object[] l : new Object[][] {{srv, "s-cli"}, {cli, "c-srv"}}) {
            Netns ns = (Netns) l[0];
            Netns.await(Duration.ofSeconds(10), () -> {
                try {
                    return ns.run("ip", "-6", "addr", "show", "dev", (String) l[1], "scope", "link")
                            .contains("inet6");
                } catch (IOException e) {
                    return false;
                }
            });
        }
        Files.writeString(dir.resolve("empty.conf"), "");
        Files.writeString(dir.resolve("noop.sh"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(dir.resolve("noop.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = dir.resolve("kea-dhcp6.conf");
        Files.writeString(conf, """
            {"Dhcp6": {
              "interfaces-config": {"interfaces": ["s-cli"]},
              "data-directory": "%1$s",
              "lease-database": {"type": "memfile", "name": "%1$s/leases6.csv", "lfc-interval": 0},
              "preferred-lifetime": 300, "valid-lifetime": 600, "renew-timer": 100, "rebind-timer": 200,
              "hooks-libraries": [{"library": "libdhcp_lease_cmds.so"}, {"library": "libdhcp_stat_cmds.so"}],
              "control-sockets": [
                {"socket-type": "unix", "socket-name": "%1$s/ctrl/tui6.sock"},
                {"socket-type": "http", "socket-address": "127.0.0.1", "socket-port": 8006,
                 "authentication": {"type": "basic", "realm": "tui-test",
                   "clients": [{"user": "admin", "password": "s3cret"}]}}],
              "subnet6": [{"id": 1, "subnet": "2001:db8:1::/64", "interface": "s-cli",
                           "pools": [{"pool": "2001:db8:1::100 - 2001:db8:1::1ff"}]}]
            }}""".formatted(dir));
        ctl = new ControlClient(dir.resolve("ctrl/tui6.sock"));
        serverLog = dir.resolve("server.log");
        String java = ProcessHandle.current().info().command().orElseThrow();
        server = srv.start(serverLog, "env", "KEA_PIDFILE_DIR=" + dir, java, "-cp",
                System.getProperty("java.class.path"), "io.tui.dhcp6.Main", "-c", conf.toString());
        if (!Netns.await(Duration.ofSeconds(40), () -> Files.exists(ctl.socket()))) {
            fail("the server did not open its control socket: " + read(serverLog));
        }
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

    static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** dhclient -6 -N once ({@code seconds} at most) with a fresh DUID; the address it got, or null. */
    private static String dhclient(int seconds) throws Exception {
        String name = "dhclient-" + (++clients);
        Path lf = dir.resolve(name + ".leases");
        Files.writeString(lf, "default-duid \"\\000\\003\\000\\001\\002\\000\\136\\000\\125" + "\\%03o\";\n"
                .formatted(clients));
        cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(seconds + 10), "timeout", String.valueOf(seconds),
                "dhclient", "-1", "-6", "-N", "-v", "-sf", dir.resolve("noop.sh").toString(), "-lf", lf.toString(),
                "-pf", dir.resolve(name + ".pid").toString(), "-cf", dir.resolve("empty.conf").toString(), "c-srv");
        String pid = read(dir.resolve(name + ".pid")).trim();
        if (!pid.isEmpty()) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroy);
        }
        Matcher m = Pattern.compile("iaaddr (2001:db8:1::[0-9a-f]+) \\{").matcher(read(lf));
        return m.find() ? m.group(1) : null;
    }

    private static void ok(JsonNode r) {
        String log = read(serverLog);
        assertEquals(0, r.get("result").asInt(), r + "\nserver:\n" + log.substring(Math.max(0, log.length() - 4000)));
    }

    private static long stat(String name) throws IOException {
        JsonNode r = ctl.call("statistic-get", "{\"name\": \"" + name + "\"}");
        ok(r);
        JsonNode s = r.at("/arguments/" + name);
        return s.isArray() && !s.isEmpty() ? s.get(0).get(0).asLong() : 0;
    }

    private static int last(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1), 16);
    }

    @Test
    @Order(1)
    void socatAndHttpReachTheBuiltinAndTheHooksCommands() throws Exception {
        JsonNode r = ControlClient.parse(ctl.socat("{\"command\": \"list-commands\"}"));
        ok(r);
        String names = r.get("arguments").toString();
        for (String c : List.of("config-set", "lease6-get", "lease6-bulk-apply", "stat-lease6-get", "shutdown")) {
            assertTrue(names.contains("\"" + c + "\""), c + " in " + names);
        }
        assertTrue(!names.contains("\"lease4-get\""), names);
        Netns.Result good = ControlClient.curl(srv, HTTP, "admin:s3cret", "{\"command\": \"status-get\"}");
        assertEquals(200, ControlClient.status(good), good.output());
        JsonNode status = ControlClient.parse(ControlClient.body(good)).get(0);
        ok(status);
        assertEquals("ready", status.at("/arguments/sockets/status").asText(), status.toString());
        Netns.Result wrong = ControlClient.curl(srv, HTTP, "admin:nope", "{\"command\": \"shutdown\"}");
        assertEquals(401, ControlClient.status(wrong), wrong.output());
        assertTrue(server.isAlive(), "shutdown without the password did not run");
    }

    @Test
    @Order(2)
    void tuictlFindsDhclientsLeaseAndStatisticsCountTheReply() throws Exception {
        long replies = stat("pkt6-reply-sent");
        String ip = dhclient(30);
        assertNotNull(ip, "dhclient got an address\n" + read(serverLog));
        Netns.Result get = ctl.tuictl("lease6-get", "ip-address=" + ip);
        assertEquals(0, get.exit(), get.output());
        assertEquals(ip, ControlClient.parse(get.output()).at("/arguments/ip-address").asText(), get.output());
        assertTrue(stat("pkt6-reply-sent") >= replies + 1, "pkt6-reply-sent counts the REPLY");
        assertEquals(3, ctl.tuictl("lease6-get", "ip-address=2001:db8:1::ffff").exit());
        ok(ctl.call("stat-lease6-get", "{\"subnet-id\": 1}"));
    }

    @Test
    @Order(3)
    void dhcpDisableStopsAnsweringAndDhcpEnableResumes() throws Exception {
        ok(ctl.call("dhcp-disable", null));
        assertNull(dhclient(8), "no address while disabled");
        ok(ctl.call("dhcp-enable", null));
        assertNotNull(dhclient(30), "an address once enabled again");
    }

    @Test
    @Order(4)
    void fiftyControlClientsDoNotCostPerfdhcpPackets() throws Exception {
        External.require(Netns.onPath("perfdhcp"), "perfdhcp");
        ControlClient.UnderLoad r = ctl.underLoad(Dhcp6ManagementTest::perfdhcp, 50, List.of(
                "{\"command\": \"statistic-get-all\"}", "{\"command\": \"lease6-get-all\"}",
                "{\"command\": \"status-get\"}", "{\"command\": \"config-get\"}",
                "{\"command\": \"stat-lease6-get\"}"));
        System.out.println(r);
        r.check();
    }

    private static String perfdhcp() throws IOException {
        Netns.Result r = cli.tryRun("timeout", "60", "perfdhcp", "-6", "-l", "c-srv", "-r", "100", "-R", "100", "-p",
                "10", "-W", "2000000");
        assertTrue(r.output().contains("drops"), r.output());
        return r.output();
    }

    @Test
    @Order(5)
    void configSetSwapsThePoolAndABadOneIsRefused() throws Exception {
        JsonNode current = ctl.call("config-get", null);
        ok(current);
        ObjectNode doc = (ObjectNode) current.get("arguments").deepCopy();
        doc.remove("hash");
        ((ObjectNode) doc.at("/Dhcp6/subnet6/0/pools/0")).put("pool", "2001:db8:1::800 - 2001:db8:1::80f");
        ok(ctl.call("config-set", doc.toString()));
        String ip = dhclient(30);
        assertNotNull(ip, "an address from the new pool");
        assertTrue(last(ip) >= 0x800 && last(ip) <= 0x80f, ip);
        String hash = ctl.call("config-hash-get", null).at("/arguments/hash").asText();
        ObjectNode bad = doc.deepCopy();
        ((ObjectNode) bad.at("/Dhcp6/subnet6/0/pools/0")).put("pool", "2001:db8:99::1 - 2001:db8:99::f");
        assertEquals(1, ctl.call("config-set", bad.toString()).get("result").asInt());
        ObjectNode badHook = doc.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) badHook.at("/Dhcp6/hooks-libraries")).addObject()
                .put("library", "libdhcp_no_such_hook.so");
        JsonNode refused = ctl.call("config-set", badHook.toString());
        assertEquals(1, refused.get("result").asInt(), refused.toString());
        assertTrue(refused.get("text").asText().contains("libdhcp_no_such_hook.so"), refused.toString());
        assertEquals(hash, ctl.call("config-hash-get", null).at("/arguments/hash").asText());
        String again = dhclient(30);
        assertNotNull(again, "the old configuration keeps serving");
        assertTrue(last(again) >= 0x800 && last(again) <= 0x80f, again);
        ok(ctl.call("lease6-get-all", null));
    }

    @Test
    @Order(6)
    void leasesReclaimRemovesAnExpiredLease() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        ok(ctl.call("lease6-add", "{\"ip-address\": \"2001:db8:1::77\", \"duid\": \"01:02:03:04:05:06\", "
                + "\"iaid\": 7, \"valid-lft\": 60, \"preferred-lft\": 30, \"expire\": " + (now - 30) + "}"));
        ok(ctl.call("lease6-get", "{\"ip-address\": \"2001:db8:1::77\"}"));
        ok(ctl.call("leases-reclaim", "{\"remove\": true}"));
        assertEquals(3, ctl.call("lease6-get", "{\"ip-address\": \"2001:db8:1::77\"}").get("result").asInt());
        ok(ctl.call("libreload", null));
        ok(ctl.call("lease6-get-all", null));
    }

    @Test
    @Order(7)
    void shutdownExitsWithTheExitValue() throws Exception {
        ok(ctl.call("shutdown", "{\"exit-value\": 5}"));
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server exits");
        assertEquals(5, server.exitValue(), read(serverLog));
    }
}
