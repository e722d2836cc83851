package io.tui.dhcp.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.config.ConfigException;
import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.hook.ServerControl;
import io.tui.dhcp.core.lease.LeaseState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The family-neutral part of a server's {@link ServerControl}: config-set/test/reload (and SIGHUP) through the
 * server's {@link #apply} and an attached {@link ConfigParticipant} (hooks and control sockets), dhcp-disable/enable
 * per origin with {@code max-period}, shutdown with an exit value, status-get, server-tag-get. Subclasses add what
 * differs per family: applying a configuration, reclaiming leases, the sockets' state. Thread-safe; configuration
 * changes are serialized.
 */
public abstract class ServerControlBase implements ServerControl, AutoCloseable {
    private final Family family;
    private final Logger log;
    private final String tag;
    private final Map<String, Boolean> disabledBy = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> autoEnable = new ConcurrentHashMap<>();
    private final CompletableFuture<Integer> shutdown = new CompletableFuture<>();
    private volatile ConfigParticipant participant;
    private ScheduledExecutorService scheduler;

    /** @param log the server's logger ({@code kea-dhcp4.dhcp4}); messages carry Kea's DHCP4_/DHCP6_ prefixes */
    protected ServerControlBase(Family family, Logger log) {
        this.family = family;
        this.log = log;
        this.tag = family == Family.V6 ? "DHCP6" : "DHCP4";
    }

    // ---- what a family provides ----------------------------------------------------------------------------------

    /** The configuration in force. */
    protected abstract ServerConfig current();

    /** Makes {@code next} the running configuration; null on success, else the reason (the old one stays). */
    protected abstract String apply(ServerConfig next);

    protected abstract Clock clock();

    protected abstract Instant startedAt();

    protected abstract Instant lastReloadAt();

    /** The threads processing packets now (multi-threading on). */
    protected int threadPoolSize(Services.MultiThreading mt) {
        return (int) mt.threadPoolSize();
    }

    /** status-get's {@code sockets} map: {@code {"status": "ready"}}, or {@code failed} with {@code errors}. */
    protected ObjectNode socketStatus() {
        return JsonNodeFactory.instance.objectNode().put("status", "ready");
    }

    /**
     * leases-reclaim over {@code leases}: every expired lease reclaimed now; with {@code remove} the reclaimed ones
     * (still not in the default state) are deleted.
     */
    protected <L, K> void reclaim(LeaseService<L, K, ?> leases, long now, boolean remove, Function<L, K> key,
            Function<L, LeaseState> state) {
        List<L> reclaimed = leases.reclaim(now, 0, Duration.ZERO, ExpireCallout.<L>of(callouts(), family, remove));
        if (remove) {
            for (L l : reclaimed) {
                L current = leases.get(key.apply(l));
                if (current != null && state.apply(current) != LeaseState.DEFAULT) {
                    leases.delete(key.apply(l));
                }
            }
        }
    }

    // ---- configuration -------------------------------------------------------------------------------------------

    /** Routes configuration changes and libreload through {@code p} (hooks, control sockets); null detaches. */
    public void attach(ConfigParticipant p) {
        this.participant = p;
    }

    /**
     * The callouts of the attached participant's hooks in force now (null: no participant or no hooks). Cheap: two
     * volatile reads; the servers' packet paths call it once per packet.
     */
    public io.tui.dhcp.core.hook.Callouts callouts() {
        ConfigParticipant p = participant;
        return p == null ? null : p.callouts();
    }

    private ConfigLoader loader() {
        return new ConfigLoader(family, w -> log.warning(tag + "_CONFIG_WARNING " + w));
    }

    private ServerConfig load(JsonNode document) throws ConfigException {
        Path base = configFile() == null ? null : configFile().toAbsolutePath().getParent();
        return loader().loadText(document.toString(), "config-set", base);
    }

    @Override
    public ConfigOutcome setConfig(JsonNode document) {
        try {
            return change(load(document));
        } catch (ConfigException e) {
            return new ConfigOutcome(false, e.messages());
        }
    }

    @Override
    public ConfigOutcome testConfig(JsonNode document) {
        try {
            ServerConfig next = load(document);
            ConfigParticipant p = participant;
            List<String> problems = p == null ? List.of() : p.check(next);
            return new ConfigOutcome(problems.isEmpty(), problems);
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
            ConfigOutcome o = change(loader().loadFile(configFile()));
            log.info(tag + "_DYNAMIC_RECONFIGURATION " + configFile() + (o.ok() ? " applied" : " refused: "
                    + o.errors()));
            return o;
        } catch (ConfigException e) {
            log.severe(tag + "_DYNAMIC_RECONFIGURATION_FAIL " + configFile() + ": " + e.messages()
                    + "; the old configuration stays");
            return new ConfigOutcome(false, e.messages());
        }
    }

    /** Stages the participant, applies, then commits (or aborts): all or nothing. */
    private synchronized ConfigOutcome change(ServerConfig next) {
        ConfigParticipant p = participant;
        ConfigParticipant.Staged staged = null;
        if (p != null) {
            try {
                staged = p.stage(next);
            } catch (ConfigParticipant.Refused e) {
                return new ConfigOutcome(false, e.errors());
            }
        }
        String error;
        try {
            error = apply(next);
        } catch (RuntimeException e) {
            error = "the configuration cannot be applied: " + e;
        }
        if (error != null) {
            if (staged != null) {
                staged.abort();
            }
            return new ConfigOutcome(false, List.of(error));
        }
        if (staged != null) {
            staged.commit();
        }
        return new ConfigOutcome(true, List.of());
    }

    @Override
    public synchronized ConfigOutcome reloadHooks() {
        ConfigParticipant p = participant;
        return p == null ? new ConfigOutcome(true, List.of()) : p.reloadHooks();
    }

    // ---- service control -----------------------------------------------------------------------------------------

    private synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("tui-" + family.name().toLowerCase() + "-control").factory());
        }
        return scheduler;
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
        log.info(tag + "_DISABLED by " + key);
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
    public void shutdown(int exitValue) {
        shutdown.complete(exitValue);
    }

    /** Completes with the exit value when a shutdown was asked for (command or signal). */
    public CompletableFuture<Integer> shutdownRequested() {
        return shutdown;
    }

    @Override
    public ObjectNode status() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        long now = clock().instant().getEpochSecond();
        o.put("pid", ProcessHandle.current().pid());
        o.put("uptime", now - startedAt().getEpochSecond());
        o.put("reload", now - lastReloadAt().getEpochSecond());
        Services.MultiThreading mt = current().services().multiThreading();
        boolean on = mt != null && mt.enabled();
        o.put("multi-threading-enabled", on);
        o.put("thread-pool-size", on ? threadPoolSize(mt) : 0);
        o.put("packet-queue-size", on ? mt.packetQueueSize() : 0);
        o.set("sockets", socketStatus());
        return o;
    }

    @Override
    public String serverTag() {
        String t = current().settings().serverTag();
        return t == null ? "" : t;
    }

    /** The errors list of a failed sockets status. */
    protected static ObjectNode failedSockets(List<String> errors) {
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("status", "failed");
        var a = s.putArray("errors");
        new ArrayList<>(errors).forEach(a::add);
        return s;
    }

    /** Stops the control's own timer. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
