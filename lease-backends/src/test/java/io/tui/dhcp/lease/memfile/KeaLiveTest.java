package io.tui.dhcp.lease.memfile;

import io.tui.dhcp.core.testing.External;

import static io.tui.dhcp.lease.memfile.TestLeases.hex;
import static io.tui.dhcp.lease.memfile.TestLeases.v4;
import static io.tui.dhcp.lease.memfile.TestLeases.v6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs Debian's Kea 2.2 servers in network namespaces this test creates: Kea loads a lease file Tui wrote, serves
 * perfdhcp clients and lease commands, and Tui then loads the file Kea wrote and must see exactly the leases Kea
 * reports over its control socket. Skips only when Kea, perfdhcp, socat or root (for namespaces) is missing.
 */
class KeaLiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final String id = Long.toString(ProcessHandle.current().pid() % 100_000);
    private final String nsServer = "tuimf-s" + id;
    private final String nsClient = "tuimf-c" + id;
    private final String vethServer = "tmfs" + id;
    private final String vethClient = "tmfc" + id;
    private final List<Process> processes = new ArrayList<>();
    private boolean namespaces;

    @BeforeEach
    void requireKea() {
        External.require(KeaTools.installed(KeaTools.KEA_DHCP4, KeaTools.KEA_DHCP6, KeaTools.PERFDHCP,
                KeaTools.LEASE_CMDS), "Kea 2.2 servers, perfdhcp and the lease_cmds hook");
        External.require(KeaTools.onPath("socat") && KeaTools.onPath("ip"), "socat and ip");
        External.require(KeaTools.root(), "root (for network namespaces)");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (namespaces) {
            ip("netns", "del", nsServer);
            ip("netns", "del", nsClient);
        }
    }

    private KeaTools.Result ip(String... args) throws IOException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return KeaTools.run(20, Map.of(), null, cmd);
    }

    private void ipOk(String... args) throws IOException {
        KeaTools.Result r = ip(args);
        assertEquals(0, r.exit(), "ip " + String.join(" ", args) + ": " + r.output());
    }

    private void createNetwork() throws IOException {
        ip("netns", "del", nsServer); // leftovers of an earlier, killed run
        ip("netns", "del", nsClient);
        namespaces = true;
        ipOk("netns", "add", nsServer);
        ipOk("netns", "add", nsClient);
        ipOk("link", "add", vethServer, "type", "veth", "peer", "name", vethClient);
        ipOk("link", "set", vethServer, "netns", nsServer);
        ipOk("link", "set", vethClient, "netns", nsClient);
        ipOk("-n", nsServer, "addr", "add", "192.0.2.1/24", "dev", vethServer);
        ipOk("-n", nsServer, "addr", "add", "2001:db8:1::1/64", "dev", vethServer, "nodad");
        ipOk("-n", nsClient, "addr", "add", "192.0.2.2/24", "dev", vethClient);
        ipOk("-n", nsClient, "addr", "add", "2001:db8:1::2/64", "dev", vethClient, "nodad");
        for (String[] nsDev : new String[][] {{nsServer, vethServer}, {nsClient, vethClient}}) {
            ipOk("-n", nsDev[0], "link", "set", nsDev[1], "up");
            ipOk("-n", nsDev[0], "link", "set", "lo", "up");
        }
        // DHCPv6 needs the link-local addresses usable: wait until duplicate address detection is done.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (String[] nsDev : new String[][] {{nsServer, vethServer}, {nsClient, vethClient}}) {
            while (System.nanoTime() < deadline) {
                String out = ip("-n", nsDev[0], "-6", "addr", "show", "dev", nsDev[1]).output();
                if (out.contains("fe80") && !out.contains("tentative")) {
                    break;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
    }

    private Process startKea(String binary, Path config) throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", nsServer, binary, "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(binary.replaceAll(".*/", "") + ".out").toFile());
        pb.environment().put("KEA_PIDFILE_DIR", run.toString());
        pb.environment().put("KEA_LOCKFILE_DIR", run.toString());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private JsonNode command(Path socket, String json) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        KeaTools.Result r = null;
        while (System.nanoTime() < deadline) {
            if (Files.exists(socket)) {
                r = KeaTools.run(20, Map.of(), json, "socat", "-t", "10", "-", "UNIX-CONNECT:" + socket);
                if (r.exit() == 0 && r.output().trim().startsWith("{")) {
                    return JSON.readTree(r.output());
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no answer on " + socket + " to " + json + ": " + (r == null ? "no socket" : r));
    }

    private void perfdhcp(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", nsClient, KeaTools.PERFDHCP.toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-l", vethClient));
        KeaTools.run(60, Map.of(), null, cmd.toArray(String[]::new));
    }

    private static String config(String family, Path leases, Path socket, Path log, String iface, String extra) {
        return """
            {"Dhcp%1$s": {
              "interfaces-config": {"interfaces": ["%5$s"]},
              "control-socket": {"socket-type": "unix", "socket-name": "%3$s"},
              "lease-database": {"type": "memfile", "persist": true, "name": "%2$s", "lfc-interval": 0},
              "hooks-libraries": [{"library": "%6$s"}],
              %7$s,
              "loggers": [{"name": "kea-dhcp%1$s", "output_options": [{"output": "%4$s"}], "severity": "INFO"}]
            }}
            """.formatted(family, leases, socket, log, iface, KeaTools.LEASE_CMDS, extra);
    }

    @Test
    void kea4ReadsTuisFileAndTuiReadsKeas() throws Exception {
        createNetwork();
        Path leases = dir.resolve("leases4.csv");
        long expire = System.currentTimeMillis() / 1000 + 3000;
        List<Lease4> seeded = new ArrayList<>();
        try (MemfileLeaseStore<Lease4, Integer> tui = MemfileLeaseStore.open4(MemfileOptions.persistent(leases))) {
            for (int i = 0; i < 5; i++) {
                Lease4 l = new Lease4(v4("192.0.2.201") + i, TestLeases.bytesOf(0x0e, 0, 0, 0, 0, i),
                        i % 2 == 0 ? Bytes.EMPTY : TestLeases.bytesOf(1, 0x0e, i), 3600, expire + i, 1, i == 1,
                        i == 1, i == 0 ? "" : "tui-" + i + ",seeded&co.example.org", LeaseState.DEFAULT,
                        i == 2 ? "{ \"tui\": { \"a\": \"x,y\" } }" : "", 0);
                tui.write(l).join();
                seeded.add(l);
            }
            Lease4 gone = new Lease4(v4("192.0.2.206"), TestLeases.bytesOf(0x0e, 0, 0, 0, 0, 6), Bytes.EMPTY, 3600,
                    expire, 1, false, false, "gone", LeaseState.DEFAULT, "", 0);
            tui.write(gone).join();
            tui.delete(gone).join();
        }
        Path socket = dir.resolve("k4.sock");
        Path config = dir.resolve("kea4.json");
        Files.writeString(config, config("4", leases, socket, dir.resolve("kea4.log"), vethServer,
                "\"valid-lifetime\": 4000, \"subnet4\": [{\"id\": 1, \"subnet\": \"192.0.2.0/24\","
                        + " \"pools\": [{\"pool\": \"192.0.2.10 - 192.0.2.200\"}]}]"));
        Process kea = startKea(KeaTools.KEA_DHCP4.toString(), config);

        JsonNode before = command(socket, "{\"command\": \"lease4-get-all\"}");
        Map<String, JsonNode> seen = byAddress(before);
        assertEquals(5, seen.size(), before.toString());
        for (Lease4 l : seeded) {
            assertKeaLease4(seen.get(l.addressText()), l);
        }

        perfdhcp("-4", "-R", "20", "-n", "20", "-r", "20");
        assertEquals(0, command(socket, "{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"192.0.2.250\","
                + " \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"client-id\": \"01:1a:1b:1c:1d:1e:1f\","
                + " \"hostname\": \"comma,host&amp;x.example.org\", \"subnet-id\": 1,"
                + " \"user-context\": {\"note\": \"a,b\", \"n\": 1}}}").path("result").asInt());
        assertEquals(0, command(socket, "{\"command\": \"lease4-update\", \"arguments\": {\"ip-address\":"
                + " \"192.0.2.202\", \"hw-address\": \"0e:00:00:00:00:01\", \"subnet-id\": 1,"
                + " \"hostname\": \"updated,by.kea\"}}").path("result").asInt());
        assertEquals(0, command(socket, "{\"command\": \"lease4-del\", \"arguments\": {\"ip-address\":"
                + " \"192.0.2.203\"}}").path("result").asInt());
        JsonNode all = command(socket, "{\"command\": \"lease4-get-all\"}");
        kea.destroy();
        assertTrue(kea.waitFor(20, TimeUnit.SECONDS), "kea-dhcp4 stopped");

        Map<String, JsonNode> truth = byAddress(all);
        assertTrue(truth.size() >= 5 + 1, "perfdhcp got leases too: " + truth.keySet());
        assertFalse(truth.containsKey("192.0.2.203"));
        try (MemfileLeaseStore<Lease4, Integer> tui = MemfileLeaseStore.open4(MemfileOptions.persistent(leases))) {
            assertEquals(0, tui.loadReport().errorCount(), tui.loadReport().toString());
            Map<Integer, Lease4> loaded = tui.takeLoadedLeases();
            assertEquals(truth.size(), loaded.size());
            for (Lease4 l : loaded.values()) {
                assertKeaLease4(truth.get(l.addressText()), l);
            }
            assertEquals("updated,by.kea", loaded.get(v4("192.0.2.202")).hostname());
            assertEquals("comma,host&amp;x.example.org", loaded.get(v4("192.0.2.250")).hostname());
        }
    }

    @Test
    void kea6ReadsTuisFileAndTuiReadsKeas() throws Exception {
        createNetwork();
        Path leases = dir.resolve("leases6.csv");
        long expire = System.currentTimeMillis() / 1000 + 3000;
        List<Lease6> seeded = List.of(
                new Lease6(v6("2001:db8:1::201"), hex("00:03:00:01:0e:00:00:00:00:01"), 3600, expire, 1, 1800,
                        LeaseType.NA, 11, 128, false, false, "six-seed,one.example.org", hex("0e:00:00:00:00:01"),
                        LeaseState.DEFAULT, "{ \"a\": \"b,c\" }", 1, 2, 0),
                new Lease6(v6("2001:db8:8:ff00::"), hex("00:03:00:01:0e:00:00:00:00:02"), 3600, expire + 1, 1,
                        1800, LeaseType.PD, 12, 56, false, false, "", Bytes.EMPTY, LeaseState.DEFAULT, "", 0, 0, 0));
        try (MemfileLeaseStore<Lease6, Ip6Address> tui = MemfileLeaseStore.open6(MemfileOptions.persistent(leases))) {
            for (Lease6 l : seeded) {
                tui.write(l).join();
            }
        }
        Path socket = dir.resolve("k6.sock");
        Path config = dir.resolve("kea6.json");
        Files.writeString(config, config("6", leases, socket, dir.resolve("kea6.log"), vethServer,
                "\"data-directory\": \"" + dir + "\", \"preferred-lifetime\": 3000, \"valid-lifetime\": 4000,"
                        + " \"subnet6\": [{\"id\": 1, \"subnet\": \"2001:db8:1::/64\", \"interface\": \"" + vethServer
                        + "\", \"pools\": [{\"pool\": \"2001:db8:1::100 - 2001:db8:1::1ff\"}],"
                        + " \"pd-pools\": [{\"prefix\": \"2001:db8:8::\", \"prefix-len\": 48,"
                        + " \"delegated-len\": 56}]}]"));
        Process kea = startKea(KeaTools.KEA_DHCP6.toString(), config);
        JsonNode before = command(socket, "{\"command\": \"lease6-get-all\"}");
        Map<String, JsonNode> seen = byAddress(before);
        assertEquals(2, seen.size(), before.toString());
        for (Lease6 l : seeded) {
            assertKeaLease6(seen.get(l.addressText()), l);
        }
        perfdhcp("-6", "-R", "10", "-n", "10", "-r", "10");
        perfdhcp("-6", "-e", "prefix-only", "-M", "1000", "-R", "5", "-n", "5", "-r", "5");
        assertEquals(0, command(socket, "{\"command\": \"lease6-add\", \"arguments\": {\"subnet-id\": 1,"
                + " \"ip-address\": \"2001:db8:1::250\", \"duid\": \"1a:1b:1c:1d:1e:1f:20:21:22:23:24\","
                + " \"iaid\": 1234, \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"hostname\": \"six,comma.example.org\","
                + " \"user-context\": {\"k\": \"v,w\"}}}").path("result").asInt());
        assertEquals(0, command(socket, "{\"command\": \"lease6-del\", \"arguments\": {\"ip-address\":"
                + " \"2001:db8:1::201\"}}").path("result").asInt());
        JsonNode all = command(socket, "{\"command\": \"lease6-get-all\"}");
        kea.destroy();
        assertTrue(kea.waitFor(20, TimeUnit.SECONDS), "kea-dhcp6 stopped");

        Map<String, JsonNode> truth = byAddress(all);
        assertTrue(truth.size() >= 3, "perfdhcp got leases too: " + truth.keySet());
        try (MemfileLeaseStore<Lease6, Ip6Address> tui = MemfileLeaseStore.open6(MemfileOptions.persistent(leases))) {
            assertEquals(0, tui.loadReport().errorCount(), tui.loadReport().toString());
            Map<Ip6Address, Lease6> loaded = tui.takeLoadedLeases();
            assertEquals(truth.size(), loaded.size());
            for (Lease6 l : loaded.values()) {
                assertKeaLease6(truth.get(l.addressText()), l);
            }
            assertFalse(loaded.containsKey(v6("2001:db8:1::201")));
        }
    }

    private static Map<String, JsonNode> byAddress(JsonNode reply) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode l : reply.path("arguments").path("leases")) {
            out.put(l.path("ip-address").asText(), l);
        }
        return out;
    }

    private static void assertKeaLease4(JsonNode kea, Lease4 l) throws Exception {
        String at = l.addressText();
        assertTrue(kea != null, "Kea has no lease for " + at);
        assertEquals(kea.path("ip-address").asText(), at);
        assertEquals(kea.path("hw-address").asText(""), l.hwAddress().toHex(), at);
        assertEquals(kea.path("client-id").asText(""), l.clientId().toHex(), at);
        assertEquals(kea.path("valid-lft").asLong(), l.validLifetime(), at);
        assertEquals(kea.path("cltt").asLong(), l.cltt(), at);
        assertEquals(kea.path("subnet-id").asLong(), l.subnetId(), at);
        assertEquals(kea.path("fqdn-fwd").asBoolean(), l.fqdnFwd(), at);
        assertEquals(kea.path("fqdn-rev").asBoolean(), l.fqdnRev(), at);
        assertEquals(kea.path("hostname").asText(""), l.hostname(), at);
        assertEquals(kea.path("state").asInt(), l.state().code(), at);
        assertContext(kea, l.userContext(), at);
    }

    private static void assertKeaLease6(JsonNode kea, Lease6 l) throws Exception {
        String at = l.addressText();
        assertTrue(kea != null, "Kea has no lease for " + at);
        assertEquals(kea.path("duid").asText(), l.duid().toHex(), at);
        assertEquals(kea.path("iaid").asLong(), l.iaid(), at);
        assertEquals(kea.path("valid-lft").asLong(), l.validLifetime(), at);
        assertEquals(kea.path("preferred-lft").asLong(), l.preferredLifetime(), at);
        assertEquals(kea.path("cltt").asLong(), l.cltt(), at);
        assertEquals(kea.path("subnet-id").asLong(), l.subnetId(), at);
        assertEquals(kea.path("type").asText(), "IA_" + l.type(), at);
        assertEquals(kea.path("prefix-len").asInt(128), l.prefixLength(), at);
        assertEquals(kea.path("fqdn-fwd").asBoolean(), l.fqdnFwd(), at);
        assertEquals(kea.path("fqdn-rev").asBoolean(), l.fqdnRev(), at);
        assertEquals(kea.path("hostname").asText(""), l.hostname(), at);
        assertEquals(kea.path("hw-address").asText(""), l.hwAddress().toHex(), at);
        assertEquals(kea.path("state").asInt(), l.state().code(), at);
        assertContext(kea, l.userContext(), at);
        assertEquals(l.address().toString(), kea.path("ip-address").asText());
    }

    private static void assertContext(JsonNode kea, String context, String at) throws Exception {
        if (context.isEmpty()) {
            assertTrue(kea.path("user-context").isMissingNode(), at + ": " + kea);
        } else {
            assertEquals(kea.path("user-context"), JSON.readTree(context), at);
        }
    }
}
