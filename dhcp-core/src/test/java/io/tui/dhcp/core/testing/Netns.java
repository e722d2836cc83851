package io.tui.dhcp.core.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A network namespace a test creates and removes itself ({@code ip netns add}/{@code del}), with helpers to wire
 * veth pairs, run commands inside it, and start daemons (servers, clients, relays) whose state lives in a temporary
 * directory. Clients that write fixed paths ({@code dhcpcd}, {@code dhclient}'s defaults, {@code dhcp6c}) run
 * {@linkplain #isolated isolated}: in a private mount namespace where {@code /var/lib/dhcp}, {@code /var/lib/dhcpcd},
 * {@code /var/lib/dhcpv6} and {@code /run} are replaced by directories under the state directory, so no host file is
 * touched. {@link #close} kills what was started in the namespace and deletes it. Needs root
 * ({@link External#requireRoot()}). Shared by the v4 and v6 end-to-end tests.
 */
public final class Netns implements AutoCloseable {
    private final String name;
    private final List<Process> started = new ArrayList<>();
    private boolean closed;

    private Netns(String name) {
        this.name = name;
    }

    /** Creates namespace {@code name} (a leftover of the same name is deleted first) with loopback up. */
    public static Netns create(String name) throws IOException {
        if (exec(List.of("ip", "netns", "list"), Duration.ofSeconds(10)).output().lines()
                .anyMatch(l -> l.split(" ")[0].equals(name))) {
            killAll(name);
            exec(List.of("ip", "netns", "del", name), Duration.ofSeconds(10));
        }
        check(exec(List.of("ip", "netns", "add", name), Duration.ofSeconds(10)), "ip netns add " + name);
        Netns ns = new Netns(name);
        ns.run("ip", "link", "set", "lo", "up");
        ns.tryRun("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0",
                "net.ipv6.conf.all.accept_ra=0", "net.ipv6.conf.default.accept_ra=0");
        return ns;
    }

    public String name() {
        return name;
    }

    /** Connects {@code a}'s {@code aIf} and {@code b}'s {@code bIf} with a veth pair, both ends up. */
    public static void veth(Netns a, String aIf, Netns b, String bIf) throws IOException {
        check(exec(List.of("ip", "link", "add", aIf, "netns", a.name, "type", "veth", "peer", "name", bIf, "netns",
                b.name), Duration.ofSeconds(10)), "ip link add " + aIf);
        a.run("ip", "link", "set", aIf, "up");
        b.run("ip", "link", "set", bIf, "up");
    }

    /** The outcome of a command. */
    public record Result(int exit, String output) {}

    /** Runs {@code cmd} inside the namespace; fails with its output when it exits non-zero. */
    public String run(String... cmd) throws IOException {
        return check(tryRun(cmd), String.join(" ", cmd)).output();
    }

    /** Runs {@code cmd} inside the namespace (60 s at most) and returns its exit code and output. */
    public Result tryRun(String... cmd) throws IOException {
        return exec(inside(cmd), Duration.ofSeconds(60));
    }

    /** Runs {@code cmd} isolated (see the class notes) with state under {@code stateDir}. */
    public Result runIsolated(Path stateDir, Duration timeout, String... cmd) throws IOException {
        return exec(isolated(stateDir, cmd), timeout);
    }

    /** Starts {@code cmd} inside the namespace in its own session, output to {@code log}. */
    public Process start(Path log, String... cmd) throws IOException {
        return startCommand(log, inside(cmd));
    }

    /** Starts {@code cmd} isolated (see the class notes), output to {@code log}. */
    public Process startIsolated(Path stateDir, Path log, String... cmd) throws IOException {
        return startCommand(log, isolated(stateDir, cmd));
    }

    private Process startCommand(Path log, List<String> cmd) throws IOException {
        List<String> full = new ArrayList<>();
        full.add("setsid");
        full.addAll(cmd);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        synchronized (started) {
            started.add(p);
        }
        return p;
    }

    private List<String> inside(String... cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(cmd));
        return full;
    }

    /** The command line that runs {@code cmd} in this namespace inside a private mount namespace. */
    public List<String> isolated(Path stateDir, String... cmd) throws IOException {
        for (String d : new String[] {"var-lib-dhcp", "var-lib-dhcpcd", "var-lib-dhcpv6"}) {
            Files.createDirectories(stateDir.resolve(d));
        }
        String body = "set -e\n"
                + "for d in /var/lib/dhcp /var/lib/dhcpcd /var/lib/dhcpv6; do [ -d \"$d\" ] || mkdir -p \"$d\"; done\n"
                + "mount --bind \"$0/var-lib-dhcp\" /var/lib/dhcp\n"
                + "mount --bind \"$0/var-lib-dhcpcd\" /var/lib/dhcpcd\n"
                + "mount --bind \"$0/var-lib-dhcpv6\" /var/lib/dhcpv6\n"
                + "mount -t tmpfs -o size=4m tui-run /run\n"
                + "mkdir -p /run/dhcpcd\n"
                + "exec \"$@\"";
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name, "unshare", "--mount",
                "--propagation", "private", "bash", "-c", body, stateDir.toString()));
        full.addAll(List.of(cmd));
        return full;
    }

    /** Polls {@code condition} every 100 ms until it holds or {@code timeout} passes; returns whether it held. */
    public static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

    /** Whether {@code tool} is an executable on the PATH (or /usr/sbin, /sbin). */
    public static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command (not in a namespace) and collects its output. */
    public static Result exec(List<String> cmd, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        try {
            byte[][] out = new byte[1][];
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    out[0] = p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    out[0] = e.toString().getBytes(StandardCharsets.UTF_8);
                }
            });
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                reader.join(2000);
                return new Result(-1, "timed out after " + timeout + ": " + String.join(" ", cmd) + "\n"
                        + (out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8)));
            }
            reader.join(5000);
            return new Result(p.exitValue(), out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + cmd, e);
        }
    }

    private static Result check(Result r, String what) throws IOException {
        if (r.exit() != 0) {
            throw new IOException(what + " failed (exit " + r.exit() + "): " + r.output());
        }
        return r;
    }

    private static void killAll(String ns) throws IOException {
        Result pids = exec(List.of("ip", "netns", "pids", ns), Duration.ofSeconds(10));
        for (String pid : pids.output().split("\\s+")) {
            if (!pid.isBlank()) {
                exec(List.of("kill", "-9", pid.trim()), Duration.ofSeconds(5));
            }
        }
    }

    /**
     * Kills every process now in the namespace (such as a client that daemonized out of the process started for
     * it), keeping the namespace: for a test class that shares one topology across tests.
     */
    public void killProcesses() throws IOException {
        killAll(name);
    }

    /** Stops what was started in it (TERM, then KILL) and deletes the namespace. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        List<Process> ps;
        synchronized (started) {
            ps = new ArrayList<>(started);
        }
        for (Process p : ps) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : ps) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        killAll(name);
        exec(List.of("ip", "netns", "del", name), Duration.ofSeconds(10));
    }
}
