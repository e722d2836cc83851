package io.tui.dhcp4.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.alloc.AllocationEngine;
import io.tui.dhcp.core.alloc.AllocatorType;
import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.hook.Callouts;
import io.tui.dhcp.core.host.ConfigHostSource;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseStore;
import io.tui.dhcp.core.server.Runtime4;
import io.tui.dhcp.core.server.StatsLeaseListener;
import io.tui.dhcp.core.stats.StatsRegistry;
import io.tui.dhcp.core.wire.ParseException;
import io.tui.dhcp.core.wire.v4.Dhcp4Codec;
import io.tui.dhcp.core.wire.v4.Dhcp4Packet;
import io.tui.dhcp.core.wire.v4.DhcpMessageType;
import io.tui.dhcp.core.wire.v4.Ipv4;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** The v4 pipeline in-process: a real config, engine, statistics and processor; packets built with the codec. */
final class Pipeline {
    static final int SERVER = Ipv4.of(192, 0, 2, 1);
    final AtomicLong now = new AtomicLong(1_800_000_000L);
    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(now.get());
        }
    };
    final Runtime4 rt;
    final AllocationEngine<Lease4, Integer, Client4> engine;
    final StatsRegistry stats = StatsRegistry.system();
    final AtomicBoolean enabled = new AtomicBoolean(true);
    final Dhcp4Processor processor;
    final Dhcp4Codec codec = new Dhcp4Codec();
    /** The hooks' callouts the processor reads per packet (empty: no callout is called). */
    final Callouts callouts = new Callouts();

    Pipeline(String config) throws Exception {
        this(config, LeaseStore.inMemory());
    }

    Pipeline(String config, LeaseStore<Lease4> store) throws Exception {
        ServerConfig c = new ConfigLoader(Family.V4, w -> { }).loadText(config, "test", null);
        rt = Runtime4.build(c, new ConfigHostSource(c));
        StatsLeaseListener listener = StatsLeaseListener.v4(stats);
        listener.configure(rt);
        engine = AllocationEngine.v4(store, rt.enginePools(), AllocationEngine.Settings.of(AllocatorType.ITERATIVE),
                listener);
        Dhcp4Processor.State state = new Dhcp4Processor.State(rt, engine);
        processor = new Dhcp4Processor(() -> state, stats, clock, enabled::get, 67, 68);
        processor.callouts(() -> callouts);
    }

    static byte[] mac(int i) {
        return new byte[] {2, 0, 0, 0, 0, (byte) i};
    }

    static Dhcp4Packet query(DhcpMessageType type, int client) {
        Dhcp4Packet p = new Dhcp4Packet();
        p.xid(0x1000 + client);
        p.hardwareAddress(Dhcp4Packet.HTYPE_ETHERNET, mac(client));
        p.options().putMessageType(type);
        return p;
    }

    byte[] encode(Dhcp4Packet p) {
        ByteBuf b = Unpooled.buffer();
        codec.encode(p, b);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    /** A broadcast on the served link (interface veth0, 192.0.2.1). */
    Reply4 direct(Dhcp4Packet q) throws Exception {
        return send(new Inbound4(encode(q), "veth0", SERVER, q.ciaddr(), 68, q.ciaddr() == 0));
    }

    Reply4 send(Inbound4 in) throws Exception {
        return processor.process(in).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    static Dhcp4Packet decodeReply(Pipeline p, Reply4 r) throws ParseException {
        return p.codec.decode(Unpooled.wrappedBuffer(p.processor.encode(r.packet(), 0)));
    }

    long stat(String name) {
        var n = stats.get(name);
        return n.has(name) ? n.get(name).get(0).get(0).asLong() : -1;
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
