package io.tui.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tui.control.ChannelFixture.Transport;
import io.tui.control.cli.TuiCtl;
import io.tui.dhcp.core.config.model.Services;
import io.tui.hooks.loader.HookLoader;
import io.tui.hooks.loader.LoadedHooks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real lease_cmds and stat_cmds hooks (module {@code hooks}) behind the channel: tuictl and every transport
 * reach them, and their answers fit the schemas generated from Kea's API reference.
 */
class HooksOverChannelTest {
    @TempDir
    Path dir;

    @Test
    void leaseCommandsEndToEnd() throws Exception {
        try (ChannelFixture f = new ChannelFixture(dir)) {
            HookLoader loader = new HookLoader(HooksOverChannelTest.class.getClassLoader());
            LoadedHooks hooks = loader.load(List.of(
                    new Services.HookLibrary("/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so", null,
                            Map.of()),
                    new Services.HookLibrary("libdhcp_stat_cmds.so", null, Map.of())), f.server);
            try {
                hooks.exportTo(f.server.commands);
                JsonNode list = f.call(Transport.UNIX, "{\"command\": \"list-commands\"}");
                assertTrue(list.get("arguments").toString().contains("\"lease4-get\""), list.toString());
                assertTrue(list.get("arguments").toString().contains("\"stat-lease4-get\""), list.toString());

                assertEquals(3, tuictl("-s", f.server.socketPath().toString(), "lease4-get",
                        "ip-address=192.0.2.10"));
                assertEquals(0, tuictl("-s", f.server.socketPath().toString(), "lease4-add", "ip-address=192.0.2.10",
                        "hw-address=1a:1b:1c:1d:1e:1f", "valid-lft=3600"));
                assertEquals(0, tuictl("-s", f.server.socketPath().toString(), "lease4-get",
                        "ip-address=192.0.2.10"));
                for (Transport t : Transport.values()) {
                    JsonNode r = f.call(t, "{\"command\": \"lease4-get\", \"arguments\": {\"ip-address\": "
                            + "\"192.0.2.10\"}}");
                    assertEquals(0, r.get("result").asInt(), r.toString());
                    assertEquals("1a:1b:1c:1d:1e:1f", r.at("/arguments/hw-address").asText());
                    assertTrue(r.at("/arguments/valid-lft").isIntegralNumber());
                    JsonNode all = f.call(t, "{\"command\": \"lease4-get-all\"}");
                    assertEquals(1, all.at("/arguments/leases").size(), all.toString());
                    JsonNode stat = f.call(t, "{\"command\": \"stat-lease4-get\"}");
                    assertEquals(0, stat.get("result").asInt(), stat.toString());
                }
                assertEquals(0, tuictl("-u", "https://127.0.0.1:" + f.https.getPort() + "/", "--ca",
                        f.tls.resolve("ca.pem").toString(), "--cert", f.tls.resolve("client.pem").toString(), "--key",
                        f.tls.resolve("client-key.pem").toString(), "lease4-del", "ip-address=192.0.2.10"));
                assertEquals(3, tuictl("-s", f.server.socketPath().toString(), "lease4-get",
                        "ip-address=192.0.2.10"));
            } finally {
                hooks.withdrawFrom(f.server.commands);
                hooks.close();
            }
        }
    }

    static int tuictl(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        return new TuiCtl(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(o, true,
                StandardCharsets.UTF_8), Map.of()).run(args);
    }
}
