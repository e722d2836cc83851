package io.tui.dhcp6.proc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.alloc.AllocationEngine;
import io.tui.dhcp.core.alloc.AllocatorType;
import io.tui.dhcp.core.alloc.Client6;
import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseStore;
import io.tui.dhcp.core.stats.StatsRegistry;
import io.tui.dhcp.core.wire.v6.ClientIdOption;
import io.tui.dhcp.core.wire.v6.Dhcp6ClientMessage;
import io.tui.dhcp.core.wire.v6.Dhcp6Codec;
import io.tui.dhcp.core.wire.v6.Dhcp6Message;
import io.tui.dhcp.core.wire.v6.Dhcp6MessageType;
import io.tui.dhcp.core.wire.v6.Dhcp6Option;
import io.tui.dhcp.core.wire.v6.Duid;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.core.wire.v6.Octets;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** A pipeline over a real allocation engine and an in-memory store; queries and replies go through the codec. */
final class Dhcp6Harness {
    static final Duid SERVER_ID = new Duid.Llt(1, 12345, Octets.ofHex("02:00:00:00:00:01"));
    final StatsRegistry registry = new StatsRegistry(io.tui.dhcp.core.stats.SampleClock.system());
    final Dhcp6Stats stats = new Dhcp6Stats(registry);
    final AtomicReference<Dhcp6Runtime> runtime = new AtomicReference<>();
    final AllocationEngine<Lease6, Ip6Address, Client6> engine;
    final Dhcp6Processor processor;
    final Dhcp6Codec codec = new Dhcp6Codec();
    /** The time the processor reads (tests move it). */
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    /** The hooks' callouts the processor reads per query (empty: no callout is called). */
    final io.tui.dhcp.core.hook.Callouts callouts = new io.tui.dhcp.core.hook.Callouts();
    Dhcp6Exchange last;

    Dhcp6Harness(String dhcp6Body) throws Exception {
        var config = new ConfigLoader(Family.V6, w -> { }).loadText("{\"Dhcp6\": {" + dhcp6Body + "}}", "test", null);
        Dhcp6Runtime rt = new Dhcp6Runtime(config, SERVER_ID);
        runtime.set(rt);
        engine = AllocationEngine.v6(LeaseStore.inMemory(), rt.enginePools(),
                AllocationEngine.Settings.of(AllocatorType.ITERATIVE), stats);
        stats.configure(rt);
        processor = new Dhcp6Processor(runtime::get, () -> engine, stats, clock);
        processor.callouts(() -> callouts);
    }

    static Duid clientDuid(int n) {
        return new Duid.Ll(1, Octets.of((byte) 0x0a, (byte) 0, (byte) 0, (byte) 0, (byte) (n >> 8), (byte) n));
    }

    static Dhcp6ClientMessage msg(Dhcp6MessageType type, int xid, Dhcp6Option... options) {
        return Dhcp6ClientMessage.of(type, xid, options);
    }

    static ClientIdOption cid(int n) {
        return new ClientIdOption(clientDuid(n));
    }

    /** Sends {@code query} as multicast from a link-local client on {@code iface}; null when dropped. */
    Dhcp6Message send(Dhcp6Message query) throws Exception {
        return send(query, new Received("eth1", List.of(), InetAddress.getByName("fe80::a00:1"), 546, false));
    }

    Dhcp6Message send(Dhcp6Message query, Received rx) throws Exception {
        ByteBuf b = Unpooled.buffer();
        codec.encode(query, b);
        int len = b.readableBytes();
        Dhcp6Message decoded = codec.decode(b);
        Dhcp6Processor.Result r = processor.process(decoded, rx, len);
        last = r.exchange();
        r.durable().toCompletableFuture().get();
        if (r.reply() == null) {
            return null;
        }
        ByteBuf out = Unpooled.buffer();
        codec.encode(r.reply(), out);
        return codec.decode(out);
    }

    long stat(String name) {
        var n = registry.get(name);
        if (n.isEmpty()) {
            return -1;
        }
        return n.get(name).get(0).get(0).asLong();
    }
}
