package io.tui.dhcp.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real client of a running server's control channel, for the servers' end-to-end tests: one command per UNIX
 * connection (as {@code socat UNIX:sock -} does), {@code socat} itself, HTTP with {@code curl} inside the server's
 * namespace, and {@code tuictl} ({@code bin/tuictl} when the module is packaged, else the same class on the test's
 * class path).
 */
public final class ControlClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Path socket;

    public ControlClient(Path socket) {
        this.socket = socket;
    }

    public Path socket() {
        return socket;
    }

    public static JsonNode parse(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    /** Sends {@code command} over the UNIX socket and parses the one JSON answer. */
    public JsonNode call(String command) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(command.getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(65536);
            while (ch.read(buf) >= 0) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return parse(out.toString(StandardCharsets.UTF_8));
        }
    }

    /** {@code {"command": name, "arguments": args}} (args may be null). */
    public JsonNode call(String name, String args) throws IOException {
        return call("{\"command\": \"" + name + "\"" + (args == null ? "" : ", \"arguments\": " + args) + "}");
    }

    /** Control clients running at once, each sending commands one after the other until {@link #stop}. */
    public final class Load {
        private final java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.ConcurrentLinkedQueue<String> errors =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final List<Thread> clients = new ArrayList<>();

        private Load(int n, List<String> commands) {
            for (int i = 0; i < n; i++) {
                int first = i;
                clients.add(Thread.ofVirtual().start(() -> {
                    for (int k = first; !stop.get(); k++) {
                        try {
                            JsonNode r = call(commands.get(k % commands.size()));
                            int result = r.path("result").asInt(-1);
                            if (result == 0 || result == 3) {
                                answered.incrementAndGet();
                            } else {
                                errors.add(r.toString());
                            }
                        } catch (IOException | RuntimeException e) {
                            errors.add(e.toString());
                        }
                    }
                }));
            }
        }

        /** Stops the clients and waits for them. */
        public void stop() throws InterruptedException {
            stop.set(true);
            for (Thread t : clients) {
                t.join(30_000);
            }
        }

        /** Commands answered with result 0 or 3. */
        public int answered() {
            return answered.get();
        }

        /** Answers with another result, and failures to connect or read. */
        public List<String> errors() {
            return List.copyOf(errors);
        }
    }

    /** Starts {@code clients} clients, each cycling through {@code commands} until the load is stopped. */
    public Load load(int clients, List<String> commands) {
        return new Load(clients, commands);
    }

    /** A perfdhcp run alone, then again while {@code clients} control clients send {@code commands}. */
    public record UnderLoad(int baselineDrops, int drops, int sent, int answered, List<String> errors,
            String report) {
        /** Every command answered, and the control load cost no more than {@code max(5, 2%)} of the packets. */
        public void check() {
            org.junit.jupiter.api.Assertions.assertTrue(errors.isEmpty(), errors.size() + " failed commands: "
                    + errors);
            org.junit.jupiter.api.Assertions.assertTrue(answered >= 50, "every client was served: " + answered);
            org.junit.jupiter.api.Assertions.assertTrue(drops <= baselineDrops + Math.max(5, sent / 50), "drops "
                    + drops + " under control load vs " + baselineDrops + " without (of " + sent + " sent)\n"
                    + report);
        }

        @Override
        public String toString() {
            return "perfdhcp drops: " + baselineDrops + " alone, " + drops + " with the control load (" + answered
                    + " commands answered, " + sent + " packets sent)";
        }
    }

    /** perfdhcp's report from one run. */
    @FunctionalInterface
    public interface PerfdhcpRun {
        String run() throws IOException;
    }

    /** Runs {@code perfdhcp} alone, then under {@code clients} control clients cycling through {@code commands}. */
    public UnderLoad underLoad(PerfdhcpRun perfdhcp, int clients, List<String> commands)
            throws IOException, InterruptedException {
        int baseline = Perfdhcp.sum("drops", perfdhcp.run());
        Load load = load(clients, commands);
        String report;
        try {
            report = perfdhcp.run();
        } finally {
            load.stop();
        }
        return new UnderLoad(baseline, Perfdhcp.sum("drops", report), Perfdhcp.sum("sent packets", report),
                load.answered(), load.errors(), report);
    }

    /** {@code echo COMMAND | socat UNIX:socket -}: what socat printed. */
    public String socat(String command) throws IOException {
        Netns.Result r = Netns.exec(List.of("bash", "-c", "printf '%s' \"$1\" | socat UNIX:\"$2\" -", "socat",
                command, socket.toString()), Duration.ofSeconds(20));
        if (r.exit() != 0) {
            throw new IOException("socat failed: " + r.output());
        }
        return r.output();
    }

    /** A curl POST of {@code body} to {@code url} inside {@code ns}; {@code user} may be null (no credentials). */
    public static Netns.Result curl(Netns ns, String url, String user, String body) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-m", "20", "-w", "\\n%{http_code}", "-H",
                "Content-Type: application/json", "-d", body));
        if (user != null) {
            cmd.addAll(List.of("-u", user));
        }
        cmd.add(url);
        return ns.tryRun(cmd.toArray(String[]::new));
    }

    /** The HTTP status code curl printed last ({@link #curl}'s {@code -w}). */
    public static int status(Netns.Result curl) {
        String out = curl.output().strip();
        return Integer.parseInt(out.substring(out.lastIndexOf('\n') + 1).strip());
    }

    /** The body curl printed ({@link #curl}'s output without the status line). */
    public static String body(Netns.Result curl) {
        String out = curl.output().strip();
        int nl = out.lastIndexOf('\n');
        return nl < 0 ? "" : out.substring(0, nl);
    }

    /**
     * {@code tuictl -s socket ARGS...}: {@code bin/tuictl} of the checkout when it is packaged, else
     * {@code io.tui.control.cli.TuiCtl} from this JVM's class path (the same program).
     */
    public Netns.Result tuictl(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        Path root = checkout();
        boolean packaged = root != null && Files.isDirectory(root.resolve("control-channel/target/lib"));
        if (packaged) {
            cmd.add(root.resolve("bin/tuictl").toString());
        } else {
            cmd.addAll(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                    System.getProperty("java.class.path"), "io.tui.control.cli.TuiCtl"));
        }
        cmd.addAll(List.of("-s", socket.toString()));
        cmd.addAll(List.of(args));
        return Netns.exec(cmd, Duration.ofSeconds(30));
    }

    private static Path checkout() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("bin/tuictl"))) {
                return p;
            }
        }
        return null;
    }
}
