package io.tui.control;

import static io.tui.control.ChannelFixture.assertAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.testing.External;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UNIX control socket: Kea's one-command-per-connection protocol, file safety, time and size bounds. */
class UnixSocketTest {
    @TempDir
    Path dir;
    TestServer server;
    ControlChannel channel;

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.close();
        }
    }

    void start(String extra) throws Exception {
        server = new TestServer(dir, "[{\"socket-type\": \"unix\", \"socket-name\": \"%s\"" + extra + "}]");
        channel = server.startChannel();
    }

    static SocketChannel open(Path p) throws IOException {
        return SocketChannel.open(UnixDomainSocketAddress.of(p));
    }

    static void write(SocketChannel ch, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    @Test
    void oneCommandPerConnectionThenClose() throws Exception {
        start("");
        assertEquals(List.of(server.socketPath()), channel.unixPaths());
        try (SocketChannel ch = open(server.socketPath())) {
            // a command split across writes, pretty-printed, with a brace inside a string
            write(ch, "{\n  \"command\": \"statistic-get\",\n");
            Thread.sleep(100);
            write(ch, "  \"arguments\": {\"name\": \"}{ not a stat\"}\n}");
            JsonNode r = Clients.JSON.readTree(Clients.readAll(ch));
            assertEquals("{\"arguments\":{},\"result\":0}", r.toString());
        }
    }

    @Test
    void socketFileIsPrivateAndTheDirectoryMustNotBeWorldWritable() throws Exception {
        start("");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.socketPath())));
        channel.close();
        assertFalse(Files.exists(server.socketPath()), "close removes the socket file");

        channel = ControlChannel.start(List.of(unix(server.socketPath(), Map.of("socket-mode", "0660"))),
                server.dispatcher);
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.socketPath())));
        channel.close();

        ControlChannelException e = assertThrows(ControlChannelException.class, () -> ControlChannel.start(
                List.of(unix(server.socketPath(), Map.of("socket-mode", "0666"))), server.dispatcher));
        assertTrue(e.getMessage().contains("every local user"), e.getMessage());

        Path open = dir.resolve("open");
        Files.createDirectory(open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        e = assertThrows(ControlChannelException.class, () -> ControlChannel.start(
                List.of(unix(open.resolve("s.sock"), Map.of())), server.dispatcher));
        assertTrue(e.getMessage().contains("writable by every user"), e.getMessage());
        assertFalse(Files.exists(open.resolve("s.sock")));
    }

    static Services.ControlSocket unix(Path p, Map<String, Object> params) {
        return new Services.ControlSocket("unix", p.toString(), null, 0, params, Map.of());
    }

    @Test
    void staleSocketsAreReplacedButNothingElseIs() throws Exception {
        server = new TestServer(dir);
        Path p = server.socketPath();
        // a socket file left by a dead server
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(p));
        }
        assertTrue(Files.exists(p));
        channel = server.startChannel();
        assertAnswer(Clients.JSON.readTree(Clients.unix(p, "{\"command\": \"version-get\"}")), 0, null);

        // a live server on the path: refused, and the live one keeps working
        ControlChannelException e = assertThrows(ControlChannelException.class,
                () -> ControlChannel.start(List.of(unix(p, Map.of())), server.dispatcher));
        assertTrue(e.getMessage().contains("another server"), e.getMessage());
        assertAnswer(Clients.JSON.readTree(Clients.unix(p, "{\"command\": \"version-get\"}")), 0, null);
        channel.close();

        Files.writeString(p, "not a socket");
        e = assertThrows(ControlChannelException.class, () -> server.startChannel());
        assertTrue(e.getMessage().contains("not a socket"), e.getMessage());
        assertEquals("not a socket", Files.readString(p));
        channel = null;
    }

    @Test
    void partialCommandsTimeOutWithResultOne() throws Exception {
        start(", \"command-timeout\": 300");
        long t0 = System.nanoTime();
        try (SocketChannel ch = open(server.socketPath())) {
            write(ch, "{\"command\": \"list-commands\"");
            JsonNode r = Clients.JSON.readTree(Clients.readAll(ch));
            assertAnswer(r, 1, "Connection over control channel timed out, discarded partial command of 27 bytes");
        }
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        // a client that half-closes after a partial command gets a parse error at once
        try (SocketChannel ch = open(server.socketPath())) {
            write(ch, "{\"command\": \"list-commands\"");
            ch.shutdownOutput();
            JsonNode r = Clients.JSON.readTree(Clients.readAll(ch));
            assertAnswer(r, 1, null);
            assertTrue(r.get("text").asText().startsWith("invalid JSON"), r.toString());
        }
    }

    @Test
    void slowClientsDoNotBlockOthersAndConnectionsAreBounded() throws Exception {
        start(", \"command-timeout\": 5000, \"max-connections\": 8");
        List<SocketChannel> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                SocketChannel ch = open(server.socketPath());
                write(ch, "{\"command\": ");
                slow.add(ch);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                assertAnswer(Clients.JSON.readTree(Clients.unix(server.socketPath(), "{\"command\": \"status-get\"}")),
                        0, null);
            }
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3), "others are served while 4 stall");
            // fill the remaining slots, then one more is refused at once
            Thread.sleep(200);
            for (int i = 0; i < 4; i++) {
                SocketChannel ch = open(server.socketPath());
                write(ch, "{");
                slow.add(ch);
            }
            Thread.sleep(200);
            JsonNode refused = Clients.JSON.readTree(Clients.unix(server.socketPath(), "{\"command\": \"status-get\"}"));
            assertAnswer(refused, 1, "Too many connections over control channel (8); try again later");
        } finally {
            for (SocketChannel ch : slow) {
                ch.close();
            }
        }
        Thread.sleep(300);
        assertAnswer(Clients.JSON.readTree(Clients.unix(server.socketPath(), "{\"command\": \"status-get\"}")), 0,
                null);
    }

    @Test
    void socatWorksAsKeaDocumentsIt() throws Exception {
        Path socat = External.requireExecutable("/usr/bin/socat");
        start("");
        for (String cmd : List.of("{ \"command\": \"list-commands\" }",
                "{\n    \"command\": \"statistic-get\",\n    \"arguments\": {\n        \"name\": \"pkt4-received\"\n    }\n}\n")) {
            Process p = new ProcessBuilder(socat.toString(), "UNIX:" + server.socketPath(), "-")
                    .redirectErrorStream(true).start();
            p.getOutputStream().write(cmd.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "socat finished");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            JsonNode r = Clients.JSON.readTree(out);
            assertAnswer(r, 0, null);
            assertTrue(r.has("arguments"), out);
        }
    }
}
