package io.tui.dhcp4.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.config.ConfigException;
import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.hook.ServerControl;
import io.tui.dhcp.core.lease.Lease4;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * {@link ServerControl} of a {@link Dhcp4Server}: config-set/test/reload (and SIGHUP), dhcp-disable/enable with
 * {@code max-period}, leases-reclaim, shutdown (and SIGTERM/SIGINT), status-get. Thread-safe. The control channel
 * wires its commands to these methods.
 */
public final class Dhcp4ServerControl implements ServerControl {
    private static final Logger LOG = Logger.getLogger("kea-dhcp4.dhcp4");

    private final Dhcp4Server server;
    private final Map<String, Boolean> disabledBy = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> autoEnable = new ConcurrentHashMap<>();
    private final CompletableFuture<Integer> shutdown = new CompletableFuture<>();
    private ScheduledExecutorService scheduler;

    Dhcp4ServerControl(Dhcp4Server server) {
        this.server = server;
    }

    private synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("tui-dhcp4-control").factory());
        }
        return scheduler;
    }

    @Override
    public Path configFile() {
        return server.options().configFile();
    }

    private ServerConfig load(JsonNode document) throws ConfigException {
        Path base = configFile() == null ? null : configFile().toAbsolutePath().getParent();
        return new ConfigLoader(Family.V4, w -> LOG.warning("DHCP4_CONFIG_WARNING " + w))
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
            ServerConfig next = new ConfigLoader(Family.V4, w -> LOG.warning("DHCP4_CONFIG_WARNING " + w))
                    .loadFile(configFile());
            ConfigOutcome o = outcome(server.apply(next));
            LOG.info("DHCP4_DYNAMIC_RECONFIGURATION " + configFile() + (o.ok() ? " applied" : " refused: "
                    + o.errors()));
            return o;
        } catch (ConfigException e) {
            LOG.severe("DHCP4_DYNAMIC_RECONFIGURATION_FAIL " + configFile() + ": " + e.messages()
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
        LOG.info("DHCP4_DISABLED by " + key);
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
        List<Lease4> reclaimed = server.leases().reclaim(now, 0, Duration.ZERO);
        if (remove) {
            for (Lease4 l : reclaimed) {
                Lease4 current = server.leases().get(l.address());
                if (current != null && current.state() != io.tui.dhcp.core.lease.LeaseState.DEFAULT) {
                    server.leases().delete(l.address());
                }
            }
        }
    }

    @Override
    public void shutdown(int exitValue) {
        shutdown.complete(exitValue);
    }

    /** Completes with the exit value when a shutdown was asked for (command or signal). */
    public CompletableFuture<Integer> shutdownRequested() {
        return shutdown;
    }

    @Override
    public ConfigOutcome reloadHooks() {
        return new ConfigOutcome(true, List.of());
    }

    @Override
    public ObjectNode status() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        long now = server.options().clock().instant().getEpochSecond();
        o.put("pid", ProcessHandle.current().pid());
        o.put("uptime", now - server.started().getEpochSecond());
        o.put("reload", now - server.lastReload().getEpochSecond());
        Services.MultiThreading mt = server.config().services().multiThreading();
        boolean on = mt != null && mt.enabled();
        o.put("multi-threading-enabled", on);
        var w = server.workers();
        o.put("thread-pool-size", on ? (w != null ? w.getCorePoolSize() : (int) mt.threadPoolSize()) : 0);
        o.put("packet-queue-size", on ? mt.packetQueueSize() : 0);
        ObjectNode sockets = o.putObject("sockets");
        sockets.put("status", "ready");
        return o;
    }

    @Override
    public String serverTag() {
        String tag = server.config().settings().serverTag();
        return tag == null ? "" : tag;
    }

    /** Stops the control's own timer. */
    synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
