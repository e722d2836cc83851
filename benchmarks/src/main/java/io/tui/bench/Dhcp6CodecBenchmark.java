package io.tui.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.wire.ParseException;
import io.tui.dhcp.core.wire.v6.ClientIdOption;
import io.tui.dhcp.core.wire.v6.Dhcp6ClientMessage;
import io.tui.dhcp.core.wire.v6.Dhcp6Codec;
import io.tui.dhcp.core.wire.v6.Dhcp6Message;
import io.tui.dhcp.core.wire.v6.Dhcp6MessageType;
import io.tui.dhcp.core.wire.v6.DnsServersOption;
import io.tui.dhcp.core.wire.v6.Duid;
import io.tui.dhcp.core.wire.v6.IaAddressOption;
import io.tui.dhcp.core.wire.v6.IaNaOption;
import io.tui.dhcp.core.wire.v6.IaPdOption;
import io.tui.dhcp.core.wire.v6.IaPrefixOption;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.core.wire.v6.Octets;
import io.tui.dhcp.core.wire.v6.ServerIdOption;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The DHCPv6 wire path of one exchange: decode a real SOLICIT (ISC dhclient 4.4.3 asking for an IA_NA and an
 * IA_PD, captured in a network namespace; see dhcp-core/src/test/resources/vectors) from a pooled direct
 * buffer, and build and encode the ADVERTISE a server sends back (server and client id, the IA_NA with an
 * address, the IA_PD with a prefix, DNS servers) into a pooled direct buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2)
public class Dhcp6CodecBenchmark {
    /** The captured SOLICIT: client id (DUID-LL), ORO, elapsed time, client FQDN, IA_NA and IA_PD. */
    static final byte[] SOLICIT = HexFormat.of().parseHex(
            "01a95f1e0001000a000300010200000000020006000400170018000800020000002700160007636c69656e7431076578"
                    + "616d706c6503636f6d000003000c0000000200000e10000015180019000c0000000200000e1000001518");

    private final Dhcp6Codec codec = new Dhcp6Codec();
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final ServerIdOption serverId =
            new ServerIdOption(new Duid.Ll(1, Octets.ofHex("020000000001")));
    private final Ip6Address address = Ip6Address.parse("2001:db8:1::100");
    private final Ip6Address prefix = Ip6Address.parse("2001:db8:8000::");
    private final DnsServersOption dns = DnsServersOption.of(Ip6Address.parse("2001:db8:1::1"));
    private ByteBuf wire;

    @Setup
    public void setUp() {
        wire = Unpooled.directBuffer(SOLICIT.length).writeBytes(SOLICIT);
    }

    @Benchmark
    public Dhcp6Message decodeSolicit() throws ParseException {
        wire.readerIndex(0);
        return codec.decode(wire);
    }

    @Benchmark
    public int solicitToAdvertise() throws ParseException {
        wire.readerIndex(0);
        Dhcp6Message solicit = codec.decode(wire);
        var options = solicit.options();
        Duid client = options.clientId();
        IaNaOption na = options.iaNa().getFirst();
        IaPdOption pd = options.iaPd().getFirst();
        Dhcp6ClientMessage advertise = Dhcp6ClientMessage.of(Dhcp6MessageType.ADVERTISE,
                ((Dhcp6ClientMessage) solicit).transactionId(),
                serverId,
                new ClientIdOption(client),
                IaNaOption.of(na.iaid(), 1000, 2000, IaAddressOption.of(address, 3000, 4000)),
                IaPdOption.of(pd.iaid(), 1000, 2000, IaPrefixOption.of(prefix, 56, 3000, 4000)),
                dns);
        ByteBuf out = alloc.directBuffer(512);
        try {
            codec.encode(advertise, out);
            return out.readableBytes();
        } finally {
            out.release();
        }
    }
}
