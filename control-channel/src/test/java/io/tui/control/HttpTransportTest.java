package io.tui.control;

import static io.tui.control.ChannelFixture.assertAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tui.control.ChannelFixture.Transport;
import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.testing.External;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** HTTP and HTTPS control sockets: basic authentication, TLS client certificates, headers, HTTP framing. */
class HttpTransportTest {
    static final String AUTH = """
            , "authentication": {"type": "basic", "realm": "tui-test", "directory": "auth",
               "clients": [{"user": "admin", "password": "1234"},
                           {"user-file": "ops-user", "password-file": "ops-password"},
                           {"password-file": "combined"}]},
              "http-headers": [{"name": "X-Tui-Test", "value": "yes"}]
            """;

    @TempDir
    Path dir;
    ChannelFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    void credentials() throws IOException {
        Path auth = dir.resolve("auth");
        Files.createDirectories(auth);
        Files.writeString(auth.resolve("ops-user"), "ops\n");
        Files.writeString(auth.resolve("ops-password"), "pa:ss word\n");
        Files.writeString(auth.resolve("combined"), "robot:r0b0t\n");
    }

    Clients.Http post(Transport t, String body, String user, String password) throws IOException {
        return Clients.post(t == Transport.HTTP ? f.http : f.https, t == Transport.HTTPS ? f.clientTls : null, body,
                user, password);
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"HTTP", "HTTPS"})
    void wrongOrMissingCredentialsGet401AndNothingRuns(Transport t) throws Exception {
        credentials();
        f = new ChannelFixture(dir, AUTH);
        String before = f.server.stateSnapshot();
        String disable = "{\"command\": \"dhcp-disable\"}";
        for (String[] cred : new String[][] {{null, null}, {"admin", "wrong"}, {"admin", ""}, {"nobody", "1234"},
            {"ops", "pa:ss"}, {"robot", "r0b0t\n"}}) {
            Clients.Http r = post(t, disable, cred[0], cred[1]);
            assertEquals(401, r.status(), cred[0] + "/" + cred[1]);
            assertEquals("Basic realm=\"tui-test\"", r.header("WWW-Authenticate"));
            assertEquals(401, r.json().get("result").asInt());
        }
        // a malformed Authorization header
        byte[] raw = ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + disable.length()
                + "\r\nAuthorization: Basic !!!notbase64\r\n\r\n" + disable).getBytes(StandardCharsets.US_ASCII);
        assertEquals(401, Clients.raw(t == Transport.HTTP ? f.http : f.https, t == Transport.HTTPS ? f.clientTls : null,
                raw).status());
        assertEquals(before, f.server.stateSnapshot(), "no refused request ran");
        assertTrue(f.server.enabled());

        for (String[] cred : new String[][] {{"admin", "1234"}, {"ops", "pa:ss word"}, {"robot", "r0b0t"}}) {
            Clients.Http r = post(t, "{\"command\": \"status-get\"}", cred[0], cred[1]);
            assertEquals(200, r.status(), cred[0]);
            assertEquals("yes", r.header("X-Tui-Test"), "configured http-headers are sent");
            assertAnswer(r.json().get(0), 0, null);
        }
        Clients.Http ok = post(t, disable, "admin", "1234");
        assertAnswer(ok.json().get(0), 0, "DHCPv4 service disabled");
        assertTrue(!f.server.enabled());
        // the UNIX socket needs no password (file permissions guard it)
        assertAnswer(f.send(Transport.UNIX, "{\"command\": \"dhcp-enable\"}"), 0, null);
    }

    @Test
    void credentialFilesMustStayInTheirDirectory() throws Exception {
        credentials();
        Files.writeString(dir.resolve("secret"), "x:y\n");
        Files.createSymbolicLink(dir.resolve("auth/link"), dir.resolve("secret"));
        TestServer server = new TestServer(dir);
        for (String file : List.of("../secret", "/etc/passwd", "link")) {
            Services.ControlSocket cs = new Services.ControlSocket("http", null, "127.0.0.1", Clients.freePort(),
                    Map.of("authentication", Map.of("directory", "auth",
                            "clients", List.of(Map.of("password-file", file)))), Map.of());
            ControlChannelException e = assertThrows(ControlChannelException.class, () -> ControlChannel.start(
                    List.of(cs), server.dispatcher, ControlChannel.Options.forConfigFile(server.configFile)));
            assertTrue(e.getMessage().contains("outside"), e.getMessage());
        }
    }

    @Test
    void httpFraming() throws Exception {
        f = new ChannelFixture(dir);
        byte[] get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(405, Clients.raw(f.http, null, get).status());
        byte[] noLength = "POST / HTTP/1.1\r\nHost: x\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII);
        assertEquals(411, Clients.raw(f.http, null, noLength).status());
        byte[] chunked = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals(411, Clients.raw(f.http, null, chunked).status());
        assertEquals(400, Clients.raw(f.http, null, "BLAH\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).status());
        byte[] hugeHead = ("POST / HTTP/1.1\r\nX: " + "a".repeat(40000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(431, Clients.raw(f.http, null, hugeHead).status());

        // keep-alive: two commands on one connection
        try (Socket s = Clients.connect(f.http, null)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < 2; i++) {
                String body = "{\"command\": \"version-get\"}";
                out.write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Clients.Http r = Clients.read(s.getInputStream());
                assertEquals(200, r.status());
                assertEquals("keep-alive", r.header("Connection"));
                assertAnswer(r.json().get(0), 0, null);
            }
        }
        // Expect: 100-continue (curl sends it for large bodies)
        String body = "{\"command\": \"status-get\"}";
        Clients.Http r = Clients.raw(f.http, null, ("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII));
        assertEquals(100, r.status());
    }

    @Test
    void httpsVerifiesClientCertificates() throws Exception {
        f = new ChannelFixture(dir);
        String cmd = "{\"command\": \"status-get\"}";
        assertAnswer(Clients.post(f.https, f.clientTls, cmd, null, null).json().get(0), 0, null);
        for (String client : new String[] {null, "rogue-client"}) {
            SSLContext ctx = Clients.clientTls(f.tls, client);
            assertThrows(IOException.class, () -> Clients.post(f.https, ctx, cmd, null, null),
                    "client certificate " + client + " is refused");
        }
        // plain HTTP to the TLS port gets nothing
        assertThrows(IOException.class, () -> Clients.post(f.https, null, cmd, null, null));
    }

    @Test
    void httpsWithoutRequiredClientCertsAndWithAPkcs1Key() throws Exception {
        Path tls = Clients.copyTls(dir);
        TestServer server = new TestServer(dir);
        int port = Clients.freePort();
        Services.ControlSocket cs = new Services.ControlSocket("https", null, "127.0.0.1", port,
                Map.of("cert-file", "tls/server.pem", "key-file", "tls/server-key-rsa.pem", "trust-anchor", "tls",
                        "cert-required", false), Map.of());
        try (ControlChannel c = ControlChannel.start(List.of(cs), server.dispatcher,
                ControlChannel.Options.forConfigFile(server.configFile))) {
            InetSocketAddress a = c.httpAddresses().getFirst();
            assertEquals(port, a.getPort());
            assertAnswer(Clients.post(a, Clients.clientTls(tls, null), "{\"command\": \"version-get\"}", null, null)
                    .json().get(0), 0, null);
            assertAnswer(Clients.post(a, Clients.clientTls(tls, "client"), "{\"command\": \"version-get\"}", null,
                    null).json().get(0), 0, null);
        }
    }

    @Test
    void badTlsSettingsFailAtStart() throws Exception {
        Clients.copyTls(dir);
        TestServer server = new TestServer(dir);
        List<Map<String, Object>> bad = new ArrayList<>();
        bad.add(Map.of("cert-file", "tls/server.pem"));
        bad.add(Map.of("cert-file", "tls/server.pem", "key-file", "tls/missing.pem", "trust-anchor", "tls/ca.pem"));
        bad.add(Map.of("cert-file", "tls/server.pem", "key-file", "tls/ca.pem", "trust-anchor", "tls/ca.pem"));
        bad.add(Map.of("cert-file", "tls/server.pem", "key-file", "tls/server-key.pem"));
        for (Map<String, Object> p : bad) {
            Services.ControlSocket cs = new Services.ControlSocket("https", null, "127.0.0.1", Clients.freePort(), p,
                    Map.of());
            assertThrows(ControlChannelException.class, () -> ControlChannel.start(List.of(cs), server.dispatcher,
                    ControlChannel.Options.forConfigFile(server.configFile)), p.toString());
        }
        Services.ControlSocket plainWithTls = new Services.ControlSocket("http", null, "127.0.0.1", Clients.freePort(),
                Map.of("cert-file", "tls/server.pem"), Map.of());
        assertThrows(ControlChannelException.class, () -> ControlChannel.start(List.of(plainWithTls),
                server.dispatcher, ControlChannel.Options.forConfigFile(server.configFile)));
    }

    @Test
    void curlAsKeaDocumentsIt() throws Exception {
        Path curl = External.requireExecutable("/usr/bin/curl");
        credentials();
        f = new ChannelFixture(dir, AUTH);
        String url = "http://127.0.0.1:" + f.http.getPort() + "/";
        String out = run(curl.toString(), "-s", "-X", "POST", "-H", "Content-Type: application/json",
                "-u", "admin:1234", "-d", "{ \"command\": \"config-get\", \"service\": [ \"dhcp4\" ] }", url);
        JsonNode r = Clients.JSON.readTree(out);
        assertTrue(r.isArray(), out);
        assertAnswer(r.get(0), 0, null);
        assertTrue(r.get(0).at("/arguments/Dhcp4").isObject());
        String https = "https://127.0.0.1:" + f.https.getPort() + "/";
        out = run(curl.toString(), "-s", "--cacert", f.tls.resolve("ca.pem").toString(),
                "--cert", f.tls.resolve("client.pem").toString(), "--key", f.tls.resolve("client-key.pem").toString(),
                "-u", "admin:1234", "-H", "Content-Type: application/json",
                "-d", "{ \"command\": \"list-commands\" }", https);
        assertAnswer(Clients.JSON.readTree(out).get(0), 0, null);
        out = run(curl.toString(), "-s", "-o", "/dev/null", "-w", "%{http_code}", "-u", "admin:nope", "-d",
                "{ \"command\": \"list-commands\" }", url);
        assertEquals("401", out);
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void partialRequestsTimeOutWith408() throws Exception {
        f = new ChannelFixture(dir, "", ", \"command-timeout\": 300");
        String body = "{\"command\": \"status-get\"}";
        for (Transport t : List.of(Transport.HTTP, Transport.HTTPS)) {
            InetSocketAddress to = t == Transport.HTTP ? f.http : f.https;
            try (Socket s = Clients.connect(to, t == Transport.HTTPS ? f.clientTls : null)) {
                s.setSoTimeout(5000);
                s.getOutputStream().write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length()
                        + "\r\n\r\n" + body.substring(0, 10)).getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                Clients.Http r = Clients.read(s.getInputStream());
                assertEquals(408, r.status(), t.toString());
                assertEquals(408, r.json().get("result").asInt());
            }
            // a half-sent head too
            try (Socket s = Clients.connect(to, t == Transport.HTTPS ? f.clientTls : null)) {
                s.setSoTimeout(5000);
                s.getOutputStream().write("POST / HTTP/1.1\r\nHost:".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                assertEquals(408, Clients.read(s.getInputStream()).status());
            }
        }
        // the answer after a timeout is not a command: nothing ran
        assertTrue(f.server.enabled());
    }

    @Test
    void connectionsBeyondTheLimitGet503() throws Exception {
        f = new ChannelFixture(dir, ", \"max-connections\": 2");
        try (Socket a = Clients.connect(f.http, null); Socket b = Clients.connect(f.http, null)) {
            a.getOutputStream().write("POST / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            b.getOutputStream().write("POST / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(300);
            Clients.Http r = Clients.post(f.http, null, "{\"command\": \"status-get\"}", null, null);
            assertEquals(503, r.status());
            assertEquals(503, r.json().get("result").asInt());
        }
        Thread.sleep(300);
        assertEquals(200, Clients.post(f.http, null, "{\"command\": \"status-get\"}", null, null).status());
    }
}
