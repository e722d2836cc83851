package io.tui.control;

import static io.tui.control.ChannelFixture.assertAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.hook.CalloutHandle;
import io.tui.dhcp.core.hook.CalloutPoint;
import io.tui.dhcp.core.hook.CommandResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, reconfiguring and closing the channel; dispatcher rules shared by every transport. */
class ChannelLifecycleTest {
    @TempDir
    Path dir;

    static Services.ControlSocket unix(Path p) {
        return new Services.ControlSocket("unix", p.toString(), null, 0, Map.of(), Map.of());
    }

    static Services.ControlSocket http(int port) {
        return new Services.ControlSocket("http", null, "127.0.0.1", port, Map.of(), Map.of());
    }

    @Test
    void reconfigureKeepsUnchangedSocketsAndReplacesTheRest() throws Exception {
        TestServer server = new TestServer(dir);
        Path a = dir.resolve("a.sock");
        Path b = dir.resolve("b.sock");
        int p1 = Clients.freePort();
        int p2 = Clients.freePort();
        try (ControlChannel c = ControlChannel.start(List.of(unix(a), http(p1)), server.dispatcher)) {
            Object inodeA = Files.getAttribute(a, "unix:ino");
            // a client connected before the reload keeps its connection
            var pending = UnixSocketTest.open(a);
            UnixSocketTest.write(pending, "{\"command\": ");
            c.reconfigure(List.of(unix(a), unix(b), http(p2)));
            assertEquals(inodeA, Files.getAttribute(a, "unix:ino"), "unchanged socket kept");
            UnixSocketTest.write(pending, "\"version-get\"}");
            assertAnswer(Clients.JSON.readTree(Clients.readAll(pending)), 0, null);
            pending.close();
            assertTrue(Files.exists(b));
            assertAnswer(Clients.JSON.readTree(Clients.unix(b, "{\"command\": \"version-get\"}")), 0, null);
            assertEquals(List.of(new InetSocketAddress("127.0.0.1", p2)), c.httpAddresses());
            assertThrows(ConnectException.class,
                    () -> Clients.post(new InetSocketAddress("127.0.0.1", p1), null, "{}", null, null));
            assertAnswer(Clients.post(new InetSocketAddress("127.0.0.1", p2), null,
                    "{\"command\": \"version-get\"}", null, null).json().get(0), 0, null);

            // a bad new entry: the error names it, the good ones stay
            Services.ControlSocket bad = new Services.ControlSocket("unix", dir.resolve("no/such/dir/x.sock")
                    .toString(), null, 0, Map.of(), Map.of());
            assertThrows(ControlChannelException.class, () -> c.reconfigure(List.of(unix(a), bad)));
            assertAnswer(Clients.JSON.readTree(Clients.unix(a, "{\"command\": \"version-get\"}")), 0, null);
            assertFalse(Files.exists(b), "removed socket closed and its file gone");
        }
        assertFalse(Files.exists(a));
    }

    @Test
    void startFailureClosesWhatItOpened() throws Exception {
        TestServer server = new TestServer(dir);
        Path a = dir.resolve("a.sock");
        try (var blocker = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int taken = blocker.getLocalPort();
            ControlChannelException e = assertThrows(ControlChannelException.class,
                    () -> ControlChannel.start(List.of(unix(a), http(taken)), server.dispatcher));
            assertTrue(e.getMessage().contains(Integer.toString(taken)), e.getMessage());
        }
        assertFalse(Files.exists(a), "the UNIX socket opened first is closed again");
    }

    @Test
    void commandProcessedCalloutsSeeAndMayReplaceTheAnswer() throws Exception {
        TestServer server = new TestServer(dir);
        List<String> seen = new ArrayList<>();
        server.callouts.register(CalloutPoint.COMMAND_PROCESSED, (CalloutHandle h) -> {
            CommandResponse r = h.get("response");
            seen.add(h.get("name") + ":" + r.result());
            if ("version-get".equals(h.get("name"))) {
                h.set("response", CommandResponse.ok("patched"));
            }
        });
        server.callouts.register(CalloutPoint.COMMAND_PROCESSED, h -> {
            throw new IllegalStateException("a broken callout");
        });
        assertEquals("{ \"result\": 0, \"text\": \"patched\" }",
                server.dispatcher.dispatchText("{\"command\": \"version-get\"}", "test"));
        assertEquals("{ \"result\": 2, \"text\": \"'nope' command not supported.\" }",
                server.dispatcher.dispatchText("{\"command\": \"nope\"}", "test"));
        server.dispatcher.dispatchText("garbage", "test");
        assertEquals(List.of("version-get:0", "nope:2"), seen, "called for parsed commands only");
    }

    @Test
    void serviceListAsKea32() throws Exception {
        TestServer server = new TestServer(dir);
        for (String svc : List.of("[]", "[\"dhcp4\"]", "[\"dhcp6\", \"dhcp4\"]")) {
            assertAnswer(Clients.JSON.readTree(server.dispatcher.dispatchText(
                    "{\"command\": \"version-get\", \"service\": " + svc + "}", "test")), 0, null);
        }
        assertAnswer(Clients.JSON.readTree(server.dispatcher.dispatchText(
                "{\"command\": \"version-get\", \"service\": [\"d2\"]}", "test")), 1, null);
    }

    @Test
    void aHandlerThatThrowsIsAnErrorNotACrash() throws Exception {
        TestServer server = new TestServer(dir);
        server.commands.register("boom", r -> {
            throw new IllegalStateException("kaput");
        });
        server.commands.register("silent", r -> null);
        assertEquals("{ \"result\": 1, \"text\": \"Error during command processing: kaput\" }",
                server.dispatcher.dispatchText("{\"command\": \"boom\"}", "test"));
        assertAnswer(Clients.JSON.readTree(server.dispatcher.dispatchText("{\"command\": \"silent\"}", "t")), 1,
                null);
    }

    @Test
    void closedChannelRefusesReconfigure() throws IOException, Exception {
        TestServer server = new TestServer(dir);
        ControlChannel c = server.startChannel();
        c.close();
        c.close();
        assertThrows(IllegalStateException.class, () -> c.reconfigure(List.of()));
    }

    @Test
    void aSlowCommandIsNotCutOffByTheClientDeadline() throws Exception {
        TestServer server = new TestServer(dir);
        server.commands.register("slow", r -> {
            try {
                Thread.sleep(800);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CommandResponse.ok("done");
        });
        int port = Clients.freePort();
        Map<String, Object> p = Map.of("command-timeout", 300);
        Path sock = dir.resolve("s.sock");
        try (ControlChannel c = ControlChannel.start(List.of(
                new Services.ControlSocket("unix", sock.toString(), null, 0, p, Map.of()),
                new Services.ControlSocket("http", null, "127.0.0.1", port, p, Map.of())), server.dispatcher)) {
            assertEquals(List.of(sock), c.unixPaths());
            assertAnswer(Clients.JSON.readTree(Clients.unix(sock, "{\"command\": \"slow\"}")), 0, "done");
            assertAnswer(Clients.post(new InetSocketAddress("127.0.0.1", port), null, "{\"command\": \"slow\"}",
                    null, null).json().get(0), 0, "done");
        }
    }

    @Test
    void redactionCoversEveryPasswordAndSecret() throws Exception {
        var doc = Clients.JSON.readTree("""
                {"Dhcp4": {"lease-database": {"type": "mysql", "password": "a", "password-file": "keep"},
                  "hooks-libraries": [{"library": "libdhcp_ha.so", "parameters": {"high-availability": [
                    {"peers": [{"name": "x", "basic-auth-password": "b", "basic-auth-user": "keep"}]}]}}],
                  "secret": "c", "user-context": {"tsig": [{"secret": "d"}]}, "secretary": "keep"}}
                """);
        BuiltinCommands.redact(doc);
        String out = doc.toString();
        for (String gone : List.of("\"a\"", "\"b\"", "\"c\"", "\"d\"")) {
            assertFalse(out.contains(gone), out);
        }
        assertEquals(4, out.split("\\*\\*\\*\\*\\*", -1).length - 1, out);
        assertTrue(out.contains("\"keep\""));
    }

    @Test
    void aCommandThatReconfiguresTheChannelStillGetsItsAnswer() throws Exception {
        TestServer server = new TestServer(dir);
        Path a = dir.resolve("a.sock");
        Path b = dir.resolve("b.sock");
        int port = Clients.freePort();
        try (ControlChannel c = ControlChannel.start(List.of(unix(a), http(port)), server.dispatcher)) {
            // as a server's config-set does when the new config moves the control sockets
            server.commands.register("move", r -> {
                try {
                    c.reconfigure(List.of(unix(b)));
                    return CommandResponse.ok("moved");
                } catch (ControlChannelException e) {
                    return CommandResponse.error(e.getMessage());
                }
            });
            assertAnswer(Clients.JSON.readTree(Clients.unix(a, "{\"command\": \"move\"}")), 0, "moved");
            assertFalse(Files.exists(a));
            assertEquals(List.of(b), c.unixPaths());
            c.reconfigure(List.of(unix(a), http(port)));
            assertAnswer(Clients.post(new InetSocketAddress("127.0.0.1", port), null, "{\"command\": \"move\"}",
                    null, null).json().get(0), 0, "moved");
            assertEquals(List.of(), c.httpAddresses());
        }
    }

    @Test
    void largeCommandsShareOneMemoryBudget() throws Exception {
        TestServer server = new TestServer(dir);
        Path a = dir.resolve("a.sock");
        int port = Clients.freePort();
        ControlChannel.Options opts = new ControlChannel.Options(dir, new Limits(32 << 10,
                java.time.Duration.ofSeconds(10), 64), 48 << 10);
        String big = "{\"command\": \"version-get\", \"arguments\": {\"pad\": \"" + "x".repeat(30000) + "\"}}";
        try (ControlChannel c = ControlChannel.start(List.of(unix(a), http(port)), server.dispatcher, opts)) {
            assertEquals(1, c.httpAddresses().size());
            // client A holds 32 KiB of an unfinished command
            var holder = UnixSocketTest.open(a);
            UnixSocketTest.write(holder, big.substring(0, big.length() - 5));
            Thread.sleep(300);
            assertAnswer(Clients.JSON.readTree(Clients.unix(a, big)), 1,
                    "Control channel busy: too many large commands in flight; try again later");
            assertEquals(503, Clients.post(new InetSocketAddress("127.0.0.1", port), null, big, null, null).status());
            Thread.sleep(300); // the refused connections give their share back as they close
            // small commands still fit, and A completes
            assertAnswer(Clients.JSON.readTree(Clients.unix(a, "{\"command\": \"version-get\"}")), 0, null);
            UnixSocketTest.write(holder, big.substring(big.length() - 5));
            assertAnswer(Clients.JSON.readTree(Clients.readAll(holder)), 0, null);
            holder.close();
            Thread.sleep(100);
            assertAnswer(Clients.JSON.readTree(Clients.unix(a, big)), 0, null);
            // the UNIX command's share comes back when its connection has closed on the server, which the client
            // does not wait for: a 503 until then is the budget at work, not a failure
            var posted = Clients.post(new InetSocketAddress("127.0.0.1", port), null, big, null, null);
            for (long until = System.nanoTime() + 5_000_000_000L; posted.status() == 503 && System.nanoTime() < until; ) {
                Thread.sleep(50);
                posted = Clients.post(new InetSocketAddress("127.0.0.1", port), null, big, null, null);
            }
            assertEquals(200, posted.status());
            assertAnswer(posted.json().get(0), 0, null);
        }
    }
}
