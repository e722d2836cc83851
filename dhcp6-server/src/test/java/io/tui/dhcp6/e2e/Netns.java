package io.tui.dhcp6.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Network namespaces a test creates and removes itself, and processes run in them. Clients that write state files
 * (dhcpcd, dhcp6c) run in a private mount namespace whose state directories are bind-mounted from the test's
 * temporary directory, so no client touches a host file.
 */
final class Netns implements AutoCloseable {
    private static final String ISO_BODY = """
            set -e
            mkdir -p "$0/state/var-lib-dhcp" "$0/state/var-lib-dhcpcd" "$0/state/var-lib-dhcpv6"
            mount --bind "$0/state/var-lib-dhcp" /var/lib/dhcp
            mount --bind "$0/state/var-lib-dhcpcd" /var/lib/dhcpcd
            mount --bind "$0/state/var-lib-dhcpv6" /var/lib/dhcpv6
            mount -t tmpfs -o size=4m tui-run /run
            mkdir -p /run/dhcpcd
            exec "$@"
            """;

    final String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    final Path dir;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    Netns(Path dir) {
        this.dir = dir;
    }

    /** Creates namespace {@code name + tag} with loopback up, DAD and router advertisements off. */
    String add(String name) throws IOException {
        String ns = name + tag;
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
        exec(ns, "ip", "link", "set", "lo", "up");
        exec(ns, "sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0", "net.ipv6.conf.all.accept_dad=0",
                "net.ipv6.conf.default.accept_ra=0", "net.ipv6.conf.all.accept_ra=0");
        return ns;
    }

    /** A veth pair {@code a} in {@code nsA} and {@code b} in {@code nsB}, both up. */
    void veth(String nsA, String a, String nsB, String b) throws IOException {
        run("ip", "link", "add", a, "netns", nsA, "type", "veth", "peer", "name", b, "netns", nsB);
        exec(nsA, "ip", "link", "set", a, "up");
        exec(nsB, "ip", "link", "set", b, "up");
    }

    /** Runs a command in {@code ns} and returns its output; fails on a non-zero exit. */
    String exec(String ns, String... cmd) throws IOException {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(List.of(cmd));
        return run(c.toArray(String[]::new));
    }

    /** Like {@link #exec} in a private mount namespace; returns the exit code, output to {@code log}. */
    int isolated(String ns, Path log, long timeoutSeconds, String... cmd) throws IOException, InterruptedException {
        Process p = start(log, isoCommand(ns, cmd));
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return -1;
        }
        return p.exitValue();
    }

    /** Starts a background process in {@code ns}, optionally in a private mount namespace. */
    Process background(String ns, Path log, boolean isolate, String... cmd) throws IOException {
        List<String> c = new ArrayList<>();
        if (isolate) {
            c.addAll(isoCommand(ns, cmd));
        } else {
            c.addAll(List.of("ip", "netns", "exec", ns));
            c.addAll(List.of(cmd));
        }
        return start(log, c);
    }

    private List<String> isoCommand(String ns, String... cmd) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns, "unshare", "--mount", "--propagation",
                "private", "bash", "-c", ISO_BODY, dir.toString()));
        c.addAll(List.of(cmd));
        return c;
    }

    private Process start(Path log, List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    /** Stops a process: SIGTERM, then SIGKILL after {@code grace}. */
    static void stop(Process p, Duration grace) throws InterruptedException {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
    }

    static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }

    static boolean waitFor(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

    /** Kills every process in {@code ns} (each one a process this test started there) and waits for them. */
    void killAll(String ns) throws IOException, InterruptedException {
        for (int round = 0; round < 50; round++) {
            String pids = run("ip", "netns", "pids", ns).trim();
            if (pids.isEmpty()) {
                return;
            }
            for (String pid : pids.split("\\s+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(round < 10 ? ProcessHandle::destroy
                        : ProcessHandle::destroyForcibly);
            }
            Thread.sleep(100);
        }
    }

    static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        synchronized (processes) {
            for (Process p : processes) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        for (String ns : namespaces) {
            try {
                String pids = run("ip", "netns", "pids", ns).trim();
                for (String pid : pids.split("\\s+")) {
                    if (!pid.isEmpty()) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                run("ip", "netns", "del", ns);
            } catch (IOException | RuntimeException e) {
                // best effort: the namespace may already be gone
            }
        }
    }
}
