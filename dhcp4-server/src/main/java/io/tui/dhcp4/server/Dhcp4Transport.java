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
import io.tui.dhcp.core.net.SocketPlan;
import io.tui.dhcp.core.net.UdpTransport;
import io.tui.dhcp4.net.DeviceBinding;
import io.tui.dhcp4.net.Ipv4UdpFrames;
import io.tui.dhcp4.net.PacketSocket;
import io.tui.dhcp4.net.ReceiveFilter;
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
 * <p>{@code outbound-interface: use-routing}: one more UDP socket on {@code 0.0.0.0:port}, bound to no device, sends
 * the replies that go to an IP unicast address (relays, ciaddr), so the kernel's routing table picks the interface
 * and the source address. It receives nothing: a BPF filter that accepts nothing ({@link ReceiveFilter}) drops what
 * the kernel would hand it (copies of broadcasts, datagrams arriving on interfaces not listened on), and it is never
 * read. Datagrams for the server still reach the device-bound sockets: the kernel prefers a socket bound to the
 * receiving device over an unbound one.
 *
 * <p>Reconfiguration ({@link #prepare}, then {@link #commit} or {@link #abort}): sockets for interfaces a new
 * configuration adds are opened first, not yet reading; the configuration is swapped in; then they start reading,
 * the sockets of interfaces it no longer names are closed, and kept sockets take the interface's new address (server
 * identifier). A socket whose interface was re-created (a new interface index) is opened afresh.
 *
 * <p>The transport is {@link UdpTransport#choose}'s (epoll, whose native library the build ships; NIO where it does not
 * load, or with {@code -Dtui.transport=nio}): the socket exists when the channel is made, so {@code SO_BINDTODEVICE}
 * is set on its descriptor before the bind. With NIO the device binding goes through
 * {@link DeviceBinding}; without that (no {@code --add-exports}), one unbound socket serves the first interface (and
 * already follows the routing table).
 *
 * <p>With packets processed on the event loop (memfile), each read batch is one {@link ReadBatches} batch: the lease
 * rows of the batch are written with one system call at its end, the ACKs waiting for them complete on the loop,
 * and the batch's replies leave together (the use-routing socket shares the loop, so its replies do too).
 */
public final class Dhcp4Transport implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("kea-dhcp4.dhcp4");

    /**
     * One interface to listen on.
     *
     * @param iface   the interface name
     * @param address its IPv4 address, the server identifier (0: none)
     * @param index   the kernel's interface index when it was detected (0: unknown)
     */
    public record Endpoint(String iface, int address, int index) {}

    /**
     * The system's interfaces as one detection saw them. A reload resolves {@code interfaces-config} against a new
     * detection when {@code re-detect} is true (Kea's default), else against the last one.
     */
    public record Detected(Map<String, Iface> interfaces) {
        /** One interface: name, index, flags, first IPv4 address (0: none). */
        public record Iface(String name, int index, boolean up, boolean loopback, int address) {}

        public Detected {
            interfaces = Collections.unmodifiableMap(new LinkedHashMap<>(interfaces));
        }

        /** The interfaces now. */
        public static Detected now() throws IOException {
            Map<String, Iface> out = new LinkedHashMap<>();
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                out.put(ni.getName(), new Iface(ni.getName(), ni.getIndex(), ni.isUp(), ni.isLoopback(), address(ni)));
            }
            return new Detected(out);
        }
    }

    /** A listening socket. */
    private record Listener(Endpoint endpoint, Channel channel, Receiver receiver) {}

    /**
     * Sockets opened for a configuration that is not running yet: {@link #commit} puts them to work, {@link #abort}
     * closes them.
     */
    public static final class Change {
        private final List<Endpoint> wanted;
        private final Map<String, Listener> opened;
        private final boolean useRouting;
        private final Channel routedOpened;
        private boolean done;

        private Change(List<Endpoint> wanted, Map<String, Listener> opened, boolean useRouting, Channel routedOpened) {
            this.wanted = wanted;
            this.opened = opened;
            this.useRouting = useRouting;
            this.routedOpened = routedOpened;
        }
    }

    private final Function<Inbound4, CompletionStage<Reply4>> handler;
    private final Dhcp4Processor processor;
    private final Executor workers;
    /** Read batches: lease rows held and replies flushed once per batch. */
    private final ReadBatches batches;
    private final int serverPort;
    private final UdpTransport transport = UdpTransport.choose(System.getProperty("tui.transport"));
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
    /** The listening sockets by interface, in configuration order; guarded by this. */
    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    /** What {@link #send} reads: the listening sockets by interface. */
    private final Map<String, Channel> byIface = new ConcurrentHashMap<>();
    /** The first listening socket (replies without an interface), or null. */
    private volatile Channel first;
    /** The {@code use-routing} socket, or null (replies leave by the receiving interface). */
    private volatile Channel routed;
    private final Map<String, PacketSocket> packetSockets = new ConcurrentHashMap<>();
    private final Map<String, Boolean> packetSocketFailed = new ConcurrentHashMap<>();
    private volatile boolean layer2 = true;
    /** Set by {@link #close}; guarded by this. */
    private boolean closed;

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

    /** The endpoints {@code interfaces-config} names, resolved against the system's interfaces now. */
    public static List<Endpoint> resolve(Services.InterfacesConfig config) throws IOException {
        return resolve(config, Detected.now());
    }

    /**
     * The endpoints {@code interfaces-config} names, resolved against {@code detected}.
     *
     * @throws IOException when a named interface is not among them, or an address is not an IPv4 address
     */
    public static List<Endpoint> resolve(Services.InterfacesConfig config, Detected detected) throws IOException {
        Map<String, Endpoint> out = new LinkedHashMap<>();
        for (String entry : config.interfaces()) {
            if (entry.equals("*")) {
                for (Detected.Iface i : detected.interfaces().values()) {
                    if (i.up() && !i.loopback() && i.address() != 0) {
                        out.putIfAbsent(i.name(), new Endpoint(i.name(), i.address(), i.index()));
                    }
                }
                continue;
            }
            int slash = entry.indexOf('/');
            String name = slash < 0 ? entry : entry.substring(0, slash);
            Detected.Iface i = detected.interfaces().get(name);
            if (i == null) {
                throw new IOException("interface " + name + " does not exist");
            }
            int a = i.address();
            if (slash >= 0) {
                InetAddress given;
                try {
                    given = InetAddress.ofLiteral(entry.substring(slash + 1));
                } catch (IllegalArgumentException e) {
                    throw new IOException("interface " + entry + ": not an IPv4 address", e);
                }
                if (!(given instanceof Inet4Address)) {
                    throw new IOException("interface " + entry + ": not an IPv4 address");
                }
                a = toInt(given);
            }
            out.put(name, new Endpoint(name, a, i.index()));
        }
        return List.copyOf(out.values());
    }

    private static int address(NetworkInterface ni) {
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
     * Opens the sockets at start. With {@code requireAll} one failure fails the call (and closes the transport);
     * otherwise failures are logged and the server runs on the sockets that opened (Kea's
     * {@code service-sockets-require-all}).
     *
     * @param useRouting Kea's {@code outbound-interface: use-routing}
     * @return the endpoints that listen
     */
    public List<Endpoint> open(List<Endpoint> wanted, boolean requireAll, int retries, long retryWaitMillis,
            boolean useRouting) throws IOException {
        try {
            commit(prepare(wanted, requireAll, retries, retryWaitMillis, useRouting));
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        return endpoints();
    }

    /**
     * Opens what a new configuration needs and the running one does not have: sockets for interfaces it adds (or
     * whose interface index changed), not reading yet, and the {@code use-routing} socket when it turns that on.
     * Nothing running changes. With {@code requireAll}, one socket that does not open (after {@code retries} retries
     * {@code retryWaitMillis} apart) closes the others this call opened and fails it, so the running sockets stay as
     * they are; otherwise the failure is logged and the configuration runs without that socket.
     */
    public synchronized Change prepare(List<Endpoint> wanted, boolean requireAll, int retries, long retryWaitMillis,
            boolean useRouting) throws IOException {
        if (closed) {
            throw new IOException("the sockets are closed");
        }
        boolean bindDevice = transport.nativeSockets() || DeviceBinding.available();
        List<Endpoint> targets = wanted;
        if (!bindDevice && wanted.size() > 1) {
            LOG.warning("DHCP4_OPEN_SOCKET cannot bind sockets to devices (java.base/sun.nio.ch not exported): "
                    + "one socket serves " + wanted.getFirst().iface());
            targets = List.of(wanted.getFirst());
        }
        Map<String, Listener> opened = new LinkedHashMap<>();
        List<Endpoint> serving = new ArrayList<>();
        Channel routedOpened = null;
        try {
            for (Endpoint e : targets) {
                Listener running = listeners.get(e.iface());
                if (running != null && (e.index() == 0 || running.endpoint().index() == e.index())) {
                    serving.add(e);
                    continue;
                }
                IOException last = null;
                for (int attempt = 0; attempt <= retries; attempt++) {
                    try {
                        opened.put(e.iface(), openOne(e, bindDevice));
                        serving.add(e);
                        last = null;
                        break;
                    } catch (IOException ex) {
                        last = ex;
                        if (attempt < retries) {
                            sleep(retryWaitMillis);
                        }
                    }
                }
                if (last != null) {
                    if (requireAll) {
                        throw new IOException("DHCP4_OPEN_SOCKET_FAIL " + e.iface() + ": " + last.getMessage(), last);
                    }
                    LOG.log(Level.WARNING, "DHCP4_OPEN_SOCKET_FAIL " + e.iface() + ": " + last.getMessage());
                    if (running != null) {
                        serving.add(running.endpoint()); // re-created interface: the old socket stays
                    }
                }
            }
            if (useRouting && bindDevice && routed == null && !targets.isEmpty()) {
                try {
                    routedOpened = openRouted();
                } catch (IOException ex) {
                    if (requireAll) {
                        throw new IOException("DHCP4_OPEN_SOCKET_FAIL outbound (use-routing): " + ex.getMessage(), ex);
                    }
                    LOG.warning("DHCP4_OPEN_SOCKET_FAIL outbound (use-routing): " + ex.getMessage()
                            + "; replies leave by the receiving interface");
                }
            }
        } catch (IOException | RuntimeException ex) {
            closeAll(opened.values().stream().map(Listener::channel).toList());
            if (routedOpened != null) {
                closeAll(List.of(routedOpened));
            }
            throw ex;
        }
        return new Change(List.copyOf(serving), opened, useRouting && bindDevice, routedOpened);
    }

    /**
     * Puts a prepared change to work (after the configuration it belongs to was swapped in): the new sockets start
     * reading, kept ones take their endpoint's address, the sockets of interfaces no longer named are closed, and the
     * {@code use-routing} socket is opened or closed as the configuration says.
     */
    public void commit(Change change) {
        List<Channel> closing = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        synchronized (this) {
            if (change.done) {
                return;
            }
            if (closed) {
                abort(change);
                return;
            }
            change.done = true;
            // A re-created interface's packet socket is bound to the old index, so it goes with the dropped ones.
            SocketPlan<String, Listener> plan = SocketPlan.of(change.wanted, Endpoint::iface, change.opened, listeners,
                    (e, running) -> {
                        running.receiver().endpoint = e;
                        return new Listener(e, running.channel(), running.receiver());
                    });
            Map<String, Listener> next = plan.next();
            for (Listener l : plan.closing()) {
                closing.add(l.channel());
            }
            gone.addAll(plan.closingKeys());
            listeners.clear();
            listeners.putAll(next);
            for (Map.Entry<String, Listener> l : next.entrySet()) {
                byIface.put(l.getKey(), l.getValue().channel());
            }
            byIface.keySet().retainAll(next.keySet());
            first = next.isEmpty() ? null : next.values().iterator().next().channel();
            if (change.routedOpened != null) {
                routed = change.routedOpened;
                LOG.info("DHCP4_OPEN_SOCKET outbound socket on port " + serverPort
                        + " (use-routing: replies to relays and ciaddr follow the routing table)");
            } else if (!change.useRouting && routed != null) {
                closing.add(routed);
                routed = null;
                LOG.info("DHCP4_CLOSE_SOCKET outbound socket (same-as-inbound)");
            }
            for (Listener l : change.opened.values()) {
                if (next.get(l.endpoint().iface()) == l) {
                    l.channel().config().setAutoRead(true);
                    LOG.info("DHCP4_OPEN_SOCKET listening on " + l.endpoint().iface() + " ("
                            + Dhcp4Processor.ip(l.endpoint().address()) + ") port " + serverPort + " (" + transport
                            + ")");
                } else {
                    closing.add(l.channel());
                }
            }
        }
        for (String iface : gone) {
            packetSocketFailed.remove(iface);
            PacketSocket ps = packetSockets.remove(iface);
            if (ps != null) {
                try {
                    ps.close();
                } catch (IOException e) {
                    LOG.fine("closing packet socket: " + e);
                }
            }
            if (!byIface.containsKey(iface)) {
                LOG.info("DHCP4_CLOSE_SOCKET no longer listening on " + iface);
            }
        }
        closeAll(closing);
    }

    /** Closes what {@link #prepare} opened; the running sockets stay as they are. */
    public void abort(Change change) {
        synchronized (this) {
            if (change.done) {
                return;
            }
            change.done = true;
        }
        List<Channel> closing = new ArrayList<>(change.opened.values().stream().map(Listener::channel).toList());
        if (change.routedOpened != null) {
            closing.add(change.routedOpened);
        }
        closeAll(closing);
    }

    private void closeAll(List<Channel> channels) {
        for (Channel c : channels) {
            c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            batches.closed(c);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to retry", ie);
        }
    }

    private Listener openOne(Endpoint e, boolean bindDevice) throws IOException {
        if (transport.nativeSockets()) {
            return openNative(e);
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
        return bind(e, new NioDatagramChannel(jdk));
    }

    private Listener openNative(Endpoint e) throws IOException {
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
        return bind(e, ch);
    }

    /**
     * Registers the prepared channel with the event loop, not reading yet ({@link #commit} starts it), and binds it to
     * the server port.
     */
    private Listener bind(Endpoint e, Channel ch) throws IOException {
        ch.config().setAutoRead(false);
        Receiver receiver = new Receiver(e);
        bindPort(e.iface(), ch, receiver);
        return new Listener(e, ch, receiver);
    }

    private void bindPort(String what, Channel ch, io.netty.channel.ChannelHandler handler) throws IOException {
        Bootstrap b = new Bootstrap().group(group).channelFactory(() -> ch).handler(handler);
        try {
            b.bind(new InetSocketAddress(serverPort)).sync();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            ch.close();
            throw new IOException("interrupted while binding", ie);
        } catch (RuntimeException ex) {
            ch.close();
            throw new IOException("bind to port " + serverPort + " on " + what + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The {@code use-routing} socket: {@code 0.0.0.0:port}, no device, send-only (a filter drops what it would
     * receive, and it is never read).
     */
    private Channel openRouted() throws IOException {
        Channel ch;
        if (transport.nativeSockets()) {
            io.netty.channel.socket.DatagramChannel n = transport.newChannel(SocketProtocolFamily.INET);
            try {
                n.config().setReuseAddress(true);
                ReceiveFilter.dropAll(transport.fd(n));
            } catch (IOException | RuntimeException ex) {
                n.unsafe().closeForcibly();
                throw ex;
            }
            ch = n;
        } else {
            DatagramChannel jdk = DatagramChannel.open(StandardProtocolFamily.INET);
            try {
                jdk.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                ReceiveFilter.dropAll(jdk);
            } catch (IOException | RuntimeException ex) {
                jdk.close();
                throw ex;
            }
            ch = new NioDatagramChannel(jdk);
        }
        ch.config().setAutoRead(false);
        bindPort("the outbound socket", ch, new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                LOG.fine("outbound socket: " + cause);
            }
        });
        return ch;
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
        return listeners.values().stream().map(Listener::endpoint).toList();
    }

    /** Whether replies to unicast destinations follow the routing table ({@code use-routing} in effect). */
    public boolean routing() {
        return routed != null;
    }

    private final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        /** The interface and its address; a reload may change the address ({@link #commit}). */
        volatile Endpoint endpoint;

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
            Endpoint at = endpoint;
            Inbound4 in = new Inbound4(data, at.iface(), at.address(), source, msg.sender().getPort(), source == 0);
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

    /**
     * Sends a reply along its route; counts it when it went out. With {@code use-routing}, replies to an IP unicast
     * address (a relay, ciaddr) leave through the unbound socket; the others through the receiving interface's socket.
     * A reply for an interface that a reload stopped listening on is dropped.
     */
    public void send(Reply4 reply) {
        Channel ch;
        Channel r = routed;
        if (reply.iface() == null) {
            ch = first;
        } else {
            ch = byIface.get(reply.iface());
            if (ch == null) {
                String iface = reply.iface();
                LOG.fine(() -> "DHCP4_PACKET_SEND_FAIL no socket on " + iface + " any more");
                return;
            }
        }
        if (r != null && (reply.route() == Reply4.Route.RELAY || reply.route() == Reply4.Route.UNICAST)) {
            ch = r;
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
        closed = true;
        List<Channel> closing = new ArrayList<>(listeners.values().stream().map(Listener::channel).toList());
        if (routed != null) {
            closing.add(routed);
        }
        closeAll(closing);
        listeners.clear();
        byIface.clear();
        first = null;
        routed = null;
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
