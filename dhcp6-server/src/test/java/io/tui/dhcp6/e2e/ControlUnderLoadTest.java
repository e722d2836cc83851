package io.tui.dhcp6.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.testing.External;
import io.tui.dhcp.core.testing.Netns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The control channel off the packet path: a real tui-dhcp6 in a network namespace answers perfdhcp while 50
 * control clients send commands back to back over its UNIX socket (statistic-get-all, config-get, status-get,
 * list-commands). Every command is answered and perfdhcp loses no more than its baseline run does (1% slack for a
 * shared, loaded machine).
 */
class ControlUnderLoadTest {
    static final String[] COMMANDS = {"{\"command\": \"statistic-get-all\"}", "{\"command\": \"config-get\"}",
        "{\"command\": \"status-get\"}", "{\"command\": \"list-commands\"}"};

    @Test
    void fiftyControlClientsWhilePerfdhcpRuns() throws Exception {
        External.requireRoot();
        External.requireExecutable("/usr/sbin/perfdhcp");
        Path dir = Files.createTempDirectory("tui-dhcp6-ctl");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        String tag = Long.toHexString(ProcessHandle.current().pid() & 0xffff);
        Process server = null;
        try (Netns srv = Netns.create("t6ls" + tag); Netns cli = Netns.create("t6lc" + tag)) {
            Netns.veth(cli, "c-srv", srv, "s-cli");
            srv.run("ip", "addr", "add", "2001:db8:1::1/64", "dev", "s-cli", "nodad");
            Netns.await(Duration.ofSeconds(10), () -> {
                try {
                    return cli.run("ip", "-6", "addr", "show", "dev", "c-srv", "scope", "link").contains("inet6");
                } catch (IOException e) {
                    return false;
                }
            });
            Path sock = dir.resolve("tui6.sock");
            Path conf = dir.resolve("kea-dhcp6.conf");
            Files.writeString(conf, """
                    {"Dhcp6": {"interfaces-config": {"interfaces": ["s-cli"]},
                      "control-socket": {"socket-type": "unix", "socket-name": "%s"},
                      "lease-database": {"type": "memfile", "persist": false},
                      "server-id": {"type": "LLT", "persist": false}, "data-directory": "%s",
                      "preferred-lifetime": 3000, "valid-lifetime": 4000,
                      "subnet6": [{"id": 1, "subnet": "2001:db8:1::/64", "interface": "s-cli",
                                   "pools": [{"pool": "2001:db8:1::1000 - 2001:db8:1::ffff"}]}],
                      "loggers": [{"name": "kea-dhcp6", "severity": "WARN",
                                   "output_options": [{"output": "%s"}]}]}}
                    """.formatted(sock, dir, dir.resolve("kea.log")));
            Path log = dir.resolve("server.log");
            String java = ProcessHandle.current().info().command().orElse("java");
            server = srv.start(log, "env", "KEA_PIDFILE_DIR=" + dir, java, "-cp", System.getProperty("java.class.path"),
                    "io.tui.dhcp6.Main", "-c", conf.toString());
            assertTrue(Netns.await(Duration.ofSeconds(30), () -> answered(sock, COMMANDS[2])), "control socket up: "
                    + Files.readString(log));

            double baseline = dropRatio(cli);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong sent = new AtomicLong();
            AtomicLong ok = new AtomicLong();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int first = i;
                clients.add(Thread.ofPlatform().start(() -> {
                    for (int k = first; !stop.get(); k++) {
                        sent.incrementAndGet();
                        if (answered(sock, COMMANDS[k % COMMANDS.length])) {
                            ok.incrementAndGet();
                        }
                    }
                }));
            }
            double loaded;
            try {
                loaded = dropRatio(cli);
            } finally {
                stop.set(true);
                for (Thread t : clients) {
                    t.join(30000);
                }
            }
            assertTrue(sent.get() > 500, "the control clients kept busy: " + sent.get());
            assertEquals(sent.get(), ok.get(), "every control command answered");
            assertTrue(loaded <= baseline + 1.0, "perfdhcp drops " + loaded + " % under control load, " + baseline
                    + " % without");
        } finally {
            if (server != null) {
                server.destroy();
                if (!server.waitFor(15, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** One command over the UNIX socket; true when the answer is Kea's success. */
    static boolean answered(Path sock, String command) {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            ch.write(ByteBuffer.wrap(command.getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer b = ByteBuffer.allocate(1 << 16);
            int n;
            while ((n = ch.read(b.clear())) >= 0) {
                out.write(b.array(), 0, n);
            }
            return out.toString(StandardCharsets.UTF_8).endsWith("\"result\": 0 }");
        } catch (IOException e) {
            return false;
        }
    }

    /** A 12-second four-way perfdhcp run at 50 exchanges a second; the SOLICIT-ADVERTISE drop ratio in percent. */
    static double dropRatio(Netns cli) throws IOException {
        Netns.Result r = cli.tryRun("timeout", "50", "perfdhcp", "-6", "-l", "c-srv", "-r", "50", "-p", "12", "-R",
                "100000");
        Matcher m = Pattern.compile("drops ratio: ([0-9.]+) %").matcher(r.output());
        assertTrue(m.find(), r.output());
        Matcher rejected = Pattern.compile("rejected leases: (\\d+)").matcher(r.output());
        assertTrue(rejected.find() && rejected.group(1).equals("0"), r.output());
        return Double.parseDouble(m.group(1));
    }
}
