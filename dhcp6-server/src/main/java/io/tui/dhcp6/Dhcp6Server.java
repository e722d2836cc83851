package io.tui.dhcp6;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.tui.dhcp.core.alloc.AllocationEngine;
import io.tui.dhcp.core.alloc.AllocatorType;
import io.tui.dhcp.core.alloc.Client6;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.alloc.Probe;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.net.ReadBatches;
import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.server.ExpiryScheduler;
import io.tui.dhcp.core.server.InstanceLock;
import io.tui.dhcp.core.server.LeaseSanity;
import io.tui.dhcp.core.stats.StatsRegistry;
import io.tui.dhcp.core.wire.ParseException;
import io.tui.dhcp.core.wire.v6.Dhcp6Codec;
import io.tui.dhcp.core.wire.v6.Dhcp6Message;
import io.tui.dhcp.core.wire.v6.Dhcp6RelayMessage;
import io.tui.dhcp.core.wire.v6.Duid;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.lease.LeaseBackend;
import io.tui.dhcp6.net.Dhcp6Sockets;
import io.tui.dhcp6.proc.Dhcp6Processor;
import io.tui.dhcp6.proc.Dhcp6Runtime;
import io.tui.dhcp6.proc.Dhcp6Stats;
import io.tui.dhcp6.proc.Received;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Logger;

/**
 * A running DHCPv6 server: PID file and lease-file lock, lease store (memfile or {@code persist: false}), allocation
 * engine, the message pipeline, expiry timers and the sockets, built from one configuration. {@link #apply} swaps in a
 * new configuration (config-set, config-reload, SIGHUP), rebuilding the engine over the same leases when the pools
 * change. {@link #close()} stops the sockets first, then the timers, then flushes and closes the lease store.
 */
public final class Dhcp6Server implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("kea-dhcp6.dhcp6");
    /** Kea logs the lease checks from its dhcpsrv library. */
    private static final Logger SANITY_LOG = Logger.getLogger("kea-dhcp6.dhcpsrv");
    /** Kea's compiled-in data directory, used when the configuration names none. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("/var/lib/kea");
    /** The relay source port option (RFC 8357). */
    private static final int RELAY_SOURCE_PORT = 135;

    /**
     * How to run.
     *
     * @param serverPort   the port to listen on ({@code -p}; 0: 547)
     * @param clientPort   the port direct clients get replies on ({@code -P}; 0: 546)
     * @param configFile   the {@code -c} file (PID file name, config-reload), or null
     * @param pidDirectory where the PID file goes, or null for none (tests)
     * @param openSockets  false for in-process tests that drive {@link #handle}
     * @param allServers   also listen on ff05::1:3 (All_DHCP_Servers), where dhcrelay sends by default
     */
    public record Options(int serverPort, int clientPort, Path configFile, Path pidDirectory, boolean openSockets,
            boolean allServers, Clock clock) {
        public int port() {
            return serverPort == 0 ? 547 : serverPort;
        }

        public int replyPort() {
            return clientPort == 0 ? 546 : clientPort;
        }
    }

    /** What the pipeline reads: the runtime and the lease service, swapped together. */
    private record State(Dhcp6Runtime runtime, LeaseService<Lease6, Ip6Address, Client6> leases) {}

    private final Options options;
    private final StatsRegistry registry;
    private final Dhcp6Stats stats;
    private final LeaseBackend<Lease6, Ip6Address, Client6> backend;
    private final InstanceLock pidFile;
    private final Duid serverId;
    private final ReentrantReadWriteLock reloadLock = new ReentrantReadWriteLock();
    private final ScheduledExecutorService timers;
    private final ExpiryScheduler expiry;
    private final Dhcp6Processor processor;
    private final Dhcp6Codec codec = new Dhcp6Codec();
    private final Dhcp6ServerControl control;
    private final Instant started;
    private volatile State state;
    private volatile ServerConfig config;
    private volatile Instant lastReload;
    private volatile Dhcp6Sockets sockets;
    /** Serializes reconfigurations (control channel, SIGHUP). */
    private final Object reconfiguring = new Object();
    /** The system's interfaces as the last detection saw them (start, or a reload with {@code re-detect}). */
    private volatile java.util.Map<String, java.net.NetworkInterface> detected;
    /** Kea's {@code multi-threading} packet workers, or null (packets processed on the socket threads). */
    private java.util.concurrent.ThreadPoolExecutor workers;

    private Dhcp6Server(ServerConfig config, Options options, StatsRegistry registry,
            LeaseBackend<Lease6, Ip6Address, Client6> backend, InstanceLock pidFile, Duid serverId) {
        this.options = options;
        this.registry = registry;
        this.stats = new Dhcp6Stats(registry);
        this.backend = backend;
        this.pidFile = pidFile;
        this.serverId = serverId;
        this.config = config;
        this.started = options.clock().instant();
        this.lastReload = started;
        Dhcp6Runtime rt = new Dhcp6Runtime(config, serverId,
                backend.hosts(config, new io.tui.dhcp.core.host.ConfigHostSource(config)));
        stats.configure(rt);
        this.state = new State(rt, backend.start(rt.enginePools(), engineSettings(config), stats,
                LeaseSanity.of(config, rt.leaseSanity(), SANITY_LOG)));
        this.processor = new Dhcp6Processor(() -> state.runtime(), () -> state.leases(), stats, options.clock());
        this.timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("tui-dhcp6-timers").factory());
        this.expiry = new ExpiryScheduler(timers, options.clock(), ExpiryScheduler.of(this::reclaimer), LOG);
        expiry.start(config.services().expiredLeasesProcessing());
        this.control = new Dhcp6ServerControl(this);
        backend.attach(control);
        processor.callouts(control::callouts); // the attached management's hooks, as (re)loaded
    }

    private static AllocationEngine.Settings engineSettings(ServerConfig config) {
        Object name = config.extras().get("allocator");
        AllocatorType type = name instanceof String s && AllocatorType.fromKea(s) != null
                ? AllocatorType.fromKea(s) : AllocatorType.ITERATIVE;
        return new AllocationEngine.Settings(type, 60, System.nanoTime(), Probe.NONE);
    }

    private ExpiryScheduler.Reclaimer reclaimer() {
        LeaseService<Lease6, Ip6Address, Client6> leases = state.leases();
        return new ExpiryScheduler.Reclaimer() {
            @Override
            public int reclaim(long now, int max, Duration maxTime) {
                return leases.reclaim(now, max, maxTime, io.tui.dhcp.core.server.ExpireCallout.<Lease6>of(
                        control == null ? null : control.callouts(), io.tui.dhcp.core.config.model.Family.V6,
                        false)).size();
            }

            @Override
            public int flush(long now, long hold, int max) {
                return leases.flushReclaimed(now, hold, max).size();
            }
        };
    }

    /**
     * Starts a server on a checked configuration: takes the PID file and the lease-file lock, makes or loads the
     * server DUID, opens and loads the lease store, starts the timers and (with {@link Options#openSockets}) the
     * sockets.
     *
     * @throws IOException when another instance holds the PID file or the lease file, the lease file cannot be
     *     loaded, or a socket cannot be opened
     */
    public static Dhcp6Server start(ServerConfig config, Options options, StatsRegistry registry)
            throws IOException {
        InstanceLock pid = null;
        LeaseBackend<Lease6, Ip6Address, Client6> backend = null;
        Dhcp6Server server = null;
        try {
            if (options.pidDirectory() != null) {
                pid = InstanceLock.acquire(InstanceLock.keaPidFile(options.pidDirectory(), options.configFile(),
                        "kea-dhcp6"));
            }
            Path dataDir = dataDirectory(config);
            Duid serverId = ServerDuid.loadOrCreate(config.services().serverId(),
                    dataDir.resolve(ServerDuid.FILE_NAME), options.clock(), ServerDuid::firstInterfaceAddress);
            backend = LeaseBackend.open6(config, dataDir.resolve("kea-leases6.csv"));
            server = new Dhcp6Server(config, options, registry, backend, pid, serverId);
            if (options.openSockets()) {
                server.openSockets();
            }
            LOG.info("DHCP6_STARTED Tui DHCPv6 server started, server id " + ServerDuid.text(serverId));
            return server;
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            } else {
                closeQuietly(backend);
                closeQuietly(pid);
            }
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // already failing: the first error is the one reported
            }
        }
    }

    private void openSockets() throws IOException {
        Services.MultiThreading mt = config.services().multiThreading();
        // Packets go to worker threads only when the lease store blocks (a database). With memfile nothing on the
        // packet path blocks, so packets are processed on the socket threads even with multi-threading on: handing
        // each packet to a worker costs more than processing it (see BENCHMARKS.md, tui against tui-st).
        // A worker waits on the database far longer than it uses a CPU, so there is one per pooled connection (the
        // pool has four per thread-pool-size thread, see SqlSettings): several commits in flight share one flush on
        // the database server.
        if (backend.blocking()) {
            boolean mtOn = mt != null && mt.enabled();
            int threads = mtOn && mt.threadPoolSize() > 0 ? (int) Math.min(mt.threadPoolSize(), 256) : 2;
            int n = Math.max(threads, backend.workerThreads());
            int queue = mtOn && mt.packetQueueSize() > 0 ? (int) Math.min(mt.packetQueueSize(), 1 << 20) : 64 * n;
            workers = new java.util.concurrent.ThreadPoolExecutor(n, n, 0, java.util.concurrent.TimeUnit.SECONDS,
                    new java.util.concurrent.ArrayBlockingQueue<>(queue),
                    Thread.ofPlatform().daemon().name("tui-dhcp6-worker-", 0).factory(),
                    new java.util.concurrent.ThreadPoolExecutor.AbortPolicy());
        }
        java.util.Map<String, java.net.NetworkInterface> seen = Dhcp6Sockets.detect();
        sockets = Dhcp6Sockets.open(Dhcp6Sockets.resolve(config.services().interfaces().interfaces(), seen),
                options.port(), Math.max(1, Runtime.getRuntime().availableProcessors()), options.allServers(),
                this::datagram, new ReadBatches(workers == null ? backend.store() : null));
        detected = seen;
        LOG.info("DHCP6_OPEN_SOCKET listening on " + sockets.boundAddresses());
    }

    /** The data directory: {@code data-directory} from the configuration, else Kea's default. */
    public static Path dataDirectory(ServerConfig config) {
        String d = config.settings().dataDirectory();
        return d != null && !d.isEmpty() ? Path.of(d) : DEFAULT_DATA_DIRECTORY;
    }

    /**
     * Makes {@code next} the running configuration; the old one stays when the new one cannot be applied. The
     * server DUID and lease file stay as they were started.
     *
     * <p>Sockets: {@code interfaces-config} is resolved against a new detection of the system's interfaces when
     * {@code re-detect} is true (Kea's default), else against the last one. The sockets of added interfaces are opened
     * before the swap (one that does not open refuses the configuration, the running sockets stay) and start reading
     * after it; those of interfaces no longer named are closed after it.
     *
     * @return null on success, else the reason
     */
    public String apply(ServerConfig next) {
        synchronized (reconfiguring) {
            return applyNow(next);
        }
    }

    private String applyNow(ServerConfig next) {
        Dhcp6Runtime rt;
        String refused = backend.check(next);
        if (refused != null) {
            return "the configuration cannot be applied: " + refused;
        }
        try {
            rt = new Dhcp6Runtime(next, serverId,
                    backend.hosts(next, new io.tui.dhcp.core.host.ConfigHostSource(next)));
        } catch (RuntimeException e) {
            return "the configuration cannot be applied: " + e.getMessage();
        }
        Dhcp6Sockets s = sockets;
        Dhcp6Sockets.Change change = null;
        java.util.Map<String, java.net.NetworkInterface> seen = detected;
        if (s != null) {
            Services.InterfacesConfig ic = next.services().interfaces();
            try {
                if (ic.reDetect() || seen == null) {
                    seen = Dhcp6Sockets.detect();
                }
                change = s.prepare(Dhcp6Sockets.resolve(ic.interfaces(), seen));
            } catch (IOException e) {
                return "the configuration cannot be applied: " + e.getMessage();
            }
        }
        String failed = swap(next, rt);
        if (s != null) {
            if (failed != null) {
                s.abort(change);
            } else {
                s.commit(change);
                detected = seen;
            }
        }
        return failed;
    }

    /** Swaps in the new runtime under the reload lock; null on success, else the reason. */
    private String swap(ServerConfig next, Dhcp6Runtime rt) {
        reloadLock.writeLock().lock();
        try {
            State old = state;
            LeaseService<Lease6, Ip6Address, Client6> leases = old.leases();
            boolean samePools = new HashSet<>(old.runtime().enginePools()).equals(new HashSet<>(rt.enginePools()));
            for (Dhcp6Runtime.SubnetPools sp : old.runtime().subnets()) {
                if (rt.subnet(sp.subnet().id()) == null) {
                    registry.removeSubnet(sp.subnet().id());
                }
            }
            stats.configure(rt);
            try {
                leases = backend.reconfigure(next, leases, samePools, rt.enginePools(), engineSettings(next), stats,
                        LeaseSanity.of(next, rt.leaseSanity(), SANITY_LOG), () -> stats.resetLeaseGauges(rt));
            } catch (RuntimeException e) {
                return "the configuration cannot be applied: " + e.getMessage();
            }
            state = new State(rt, leases);
            backend.retain(next);
            config = next;
            lastReload = options.clock().instant();
            expiry.start(next.services().expiredLeasesProcessing());
            LOG.info("DHCP6_CONFIG_COMPLETE configuration applied: " + next.subnets().size() + " subnets"
                    + (samePools ? "" : ", leases moved to the new pools"));
            return null;
        } finally {
            reloadLock.writeLock().unlock();
        }
    }

    /**
     * Processes one decoded query as if received with {@code rx}; the result's reply is sent (by the caller) once
     * its durable stage completes. Answers nothing while the server is disabled (dhcp-disable).
     */
    public Dhcp6Processor.Result handle(Dhcp6Message query, Received rx, int length) {
        if (!control.enabled()) {
            stats.dropped();
            return null;
        }
        reloadLock.readLock().lock();
        try {
            return processor.process(query, rx, length);
        } catch (io.tui.dhcp.lease.sql.StoreUnavailableException e) {
            stats.dropped(); // the lease or host database is down or saturated: dropped, not queued
            return null;
        } finally {
            reloadLock.readLock().unlock();
        }
    }

    void datagram(ByteBuf data, Received rx, Dhcp6Sockets.Replier replier) {
        int length = data.readableBytes();
        Dhcp6Message query;
        try {
            query = codec.decode(data);
        } catch (ParseException e) {
            stats.parseFailed();
            stats.dropped();
            return;
        }
        if (workers != null) {
            try {
                workers.execute(() -> process(query, rx, length, replier));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                stats.dropped(); // packet-queue-size reached: dropped as Kea drops it
            }
            return;
        }
        process(query, rx, length, replier);
    }

    private void process(Dhcp6Message query, Received rx, int length, Dhcp6Sockets.Replier replier) {
        Dhcp6Processor.Result r = handle(query, rx, length);
        if (r == null || r.dropped()) {
            return;
        }
        InetSocketAddress dest = destination(query, rx);
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer(512);
        try {
            codec.encode(r.reply(), out);
        } catch (RuntimeException e) {
            out.release();
            return;
        }
        r.durable().whenComplete((v, err) -> {
            if (err != null) {
                out.release();
            } else {
                replier.send(out, dest);
            }
        });
    }

    /** A direct client's link-local address on the client port, or the relay on 547 (or its RFC 8357 port). */
    InetSocketAddress destination(Dhcp6Message query, Received rx) {
        if (query instanceof Dhcp6RelayMessage relay) {
            int port = relay.options().contains(RELAY_SOURCE_PORT) ? rx.sourcePort() : 547;
            return new InetSocketAddress(rx.source(), port);
        }
        return new InetSocketAddress(rx.source(), options.replyPort());
    }

    public Options options() {
        return options;
    }

    public ServerConfig config() {
        return config;
    }

    public Dhcp6Runtime runtime() {
        return state.runtime();
    }

    /** The v6 leases of the running configuration (the object changes when a reload changes the pools). */
    public LeaseService<Lease6, Ip6Address, Client6> leases() {
        return state.leases();
    }

    public StatsRegistry statistics() {
        return registry;
    }

    public Duid serverId() {
        return serverId;
    }

    public Dhcp6ServerControl control() {
        return control;
    }

    /** The services hooks and built-in commands see (always the current configuration and leases). */
    public io.tui.dhcp.core.hook.ServerServices services() {
        return new Dhcp6ServerServices(this);
    }

    /** The sockets, or null when started without them. */
    public Dhcp6Sockets sockets() {
        return sockets;
    }

    Instant startedAt() {
        return started;
    }

    Instant lastReload() {
        return lastReload;
    }

    ExpiryScheduler expiry() {
        return expiry;
    }

    @Override
    public void close() {
        if (sockets != null) {
            sockets.close();
        }
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        expiry.close();
        timers.shutdownNow();
        control.close();
        try {
            backend.close();
        } catch (IOException e) {
            LOG.severe("DHCP6_SHUTDOWN lease store close failed: " + e.getMessage());
        }
        closeQuietly(pidFile);
    }

    static List<String> describe(Dhcp6Server s) {
        return s.sockets == null ? List.of() : s.sockets.boundAddresses().stream().map(InetSocketAddress::toString)
                .toList();
    }
}
