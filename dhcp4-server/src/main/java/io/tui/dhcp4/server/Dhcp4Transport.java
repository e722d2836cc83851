package io.tui.dhcp4.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.lease.LeaseStore;
import io.tui.dhcp.core.net.ReadBatches;
import io.tui.dhcp.core.net.UdpTransport;
import io.tui.dhcp4.net.DeviceBinding;
import io.tui.dhcp4.net.Ipv4UdpFrames;
import io.tui.dhcp4.net.PacketSocket;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The v4 sockets, on Netty. One UDP socket per {@code interfaces-config} entry, each bound to {@code 0.0.0.0:port}
 * and to its device with {@code SO_BINDTODEVICE} (so broadcasts arrive, and each socket knows its interface and
 * address); {@code eth0/192.0.2.1} names the address used as server identifier; {@code *} means every interface that
 * is up, not loopback, and has an IPv4 address. Replies follow {@link Reply4.Route}: relay and ciaddr unicast and
 * broadcasts go out of the receiving socket; replies to clients without an address go at layer 2 through an
 * AF_PACKET {@link PacketSocket} on the receiving interface, or as a broadcast when that socket cannot be opened.
 *
 * <p>The transport is {@link UdpTransport#choose}'s (epoll, whose native library the build ships; NIO where it does not
 * load, or with {@code -Dtui.transport=nio}): the socket exists when the channel is made, so {@code SO_BINDTODEVICE}
 * is set on its descriptor before the bind. With NIO the device binding goes through
 * {@link DeviceBinding}; without that (no {@code --add-exports}), one unbound socket serves the first interface.
 *
 * <p>With packets processed on the event loop (memfile), each read batch is one {@link ReadBatches} batch: the lease
 * rows of the batch are written with one system call at its end, the ACKs waiting for them complete on the loop,
 * and the batch's replies leave together.
 */
public final class Dhcp4Transport implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("kea-dhcp4.dhcp4");

    /** One interface to listen on. */
    public record Endpoint(String iface, int address) {}

    private final Function<Inbound4, CompletionStage<Reply4>> handler;
    private final Dhcp4Processor processor;
    private final Executor workers;
    /** Read batches: lease rows held and replies flushed once per batch. */
    private final ReadBatches batches;
    private final int serverPort;
    private final UdpTransport transport = UdpTransport.choose(System.getProperty("tui.transport"));
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
    private final List<Channel> channels = new ArrayList<>();
    private final Map<String, Channel> byIface = new ConcurrentHashMap<>();
    private final Map<String, PacketSocket> packetSockets = new ConcurrentHashMap<>();
    private final Map<String, Boolean> packetSocketFailed = new ConcurrentHashMap<>();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private volatile boolean layer2 = true;

    /**
     * @param handler the server's entry point for a received datagram (the processor behind the reload lock)
     * @param workers where packets are processed ({@code multi-threading}), or null for the event loop itself
     * @param writes  the lease store whose writes the event loop groups per read batch ({@link LeaseStore#holdWrites}),
     *                or null (a database: packets go to workers)
     */
    public Dhcp4Transport(Function<Inbound4, CompletionStage<Reply4>> handler, Dhcp4Processor processor,
            Executor workers, LeaseStore<?> writes, int serverPort) {
        this.handler = handler;
        this.processor = processor;
        this.workers = workers;
        this.batches = new ReadBatches(workers == null ? writes : null);
        this.serverPort = serverPort;
    }

    /** The endpoints {@code interfaces-config} names, resolved against the system's interfaces. */
    public static List<Endpoint> resolve(Services.InterfacesConfig config) throws IOException {
        Map<String, Endpoint> out = new LinkedHashMap<>();
        for (String entry : config.interfaces()) {
            if (entry.equals("*")) {
                for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (ni.isUp() && !ni.isLoopback() && address(ni) != 0) {
                        out.putIfAbsent(ni.getName(), new Endpoint(ni.getName(), address(ni)));
                    }
                }
                continue;
            }
            int slash = entry.indexOf('/');
            String name = slash < 0 ? entry : entry.substring(0, slash);
            NetworkInterface ni = NetworkInterface.getByName(name);
            if (ni == null) {
                throw new IOException("interface " + name + " does not exist");
            }
            int a;
            if (slash >= 0) {
                InetAddress given = InetAddress.ofLiteral(entry.substring(slash + 1));
                a = toInt(given);
            } else {
                a = address(ni);
            }
            out.put(name, new Endpoint(name, a));
        }
        return List.copyOf(out.values());
    }

    private static int address(NetworkInterface ni) throws SocketException {
        for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
            if (ia.getAddress() instanceof Inet4Address a) {
                return toInt(a);
            }
        }
        return 0;
    }

    static int toInt(InetAddress a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
    }

    static InetAddress toInet(int a) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8),
                    (byte) a});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens the sockets. With {@code requireAll} one failure fails the call; otherwise failures are logged and the
     * server runs on the sockets that opened (Kea's {@code service-sockets-require-all}).
     *
     * @return the endpoints that listen
     */
    public synchronized List<Endpoint> open(List<Endpoint> wanted, boolean requireAll, int retries,
            long retryWaitMillis) throws IOException {
        boolean bindDevice = transport.nativeSockets() || DeviceBinding.available();
        List<Endpoint> targets = wanted;
        if (!bindDevice && wanted.size() > 1) {
            LOG.warning("DHCP4_OPEN_SOCKET cannot bind sockets to devices (java.base/sun.nio.ch not exported): "
                    + "one socket serves " + wanted.getFirst().iface());
            targets = List.of(wanted.getFirst());
        }
        for (Endpoint e : targets) {
            IOException last = null;
            for (int attempt = 0; attempt <= retries; attempt++) {
                try {
                    openOne(e, bindDevice);
                    endpoints.add(e);
                    last = null;
                    break;
                } catch (IOException ex) {
                    last = ex;
                    if (attempt < retries) {
                        try {
                            Thread.sleep(retryWaitMillis);
                        } catch (InterruptedException ie) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                }
            }
            if (last != null) {
                if (requireAll) {
                    close();
                    throw new IOException("DHCP4_OPEN_SOCKET_FAIL " + e.iface() + ": " + last.getMessage(), last);
                }
                LOG.log(Level.WARNING, "DHCP4_OPEN_SOCKET_FAIL " + e.iface() + ": " + last.getMessage());
            }
        }
        return List.copyOf(endpoints);
    }

    private void openOne(Endpoint e, boolean bindDevice) throws IOException {
        if (transport.nativeSockets()) {
            openNative(e);
            return;
        }
        DatagramChannel jdk = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            jdk.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            jdk.setOption(StandardSocketOptions.SO_BROADCAST, true);
            jdk.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            if (bindDevice) {
                DeviceBinding.bind(jdk, e.iface());
            }
        } catch (IOException | RuntimeException ex) {
            jdk.close();
            throw ex;
        }
        bind(e, new NioDatagramChannel(jdk));
    }

    private void openNative(Endpoint e) throws IOException {
        io.netty.channel.socket.DatagramChannel ch = transport.newChannel(SocketProtocolFamily.INET);
        try {
            ch.config().setReuseAddress(true);
            ch.config().setBroadcast(true);
            // room for bursts (relays and perfdhcp send in bursts): 4 MiB, capped by net.core.rmem_max
            ch.config().setReceiveBufferSize(4 << 20);
            if (ch instanceof EpollDatagramChannel epoll) {
                // recvmmsg: up to 16 datagrams (of at most 2 KiB; DHCPv4 needs 576 to 1500) per system call
                epoll.config().setMaxDatagramPayloadSize(2048);
                epoll.config().setRecvByteBufAllocator(new io.netty.channel.FixedRecvByteBufAllocator(16 * 2048));
            }
            DeviceBinding.bind(transport.fd(ch), e.iface());
        } catch (IOException | RuntimeException ex) {
            ch.unsafe().closeForcibly();
            throw ex;
        }
        bind(e, ch);
    }

    /** Registers the prepared channel with the event loop, binds it to the server port and records it. */
    private void bind(Endpoint e, Channel ch) throws IOException {
        Bootstrap b = new Bootstrap().group(group).channelFactory(() -> ch).handler(new Receiver(e));
        try {
            b.bind(new InetSocketAddress(serverPort)).sync();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding", ie);
        } catch (RuntimeException ex) {
            ch.close();
            throw new IOException("bind to port " + serverPort + " on " + e.iface() + ": " + ex.getMessage(), ex);
        }
        channels.add(ch);
        byIface.put(e.iface(), ch);
        LOG.info("DHCP4_OPEN_SOCKET listening on " + e.iface() + " (" + Dhcp4Processor.ip(e.address()) + ") port "
                + serverPort + " (" + transport + ")");
    }

    /**
     * Kea's {@code dhcp-socket-type}: {@code raw} (the default) sends replies to clients without an address at layer
     * 2; {@code udp} cannot, and broadcasts them.
     */
    public void socketType(String type) {
        layer2 = !"udp".equals(type);
    }

    /** The endpoints that listen. */
    public synchronized List<Endpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    private final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Endpoint endpoint;

        Receiver(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            batches.read(ctx.channel());
            ByteBuf content = msg.content();
            byte[] data = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), data);
            int source = toInt(msg.sender().getAddress());
            Inbound4 in = new Inbound4(data, endpoint.iface(), endpoint.address(), source, msg.sender().getPort(),
                    source == 0);
            if (workers == null) {
                handle(in);
            } else {
                try {
                    workers.execute(() -> handle(in));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    LOG.fine("DHCP4_PACKET_QUEUE_FULL dropping a packet");
                }
            }
        }

        /**
         * The end of one read batch (one or more recvmmsg calls): the batch's lease rows are written with one system
         * call, which completes the ACKs waiting for them, and every reply of the batch leaves with one flush
         * (sendmmsg).
         */
        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            batches.readComplete(ctx.channel());
            ctx.fireChannelReadComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.log(Level.WARNING, "DHCP4_BUFFER_RECEIVE_FAIL on " + endpoint.iface() + ": " + cause);
        }
    }

    private void handle(Inbound4 in) {
        handler.apply(in).whenComplete((reply, error) -> {
            if (error != null) {
                LOG.log(Level.WARNING, "DHCP4_PACKET_PROCESS_FAIL", error);
            } else if (reply != null) {
                send(reply);
            }
        });
    }

    /** Sends a reply along its route; counts it when it went out. */
    public void send(Reply4 reply) {
        Channel ch = reply.iface() == null ? null : byIface.get(reply.iface());
        if (ch == null && !channels.isEmpty()) {
            ch = channels.getFirst();
        }
        try {
            if (reply.route() == Reply4.Route.LINK_LAYER) {
                PacketSocket ps = layer2 ? packetSocket(reply.iface()) : null;
                if (ps != null) {
                    ByteBuffer payload = processor.encode(reply.packet(), 0);
                    ByteBuffer frame = ByteBuffer.allocate(Ipv4UdpFrames.HEADERS_LENGTH + payload.remaining());
                    Ipv4UdpFrames.write(frame, Ipv4UdpFrames.IpFields.keaCompatible(), reply.source(), serverPort,
                            reply.destination(), reply.port(), payload);
                    frame.flip();
                    ps.send(reply.mac(), frame);
                    processor.countSent(reply);
                    return;
                }
                reply = new Reply4(reply.packet(), Reply4.Route.BROADCAST, 0xffff_ffff, reply.port(), reply.iface(),
                        reply.source(), null);
            }
            if (ch == null) {
                return;
            }
            // encoded straight into a pooled direct buffer, which the socket sends from and releases
            ByteBuf payload = processor.encode(reply.packet(), ch.alloc());
            Reply4 sentReply = reply;
            // On the loop during a read batch: leaves with the batch's flush; otherwise flushed at once or by one
            // flush task per channel (replies from workers and the fsync writer)
            batches.send(ch, new DatagramPacket(payload,
                    new InetSocketAddress(toInet(reply.destination()), reply.port()))).addListener(f -> {
                        if (f.isSuccess()) {
                            processor.countSent(sentReply);
                        } else {
                            LOG.warning("DHCP4_PACKET_SEND_FAIL to " + Dhcp4Processor.ip(sentReply.destination())
                                    + ": " + f.cause());
                        }
                    });
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "DHCP4_PACKET_SEND_FAIL " + e.getMessage());
        }
    }

    private PacketSocket packetSocket(String iface) {
        if (iface == null || packetSocketFailed.containsKey(iface)) {
            return null;
        }
        try {
            return packetSockets.computeIfAbsent(iface, n -> {
                try {
                    return PacketSocket.open(n);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (RuntimeException e) {
            packetSocketFailed.put(iface, true);
            LOG.warning("DHCP4_PACKET_SOCKET_FAIL " + iface + ": " + e.getMessage()
                    + "; replies to clients without an address are broadcast");
            return null;
        }
    }

    /** Closes the sockets (in-flight replies already handed to Netty are flushed first). */
    @Override
    public synchronized void close() {
        for (Channel c : channels) {
            c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        channels.clear();
        byIface.clear();
        endpoints.clear();
        for (PacketSocket ps : packetSockets.values()) {
            try {
                ps.close();
            } catch (IOException e) {
                LOG.fine("closing packet socket: " + e);
            }
        }
        packetSockets.clear();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
