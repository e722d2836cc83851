package io.tui.dhcp6.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.testing.External;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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
    Netns net;
    String srv;
    String rel;
    String cli;
    String cli2;
    Process server;
    Path serverLog;
    Path noop;

    @BeforeAll
    void topology() throws Exception {
        External.requireRoot();
        External.requireExecutable("/usr/sbin/dhclient");
        dir = Files.createTempDirectory("tui-dhcp6-e2e");
        net = new Netns(dir);
        srv = net.add("t6s");
        rel = net.add("t6r");
        cli = net.add("t6c");
        cli2 = net.add("t6d");
        net.veth(cli, "c-srv", srv, "s-cli");
        net.veth(cli2, "c-two", srv, "s-two");
        net.veth(srv, "s-rel", rel, "r-srv");
        net.veth(cli, "c-rel", rel, "r-cli");
        net.exec(srv, "ip", "addr", "add", "2001:db8:1::1/64", "dev", "s-cli", "nodad");
        net.exec(srv, "ip", "addr", "add", "2001:db8:ff::1/64", "dev", "s-rel", "nodad");
        net.exec(rel, "ip", "addr", "add", "2001:db8:ff::2/64", "dev", "r-srv", "nodad");
        net.exec(rel, "ip", "addr", "add", "2001:db8:2::1/64", "dev", "r-cli", "nodad");
        net.exec(srv, "ip", "-6", "route", "add", "2001:db8:2::/64", "via", "2001:db8:ff::2");
        net.exec(rel, "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1");
        for (String[] l : new String[][] {{srv, "s-cli"}, {srv, "s-rel"}, {rel, "r-srv"}, {rel, "r-cli"},
            {cli, "c-srv"}, {cli, "c-rel"}, {cli2, "c-two"}, {srv, "s-two"}}) {
            String ns = l[0];
            String dev = l[1];
            Netns.waitFor(Duration.ofSeconds(10), () -> {
                try {
                    return net.exec(ns, "ip", "-6", "addr", "show", "dev", dev, "scope", "link").contains("inet6");
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
        server = net.background(srv, serverLog, false, "env", "KEA_PIDFILE_DIR=" + dir, java, "-cp", System.getProperty("java.class.path"),
                "io.tui.dhcp6.Main", "-c", conf.toString());
        assertTrue(Netns.waitFor(Duration.ofSeconds(30), () -> Netns.read(serverLog).contains("serving on")
                || !server.isAlive()), "server start");
        assertTrue(server.isAlive(), "server runs: " + Netns.read(serverLog));
    }

    @AfterAll
    void teardown() throws Exception {
        if (server != null) {
            Netns.stop(server, Duration.ofSeconds(10));
        }
        if (net != null) {
            net.close();
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
        if (net != null) {
            net.killAll(cli);
            net.killAll(cli2);
            net.killAll(rel);
        }
    }

    String leases() {
        return Netns.read(dir.resolve("leases6.csv"));
    }

    private String dhclient(String iface, String name, String... mode) throws Exception {
        return dhclientIn(cli, iface, name, mode);
    }

    private String dhclientIn(String ns, String iface, String name, String... mode) throws Exception {
        Path lf = dir.resolve(name + ".leases");
        String[] args = {"timeout", "40", "dhclient", "-1", "-6", "-v", "-sf", noop.toString(), "-lf", lf.toString(),
            "-pf", dir.resolve(name + ".pid").toString(), "-cf", dir.resolve("empty.conf").toString()};
        String[] all = new String[args.length + mode.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(mode, 0, all, args.length, mode.length);
        all[all.length - 1] = iface;
        Path log = dir.resolve(name + ".log");
        int rc = net.isolated(ns, log, 60, all);
        // the client stays running with -1 once it has a lease: stop it
        String pid = Netns.read(dir.resolve(name + ".pid")).trim();
        if (!pid.isEmpty()) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroy);
        }
        assertEquals(0, rc, "dhclient: " + Netns.read(log) + "\nserver: " + Netns.read(serverLog));
        return Netns.read(lf);
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
        Process relay = net.background(rel, dir.resolve("dhcrelay.log"), false, "dhcrelay", "-6", "-d", "-I",
                "-l", "r-cli", "-u", "2001:db8:ff::1%r-srv", "-pf", dir.resolve("dhcrelay.pid").toString());
        try {
            Thread.sleep(1000);
            String lease = dhclient("c-rel", "dhclient-relayed", "-N");
            String addr = first(Pattern.compile("iaaddr (2001:db8:2::[0-9a-f]+) \\{"), lease);
            assertTrue(addr != null, lease + Netns.read(dir.resolve("dhcrelay.log")));
        } finally {
            Netns.stop(relay, Duration.ofSeconds(5));
        }
    }

    @Test
    void dhcpcdGetsAnAddressAndAPrefix() throws Exception {
        External.requireExecutable("/usr/sbin/dhcpcd");
        Path conf = dir.resolve("dhcpcd6.conf");
        Files.writeString(conf, "ipv6only\nnoipv6rs\nrelease\ninterface c-srv\n  ia_na 1\n  ia_pd 2\n");
        Path log = dir.resolve("dhcpcd6.log");
        Process p = net.background(cli, log, true, "timeout", "60", "dhcpcd", "-B", "-d", "-6", "-f", conf.toString(),
                "-c", "/bin/true", "c-srv");
        try {
            boolean ok = Netns.waitFor(Duration.ofSeconds(40), () -> {
                String l = Netns.read(log);
                return l.contains("adding address 2001:db8:1::") && l.contains("delegated prefix 2001:db8:80");
            });
            assertTrue(ok, "dhcpcd: " + Netns.read(log) + "\nserver: " + Netns.read(serverLog));
        } finally {
            Netns.stop(p, Duration.ofSeconds(10));
            net.exec(cli, "ip", "-6", "addr", "flush", "dev", "c-srv", "scope", "global");
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
        Process p = net.background(cli, log, true, "timeout", "60", "dhcp6c", "-f", "-D", "-c", conf.toString(),
                "-p", dir.resolve("dhcp6c.pid").toString(), "c-srv");
        try {
            boolean ok = Netns.waitFor(Duration.ofSeconds(40),
                    () -> Netns.read(log).matches("(?s).*IA_PD prefix: 2001:db8:80[0-9a-f:]*/56.*"));
            assertTrue(ok, "dhcp6c: " + Netns.read(log) + "\nserver: " + Netns.read(serverLog));
        } finally {
            Netns.stop(p, Duration.ofSeconds(10));
        }
    }

    @Test
    void dhclientBehindWideDhcp6relayGetsAnAddressFromTheRelaysSubnet() throws Exception {
        External.requireExecutable("/usr/sbin/dhcp6relay");
        Process relay = net.background(rel, dir.resolve("dhcp6relay.log"), true, "dhcp6relay", "-f", "-D",
                "-r", "r-srv", "-s", "2001:db8:ff::1", "-p", dir.resolve("dhcp6relay.pid").toString(), "r-cli");
        try {
            Thread.sleep(1000);
            String lease = dhclient("c-rel", "dhclient-wide-relayed", "-N");
            String addr = first(Pattern.compile("iaaddr (2001:db8:2::[0-9a-f]+) \\{"), lease);
            assertTrue(addr != null, lease + Netns.read(dir.resolve("dhcp6relay.log")));
        } finally {
            Netns.stop(relay, Duration.ofSeconds(5));
        }
    }

    private String perfdhcp(String name, String... extra) throws Exception {
        External.requireExecutable("/usr/sbin/perfdhcp");
        String[] base = {"timeout", "90", "perfdhcp", "-6", "-l", "c-srv", "-e", "address-and-prefix", "-R", "200",
            "-r", "100", "-n", "300", "-p", "20"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        Path log = dir.resolve(name + ".log");
        net.isolated(cli, log, 120, all);
        return Netns.read(log);
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
