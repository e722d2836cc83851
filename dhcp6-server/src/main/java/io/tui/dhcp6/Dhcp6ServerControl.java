package io.tui.dhcp6;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.config.ConfigException;
import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.hook.ServerControl;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * {@link ServerControl} of a {@link Dhcp6Server}: config-set/test/reload (and SIGHUP), dhcp-disable/enable with
 * {@code max-period}, leases-reclaim, shutdown (and SIGTERM/SIGINT), status-get. Thread-safe.
 */
public final class Dhcp6ServerControl implements ServerControl, AutoCloseable {
    private static final Logger LOG = Logger.getLogger("kea-dhcp6.dhcp6");

    private final Dhcp6Server server;
    private final Map<String, Boolean> disabledBy = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> autoEnable = new ConcurrentHashMap<>();
    private final CompletableFuture<Integer> shutdown = new CompletableFuture<>();
    private ScheduledExecutorService scheduler;

    Dhcp6ServerControl(Dhcp6Server server) {
        this.server = server;
    }

    private synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("tui-dhcp6-control").factory());
        }
        return scheduler;
    }

    @Override
    public Path configFile() {
        return server.options().configFile();
    }

    private ServerConfig load(JsonNode document) throws ConfigException {
        Path base = configFile() == null ? null : configFile().toAbsolutePath().getParent();
        return new ConfigLoader(Family.V6, w -> LOG.warning("DHCP6_CONFIG_WARNING " + w))
                .loadText(document.toString(), "config-set", base);
    }

    @Override
    public ConfigOutcome setConfig(JsonNode document) {
        try {
            return outcome(server.apply(load(document)));
        } catch (ConfigException e) {
            return new ConfigOutcome(false, e.messages());
        }
    }

    @Override
    public ConfigOutcome testConfig(JsonNode document) {
        try {
            load(document);
            return new ConfigOutcome(true, List.of());
        } catch (ConfigException e) {
            return new ConfigOutcome(false, e.messages());
        }
    }

    @Override
    public ConfigOutcome reloadConfig() {
        if (configFile() == null) {
            return new ConfigOutcome(false, List.of("the server was started without a configuration file"));
        }
        try {
            ServerConfig next = new ConfigLoader(Family.V6, w -> LOG.warning("DHCP6_CONFIG_WARNING " + w))
                    .loadFile(configFile());
            ConfigOutcome o = outcome(server.apply(next));
            LOG.info("DHCP6_DYNAMIC_RECONFIGURATION " + configFile() + (o.ok() ? " applied" : " refused: "
                    + o.errors()));
            return o;
        } catch (ConfigException e) {
            LOG.severe("DHCP6_DYNAMIC_RECONFIGURATION_FAIL " + configFile() + ": " + e.messages()
                    + "; the old configuration stays");
            return new ConfigOutcome(false, e.messages());
        }
    }

    private static ConfigOutcome outcome(String error) {
        return error == null ? new ConfigOutcome(true, List.of()) : new ConfigOutcome(false, List.of(error));
    }

    @Override
    public void disable(String origin, Duration maxPeriod) {
        String key = origin == null ? "user" : origin;
        disabledBy.put(key, true);
        ScheduledFuture<?> old = autoEnable.remove(key);
        if (old != null) {
            old.cancel(false);
        }
        if (maxPeriod != null && !maxPeriod.isZero() && !maxPeriod.isNegative()) {
            autoEnable.put(key, scheduler().schedule(() -> enable(key), maxPeriod.toMillis(), TimeUnit.MILLISECONDS));
        }
        LOG.info("DHCP6_DISABLED by " + key);
    }

    @Override
    public void enable(String origin) {
        String key = origin == null ? "user" : origin;
        disabledBy.remove(key);
        ScheduledFuture<?> f = autoEnable.remove(key);
        if (f != null) {
            f.cancel(false);
        }
    }

    @Override
    public boolean enabled() {
        return disabledBy.isEmpty();
    }

    @Override
    public void reclaimNow(boolean remove) {
        long now = server.options().clock().instant().getEpochSecond();
        List<Lease6> reclaimed = server.leases().reclaim(now, 0, Duration.ZERO);
        if (remove) {
            for (Lease6 l : reclaimed) {
                Lease6 current = server.leases().get(l.address());
                if (current != null && current.state() != LeaseState.DEFAULT) {
                    server.leases().delete(l.address());
                }
            }
        }
    }

    @Override
    public void shutdown(int exitValue) {
        shutdown.complete(exitValue);
    }

    /** Completes with the exit value when shutdown is requested (command or signal). */
    public CompletableFuture<Integer> shutdownRequested() {
        return shutdown;
    }

    @Override
    public ConfigOutcome reloadHooks() {
        return outcome(server.reloadHooks());
    }

    @Override
    public ObjectNode status() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        long now = server.options().clock().instant().getEpochSecond();
        o.put("pid", ProcessHandle.current().pid());
        o.put("uptime", now - server.startedAt().getEpochSecond());
        o.put("reload", now - server.lastReload().getEpochSecond());
        var mt = server.config().services().multiThreading();
        o.put("multi-threading-enabled", mt != null && mt.enabled());
        o.put("thread-pool-size", mt == null ? 0 : mt.threadPoolSize());
        o.put("packet-queue-size", mt == null ? 0 : mt.packetQueueSize());
        o.putObject("sockets").put("status", server.sockets() != null || !server.options().openSockets()
                ? "ready" : "failed");
        return o;
    }

    @Override
    public String serverTag() {
        return server.config().settings().serverTag();
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
