package io.tui.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.hook.schema.CommandSchemas;
import io.tui.dhcp.core.alloc.AllocationEngine;
import io.tui.dhcp.core.alloc.AllocatorType;
import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.Client6;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.PdPool;
import io.tui.dhcp.core.alloc.Pool;
import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.alloc.Pool6;
import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Subnet;
import io.tui.dhcp.core.hook.CommandHandler;
import io.tui.dhcp.core.hook.CommandRequest;
import io.tui.dhcp.core.hook.CommandResponse;
import io.tui.dhcp.core.hook.ServerControl;
import io.tui.dhcp.core.hook.ServerServices;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseStore;
import io.tui.dhcp.core.stats.SampleClock;
import io.tui.dhcp.core.stats.StatNames;
import io.tui.dhcp.core.stats.StatsRegistry;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.hooks.loader.HookLoader;
import io.tui.hooks.loader.LoadedHooks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A server's services for hook tests: a configuration loaded by the real loader, a real {@link AllocationEngine}
 * over a real lease store, a real statistics registry, and the hooks of the configuration's hooks-libraries loaded
 * by the real {@link HookLoader} from the classpath. {@link #call} runs a command as the control channel would and
 * checks the answer against Kea's documented response shape ({@link KeaShapes}) and against the control channel's
 * checked-in JSON Schema of the command's response.
 */
public final class TestServer implements ServerServices, AutoCloseable {
    /** The fixed "now" of the tests: 2023-11-14 22:13:20 UTC. */
    public static final long NOW = 1_700_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The control channel's checked-in JSON Schemas of every command's response. */
    private static final CommandSchemas SCHEMAS = new CommandSchemas();

    private final Family family;
    private final ServerConfig config;
    private final StatsRegistry stats;
    private final Clock clock;
    private final AllocationEngine<Lease4, Integer, Client4> engine4;
    private final AllocationEngine<Lease6, Ip6Address, Client6> engine6;
    private final Path configFile;
    private final LoadedHooks hooks;

    private TestServer(Family family, String configText, LeaseStore<Lease4> store4, LeaseStore<Lease6> store6,
            Path configFile) throws Exception {
        this.family = family;
        this.config = new ConfigLoader(family, w -> { }).loadText(configText, "test", null);
        this.clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
        this.stats = new StatsRegistry(new SampleClock(clock, ZoneOffset.UTC));
        this.configFile = configFile;
        LeaseStatsListener listener = new StatsListener(stats, family.v6());
        AllocationEngine.Settings settings = AllocationEngine.Settings.of(AllocatorType.ITERATIVE);
        if (family.v6()) {
            List<Pool<Ip6Address>> pools = new ArrayList<>();
            for (Subnet s : config.subnets()) {
                long id = 0;
                for (io.tui.dhcp.core.config.model.Pool p : s.pools()) {
                    pools.add(new Pool6(id++, s.id(), Ip6Address.of(p.range().first().toBytes()),
                            Ip6Address.of(p.range().last().toBytes())));
                }
                for (io.tui.dhcp.core.config.model.PdPool p : s.pdPools()) {
                    pools.add(new PdPool(id++, s.id(), Ip6Address.of(p.prefix().first().toBytes()),
                            p.prefix().length(), p.delegatedLength()));
                }
            }
            engine4 = null;
            engine6 = AllocationEngine.v6(store6, pools, settings, listener);
        } else {
            List<Pool4> pools = new ArrayList<>();
            for (Subnet s : config.subnets()) {
                long id = 0;
                for (io.tui.dhcp.core.config.model.Pool p : s.pools()) {
                    pools.add(new Pool4(id++, s.id(), p.range().first().value().intValue(),
                            p.range().last().value().intValue()));
                }
            }
            engine4 = AllocationEngine.v4(store4, pools, settings, listener);
            engine6 = null;
        }
        this.hooks = new HookLoader(TestServer.class.getClassLoader()).load(config.services().hooks(), this);
    }

    /** A DHCPv4 server of {@code configText} ({@code {"Dhcp4": ...}}) over {@code store}. */
    public static TestServer v4(String configText, LeaseStore<Lease4> store, Path configFile) throws Exception {
        return new TestServer(Family.V4, configText, store, null, configFile);
    }

    public static TestServer v4(String configText) throws Exception {
        return v4(configText, LeaseStore.inMemory(), null);
    }

    public static TestServer v6(String configText, LeaseStore<Lease6> store, Path configFile) throws Exception {
        return new TestServer(Family.V6, configText, null, store, configFile);
    }

    public static TestServer v6(String configText) throws Exception {
        return v6(configText, LeaseStore.inMemory(), null);
    }

    public LoadedHooks hooks() {
        return hooks;
    }

    /**
     * Runs {@code command} with {@code arguments} (JSON text, or null for none) through the loaded hooks and
     * returns the answer as Kea renders it, after checking it against Kea's documented shape.
     */
    public ObjectNode call(String command, String arguments) {
        try {
            JsonNode args = arguments == null ? null : JSON.readTree(arguments);
            CommandHandler h = hooks.find(command).orElseThrow(() -> new AssertionError(command
                    + " is not registered"));
            CommandResponse r = h.handle(new CommandRequest(command, args, "test"));
            ObjectNode out = render(r);
            KeaShapes.check(command, out);
            List<String> violations = SCHEMAS.validateResponse(command, JSON.readTree(out.toString()));
            if (!violations.isEmpty()) {
                throw new AssertionError(command + " answer " + out + " violates its JSON Schema: " + violations);
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Kea's rendering of an answer: {@code arguments} (when given), {@code result}, {@code text} (when given). */
    public static ObjectNode render(CommandResponse r) {
        ObjectNode out = JSON.createObjectNode();
        if (r.arguments() != null) {
            out.set("arguments", r.arguments());
        }
        out.put("result", r.result());
        if (r.text() != null) {
            out.put("text", r.text());
        }
        return out;
    }

    /** The value of a statistic (0 when absent). */
    public long stat(String name) {
        JsonNode s = stats.get(name).get(name);
        return s == null ? 0 : s.get(0).get(0).asLong();
    }

    @Override
    public Family family() {
        return family;
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
    public Clock clock() {
        return clock;
    }

    @Override
    public LeaseService<Lease4, Integer, Client4> leases4() {
        if (engine4 == null) {
            throw new UnsupportedOperationException("a DHCPv6 server has no DHCPv4 leases");
        }
        return engine4;
    }

    @Override
    public LeaseService<Lease6, Ip6Address, Client6> leases6() {
        if (engine6 == null) {
            throw new UnsupportedOperationException("a DHCPv4 server has no DHCPv6 leases");
        }
        return engine6;
    }

    @Override
    public ServerControl control() {
        return new ServerControl() {
            @Override
            public Path configFile() {
                return configFile;
            }

            @Override
            public ConfigOutcome setConfig(JsonNode document) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ConfigOutcome testConfig(JsonNode document) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ConfigOutcome reloadConfig() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void disable(String origin, Duration maxPeriod) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void enable(String origin) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public void reclaimNow(boolean remove) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void shutdown(int exitValue) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ConfigOutcome reloadHooks() {
                throw new UnsupportedOperationException();
            }

            @Override
            public ObjectNode status() {
                throw new UnsupportedOperationException();
            }

            @Override
            public String serverTag() {
                return "";
            }
        };
    }

    @Override
    public void close() {
        hooks.unload();
        if (engine4 != null) {
            engine4.close();
        }
        if (engine6 != null) {
            engine6.close();
        }
    }

    /** Kea's per-subnet lease statistics from the engine's listener calls. */
    static final class StatsListener implements LeaseStatsListener {
        private final StatsRegistry stats;
        private final boolean v6;

        StatsListener(StatsRegistry stats, boolean v6) {
            this.stats = stats;
            this.v6 = v6;
        }

        @Override
        public void assigned(long subnetId, long poolId, long delta) {
            stats.add(StatNames.subnet(subnetId, v6 ? StatNames.ASSIGNED_NAS : StatNames.ASSIGNED_ADDRESSES), delta);
        }

        @Override
        public void declined(long subnetId, long poolId, long delta) {
            stats.add(StatNames.subnet(subnetId, StatNames.DECLINED_ADDRESSES), delta);
        }

        @Override
        public void cumulativeAssigned(long subnetId, long poolId) {
            stats.add(StatNames.subnet(subnetId, v6 ? "cumulative-assigned-nas"
                    : StatNames.CUMULATIVE_ASSIGNED_ADDRESSES), 1);
        }
    }
}
