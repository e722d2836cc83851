package io.tui.dhcp6;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.tui.dhcp.core.alloc.AllocationEngine;
import io.tui.dhcp.core.alloc.AllocatorType;
import io.tui.dhcp.core.alloc.Client6;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseStore;
import io.tui.dhcp.core.stats.StatsRegistry;
import io.tui.dhcp.core.wire.ParseException;
import io.tui.dhcp.core.wire.v6.Dhcp6Codec;
import io.tui.dhcp.core.wire.v6.Dhcp6Message;
import io.tui.dhcp.core.wire.v6.Dhcp6RelayMessage;
import io.tui.dhcp.core.wire.v6.Duid;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.lease.memfile.LeaseFileException;
import io.tui.dhcp.lease.memfile.MemfileOptions;
import io.tui.dhcp.lease.memfile.MemfileStore;
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
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running DHCPv6 server: lease store, allocation engine, message pipeline and sockets, built from one
 * configuration. {@link #close()} stops the sockets first, then flushes and closes the lease store.
 */
public final class Dhcp6Server implements AutoCloseable {
    /** Kea's compiled-in data directory, used when the configuration names none. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("/var/lib/kea");
    /** The relay source port option (RFC 8357). */
    private static final int RELAY_SOURCE_PORT = 135;

    /**
     * How to run.
     *
     * @param serverPort    the port to listen on ({@code -p}, 547)
     * @param clientPort    the port direct clients get replies on ({@code -P}, 546)
     * @param threads       socket event loop threads
     * @param allServers    also listen on ff05::1:3
     */
    public record Settings(int serverPort, int clientPort, int threads, boolean allServers, Clock clock) {
        public static Settings defaults() {
            return new Settings(547, 546, Math.max(1, Runtime.getRuntime().availableProcessors()), true,
                    Clock.systemUTC());
        }
    }

    private final Settings settings;
    private final StatsRegistry registry;
    private final Dhcp6Stats stats;
    private final LeaseStore<Lease6> store;
    private final AllocationEngine<Lease6, Ip6Address, Client6> engine;
    private final AtomicReference<Dhcp6Runtime> runtime = new AtomicReference<>();
    private final Dhcp6Processor processor;
    private final Dhcp6Codec codec = new Dhcp6Codec();
    private final Dhcp6Sockets sockets;

    private Dhcp6Server(ServerConfig config, Settings settings, StatsRegistry registry, Dhcp6Processor.HostLookup hosts)
            throws IOException {
        this.settings = settings;
        this.registry = registry;
        this.stats = new Dhcp6Stats(registry);
        Path dataDir = dataDirectory(config);
        Duid serverId = ServerDuid.loadOrCreate(config.services().serverId(), dataDir.resolve(ServerDuid.FILE_NAME),
                settings.clock(), ServerDuid::firstInterfaceAddress);
        Dhcp6Runtime rt = new Dhcp6Runtime(config, serverId);
        runtime.set(rt);
        this.store = openStore(config, dataDir);
        try {
            this.engine = AllocationEngine.v6(store, rt.enginePools(), AllocationEngine.Settings.of(
                    AllocatorType.ITERATIVE), stats);
            stats.configure(rt);
            this.processor = new Dhcp6Processor(runtime::get, engine, stats, settings.clock(), hosts);
            this.sockets = Dhcp6Sockets.open(Dhcp6Sockets.resolve(config.services().interfaces().interfaces()),
                    settings.serverPort(), settings.threads(), settings.allServers(), this::datagram);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Starts a server for {@code config}: opens the lease file, loads it and binds the sockets. */
    public static Dhcp6Server start(ServerConfig config, Settings settings, StatsRegistry registry,
            Dhcp6Processor.HostLookup hosts) throws IOException {
        return new Dhcp6Server(config, settings, registry, hosts);
    }

    /** The data directory: {@code data-directory} from the configuration, else Kea's default. */
    public static Path dataDirectory(ServerConfig config) {
        String d = config.settings().dataDirectory();
        return d != null && !d.isEmpty() ? Path.of(d) : DEFAULT_DATA_DIRECTORY;
    }

    private static LeaseStore<Lease6> openStore(ServerConfig config, Path dataDir) throws IOException {
        Services.Database db = config.services().leaseDatabase();
        if (db == null || !db.persist()) {
            return LeaseStore.inMemory();
        }
        if (!"memfile".equals(db.type())) {
            throw new IOException("lease-database type " + db.type() + " is not supported by tui-dhcp6 yet");
        }
        Path file = db.name() != null ? Path.of(db.name()) : dataDir.resolve("kea-leases6.csv");
        MemfileOptions options = MemfileOptions.persistent(file)
                .withLfcInterval(Duration.ofSeconds(db.lfcInterval()))
                .withMaxRowErrors(db.number("max-row-errors", 0));
        try {
            return MemfileStore.open6(options);
        } catch (LeaseFileException e) {
            throw new IOException("cannot load " + file + ": " + e.getMessage(), e);
        }
    }

    public Dhcp6Runtime runtime() {
        return runtime.get();
    }

    public LeaseService<Lease6, Ip6Address, Client6> leases() {
        return engine;
    }

    public StatsRegistry statistics() {
        return registry;
    }

    public Dhcp6Sockets sockets() {
        return sockets;
    }

    private void datagram(ByteBuf data, Received rx, Dhcp6Sockets.Replier replier) {
        int length = data.readableBytes();
        Dhcp6Message query;
        try {
            query = codec.decode(data);
        } catch (ParseException e) {
            stats.parseFailed();
            stats.dropped();
            return;
        }
        Dhcp6Processor.Result r = processor.process(query, rx, length);
        if (r.dropped()) {
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
    private InetSocketAddress destination(Dhcp6Message query, Received rx) {
        if (query instanceof Dhcp6RelayMessage relay) {
            int port = relay.options().contains(RELAY_SOURCE_PORT) ? rx.sourcePort() : 547;
            return new InetSocketAddress(rx.source(), port);
        }
        return new InetSocketAddress(rx.source(), settings.clientPort());
    }

    @Override
    public void close() {
        sockets.close();
        try {
            store.close();
        } catch (IOException e) {
            // nothing more can be done at shutdown
        }
    }

    /** The processor (tests). */
    Dhcp6Processor processor() {
        return processor;
    }

    static List<String> describe(Dhcp6Server s) {
        return s.sockets.boundAddresses().stream().map(InetSocketAddress::toString).toList();
    }
}
