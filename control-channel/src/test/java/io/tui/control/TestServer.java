package io.tui.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.alloc.AllocationEngine;
import io.tui.dhcp.core.alloc.AllocatorType;
import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.Client6;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.config.ConfigException;
import io.tui.dhcp.core.config.ConfigHolder;
import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.Pool;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Subnet;
import io.tui.dhcp.core.hook.Callouts;
import io.tui.dhcp.core.hook.CommandRegistry;
import io.tui.dhcp.core.hook.ServerControl;
import io.tui.dhcp.core.hook.ServerServices;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseStore;
import io.tui.dhcp.core.stats.StatsRegistry;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small but real DHCPv4 server core for the control-channel tests: a configuration file in a private directory,
 * the real loader and holder, a real statistics registry and a real allocation engine over the config's pools. Its
 * {@link ServerControl} keeps the state the commands change (disabled origins, shutdown, hook reloads) where the
 * tests can see it.
 */
final class TestServer implements ServerServices, ServerControl {
    static final String CONFIG = """
            {"Dhcp4": {
              "interfaces-config": {"interfaces": []},
              "lease-database": {"type": "memfile", "persist": false},
              "hosts-databases": [{"type": "postgresql", "name": "kea", "user": "kea", "password": "s3cret-pw",
                                   "host": "127.0.0.1"}],
              "server-tag": "office1",
              "valid-lifetime": 4000,
              "subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "pools": [{"pool": "192.0.2.10 - 192.0.2.100"}]}],
              "control-sockets": %s
            }}
            """;

    static final String CONFIG6 = """
            {"Dhcp6": {
              "interfaces-config": {"interfaces": []},
              "lease-database": {"type": "memfile", "persist": false},
              "server-id": {"type": "LLT", "persist": false},
              "server-tag": "office1",
              "valid-lifetime": 4000,
              "subnet6": [{"id": 1, "subnet": "2001:db8:1::/64",
                           "pools": [{"pool": "2001:db8:1::10 - 2001:db8:1::ff"}]}],
              "control-sockets": %s
            }}
            """;

    final Family family;
    final Path dir;
    final Path configFile;
    final ConfigLoader loader;
    final ConfigHolder holder;
    final StatsRegistry stats = StatsRegistry.system();
    final AtomicReference<AllocationEngine<Lease4, Integer, Client4>> engine = new AtomicReference<>();
    final AtomicReference<AllocationEngine<Lease6, Ip6Address, Client6>> engine6 = new AtomicReference<>();
    final Map<String, Instant> disabled = new ConcurrentHashMap<>();
    final AtomicReference<Integer> shutdownExit = new AtomicReference<>();
    final AtomicInteger hookReloads = new AtomicInteger();
    final AtomicInteger configChanges = new AtomicInteger();
    final List<String> reclaims = java.util.Collections.synchronizedList(new ArrayList<>());
    final Instant started = Instant.now();
    volatile Instant reloaded = Instant.now();
    final CommandRegistry commands = new CommandRegistry();
    final Callouts callouts = new Callouts();
    final CommandDispatcher dispatcher;

    /** A server whose config file lives in {@code dir} (mode 0700) with one UNIX socket there. */
    TestServer(Path dir) throws IOException, ConfigException {
        this(dir, null);
    }

    /**
     * A server whose config file lives in {@code dir} (mode 0700); {@code controlSockets} is the JSON of its
     * {@code control-sockets} list, {@code %s} standing for the UNIX socket path (null: one UNIX socket).
     */
    TestServer(Path dir, String controlSockets) throws IOException, ConfigException {
        this(Family.V4, dir, controlSockets);
    }

    /** A DHCPv4 or DHCPv6 server. */
    TestServer(Family family, Path dir, String controlSockets) throws IOException, ConfigException {
        this.family = family;
        this.loader = new ConfigLoader(family, m -> { });
        this.dir = dir;
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        this.configFile = dir.resolve(family == Family.V4 ? "kea-dhcp4.json" : "kea-dhcp6.json");
        String sockets = controlSockets == null ? "[{\"socket-type\": \"unix\", \"socket-name\": \"%s\"}]"
                : controlSockets;
        Files.writeString(configFile, (family == Family.V4 ? CONFIG : CONFIG6)
                .formatted(sockets.replace("%s", socketPath().toString())));
        ServerConfig initial = loader.loadFile(configFile);
        this.holder = new ConfigHolder(loader, initial);
        rebuild(initial);
        String pkt = family == Family.V4 ? "pkt4-received" : "pkt6-received";
        stats.set(pkt, 0);
        stats.add(pkt, 5);
        stats.set(family == Family.V4 ? "subnet[1].total-addresses" : "subnet[1].total-nas", 91);
        BuiltinCommands.register(commands, this, BuiltinOptions.defaults(family));
        this.dispatcher = new CommandDispatcher(commands, callouts, family == Family.V4 ? "dhcp4" : "dhcp6");
    }

    /** Starts the control channel the configuration describes. */
    ControlChannel startChannel() throws ControlChannelException {
        return ControlChannel.start(config().services().controlSockets(), dispatcher,
                ControlChannel.Options.forConfigFile(configFile));
    }

    /** What every state-changing command could touch, to compare before and after a refused command. */
    String stateSnapshot() throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(new io.tui.dhcp.core.config.ConfigRenderer().toJson(config()));
        b.append(stats.getAll().toString());
        b.append(disabled.keySet()).append(shutdownExit.get()).append(hookReloads.get()).append(configChanges.get());
        b.append(reclaims);
        try (var files = Files.walk(dir)) {
            files.sorted().forEach(f -> b.append(f).append('\n'));
        }
        return b.toString();
    }

    Path socketPath() {
        return dir.resolve(family == Family.V4 ? "tui4.sock" : "tui6.sock");
    }

    private void rebuild(ServerConfig c) {
        if (family == Family.V4) {
            engine.set(buildEngine(c));
            return;
        }
        List<io.tui.dhcp.core.alloc.Pool6> pools = new ArrayList<>();
        for (Subnet s : c.subnets()) {
            int i = 0;
            for (Pool p : s.pools()) {
                pools.add(new io.tui.dhcp.core.alloc.Pool6(i++, s.id(), Ip6Address.parse(p.range().first().toString()),
                        Ip6Address.parse(p.range().last().toString())));
            }
        }
        engine6.set(AllocationEngine.v6(LeaseStore.inMemory(), pools,
                AllocationEngine.Settings.of(AllocatorType.ITERATIVE), LeaseStatsListener.NONE));
    }

    private AllocationEngine<Lease4, Integer, Client4> buildEngine(ServerConfig c) {
        List<Pool4> pools = new ArrayList<>();
        for (Subnet s : c.subnets()) {
            int i = 0;
            for (Pool p : s.pools()) {
                pools.add(new Pool4(i++, s.id(), p.range().first().value().intValue(),
                        p.range().last().value().intValue()));
            }
        }
        return AllocationEngine.v4(LeaseStore.inMemory(), pools,
                AllocationEngine.Settings.of(AllocatorType.ITERATIVE), LeaseStatsListener.NONE);
    }

    // ---- ServerServices ----

    @Override
    public Family family() {
        return family;
    }

    @Override
    public ServerConfig config() {
        return holder.current();
    }

    @Override
    public StatsRegistry stats() {
        return stats;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public LeaseService<Lease4, Integer, Client4> leases4() {
        if (family != Family.V4) {
            throw new UnsupportedOperationException("a DHCPv6 server has no v4 leases");
        }
        return engine.get();
    }

    @Override
    public LeaseService<Lease6, Ip6Address, Client6> leases6() {
        if (family != Family.V6) {
            throw new UnsupportedOperationException("a DHCPv4 server has no v6 leases");
        }
        return engine6.get();
    }

    @Override
    public ServerControl control() {
        return this;
    }

    // ---- ServerControl ----

    @Override
    public Path configFile() {
        return configFile;
    }

    @Override
    public synchronized ConfigOutcome setConfig(JsonNode document) {
        ConfigHolder.Result r = holder.apply(document.toString(), "<wire>", dir);
        if (r.applied()) {
            rebuild(r.running());
            configChanges.incrementAndGet();
            reloaded = Instant.now();
        }
        return new ConfigOutcome(r.applied(), r.errors());
    }

    @Override
    public ConfigOutcome testConfig(JsonNode document) {
        try {
            loader.loadText(document.toString(), "<wire>", dir);
            return new ConfigOutcome(true, List.of());
        } catch (ConfigException e) {
            return new ConfigOutcome(false, e.messages());
        }
    }

    @Override
    public synchronized ConfigOutcome reloadConfig() {
        ConfigHolder.Result r = holder.reload(configFile);
        if (r.applied()) {
            rebuild(r.running());
            configChanges.incrementAndGet();
            reloaded = Instant.now();
        }
        return new ConfigOutcome(r.applied(), r.errors());
    }

    @Override
    public void disable(String origin, Duration maxPeriod) {
        disabled.put(origin, maxPeriod == null ? Instant.MAX : Instant.now().plus(maxPeriod));
    }

    @Override
    public void enable(String origin) {
        disabled.remove(origin);
    }

    @Override
    public boolean enabled() {
        Instant now = Instant.now();
        disabled.values().removeIf(until -> until.isBefore(now));
        return disabled.isEmpty();
    }

    @Override
    public void reclaimNow(boolean remove) {
        long now = Instant.now().getEpochSecond();
        LeaseService<?, ?, ?> leases = family == Family.V4 ? engine.get() : engine6.get();
        var reclaimed = leases.reclaim(now, Integer.MAX_VALUE, Duration.ofMinutes(1));
        if (remove) {
            leases.flushReclaimed(now + 1, 0, Integer.MAX_VALUE);
        }
        reclaims.add((remove ? "remove:" : "keep:") + reclaimed.size());
    }

    @Override
    public void shutdown(int exitValue) {
        shutdownExit.set(exitValue);
    }

    @Override
    public ConfigOutcome reloadHooks() {
        hookReloads.incrementAndGet();
        return new ConfigOutcome(true, List.of());
    }

    @Override
    public ObjectNode status() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        Instant now = Instant.now();
        o.put("pid", ProcessHandle.current().pid());
        o.put("uptime", Duration.between(started, now).toSeconds());
        o.put("reload", Duration.between(reloaded, now).toSeconds());
        var mt = config().services().multiThreading();
        o.put("multi-threading-enabled", mt != null && mt.enabled());
        if (mt != null && mt.enabled()) {
            o.put("thread-pool-size", mt.threadPoolSize());
            o.put("packet-queue-size", mt.packetQueueSize());
        }
        o.putObject("sockets").put("status", "ready");
        return o;
    }

    @Override
    public String serverTag() {
        return config().settings().serverTag();
    }
}
