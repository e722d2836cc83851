package io.tui.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.wire.v4.Dhcp4Codec;
import io.tui.dhcp.core.wire.v4.Dhcp4Packet;
import io.tui.dhcp.core.wire.v4.DhcpMessageType;
import io.tui.dhcp.core.wire.v4.Ipv4;
import io.tui.dhcp4.server.Dhcp4Server;
import io.tui.dhcp4.server.Inbound4;
import io.tui.dhcp4.server.Reply4;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
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
 * The whole DHCPv4 packet path of a running {@link Dhcp4Server} without its sockets: one operation is one perfdhcp
 * exchange, a relayed DISCOVER answered by an OFFER and a REQUEST for the offered address answered by an ACK, each
 * decoded, processed (classification, subnet selection, allocation, options) and its reply encoded into a pooled
 * direct buffer as the sockets do, the ACK after its lease row is written (here by the calling thread: the benchmark
 * does not hold rows over a read batch as the event loop does). The client is drawn at random from {@code clients} hardware addresses, as perfdhcp's
 * {@code -R} does, so most exchanges after the first pass renew an existing lease, as in the system benchmark.
 *
 * <p>{@code store}: {@code memfile} writes Kea's CSV lease file (persist, no fsync, as Kea); {@code memory} is
 * {@code persist: false}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2)
public class Dhcp4PipelineBenchmark {
    private static final int SERVER = Ipv4.of(10, 77, 0, 1);
    private static final int RELAY = Ipv4.of(10, 77, 0, 2);

    @Param({"memfile", "memory"})
    public String store;

    @Param({"50000"})
    public int clients;

    private Path dir;
    private Dhcp4Server server;
    private byte[][] discovers;
    private byte[][] requests;
    /** Where option 50's four address bytes start in every REQUEST. */
    private int requestedAt;

    @Setup(Level.Trial)
    public void start() throws Exception {
        dir = Files.createTempDirectory("tui-pipeline4-bench");
        String database = store.equals("memfile")
                ? "{\"type\": \"memfile\", \"persist\": true, \"name\": \"" + dir.resolve("leases4.csv")
                        + "\", \"lfc-interval\": 0}"
                : "{\"type\": \"memfile\", \"persist\": false}";
        String config = """
            {"Dhcp4": {
              "interfaces-config": {"interfaces": ["b-srv"]},
              "lease-database": %s,
              "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
              "subnet4": [{"id": 1, "subnet": "10.64.0.0/10",
                           "pools": [{"pool": "10.77.1.0 - 10.80.14.63"}],
                           "option-data": [{"name": "routers", "data": "10.77.0.1"},
                                           {"name": "domain-name-servers", "data": "10.77.0.1"}]}]}}"""
                .formatted(database);
        server = Dhcp4Server.start(new ConfigLoader(Family.V4, w -> { }).loadText(config, "bench", null),
                new Dhcp4Server.Options(67, 68, null, null, false, Clock.systemUTC()));
        Dhcp4Codec codec = new Dhcp4Codec();
        discovers = new byte[clients][];
        requests = new byte[clients][];
        for (int c = 0; c < clients; c++) {
            discovers[c] = encode(codec, query(DhcpMessageType.DHCPDISCOVER, c));
            Dhcp4Packet request = query(DhcpMessageType.DHCPREQUEST, c);
            request.options().putServerIdentifier(SERVER).putIpv4(50, 0xdeadbeef);
            requests[c] = encode(codec, request);
        }
        requestedAt = indexOf(requests[0], new byte[] {50, 4, (byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}) + 2;
    }

    /** What perfdhcp sends: a relayed query (giaddr set) with a client identifier-less Ethernet address. */
    private static Dhcp4Packet query(DhcpMessageType type, int client) {
        Dhcp4Packet p = new Dhcp4Packet();
        p.xid(0x1000 + client);
        p.giaddr(RELAY);
        p.hops(1);
        p.hardwareAddress(Dhcp4Packet.HTYPE_ETHERNET,
                new byte[] {0x02, 0x0c, 0x01, (byte) (client >>> 16), (byte) (client >>> 8), (byte) client});
        p.options().putMessageType(type);
        p.options().put(55, new byte[] {1, 28, 2, 3, 15, 6, 12});
        return p;
    }

    private static byte[] encode(Dhcp4Codec codec, Dhcp4Packet p) {
        ByteBuf b = Unpooled.buffer();
        codec.encode(p, b);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    private static int indexOf(byte[] in, byte[] what) {
        for (int i = 0; i + what.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        throw new IllegalStateException("option 50 not found");
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

    @Benchmark
    public int exchange() {
        int c = ThreadLocalRandom.current().nextInt(clients);
        Reply4 offer = server.handle(new Inbound4(discovers[c], "b-srv", SERVER, RELAY, 67, false))
                .toCompletableFuture().join();
        ByteBuf sent = server.processor().encode(offer.packet(), PooledByteBufAllocator.DEFAULT);
        int bytes = sent.readableBytes();
        sent.release();
        byte[] request = requests[c].clone();
        int yiaddr = offer.packet().yiaddr();
        request[requestedAt] = (byte) (yiaddr >>> 24);
        request[requestedAt + 1] = (byte) (yiaddr >>> 16);
        request[requestedAt + 2] = (byte) (yiaddr >>> 8);
        request[requestedAt + 3] = (byte) yiaddr;
        Reply4 ack = server.handle(new Inbound4(request, "b-srv", SERVER, RELAY, 67, false))
                .toCompletableFuture().join();
        if (ack == null || ack.packet().yiaddr() != yiaddr) {
            throw new IllegalStateException("no ACK for client " + c);
        }
        ByteBuf acked = server.processor().encode(ack.packet(), PooledByteBufAllocator.DEFAULT);
        bytes += acked.readableBytes();
        acked.release();
        return bytes;
    }
}
