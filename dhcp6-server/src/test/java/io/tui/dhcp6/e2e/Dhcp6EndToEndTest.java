package io.tui.dhcp6.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.testing.External;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import io.tui.dhcp.core.testing.Netns;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * tui-dhcp6 (started with {@code -c} in its own network namespace) serving real clients: dhclient (IA_NA and IA_PD),
 * dhcpcd (both), wide-dhcpv6's dhcp6c (prefix), clients behind dhcrelay -6 and wide-dhcpv6's dhcp6relay, and
 * perfdhcp -6 with address-and-prefix, direct and relayed.
 *
 * <pre>
 *   cli ns                 srv ns                       rel ns                 cli ns
 *   c-srv ---------------- s-cli 2001:db8:1::1/64
 *                          s-rel 2001:db8:ff::1/64 ---- r-srv 2001:db8:ff::2/64
 *                                                       r-cli 2001:db8:2::1/64 ---- c-rel
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Dhcp6EndToEndTest {
    static final String CONFIG = """
            {"Dhcp6": {
              "interfaces-config": {"interfaces": ["s-cli", "s-two", "s-rel/2001:db8:ff::1"]},
              "data-directory": "@DIR@",
              "control-socket": {"socket-type": "unix", "socket-name": "@DIR@/kea6.sock"},
              "hooks-libraries": [{"library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so"}],
              "lease-database": {"type": "memfile", "name": "@DIR@/leases6.csv", "lfc-interval": 0},
              "preferred-lifetime": 300, "valid-lifetime": 600, "renew-timer": 100, "rebind-timer": 200,
              "option-data": [{"name": "dns-servers", "data": "2001:db8::53"},
                              {"name": "domain-search", "data": "tui.example"}],
              "subnet6": [
                {"id": 1, "subnet": "2001:db8:1::/64", "interface": "s-cli",
                 "pools": [{"pool": "2001:db8:1::100 - 2001:db8:1::fff"}],
                 "pd-pools": [{"prefix": "2001:db8:8000::", "prefix-len": 40, "delegated-len": 56}]},
                {"id": 3, "subnet": "2001:db8:3::/64", "interface": "s-two",
                 "pools": [{"pool": "2001:db8:3::100 - 2001:db8:3::fff"}]},
                {"id": 2, "subnet": "2001:db8:2::/64",
                 "pools": [{"pool": "2001:db8:2::100 - 2001:db8:2::fff"}],
                 "pd-pools": [{"prefix": "2001:db8:9000::", "prefix-len": 40, "delegated-len": 56}]}
              ]
            }}
            """;

    Path dir;
    Netns srv;
    Netns rel;
    Netns cli;
    Netns cli2;
    Process server;
    Path serverLog;
    Path noop;

    @BeforeAll
    void topology() throws Exception {
        External.requireRoot();
        External.requireExecutable("/usr/sbin/dhclient");
        dir = Files.createTempDirectory("tui-dhcp6-e2e");
        String tag = Long.toHexString(ProcessHandle.current().pid() & 0xffff);
        srv = Netns.create("t6s" + tag);
        rel = Netns.create("t6r" + tag);
        cli = Netns.create("t6c" + tag);
        cli2 = Netns.create("t6d" + tag);
        Netns.veth(cli, "c-srv", srv, "s-cli");
        Netns.veth(cli2, "c-two", srv, "s-two");
        Netns.veth(srv, "s-rel", rel, "r-srv");
        Netns.veth(cli, "c-rel", rel, "r-cli");
        srv.run("ip", "addr", "add", "2001:db8:1::1/64", "dev", "s-cli", "nodad");
        srv.run("ip", "addr", "add", "2001:db8:ff::1/64", "dev", "s-rel", "nodad");
        rel.run("ip", "addr", "add", "2001:db8:ff::2/64", "dev", "r-srv", "nodad");
        rel.run("ip", "addr", "add", "2001:db8:2::1/64", "dev", "r-cli", "nodad");
        srv.run("ip", "-6", "route", "add", "2001:db8:2::/64", "via", "2001:db8:ff::2");
        rel.run("sysctl", "-qw", "net.ipv6.conf.all.forwarding=1");
        Object[][] links = {{srv, "s-cli"}, {srv, "s-rel"}, {rel, "r-srv"}, {rel, "r-cli"}, {cli, "c-srv"},
            {cli, "c-rel"}, {cli2, "c-two"}, {srv, "s-two"}};
        for (Object[] l : links) {
            Netns ns = (Netns) l[0];
            String dev = (String) l[1];
            Netns.await(Duration.ofSeconds(10), () -> {
                try {
                    return ns.run("ip", "-6", "addr", "show", "dev", dev, "scope", "link").contains("inet6");
                } catch (IOException e) {
                    return false;
                }
            });
        }
        noop = dir.resolve("noop.sh");
        Files.writeString(noop, "#!/bin/sh\necho \"$0 reason=${reason:-} REASON=${REASON:-}\" >> " + dir
                + "/script.log\nexit 0\n");
        Files.setPosixFilePermissions(noop, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("empty.conf"), "");
        Path conf = dir.resolve("kea-dhcp6.conf");
        Files.writeString(conf, CONFIG.replace("@DIR@", dir.toString()));
        serverLog = dir.resolve("server.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        server = srv.start(serverLog, "env", "KEA_PIDFILE_DIR=" + dir, java, "-cp", System.getProperty("java.class.path"),
                "io.tui.dhcp6.Main", "-c", conf.toString());
        assertTrue(Netns.await(Duration.ofSeconds(30), () -> read(serverLog).contains("serving on")
                || !server.isAlive()), "server start");
        assertTrue(server.isAlive(), "server runs: " + read(serverLog));
    }

    @AfterAll
    void teardown() throws Exception {
        if (server != null) {
            stop(server);
        }
        for (Netns ns : new Netns[] {cli, cli2, rel, srv}) {
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

    /** Every client this class started in the client and relay namespaces is stopped before the next test. */
    @org.junit.jupiter.api.AfterEach
    void stopClients() throws Exception {
        for (Netns ns : new Netns[] {cli, cli2, rel}) {
            if (ns != null) {
                ns.killProcesses();
            }
        }
    }

    String leases() {
        return read(dir.resolve("leases6.csv"));
    }

    static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGTERM, then SIGKILL after 10 s. */
    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
    }

    private String dhclient(String iface, String name, String... mode) throws Exception {
        return dhclientIn(cli, iface, name, mode);
    }

    private String dhclientIn(Netns ns, String iface, String name, String... mode) throws Exception {
        Path lf = dir.resolve(name + ".leases");
        String[] args = {"timeout", "40", "dhclient", "-1", "-6", "-v", "-sf", noop.toString(), "-lf", lf.toString(),
            "-pf", dir.resolve(name + ".pid").toString(), "-cf", dir.resolve("empty.conf").toString()};
        String[] all = new String[args.length + mode.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(mode, 0, all, args.length, mode.length);
        all[all.length - 1] = iface;
        Netns.Result r = ns.runIsolated(dir.resolve("state"), Duration.ofSeconds(60), all);
        // the client stays running with -1 once it has a lease: stop it
        String pid = read(dir.resolve(name + ".pid")).trim();
        if (!pid.isEmpty()) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroy);
        }
        assertEquals(0, r.exit(), "dhclient: " + r.output() + "\nserver: " + read(serverLog));
        return read(lf);
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void dhclientGetsAnAddress() throws Exception {
        String lease = dhclient("c-srv", "dhclient-na", "-N");
        String addr = first(Pattern.compile("iaaddr (2001:db8:1::[0-9a-f]+) \\{"), lease);
        assertTrue(addr != null, lease);
        assertTrue(leases().contains(addr + ","), "the lease is in the lease file: " + leases());
    }

    /** Two links, each with a link-local fe80::/64 route: each client gets its reply on its own link. */
    @Test
    void aSecondLinkGetsItsOwnSubnet() throws Exception {
        String lease = dhclientIn(cli2, "c-two", "dhclient-two", "-N");
        String addr = first(Pattern.compile("iaaddr (2001:db8:3::[0-9a-f]+) \\{"), lease);
        assertTrue(addr != null, lease);
        String first = dhclient("c-srv", "dhclient-one", "-N");
        assertTrue(first.contains("iaaddr 2001:db8:1::"), first);
    }

    /** Kea's control channel on the unix socket: lease_cmds and the statistics see what the client got. */
    @Test
    void controlSocketAnswersLeaseAndStatisticCommands() throws Exception {
        String lease = dhclient("c-srv", "dhclient-ctl", "-N");
        String addr = first(Pattern.compile("iaaddr (2001:db8:1::[0-9a-f]+) \\{"), lease);
        assertTrue(addr != null, lease);
        String got = command("{\"command\": \"lease6-get\", \"arguments\": {\"ip-address\": \"" + addr + "\"}}");
        assertTrue(got.contains("\"result\": 0") || got.contains("\"result\":0"), got);
        assertTrue(got.contains(addr), got);
        String stat = command("{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"pkt6-reply-sent\"}}");
        Matcher m = Pattern.compile("\"pkt6-reply-sent\"\\s*:\\s*\\[\\s*\\[\\s*(\\d+)").matcher(stat);
        assertTrue(m.find() && Long.parseLong(m.group(1)) > 0, stat);
        String status = command("{\"command\": \"status-get\"}");
        assertTrue(status.contains("\"pid\""), status);
    }

    /** SIGHUP re-reads the file; a file that does not load leaves the running configuration in place. */
    @Test
    void sighupReloadsTheConfigurationFile() throws Exception {
        Path conf = dir.resolve("kea-dhcp6.conf");
        String original = Files.readString(conf);
        try {
            Files.writeString(conf, original.replace("2001:db8::53", "2001:db8::5353"));
            new ProcessBuilder("kill", "-HUP", Long.toString(server.pid())).start().waitFor();
            assertTrue(Netns.await(Duration.ofSeconds(15),
                    () -> commandQuietly("{\"command\": \"config-get\"}").contains("2001:db8::5353")),
                    "reloaded: " + read(serverLog));
            Files.writeString(conf, "{ not json");
            new ProcessBuilder("kill", "-HUP", Long.toString(server.pid())).start().waitFor();
            Thread.sleep(1500);
            assertTrue(server.isAlive());
            assertTrue(command("{\"command\": \"config-get\"}").contains("2001:db8::5353"), "old config stays");
        } finally {
            Files.writeString(conf, original);
            new ProcessBuilder("kill", "-HUP", Long.toString(server.pid())).start().waitFor();
            Netns.await(Duration.ofSeconds(15),
                    () -> commandQuietly("{\"command\": \"config-get\"}").contains("\"2001:db8::53\""));
        }
    }

    private String commandQuietly(String json) {
        try {
            return command(json);
        } catch (IOException e) {
            return "";
        }
    }

    private String command(String json) throws IOException {
        var address = java.net.UnixDomainSocketAddress.of(dir.resolve("kea6.sock"));
        try (var ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ch.connect(address);
            ch.write(java.nio.ByteBuffer.wrap(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            ch.shutdownOutput();
            var out = new java.io.ByteArrayOutputStream();
            var buf = java.nio.ByteBuffer.allocate(65536);
            while (ch.read(buf) > 0) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void dhclientGetsAPrefix() throws Exception {
        String lease = dhclient("c-srv", "dhclient-pd", "-P");
        String prefix = first(Pattern.compile("iaprefix (2001:db8:80[0-9a-f:]*)/56 \\{"), lease);
        assertTrue(prefix != null, lease);
        assertTrue(leases().contains(prefix + ","), leases());
    }

    @Test
    void dhclientBehindDhcrelayGetsAnAddressFromTheRelaysSubnet() throws Exception {
        External.requireExecutable("/usr/sbin/dhcrelay");
        Process relay = rel.start(dir.resolve("dhcrelay.log"), "dhcrelay", "-6", "-d", "-I",
                "-l", "r-cli", "-u", "2001:db8:ff::1%r-srv", "-pf", dir.resolve("dhcrelay.pid").toString());
        try {
            Thread.sleep(1000);
            String lease = dhclient("c-rel", "dhclient-relayed", "-N");
            String addr = first(Pattern.compile("iaaddr (2001:db8:2::[0-9a-f]+) \\{"), lease);
            assertTrue(addr != null, lease + read(dir.resolve("dhcrelay.log")));
        } finally {
            stop(relay);
        }
    }

    @Test
    void dhcpcdGetsAnAddressAndAPrefix() throws Exception {
        External.requireExecutable("/usr/sbin/dhcpcd");
        Path conf = dir.resolve("dhcpcd6.conf");
        Files.writeString(conf, "ipv6only\nnoipv6rs\nrelease\ninterface c-srv\n  ia_na 1\n  ia_pd 2\n");
        Path log = dir.resolve("dhcpcd6.log");
        Process p = cli.startIsolated(dir.resolve("state"), log, "timeout", "60", "dhcpcd", "-B", "-d", "-6", "-f", conf.toString(),
                "-c", "/bin/true", "c-srv");
        try {
            boolean ok = Netns.await(Duration.ofSeconds(40), () -> {
                String l = read(log);
                return l.contains("adding address 2001:db8:1::") && l.contains("delegated prefix 2001:db8:80");
            });
            assertTrue(ok, "dhcpcd: " + read(log) + "\nserver: " + read(serverLog));
        } finally {
            stop(p);
            cli.run("ip", "-6", "addr", "flush", "dev", "c-srv", "scope", "global");
        }
        String csv = leases();
        assertTrue(csv.contains(",2001:db8:80") || csv.matches("(?s).*\\n2001:db8:80[0-9a-f:]*,.*"), csv);
    }

    @Test
    void wideDhcp6cGetsAPrefix() throws Exception {
        External.requireExecutable("/usr/sbin/dhcp6c");
        Path conf = dir.resolve("dhcp6c.conf");
        Files.writeString(conf, "interface c-srv {\n  send ia-pd 0;\n  request domain-name-servers;\n  script \""
                + noop + "\";\n};\nid-assoc pd 0 { };\n");
        Path log = dir.resolve("dhcp6c.log");
        Process p = cli.startIsolated(dir.resolve("state"), log, "timeout", "60", "dhcp6c", "-f", "-D", "-c", conf.toString(),
                "-p", dir.resolve("dhcp6c.pid").toString(), "c-srv");
        try {
            boolean ok = Netns.await(Duration.ofSeconds(40),
                    () -> read(log).matches("(?s).*IA_PD prefix: 2001:db8:80[0-9a-f:]*/56.*"));
            assertTrue(ok, "dhcp6c: " + read(log) + "\nserver: " + read(serverLog));
        } finally {
            stop(p);
        }
    }

    @Test
    void dhclientBehindWideDhcp6relayGetsAnAddressFromTheRelaysSubnet() throws Exception {
        External.requireExecutable("/usr/sbin/dhcp6relay");
        Process relay = rel.startIsolated(dir.resolve("state"), dir.resolve("dhcp6relay.log"), "dhcp6relay", "-f", "-D",
                "-r", "r-srv", "-s", "2001:db8:ff::1", "-p", dir.resolve("dhcp6relay.pid").toString(), "r-cli");
        try {
            Thread.sleep(1000);
            String lease = dhclient("c-rel", "dhclient-wide-relayed", "-N");
            String addr = first(Pattern.compile("iaaddr (2001:db8:2::[0-9a-f]+) \\{"), lease);
            assertTrue(addr != null, lease + read(dir.resolve("dhcp6relay.log")));
        } finally {
            stop(relay);
        }
    }

    private String perfdhcp(String name, String... extra) throws Exception {
        External.requireExecutable("/usr/sbin/perfdhcp");
        String[] base = {"timeout", "90", "perfdhcp", "-6", "-l", "c-srv", "-e", "address-and-prefix", "-R", "200",
            "-r", "100", "-n", "300", "-p", "20"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return cli.runIsolated(dir.resolve("state"), Duration.ofSeconds(120), all).output();
    }

    private static long number(String out, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s*:?\\s*(\\d+)").matcher(out);
        long sum = 0;
        boolean found = false;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
            found = true;
        }
        return found ? sum : -1;
    }

    @Test
    void perfdhcpAddressAndPrefixDirect() throws Exception {
        String out = perfdhcp("perfdhcp-direct");
        assertEquals(0, number(out, "rejected leases"), out);
        assertEquals(0, number(out, "non unique addresses"), out);
        assertTrue(number(out, "received packets") > 0, out);
    }

    @Test
    void perfdhcpAddressAndPrefixRelayed() throws Exception {
        String out = perfdhcp("perfdhcp-relayed", "-A1");
        assertEquals(0, number(out, "rejected leases"), out);
        assertEquals(0, number(out, "non unique addresses"), out);
        assertTrue(number(out, "received packets") > 0, out);
    }
}
