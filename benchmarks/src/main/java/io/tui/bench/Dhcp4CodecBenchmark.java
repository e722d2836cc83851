package io.tui.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.wire.ParseException;
import io.tui.dhcp.core.wire.v4.Dhcp4Codec;
import io.tui.dhcp.core.wire.v4.Dhcp4Options;
import io.tui.dhcp.core.wire.v4.Dhcp4Packet;
import io.tui.dhcp.core.wire.v4.DhcpMessageType;
import io.tui.dhcp.core.wire.v4.Ipv4;
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
 * The DHCPv4 wire path of one exchange: decode a real DISCOVER (ISC dhclient 4.4.3, captured in a
 * network namespace; see dhcp-core/src/test/resources/vectors) from a pooled direct buffer, and build and
 * encode the OFFER a server sends back into a pooled direct buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2)
public class Dhcp4CodecBenchmark {
    /** The captured DISCOVER: 300 bytes with options 53, 55 and END, padded as dhclient pads. */
    static final byte[] DISCOVER = HexFormat.of().parseHex(
            "0101060079e74442000000000000000000000000000000000000000002005e0053310000000000000000000000000000"
                    + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                    + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                    + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                    + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000063825363"
                    + "3501013707011c02030f060cff0000000000000000000000000000000000000000000000000000000000000000000000"
                    + "000000000000000000000000");

    private final Dhcp4Codec codec = new Dhcp4Codec(Dhcp4Codec.BOOTP_MINIMUM_LENGTH);
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private ByteBuf wire;

    private final int serverId = Ipv4.of(192, 0, 2, 1);
    private final int offered = Ipv4.of(192, 0, 2, 100);

    @Setup
    public void setUp() {
        wire = Unpooled.directBuffer(DISCOVER.length).writeBytes(DISCOVER);
    }

    @Benchmark
    public Dhcp4Packet decodeDiscover() throws ParseException {
        wire.readerIndex(0);
        return codec.decode(wire);
    }

    @Benchmark
    public int discoverToOffer() throws ParseException {
        wire.readerIndex(0);
        Dhcp4Packet discover = codec.decode(wire);
        Dhcp4Packet offer = Dhcp4Packet.replyTo(discover).yiaddr(offered).siaddr(serverId);
        Dhcp4Options o = offer.options();
        o.putMessageType(DhcpMessageType.DHCPOFFER)
                .putServerIdentifier(serverId)
                .putLeaseTime(4000)
                .putRenewalTime(1000)
                .putRebindingTime(2000)
                .putSubnetMask(0xffffff00)
                .putRouters(serverId)
                .putDomainNameServers(serverId);
        ByteBuf out = alloc.directBuffer(576);
        try {
            return codec.encode(offer, out);
        } finally {
            out.release();
        }
    }
}
