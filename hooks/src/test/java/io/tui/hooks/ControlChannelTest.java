package io.tui.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.control.CommandDispatcher;
import io.tui.control.ControlChannel;
import io.tui.control.schema.CommandSchemas;
import io.tui.dhcp.core.hook.CommandRegistry;
import io.tui.hooks.leasecmds.LeaseCmds4Test;
import io.tui.hooks.leasecmds.LeaseCmds6Test;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook commands served by the real control channel over a real UNIX socket (the hooks exported into the
 * dispatcher's registry): the differential script's answers over the socket equal those of the same server called
 * directly, and each answer satisfies the control channel's checked-in JSON Schema of its command.
 */
class ControlChannelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CommandSchemas SCHEMAS = new CommandSchemas();

    @TempDir
    Path dir;

    @Test
    void dhcp4OverAUnixSocket() throws Exception {
        run(LeaseCmds4Test.CONFIG, KeaDifferentialTest.SCRIPT4, false);
    }

    @Test
    void dhcp6OverAUnixSocket() throws Exception {
        run(LeaseCmds6Test.CONFIG, KeaDifferentialTest.script6(), true);
    }

    private void run(String config, List<String> script, boolean v6) throws Exception {
        Path socket = dir.resolve("tui.sock");
        String withSocket = config.replaceFirst("\\{\"Dhcp[46]\": \\{", "$0\"control-socket\": {\"socket-type\": "
                + "\"unix\", \"socket-name\": \"" + socket + "\"},");
        try (TestServer served = v6 ? TestServer.v6(withSocket) : TestServer.v4(withSocket);
             TestServer direct = v6 ? TestServer.v6(config) : TestServer.v4(config)) {
            CommandRegistry registry = new CommandRegistry();
            served.hooks().exportTo(registry);
            CommandDispatcher dispatcher = new CommandDispatcher(registry, served.hooks().callouts(),
                    v6 ? "dhcp6" : "dhcp4");
            List<String> problems = new ArrayList<>();
            try (ControlChannel channel = ControlChannel.start(served.config().services().controlSockets(),
                    dispatcher)) {
                assertEquals(List.of(socket), channel.unixPaths());
                for (String line : script) {
                    int sp = line.indexOf(' ');
                    String command = sp < 0 ? line : line.substring(0, sp);
                    String args = sp < 0 ? null : line.substring(sp + 1);
                    ObjectNode request = JSON.createObjectNode().put("command", command);
                    if (args != null) {
                        request.set("arguments", JSON.readTree(args));
                    }
                    JsonNode overSocket = JSON.readTree(KeaDifferentialTest.send(socket, request.toString()));
                    JsonNode called = JSON.readTree(direct.call(command, args).toString());
                    if (!overSocket.equals(called)) {
                        problems.add(line + "\n  socket: " + overSocket + "\n  direct: " + called);
                    }
                    List<String> violations = SCHEMAS.validateResponse(command, overSocket);
                    if (!violations.isEmpty()) {
                        problems.add(line + " -> " + overSocket + "\n  violates its schema: " + violations);
                    }
                }
            }
            assertEquals("", String.join("\n", problems));
            assertTrue(script.size() > 50);
        }
    }
}
