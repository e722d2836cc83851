package io.tui.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tui.control.BuiltinOptions;
import io.tui.control.ControlChannel;
import io.tui.dhcp.core.alloc.AllocationEngine;
import io.tui.dhcp.core.alloc.AllocatorType;
import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.Client6;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.Pool;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Subnet;
import io.tui.dhcp.core.hook.CommandResponse;
import io.tui.dhcp.core.hook.Hook;
import io.tui.dhcp.core.hook.HookContext;
import io.tui.dhcp.core.hook.HookException;
import io.tui.dhcp.core.hook.ServerControl;
import io.tui.dhcp.core.hook.ServerServices;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseStore;
import io.tui.dhcp.core.server.ServerControlBase;
import io.tui.dhcp.core.stats.StatsRegistry;
import io.tui.dhcp.core.testing.ControlClient;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.hooks.leasecmds.LeaseCmdsHook;
import io.tui.hooks.loader.HookLoader;
import io.tui.hooks.loader.LoadedHooks;
import io.tui.hooks.statcmds.StatCmdsHook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Management} on a small real server core (the real config loader, {@link ServerControlBase}, an allocation
 * engine, the real lease_cmds and stat_cmds hooks, a real UNIX control socket): every configuration change and
 * libreload goes through it, and a hook that cannot load refuses the change and leaves the old hooks serving.
 */
class ManagementTest {
    @TempDir
    Path dir;
    private final List<Management> started = new ArrayList<>();
    private MiniServer server;
    private ControlClient ctl;
    /** Loads of the probe hook, and its instances' unloads. */
    private final AtomicInteger probeLoads = new AtomicInteger();
    private final AtomicInteger probeUnloads = new AtomicInteger();

    /** A hook whose command answers its load number; {@code "fail": true} in its parameters makes the load fail. */
    private final class ProbeHook implements Hook {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public Set<String> libraryNames() {
            return Set.of("libdhcp_probe.so");
        }

        @Override
        public void load(HookContext c) throws HookException {
            if (c.parameters().path("fail").asBoolean()) {
                throw new HookException("the probe was told to fail");
            }
            int n = probeLoads.incrementAndGet();
            c.commands().register("probe-get", r -> CommandResponse.ok("load " + n));
        }

        @Override
        public void unload() {
            probeUnloads.incrementAndGet();
        }
    }

    /** A hook that claims a built-in command's name. */
    private static final class RogueHook implements Hook {
        @Override
        public String name() {
            return "rogue";
        }

        @Override
        public Set<String> libraryNames() {
            return Set.of("libdhcp_rogue.so");
        }

        @Override
        public void load(HookContext c) {
            c.commands().register("config-get", r -> CommandResponse.ok("not the real one"));
        }
    }

    private HookLoader loader() {
        List<Supplier<Hook>> hooks = List.of(LeaseCmdsHook::new, StatCmdsHook::new, ProbeHook::new, RogueHook::new);
        return new HookLoader(hooks);
    }

    private String config(String socket, String hooks, String tag) {
        return """
            {"Dhcp4": {
              "interfaces-config": {"interfaces": []},
              "lease-database": {"type": "memfile", "persist": false},
              "server-tag": "%s",
              "hooks-libraries": [%s],
              "control-socket": {"socket-type": "unix", "socket-name": "%s"},
              "subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "pools": [{"pool": "192.0.2.10 - 192.0.2.100"}]}]
            }}""".formatted(tag, hooks, dir.resolve(socket));
    }

    private static final String HOOKS = "{\"library\": \"/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so\"},"
            + " {\"library\": \"libdhcp_stat_cmds.so\"}, {\"library\": \"libdhcp_probe.so\"}";

    @BeforeEach
    void start() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path file = dir.resolve("kea-dhcp4.conf");
        Files.writeString(file, config("ctl.sock", HOOKS, "one"));
        server = new MiniServer(file);
        started.add(start(server));
        ctl = new ControlClient(dir.resolve("ctl.sock"));
    }

    private Management start(MiniServer s) throws ManagementException {
        Management m = Management.start(s, new Management.Options(BuiltinOptions.defaults(Family.V4), loader(),
                ControlChannel.Options.forConfigFile(s.configFile())));
        s.attach(m);
        return m;
    }

    @AfterEach
    void stop() {
        started.forEach(Management::close);
        server.close();
    }

    private static void ok(JsonNode r) {
        assertEquals(0, r.get("result").asInt(), r.toString());
    }

    private JsonNode set(String socket, String hooks, String tag) throws Exception {
        JsonNode doc = ControlClient.parse(config(socket, hooks, tag));
        return ctl.call("config-set", doc.toString());
    }

    @Test
    void builtinsAndHookCommandsAnswerInOneRegistry() throws Exception {
        JsonNode list = ctl.call("list-commands", null);
        ok(list);
        String names = list.get("arguments").toString();
        for (String c : List.of("config-set", "libreload", "lease4-add", "stat-lease4-get", "probe-get")) {
            assertTrue(names.contains("\"" + c + "\""), c + " in " + names);
        }
        ok(ctl.call("lease4-add", "{\"ip-address\": \"192.0.2.20\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\"}"));
        ok(ctl.call("lease4-get", "{\"ip-address\": \"192.0.2.20\"}"));
        assertEquals("one", ctl.call("server-tag-get", null).at("/arguments/server-tag").asText());
    }

    @Test
    void aHookThatFailsRefusesConfigSetAndTheOldHooksStay() throws Exception {
        LoadedHooks before = started.getFirst().hooks();
        JsonNode r = set("ctl.sock", HOOKS.replace("\"libdhcp_probe.so\"}",
                "\"libdhcp_probe.so\", \"parameters\": {\"fail\": true}}"), "two");
        assertEquals(1, r.get("result").asInt(), r.toString());
        assertTrue(r.get("text").asText().contains("the probe was told to fail"), r.toString());
        assertSame(before, started.getFirst().hooks());
        assertFalse(before.isUnloaded());
        assertEquals("one", server.config().settings().serverTag(), "the old configuration stays");
        assertEquals("load 1", ctl.call("probe-get", null).get("text").asText());
        JsonNode unknown = set("ctl.sock", HOOKS + ", {\"library\": \"libdhcp_ha.so\"}", "two");
        assertEquals(1, unknown.get("result").asInt());
        assertTrue(unknown.get("text").asText().contains("libdhcp_ha.so is not available"), unknown.toString());
        JsonNode test = ctl.call("config-test", ControlClient.parse(config("ctl.sock",
                HOOKS + ", {\"library\": \"libdhcp_ha.so\"}", "two")).toString());
        assertEquals(1, test.get("result").asInt(), test.toString());
        JsonNode rogue = set("ctl.sock", HOOKS + ", {\"library\": \"libdhcp_rogue.so\"}", "two");
        assertEquals(1, rogue.get("result").asInt(), rogue.toString());
        assertTrue(ctl.call("config-get", null).get("arguments").has("Dhcp4"), "the real config-get");
    }

    @Test
    void whenTheServerRefusesTheStagedHooksAreDropped() throws Exception {
        LoadedHooks before = started.getFirst().hooks();
        JsonNode r = set("ctl.sock", "{\"library\": \"libdhcp_probe.so\"}", "refuse");
        assertEquals(1, r.get("result").asInt(), r.toString());
        assertEquals(2, probeLoads.get(), "the new hooks were loaded");
        assertEquals(1, probeUnloads.get(), "and unloaded again when the server refused");
        assertSame(before, started.getFirst().hooks());
        assertEquals(3, ctl.call("lease4-get-all", null).get("result").asInt(), "lease_cmds still answers: empty");
    }

    @Test
    void configSetSwitchesHooksAndSockets() throws Exception {
        LoadedHooks before = started.getFirst().hooks();
        JsonNode r = set("ctl2.sock", "{\"library\": \"libdhcp_probe.so\"}", "two");
        ok(r);
        assertTrue(before.isUnloaded());
        assertFalse(Files.exists(dir.resolve("ctl.sock")), "the old socket is closed");
        ControlClient two = new ControlClient(dir.resolve("ctl2.sock"));
        assertEquals(2, two.call("lease4-get-all", null).get("result").asInt(), "lease_cmds is gone");
        assertEquals("load 2", two.call("probe-get", null).get("text").asText());
        // the same libraries and parameters: the loaded hooks stay
        LoadedHooks now = started.getFirst().hooks();
        ok(two.call("config-set", ControlClient.parse(config("ctl2.sock", "{\"library\": \"libdhcp_probe.so\"}",
                "three")).toString()));
        assertSame(now, started.getFirst().hooks());
        assertEquals("three", server.config().settings().serverTag());
        // config-reload: the file's configuration again (all three hooks, the first socket)
        ok(two.call("config-reload", null));
        assertEquals(3, ctl.call("lease4-get-all", null).get("result").asInt(), "lease_cmds is back: empty");
    }

    @Test
    void libreloadLoadsTheHooksAnew() throws Exception {
        LoadedHooks before = started.getFirst().hooks();
        ok(ctl.call("libreload", null));
        assertNotSame(before, started.getFirst().hooks());
        assertTrue(before.isUnloaded());
        assertEquals("load 2", ctl.call("probe-get", null).get("text").asText());
    }

    @Test
    void aStartWithAHookThatCannotLoadFailsAndLeavesNothingOpen() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("bad"));
        Path file = sub.resolve("kea-dhcp4.conf");
        Files.writeString(file, config("bad/ctl.sock", "{\"library\": \"libdhcp_ha.so\"}", "bad"));
        MiniServer bad = new MiniServer(file);
        try {
            ManagementException e = assertThrows(ManagementException.class, () -> start(bad));
            assertTrue(e.getMessage().contains("libdhcp_ha.so is not available in Tui"), e.getMessage());
            assertFalse(Files.exists(sub.resolve("ctl.sock")));
        } finally {
            bad.close();
        }
    }

    /** A server core: the configuration, an allocation engine over its pools, statistics; no DHCP sockets. */
    static final class MiniServer extends ServerControlBase implements ServerServices {
        private final Path file;
        private final StatsRegistry stats = StatsRegistry.system();
        private final Instant startedAt = Instant.now();
        private volatile ServerConfig config;
        private volatile LeaseService<Lease4, Integer, Client4> leases;
        private volatile Instant reloaded = startedAt;

        MiniServer(Path file) throws Exception {
            super(Family.V4, java.util.logging.Logger.getLogger("kea-dhcp4.dhcp4"));
            this.file = file;
            this.config = new ConfigLoader(Family.V4, w -> { }).loadFile(file);
            this.leases = engine(config);
        }

        private static LeaseService<Lease4, Integer, Client4> engine(ServerConfig c) {
            List<Pool4> pools = new ArrayList<>();
            for (Subnet s : c.subnets()) {
                int i = 0;
                for (Pool p : s.pools()) {
                    pools.add(new Pool4(i++, s.id(), p.range().first().value().intValue(),
                            p.range().last().value().intValue()));
                }
            }
            return AllocationEngine.v4(LeaseStore.inMemory(), pools, AllocationEngine.Settings.of(
                    AllocatorType.ITERATIVE), LeaseStatsListener.NONE);
        }

        @Override
        public Path configFile() {
            return file;
        }

        @Override
        protected ServerConfig current() {
            return config;
        }

        @Override
        protected String apply(ServerConfig next) {
            if ("refuse".equals(next.settings().serverTag())) {
                return "this server refuses the tag 'refuse'";
            }
            config = next;
            reloaded = Instant.now();
            return null;
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        protected Instant startedAt() {
            return startedAt;
        }

        @Override
        protected Instant lastReloadAt() {
            return reloaded;
        }

        @Override
        public void reclaimNow(boolean remove) {
            reclaim(leases, Instant.now().getEpochSecond(), remove, Lease4::address, Lease4::state);
        }

        @Override
        public Family family() {
            return Family.V4;
        }

        @Override
        public ServerConfig config() {
            return config;
        }

        @Override
        public StatsRegistry stats() {
            return stats;
        }

        @Override
        public LeaseService<Lease4, Integer, Client4> leases4() {
            return leases;
        }

        @Override
        public LeaseService<Lease6, Ip6Address, Client6> leases6() {
            throw new UnsupportedOperationException("v4");
        }

        @Override
        public ServerControl control() {
            return this;
        }
    }
}
