package io.tui.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tui.dhcp.core.hook.schema.CommandSchemas;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;

/** A {@link TestServer} with a UNIX, an HTTP and an HTTPS (client certificates required) control socket. */
final class ChannelFixture implements AutoCloseable {
    enum Transport { UNIX, HTTP, HTTPS }

    static final CommandSchemas SCHEMAS = new CommandSchemas();

    final TestServer server;
    final ControlChannel channel;
    final Path tls;
    final InetSocketAddress http;
    final InetSocketAddress https;
    final SSLContext clientTls;

    ChannelFixture(Path dir) throws Exception {
        this(dir, "");
    }

    /** {@code extraHttp} is spliced into the http and https entries (such as an authentication map). */
    ChannelFixture(Path dir, String extraHttp) throws Exception {
        this(dir, extraHttp, "");
    }

    /** {@code extraAll} is spliced into every entry (such as a command-timeout). */
    ChannelFixture(Path dir, String extraHttp, String extraAll) throws Exception {
        tls = Clients.copyTls(dir);
        int httpPort = Clients.freePort();
        int httpsPort = Clients.freePort();
        String sockets = """
                [{"socket-type": "unix", "socket-name": "%s" ALL},
                 {"socket-type": "http", "socket-address": "127.0.0.1", "socket-port": HTTP_PORT EXTRA ALL},
                 {"socket-type": "https", "socket-address": "127.0.0.1", "socket-port": HTTPS_PORT,
                  "trust-anchor": "tls/ca.pem", "cert-file": "tls/server.pem", "key-file": "tls/server-key.pem",
                  "cert-required": true EXTRA ALL}]
                """.replace("HTTP_PORT", Integer.toString(httpPort))
                .replace("HTTPS_PORT", Integer.toString(httpsPort))
                .replace("EXTRA", extraHttp).replace("ALL", extraAll);
        server = new TestServer(dir, sockets);
        channel = server.startChannel();
        http = new InetSocketAddress("127.0.0.1", httpPort);
        https = new InetSocketAddress("127.0.0.1", httpsPort);
        clientTls = Clients.clientTls(tls, "client");
    }

    /** Sends one command text and returns the single answer object (unwrapping HTTP's list). */
    JsonNode send(Transport t, String text) throws Exception {
        return switch (t) {
            case UNIX -> Clients.JSON.readTree(Clients.unix(server.socketPath(), text));
            case HTTP, HTTPS -> {
                Clients.Http r = Clients.post(t == Transport.HTTP ? http : https,
                        t == Transport.HTTPS ? clientTls : null, text, null, null);
                assertEquals(200, r.status(), r.body());
                assertEquals("application/json", r.header("Content-Type"));
                JsonNode list = r.json();
                assertTrue(list.isArray() && list.size() == 1, "HTTP answers are [ {...} ]: " + r.body());
                yield list.get(0);
            }
        };
    }

    /** Sends and checks the answer against the command's checked-in response schema. */
    JsonNode call(Transport t, String text) throws Exception {
        JsonNode answer = send(t, text);
        String command = Clients.JSON.readTree(text).path("command").asText();
        if (SCHEMAS.schema(command, "response") != null) {
            List<String> problems = SCHEMAS.validateResponse(command, answer);
            assertTrue(problems.isEmpty(), command + " answer " + answer + " violates its schema: " + problems);
        }
        return answer;
    }

    static void assertAnswer(JsonNode answer, int result, String text) {
        assertEquals(result, answer.path("result").asInt(-1), answer.toString());
        assertTrue(answer.path("result").isInt(), "result is an integer: " + answer);
        if (text != null) {
            assertEquals(text, answer.path("text").asText(null), answer.toString());
        }
    }

    @Override
    public void close() {
        channel.close();
    }
}
