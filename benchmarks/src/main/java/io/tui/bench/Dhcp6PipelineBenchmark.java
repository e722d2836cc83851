package io.tui.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.stats.SampleClock;
import io.tui.dhcp.core.stats.StatsRegistry;
import io.tui.dhcp.core.wire.ParseException;
import io.tui.dhcp.core.wire.v6.ClientIdOption;
import io.tui.dhcp.core.wire.v6.Dhcp6ClientMessage;
import io.tui.dhcp.core.wire.v6.Dhcp6Codec;
import io.tui.dhcp.core.wire.v6.Dhcp6Message;
import io.tui.dhcp.core.wire.v6.Dhcp6MessageType;
import io.tui.dhcp.core.wire.v6.Dhcp6Options;
import io.tui.dhcp.core.wire.v6.Duid;
import io.tui.dhcp.core.wire.v6.IaNaOption;
import io.tui.dhcp.core.wire.v6.IaPdOption;
import io.tui.dhcp.core.wire.v6.Octets;
import io.tui.dhcp.core.wire.v6.ServerIdOption;
import io.tui.dhcp6.Dhcp6Server;
import io.tui.dhcp6.proc.Dhcp6Processor;
import io.tui.dhcp6.proc.Received;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole DHCPv6 message path of a running {@link Dhcp6Server} without its sockets: one operation is one perfdhcp
 * {@code -e address-and-prefix} exchange, a SOLICIT with an IA_NA and an IA_PD answered by an ADVERTISE, and a
 * REQUEST for what was advertised answered by a REPLY, each decoded, processed and its reply encoded into a pooled
 * direct buffer as the sockets do (the REPLY after its lease rows are written, here by the calling thread). The client
 * is drawn at random from {@code clients} DUIDs, as perfdhcp's {@code -R} does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2)
public class Dhcp6PipelineBenchmark {
    @Param({"memfile", "memory"})
    public String store;

    @Param({"50000"})
    public int clients;

    private Path dir;
    private Dhcp6Server server;
    private final Dhcp6Codec codec = new Dhcp6Codec();
    private byte[][] solicits;
    private Received rx;

    @Setup(Level.Trial)
    public void start() throws Exception {
        dir = Files.createTempDirectory("tui-pipeline6-bench");
        String database = store.equals("memfile")
                ? "{\"type\": \"memfile\", \"persist\": true, \"name\": \"" + dir.resolve("leases6.csv")
                        + "\", \"lfc-interval\": 0}"
                : "{\"type\": \"memfile\", \"persist\": false}";
        String config = """
            {"Dhcp6": {
              "interfaces-config": {"interfaces": ["b-srv"]},
              "lease-database": %s,
              "server-id": {"type": "LL", "persist": false},
              "data-directory": "%s",
              "preferred-lifetime": 3000, "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
              "subnet6": [{"id": 1, "subnet": "2001:db8:77::/64", "interface": "b-srv",
                           "pools": [{"pool": "2001:db8:77::1000 - 2001:db8:77::ffff:ffff"}],
                           "pd-pools": [{"prefix": "2001:db8:7700::", "prefix-len": 40, "delegated-len": 56}],
                           "option-data": [{"name": "dns-servers", "data": "2001:db8:77::1"}]}]}}"""
                .formatted(database, dir);
        server = Dhcp6Server.start(new ConfigLoader(Family.V6, w -> { }).loadText(config, "bench", null),
                new Dhcp6Server.Options(0, 0, null, null, false, false, Clock.systemUTC()),
                new StatsRegistry(SampleClock.system()));
        rx = new Received("b-srv", List.of(), InetAddress.getByName("fe80::2"), 546, false);
        solicits = new byte[clients][];
        for (int c = 0; c < clients; c++) {
            solicits[c] = encode(Dhcp6ClientMessage.of(Dhcp6MessageType.SOLICIT, c & 0xffffff,
                    new ClientIdOption(duid(c)), IaNaOption.of(1, 0, 0), IaPdOption.of(1, 0, 0)));
        }
    }

    /** perfdhcp's DUID-LLT with the client number in its link-layer address. */
    private static Duid duid(int client) {
        return new Duid.Llt(1, 0, Octets.of(new byte[] {0x02, 0x0c, 0x01, (byte) (client >>> 16),
                (byte) (client >>> 8), (byte) client}));
    }

    private byte[] encode(Dhcp6Message m) {
        ByteBuf b = Unpooled.buffer();
        codec.encode(m, b);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** What a socket does with one datagram: decode, process, wait for the rows, encode the reply. */
    private Dhcp6Message exchange(byte[] datagram) throws ParseException {
        Dhcp6Processor.Result r = server.handle(codec.decode(Unpooled.wrappedBuffer(datagram)), rx, datagram.length);
        if (r == null || r.dropped()) {
            throw new IllegalStateException("no reply");
        }
        r.durable().toCompletableFuture().join();
        return r.reply();
    }

    @Benchmark
    public int exchange() throws ParseException {
        int c = ThreadLocalRandom.current().nextInt(clients);
        Dhcp6ClientMessage advertise = (Dhcp6ClientMessage) exchange(solicits[c]);
        ByteBuf sent = PooledByteBufAllocator.DEFAULT.directBuffer(512);
        codec.encode(advertise, sent);
        int bytes = sent.readableBytes();
        sent.release();
        // perfdhcp's REQUEST: the client id, the server id and the IAs as advertised
        Dhcp6Options o = Dhcp6Options.of(new ClientIdOption(duid(c)),
                new ServerIdOption(server.serverId()), advertise.options().iaNa().getFirst(),
                advertise.options().iaPd().getFirst());
        Dhcp6ClientMessage request = new Dhcp6ClientMessage(Dhcp6MessageType.REQUEST.code(), c & 0xffffff, o);
        Dhcp6ClientMessage reply = (Dhcp6ClientMessage) exchange(encode(request));
        if (reply.options().iaNa().getFirst().options().addresses().isEmpty()) {
            throw new IllegalStateException("no address for client " + c);
        }
        ByteBuf replied = PooledByteBufAllocator.DEFAULT.directBuffer(512);
        codec.encode(reply, replied);
        bytes += replied.readableBytes();
        replied.release();
        return bytes;
    }
}
