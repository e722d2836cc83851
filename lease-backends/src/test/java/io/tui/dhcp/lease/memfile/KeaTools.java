package io.tui.dhcp.lease.memfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs Debian's Kea 2.2 tools for the interoperability tests. */
final class KeaTools {
    static final Path KEA_LFC = Path.of("/usr/sbin/kea-lfc");
    static final Path KEA_DHCP4 = Path.of("/usr/sbin/kea-dhcp4");
    static final Path KEA_DHCP6 = Path.of("/usr/sbin/kea-dhcp6");
    static final Path PERFDHCP = Path.of("/usr/sbin/perfdhcp");
    static final Path LEASE_CMDS = Path.of("/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so");

    private KeaTools() {
    }

    record Result(int exit, String output) {
    }

    static boolean installed(Path... tools) {
        for (Path t : tools) {
            if (!Files.isRegularFile(t)) {
                return false;
            }
        }
        return true;
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/usr/bin", tool));
    }

    static boolean root() {
        try {
            return run(10, Map.of(), null, "id", "-u").output().trim().equals("0");
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command to completion (killing it after {@code seconds}), output and error merged. */
    static Result run(long seconds, Map<String, String> env, String stdin, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            List<byte[]> chunks = new ArrayList<>();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    chunks.add(p.getInputStream().readAllBytes());
                } catch (IOException e) {
                    // process killed
                }
            });
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(5000);
            String out = chunks.isEmpty() ? "" : new String(chunks.getFirst(), StandardCharsets.UTF_8);
            return new Result(p.exitValue(), out);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + String.join(" ", cmd), e);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    /** kea-lfc with Kea's file naming around {@code name}: {@code -x name.1 -i name.2 -o name.output ...}. */
    static Result keaLfc(int family, Path name) throws IOException {
        LeaseFiles f = new LeaseFiles(name);
        Path lockDir = name.resolveSibling("kea-run");
        Files.createDirectories(lockDir);
        return run(60, Map.of("KEA_LOCKFILE_DIR", lockDir.toString(), "KEA_PIDFILE_DIR", lockDir.toString(),
                        "KEA_LOGGER_DESTINATION", "stdout"), null,
                KEA_LFC.toString(), "-" + family, "-x", f.previous().toString(), "-i", f.copy().toString(),
                "-o", f.output().toString(), "-f", f.finish().toString(), "-p", f.pid().toString(),
                "-c", "ignored", "-d");
    }
}
