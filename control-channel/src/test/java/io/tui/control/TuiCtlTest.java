package io.tui.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tui.control.cli.TuiCtl;
import io.tui.dhcp.core.hook.CommandResponse;
import io.tui.dhcp.core.lease.AddressText;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.wire.ParseException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tuictl against a real channel: typed key=value arguments, JSON arguments, output and exit codes. */
class TuiCtlTest {
    @TempDir
    Path dir;
    ChannelFixture f;
    String out;
    String err;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("auth"));
        Files.writeString(dir.resolve("auth/combined"), "admin:1234\n");
        f = new ChannelFixture(dir, """
                , "authentication": {"realm": "t", "directory": "auth", "clients": [{"password-file": "combined"}]}
                """);
        // a stand-in for lease_cmds' lease4-get (another module), answering from the real allocation engine
        f.server.commands.register("lease4-get", r -> {
            try {
                int a = AddressText.parseV4(r.arguments().get("ip-address").textValue());
                Lease4 l = f.server.leases4().get(a);
                if (l == null) {
                    return CommandResponse.empty("Lease not found.", null);
                }
                return CommandResponse.ok("IPv4 lease found.", JsonNodeFactory.instance.objectNode()
                        .put("ip-address", AddressText.formatV4(l.address())).put("subnet-id", l.subnetId()));
            } catch (ParseException | RuntimeException e) {
                return CommandResponse.error("bad ip-address");
            }
        });
        f.server.commands.register("echo", r -> CommandResponse.ok("echo", r.arguments()));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = new TuiCtl(new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), Map.of()).run(args);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    String sock() {
        return f.server.socketPath().toString();
    }

    @Test
    void lease4GetByAddressAndExitCodesFromTheResult() throws Exception {
        assertEquals(3, run("-s", sock(), "lease4-get", "ip-address=192.0.2.10"), out + err);
        assertTrue(out.contains("Lease not found."), out);
        long now = System.currentTimeMillis() / 1000;
        f.server.leases4().add(new Lease4(AddressText.parseV4("192.0.2.10"), Bytes.of((byte) 1, (byte) 2, (byte) 3,
                (byte) 4, (byte) 5, (byte) 6), Bytes.EMPTY, 4000, now + 4000, 1, false, false, "", LeaseState.DEFAULT, "",
                0)).toCompletableFuture().get();
        assertEquals(0, run("-s", sock(), "lease4-get", "ip-address=192.0.2.10"), out + err);
        JsonNode r = Clients.JSON.readTree(out);
        assertEquals("192.0.2.10", r.at("/arguments/ip-address").asText());
        assertTrue(out.contains("\n  \"arguments\""), "pretty by default: " + out);
        assertEquals(1, run("-s", sock(), "lease4-get", "ip-address=300.1.1.1"));
        assertEquals(2, run("-s", sock(), "lease9-get"));
        assertEquals(0, run("-s", sock(), "--raw", "version-get"));
        assertEquals(1, out.strip().lines().count(), "raw is the one line the server sent: " + out);
    }

    @Test
    void keyValueArgumentsAreTyped() throws Exception {
        assertEquals(0, run("-s", sock(), "echo", "a=1", "b=true", "c=192.0.2.1", "d=[1,\"x\"]", "e=null", "f=-5",
                "g=1a:2b:3c", "h=2.5", "i={\"k\":1}", "j=\"42\"", "k=", "l=007", "service=dhcp4"), err);
        JsonNode a = Clients.JSON.readTree(out).get("arguments");
        assertTrue(a.get("a").isInt());
        assertTrue(a.get("b").isBoolean());
        assertEquals("192.0.2.1", a.get("c").textValue());
        assertEquals("[1,\"x\"]", a.get("d").toString());
        assertTrue(a.get("e").isNull());
        assertEquals(-5, a.get("f").intValue());
        assertEquals("1a:2b:3c", a.get("g").textValue());
        assertTrue(a.get("h").isDouble());
        assertEquals(1, a.at("/i/k").intValue());
        assertEquals("42", a.get("j").textValue(), "quoted keeps a number a string");
        assertEquals("", a.get("k").textValue());
        assertEquals("007", a.get("l").textValue());
        assertFalse(a.has("service"), "service goes to the command, not its arguments");
        assertEquals(1, run("-s", sock(), "echo", "service=dhcp6"), "another service is refused");
    }

    @Test
    void jsonArguments() throws Exception {
        assertEquals(0, run("-s", sock(), "statistic-get", "--json", "{\"name\": \"pkt4-received\"}"), err);
        assertTrue(Clients.JSON.readTree(out).at("/arguments/pkt4-received").isArray());
        Path file = dir.resolve("args.json");
        Files.writeString(file, "{\"name\": \"nope\"}");
        assertEquals(0, run("-s", sock(), "statistic-get", "--json-file", file.toString()));
        assertEquals("{ }", Clients.JSON.readTree(out).get("arguments").toPrettyString());
        assertEquals(TuiCtl.EXIT_USAGE, run("-s", sock(), "statistic-get", "--json", "[1]"));
        assertEquals(TuiCtl.EXIT_USAGE, run("-s", sock(), "statistic-get", "--json", "{", "x=1"));
        assertEquals(TuiCtl.EXIT_USAGE, run("-s", sock(), "statistic-get", "novalue"));
        assertEquals(TuiCtl.EXIT_USAGE, run("status-get"));
        assertEquals(TuiCtl.EXIT_USAGE, run("-s", sock()));
        assertEquals(TuiCtl.EXIT_USAGE, run("-s", sock(), "-u", "http://x/", "status-get"));
        assertEquals(TuiCtl.EXIT_USAGE, run("-s", sock(), "--bogus", "status-get"));
        assertEquals(0, run("--help"));
        assertTrue(out.contains("usage: tuictl"));
    }

    @Test
    void httpsWithPasswordFileAndCertificates() throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "1234\n");
        List<String> base = new ArrayList<>(List.of("-u", "https://127.0.0.1:" + f.https.getPort() + "/",
                "--ca", f.tls.resolve("ca.pem").toString(), "--cert", f.tls.resolve("client.pem").toString(),
                "--key", f.tls.resolve("client-key.pem").toString(), "--user", "admin"));
        List<String> ok = new ArrayList<>(base);
        ok.addAll(List.of("--password-file", pw.toString(), "status-get"));
        assertEquals(0, run(ok.toArray(String[]::new)), err);
        assertTrue(Clients.JSON.readTree(out).isArray(), "HTTP answers print as Kea sends them: " + out);
        List<String> wrong = new ArrayList<>(base);
        wrong.addAll(List.of("--password", "nope", "dhcp-disable"));
        assertEquals(TuiCtl.EXIT_HTTP, run(wrong.toArray(String[]::new)));
        assertTrue(err.contains("HTTP 401"), err);
        assertTrue(f.server.enabled());
        assertEquals(TuiCtl.EXIT_HTTP, run("-u", "http://127.0.0.1:" + f.http.getPort() + "/", "status-get"));
        int closed = Clients.freePort();
        assertEquals(TuiCtl.EXIT_TRANSPORT, run("-u", "http://127.0.0.1:" + closed + "/", "status-get"));
        assertEquals(TuiCtl.EXIT_TRANSPORT, run("-s", dir.resolve("nothing.sock").toString(), "status-get"));
    }
}
