package io.tui.dhcp4.server;

import io.tui.dhcp.core.alloc.AllocationEngine;
import io.tui.dhcp.core.alloc.AllocatorType;
import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.host.ConfigHostSource;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.server.ExpiryScheduler;
import io.tui.dhcp.core.server.InstanceLock;
import io.tui.dhcp.core.server.LeaseSanity;
import io.tui.dhcp.core.server.Runtime4;
import io.tui.dhcp.core.server.StatsLeaseListener;
import io.tui.dhcp.core.server.Subnet4Runtime;
import io.tui.dhcp.core.stats.StatsRegistry;
import io.tui.dhcp.lease.LeaseBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running DHCPv4 server: configuration runtime, lease store and allocation engine, statistics, the packet pipeline,
 * the expiry timers, the sockets (optional, so tests can drive {@link #handle} in-process), the PID file and the lease
 * file lock. Built by {@link #start}; {@link #close} stops it (sockets closed, in-flight packets finished, lease file
 * flushed, PID file removed).
 *
 * <p>Reconfiguration ({@link #apply}) builds the new runtime first and swaps it in under a write lock that waits for
 * in-flight packets; when the pools changed, a new engine takes over the leases of the old one (the store stays).
 */
public final class Dhcp4Server implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("kea-dhcp4.dhcp4");
    /** Kea logs the lease checks from its dhcpsrv library. */
    private static final Logger SANITY_LOG = Logger.getLogger("kea-dhcp4.dhcpsrv");

    /**
     * How to start.
     *
     * @param serverPort   Kea's {@code -p} (67)
     * @param clientPort   Kea's {@code -P} (68)
     * @param configFile   the {@code -c} file, or null
     * @param pidDirectory where the PID file goes, or null for none
     * @param openSockets  whether to listen on {@code interfaces-config} (false: in-process use through
     *                     {@link #handle})
     * @param clock        the clock
     */
    public record Options(int serverPort, int clientPort, Path configFile, Path pidDirectory, boolean openSockets,
            Clock clock) {
        /** In-process: no sockets, no PID file, system clock, Kea's ports. */
        public static Options inProcess() {
            return new Options(67, 68, null, null, false, Clock.systemUTC());
        }
    }

    private final Options options;
    private final StatsRegistry stats;
    private final StatsLeaseListener statsListener;
    private final LeaseBackend<Lease4, Integer, Client4> backend;
    private final InstanceLock pidFile;
    private final ReentrantReadWriteLock reloadLock = new ReentrantReadWriteLock();
    private final ScheduledExecutorService timers;
    private final ExpiryScheduler expiry;
    private final Dhcp4Processor processor;
    private final Dhcp4ServerControl control;
    private final Instant started;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;
    private volatile ServerConfig config;
    private volatile Dhcp4Processor.State state;
    private volatile Instant lastReload;
    private ThreadPoolExecutor workers;
    private Dhcp4Transport transport;
    /** Serializes reconfigurations (control channel, SIGHUP). */
    private final Object reconfiguring = new Object();
    /** The system's interfaces as the last detection saw them (start, or a reload with {@code re-detect}). */
    private volatile Dhcp4Transport.Detected detected;

    private Dhcp4Server(ServerConfig config, Options options, LeaseBackend<Lease4, Integer, Client4> backend,
            InstanceLock pidFile) {
        this.options = options;
        this.config = config;
        this.backend = backend;
        this.pidFile = pidFile;
        this.stats = new StatsRegistry(io.tui.dhcp.core.stats.SampleClock.system());
        this.statsListener = StatsLeaseListener.v4(stats);
        this.started = options.clock().instant();
        this.lastReload = started;
        Runtime4 rt = Runtime4.build(config, backend.hosts(config, new ConfigHostSource(config)));
        statsListener.configure(rt);
        this.state = new Dhcp4Processor.State(rt, backend.start(rt.enginePools(), engineSettings(config),
                statsListener, LeaseSanity.of(config, LeaseSanity.v4(rt), SANITY_LOG)));
        this.control = new Dhcp4ServerControl(this);
        backend.attach(control);
        this.processor = new Dhcp4Processor(() -> state, stats, options.clock(), control::enabled,
                options.serverPort(), options.clientPort());
        processor.callouts(control::callouts); // the attached management's hooks, as (re)loaded
        this.timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("tui-dhcp4-timers").factory());
        this.expiry = new ExpiryScheduler(timers, options.clock(), ExpiryScheduler.of(() -> reclaimer()),
                Logger.getLogger("kea-dhcp4.alloc-engine"));
        expiry.start(config.services().expiredLeasesProcessing());
    }

    private static AllocationEngine.Settings engineSettings(ServerConfig config) {
        Object name = config.extras().get("allocator");
        AllocatorType type = name instanceof String s && AllocatorType.fromKea(s) != null
                ? AllocatorType.fromKea(s) : AllocatorType.ITERATIVE;
        return new AllocationEngine.Settings(type, 60, System.nanoTime(), io.tui.dhcp.core.alloc.Probe.NONE);
    }

    private ExpiryScheduler.Reclaimer reclaimer() {
        LeaseService<Lease4, Integer, Client4> leases = state.leases();
        return new ExpiryScheduler.Reclaimer() {
            @Override
            public int reclaim(long now, int max, Duration maxTime) {
                return leases.reclaim(now, max, maxTime, io.tui.dhcp.core.server.ExpireCallout.<Lease4>of(
                        control == null ? null : control.callouts(), io.tui.dhcp.core.config.model.Family.V4,
                        false)).size();
            }

            @Override
            public int flush(long now, long hold, int max) {
                return leases.flushReclaimed(now, hold, max).size();
            }
        };
    }

    /**
     * Starts a server on a checked configuration: takes the PID file and the lease file lock, opens the lease store
     * ({@code memfile}; {@code persist: false} keeps leases in memory only), loads the leases, starts the timers and,
     * with {@link Options#openSockets}, the sockets.
     *
     * @throws IOException when another instance holds the PID file or the lease file, the lease file cannot be
     *     loaded, or (with {@code service-sockets-require-all}) a socket cannot be opened
     */
    public static Dhcp4Server start(ServerConfig config, Options options) throws IOException {
        Services.Database db = config.services().leaseDatabase();
        InstanceLock pid = null;
        LeaseBackend<Lease4, Integer, Client4> backend = null;
        try {
            if (options.pidDirectory() != null) {
                pid = InstanceLock.acquire(InstanceLock.keaPidFile(options.pidDirectory(), options.configFile(),
                        "kea-dhcp4"));
            }
            backend = LeaseBackend.open4(config, leaseFile(db));
            Dhcp4Server server = new Dhcp4Server(config, options, backend, pid);
            if (options.openSockets()) {
                server.openSockets();
            }
            LOG.info("DHCP4_STARTED Tui DHCPv4 server started, leases in " + backend.describe()
                    + (backend.sql() ? "" : ", " + server.state.leases().count() + " loaded"));
            return server;
        } catch (IOException | RuntimeException e) {
            closeQuietly(backend);
            closeQuietly(pid);
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The memfile lease file: {@code name}, or Kea's default {@code <data-dir>/kea-leases4.csv}. */
    static Path leaseFile(Services.Database db) {
        if (db != null && db.name() != null && !db.name().isEmpty()) {
            return Path.of(db.name());
        }
        String dir = System.getenv("KEA_LFC_DATA_DIR");
        return Path.of(dir != null && !dir.isEmpty() ? dir : "/var/lib/kea", "kea-leases4.csv");
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "close", e);
            }
        }
    }

    private synchronized void openSockets() throws IOException {
        Services.MultiThreading mt = config.services().multiThreading();
        io.tui.dhcp.core.stats.Statistic drops = stats.counter(io.tui.dhcp.core.stats.StatNames.PKT4_RECEIVE_DROP);
        // Packets go to worker threads only when the lease store blocks (a database). With memfile nothing on the
        // packet path blocks (rows are written by the appender thread; the reply leaves when its row is durable), so
        // packets are processed on the receiving event loop even with multi-threading on: handing each packet to a
        // worker costs more than processing it (see BENCHMARKS.md, tui against tui-st).
        // A worker waits on the database far longer than it uses a CPU, so there is one per pooled connection (the
        // pool has four per thread-pool-size thread, see SqlSettings): several commits in flight share one flush on
        // the database server. The queue holds packet-queue-size packets per configured thread.
        if (backend.blocking()) {
            boolean mtOn = mt != null && mt.enabled();
            int threads = mtOn && mt.threadPoolSize() > 0 ? (int) Math.min(mt.threadPoolSize(), 256) : 2;
            int size = Math.max(threads, backend.workerThreads());
            int queue = mtOn && mt.packetQueueSize() > 0 ? (int) mt.packetQueueSize() : 64;
            workers = new ThreadPoolExecutor(size, size, 0, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>((int) Math.min((long) queue * threads, 1 << 20)),
                    Thread.ofPlatform().name("tui-dhcp4-worker-", 0).factory(),
                    new ThreadPoolExecutor.DiscardOldestPolicy() {
                        @Override
                        public void rejectedExecution(Runnable r, ThreadPoolExecutor e) {
                            drops.increment(); // the oldest queued packet goes, as Kea's packet queue drops it
                            super.rejectedExecution(r, e);
                        }
                    });
        }
        transport = new Dhcp4Transport(this::handle, processor, workers, backend.store(), options.serverPort());
        Services.InterfacesConfig ic = config.services().interfaces();
        transport.socketType(ic.dhcpSocketType());
        Dhcp4Transport.Detected seen = Dhcp4Transport.Detected.now();
        SocketSettings s = SocketSettings.of(ic);
        transport.open(Dhcp4Transport.resolve(ic, seen), s.requireAll(), s.retries(), s.retryWaitMillis(),
                s.useRouting());
        detected = seen;
    }

    /** Kea's {@code service-sockets-*} and {@code outbound-interface} of an {@code interfaces-config}. */
    private record SocketSettings(boolean requireAll, int retries, long retryWaitMillis, boolean useRouting) {
        static SocketSettings of(Services.InterfacesConfig ic) {
            return new SocketSettings(ic.requireAllSockets(), (int) Math.min(ic.socketRetries(), Integer.MAX_VALUE),
                    ic.socketRetryWaitMillis(), "use-routing".equals(ic.outboundInterface()));
        }
    }

    /**
     * Processes one datagram (the sockets call this; tests may too). The stage completes with the reply once its
     * lease change is durable, or with null.
     */
    public CompletionStage<Reply4> handle(Inbound4 in) {
        if (stopping) {
            return CompletableFuture.completedStage(null);
        }
        reloadLock.readLock().lock();
        inFlight.incrementAndGet();
        try {
            CompletionStage<Reply4> out = processor.process(in);
            return out.whenComplete((r, e) -> inFlight.decrementAndGet());
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            LOG.log(Level.WARNING, "DHCP4_PACKET_PROCESS_EXCEPTION", e);
            return CompletableFuture.completedStage(null);
        } finally {
            reloadLock.readLock().unlock();
        }
    }

    /**
     * Makes {@code next} the running configuration. The old one stays when building the new runtime fails, or when
     * the sockets the new {@code interfaces-config} needs cannot be opened as {@code service-sockets-require-all}
     * asks.
     *
     * <p>Sockets: the interfaces are resolved against a new detection of the system's interfaces when
     * {@code re-detect} is true (Kea's default: {@code *} and the interfaces' addresses are looked up again, a
     * re-created interface gets a new socket), else against the last detection. Sockets for added interfaces are
     * opened before the swap and start reading after it; the sockets of interfaces no longer named are closed after
     * it; {@code outbound-interface} opens or closes the routing socket.
     *
     * @return null on success, else the reason
     */
    public String apply(ServerConfig next) {
        synchronized (reconfiguring) {
            return applyNow(next);
        }
    }

    private String applyNow(ServerConfig next) {
        Runtime4 rt;
        String refused = backend.check(next);
        if (refused != null) {
            return "the configuration cannot be applied: " + refused;
        }
        try {
            rt = Runtime4.build(next, backend.hosts(next, new ConfigHostSource(next)));
        } catch (RuntimeException e) {
            return "the configuration cannot be applied: " + e.getMessage();
        }
        Dhcp4Transport t;
        synchronized (this) {
            t = transport;
        }
        Dhcp4Transport.Change sockets = null;
        Dhcp4Transport.Detected seen = detected;
        if (t != null) {
            Services.InterfacesConfig ic = next.services().interfaces();
            SocketSettings s = SocketSettings.of(ic);
            try {
                if (ic.reDetect() || seen == null) {
                    seen = Dhcp4Transport.Detected.now();
                }
                sockets = t.prepare(Dhcp4Transport.resolve(ic, seen), s.requireAll(), s.retries(),
                        s.retryWaitMillis(), s.useRouting());
            } catch (IOException e) {
                return "the configuration cannot be applied: " + e.getMessage();
            }
        }
        String failed = swap(next, rt);
        if (t != null) {
            if (failed != null) {
                t.abort(sockets);
            } else {
                t.socketType(next.services().interfaces().dhcpSocketType());
                t.commit(sockets);
                detected = seen;
            }
        }
        return failed;
    }

    /** Swaps in the new runtime under the reload lock; null on success, else the reason. */
    private String swap(ServerConfig next, Runtime4 rt) {
        reloadLock.writeLock().lock();
        try {
            Dhcp4Processor.State old = state;
            LeaseService<Lease4, Integer, Client4> leases = old.leases();
            boolean samePools = new HashSet<>(old.runtime().enginePools()).equals(new HashSet<>(rt.enginePools()));
            List<Long> oldIds = new ArrayList<>();
            for (Subnet4Runtime s : old.runtime().subnets()) {
                oldIds.add(s.id());
            }
            for (long id : oldIds) {
                if (rt.subnet(id) == null) {
                    stats.removeSubnet(id);
                }
            }
            statsListener.configure(rt);
            try {
                leases = backend.reconfigure(next, leases, samePools, rt.enginePools(), engineSettings(next),
                        statsListener, LeaseSanity.of(next, LeaseSanity.v4(rt), SANITY_LOG),
                        () -> statsListener.resetGauges(rt));
            } catch (RuntimeException e) {
                return "the configuration cannot be applied: " + e.getMessage();
            }
            state = new Dhcp4Processor.State(rt, leases);
            backend.retain(next);
            config = next;
            lastReload = options.clock().instant();
            expiry.start(next.services().expiredLeasesProcessing());
            LOG.info("DHCP4_CONFIG_COMPLETE configuration applied: " + rt.subnets().size() + " subnets"
                    + (samePools ? "" : ", leases moved to the new pools"));
            return null;
        } finally {
            reloadLock.writeLock().unlock();
        }
    }

    public ServerConfig config() {
        return config;
    }

    public StatsRegistry stats() {
        return stats;
    }

    /** The v4 leases of the running configuration (the object changes when a reload changes the pools). */
    public LeaseService<Lease4, Integer, Client4> leases() {
        return state.leases();
    }

    public Runtime4 runtime() {
        return state.runtime();
    }

    public Dhcp4Processor processor() {
        return processor;
    }

    /** The control surface the control channel and signals use. */
    public Dhcp4ServerControl control() {
        return control;
    }

    /** The services hooks and built-in commands see. */
    public Dhcp4ServerServices services() {
        return new Dhcp4ServerServices(this);
    }

    public Options options() {
        return options;
    }

    /** The endpoints listening (empty in-process). */
    public List<Dhcp4Transport.Endpoint> endpoints() {
        Dhcp4Transport t = transport;
        return t == null ? List.of() : t.endpoints();
    }

    Instant started() {
        return started;
    }

    Instant lastReload() {
        return lastReload;
    }

    ExpiryScheduler expiry() {
        return expiry;
    }

    synchronized ThreadPoolExecutor workers() {
        return workers;
    }

    /**
     * Stops: sockets closed, queued packets processed, outstanding lease writes completed and the lease file closed,
     * timers stopped, lock and PID file removed.
     */
    @Override
    public void close() {
        Dhcp4Transport t;
        ThreadPoolExecutor w;
        stopping = true;
        synchronized (this) {
            t = transport;
            transport = null;
            w = workers;
            workers = null;
        }
        if (w != null) {
            w.shutdown();
            try {
                w.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (t != null) {
            t.close();
        }
        expiry.close();
        control.close();
        timers.shutdownNow();
        closeQuietly(backend);
        closeQuietly(pidFile);
        LOG.info("DHCP4_SHUTDOWN the server has stopped");
    }
}
