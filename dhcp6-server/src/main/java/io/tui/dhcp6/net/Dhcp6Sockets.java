package io.tui.dhcp6.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.tui.dhcp.core.net.ReadBatches;
import io.tui.dhcp.core.net.SocketPlan;
import io.tui.dhcp.core.net.UdpTransport;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp6.proc.Received;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The DHCPv6 server's sockets, on Netty: epoll or NIO as {@link UdpTransport#choose} picks. The sockets
 * of one interface share one event loop, so a reply written to the interface's link-local socket while its multicast
 * socket's read batch runs leaves with that batch's flush ({@link ReadBatches}), after the batch's lease rows are
 * written.
 *
 * <p>Per interface named in {@code interfaces-config} (or every up, multicast-capable, non-loopback interface for
 * {@code *}):
 * <ul>
 *   <li>a socket bound to {@code [ff02::1:2%iface]:port} that joins ff02::1:2 on that interface. Binding a
 *       link-scoped address with a scope id binds the socket to the device (Linux sets {@code sk_bound_dev_if}), so
 *       each socket receives only its own link's multicast, and the receiving interface is known without
 *       {@code IPV6_PKTINFO}, which the JVM does not expose;</li>
 *   <li>a socket bound to the interface's link-local address {@code [fe80::…%iface]:port}: it receives unicast to
 *       that address and sends the replies to direct clients, so they leave with the link-local source and on the
 *       right link even when several interfaces share the fe80::/64 route;</li>
 *   <li>with {@code iface/address}, a socket bound to that unicast address (relays and clients told to unicast);</li>
 *   <li>optionally a socket bound to {@code [ff05::1:3]:port} (All_DHCP_Servers, where dhcrelay sends by default)
 *       joined on every interface.</li>
 * </ul>
 * Replies to a direct client go to its link-local source address (with the interface's scope) on the client port;
 * replies to a relay go to its address on port 547, or to its source port when it sent a relay source port option
 * (RFC 8357).
 *
 * <p>Reconfiguration ({@link #prepare}, then {@link #commit} or {@link #abort}): the sockets of an interface a new
 * configuration adds, or whose index, link-local address or unicast entries changed, are opened first, not reading
 * yet; after the swap they start reading, the sockets of interfaces no longer named are closed, the ff05::1:3 socket
 * joins and leaves the group on the interfaces that came and went, and kept interfaces take their new global
 * addresses (subnet selection).
 */
public final class Dhcp6Sockets implements AutoCloseable {
    /** All_DHCP_Relay_Agents_and_Servers. */
    public static final Ip6Address ALL_AGENTS = Ip6Address.parse("ff02::1:2");
    /** All_DHCP_Servers. */
    public static final Ip6Address ALL_SERVERS = Ip6Address.parse("ff05::1:3");

    /** Receives datagrams; called on a Netty event loop thread. The buffer is released after the call. */
    @FunctionalInterface
    public interface Handler {
        void datagram(ByteBuf data, Received received, Replier replier);
    }

    /** Sends a reply for one received datagram. Thread-safe. */
    public interface Replier {
        /** Sends {@code data} (released by the socket layer) to {@code destination}. */
        void send(ByteBuf data, InetSocketAddress destination);
    }

    /** One interface the server listens on. */
    public record Listen(NetworkInterface iface, List<InetAddress> unicast) {}

    /** The sockets of one interface, and what they were opened for. */
    private record IfaceSockets(Listen listen, int index, Inet6Address linkLocal, List<Channel> channels,
            List<Inbound> inbounds) {
        boolean sameSockets(Listen l) {
            return index == l.iface().getIndex() && Objects.equals(linkLocal, Dhcp6Sockets.linkLocal(l.iface()))
                    && listen.unicast().equals(l.unicast());
        }
    }

    /**
     * Sockets opened for a configuration that is not running yet: {@link #commit} puts them to work, {@link #abort}
     * closes them.
     */
    public static final class Change {
        private final List<Listen> wanted;
        private final Map<String, IfaceSockets> opened;
        private final Channel allOpened;
        private boolean done;

        private Change(List<Listen> wanted, Map<String, IfaceSockets> opened, Channel allOpened) {
            this.wanted = wanted;
            this.opened = opened;
            this.allOpened = allOpened;
        }
    }

    private final EventLoopGroup group;
    private final boolean ownGroup;
    private final UdpTransport transport;
    private final ReadBatches batches;
    private final int port;
    private final boolean allServers;
    private final Handler handler;
    /** The sockets of each interface, in configuration order; guarded by this. */
    private final Map<String, IfaceSockets> ifaces = new LinkedHashMap<>();
    /** The ff05::1:3 socket, or null; guarded by this. */
    private Channel all;
    /** Set by {@link #close}; guarded by this. */
    private boolean closed;

    private Dhcp6Sockets(EventLoopGroup group, boolean ownGroup, UdpTransport transport, ReadBatches batches,
            int port, boolean allServers, Handler handler) {
        this.group = group;
        this.ownGroup = ownGroup;
        this.transport = transport;
        this.batches = batches;
        this.port = port;
        this.allServers = allServers;
        this.handler = handler;
    }

    /** The transport in use. */
    public UdpTransport transport() {
        return transport;
    }

    /** The system's interfaces now, by name (a detection, for {@link #resolve(List, Map)}). */
    public static Map<String, NetworkInterface> detect() throws IOException {
        Map<String, NetworkInterface> out = new LinkedHashMap<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            out.put(ni.getName(), ni);
        }
        return out;
    }

    /** The interfaces of {@code interfaces-config}: {@code name}, {@code name/address}, or {@code *}. */
    public static List<Listen> resolve(List<String> names) throws IOException {
        return resolve(names, detect());
    }

    /**
     * The interfaces of {@code interfaces-config} among {@code detected} (the system's interfaces as a detection
     * saw them: {@code re-detect} false resolves a reload against the last one).
     */
    public static List<Listen> resolve(List<String> names, Map<String, NetworkInterface> detected)
            throws IOException {
        Map<String, Listen> out = new LinkedHashMap<>();
        for (String spec : names) {
            String name = spec;
            InetAddress unicast = null;
            int slash = spec.indexOf('/');
            if (slash >= 0) {
                name = spec.substring(0, slash);
                String addr = spec.substring(slash + 1);
                try {
                    unicast = InetAddress.getByName(addr);
                } catch (UnknownHostException e) {
                    throw new IOException("interface " + spec + ": " + addr + " is not an address", e);
                }
                if (!(unicast instanceof Inet6Address)) {
                    throw new IOException("interface " + spec + ": " + addr + " is not an IPv6 address");
                }
            }
            if (name.equals("*")) {
                for (NetworkInterface ni : detected.values()) {
                    if (ni.isUp() && !ni.isLoopback() && ni.supportsMulticast() && linkLocal(ni) != null) {
                        out.putIfAbsent(ni.getName(), new Listen(ni, new ArrayList<>()));
                    }
                }
                continue;
            }
            NetworkInterface ni = detected.get(name);
            if (ni == null) {
                throw new IOException("interface " + name + " does not exist");
            }
            Listen l = out.computeIfAbsent(name, n -> new Listen(ni, new ArrayList<>()));
            if (unicast != null) {
                InetAddress scoped = unicast;
                if (unicast.isLinkLocalAddress()) {
                    scoped = Inet6Address.getByAddress(null, unicast.getAddress(), ni);
                }
                l.unicast().add(scoped);
            }
        }
        return List.copyOf(out.values());
    }

    /** The interface's link-local address (scoped), or null. */
    public static Inet6Address linkLocal(NetworkInterface ni) {
        for (InterfaceAddress a : ni.getInterfaceAddresses()) {
            if (a.getAddress() instanceof Inet6Address i6 && i6.isLinkLocalAddress()) {
                try {
                    return Inet6Address.getByAddress(null, i6.getAddress(), ni);
                } catch (UnknownHostException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The interface's global (non link-local) IPv6 addresses. */
    public static List<Ip6Address> globals(NetworkInterface ni) {
        List<Ip6Address> out = new ArrayList<>();
        for (InterfaceAddress a : ni.getInterfaceAddresses()) {
            if (a.getAddress() instanceof Inet6Address i6 && !i6.isLinkLocalAddress() && !i6.isLoopbackAddress()) {
                out.add(Ip6Address.of(i6.getAddress()));
            }
        }
        return out;
    }

    /**
     * Opens the sockets.
     *
     * @param threads   event loop threads (the handler runs on them)
     * @param allServers also listen on ff05::1:3
     * @param batches   the read batches the handler's lease writes and replies are grouped by
     */
    public static Dhcp6Sockets open(List<Listen> listen, int port, int threads, boolean allServers, Handler handler,
            ReadBatches batches) throws IOException {
        UdpTransport transport = UdpTransport.choose(System.getProperty("tui.transport"));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Math.max(1, threads), transport.ioHandlerFactory());
        Dhcp6Sockets s = new Dhcp6Sockets(group, true, transport, batches, port, allServers, handler);
        try {
            s.commit(s.prepare(listen));
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /**
     * Opens what {@code listen} needs and the running sockets do not have: the sockets of added interfaces (and of
     * interfaces whose index, link-local address or unicast entries changed), and the ff05::1:3 socket when there was
     * none; none of them reads yet. Nothing running changes. When one does not open, the others this call opened are
     * closed and the call fails.
     */
    public synchronized Change prepare(List<Listen> listen) throws IOException {
        if (closed) {
            throw new IOException("the sockets are closed");
        }
        Map<String, IfaceSockets> opened = new LinkedHashMap<>();
        Channel allOpened = null;
        try {
            for (Listen l : listen) {
                IfaceSockets running = ifaces.get(l.iface().getName());
                if (running == null || !running.sameSockets(l)) {
                    opened.put(l.iface().getName(), bindIface(l));
                }
            }
            if (allServers && all == null && !listen.isEmpty()) {
                allOpened = bind(group.next(),
                        new InetSocketAddress(InetAddress.getByAddress(ALL_SERVERS.toByteArray()), port),
                        new Inbound(null, List.of(), false, null, handler, batches));
            }
        } catch (IOException | RuntimeException e) {
            for (IfaceSockets o : opened.values()) {
                closeAll(o.channels());
            }
            if (allOpened != null) {
                closeAll(List.of(allOpened));
            }
            throw e;
        }
        return new Change(List.copyOf(listen), opened, allOpened);
    }

    /**
     * Puts a prepared change to work (after its configuration was swapped in): the new sockets start reading, the
     * sockets of interfaces no longer named (or replaced) are closed, the ff05::1:3 socket follows the interfaces,
     * and kept interfaces take their current global addresses.
     */
    public void commit(Change change) {
        List<Channel> closing = new ArrayList<>();
        synchronized (this) {
            if (change.done) {
                return;
            }
            if (closed) {
                abort(change);
                return;
            }
            change.done = true;
            SocketPlan<String, IfaceSockets> plan = SocketPlan.of(change.wanted, l -> l.iface().getName(),
                    change.opened, ifaces, (l, running) -> {
                        List<Ip6Address> globals = globals(l.iface());
                        for (Inbound in : running.inbounds()) {
                            in.globals = globals;
                        }
                        return running;
                    });
            Map<String, IfaceSockets> next = plan.next();
            List<NetworkInterface> joins = new ArrayList<>();
            for (Listen l : change.wanted) {
                if (change.opened.containsKey(l.iface().getName())) {
                    joins.add(l.iface());
                }
            }
            List<NetworkInterface> leaves = new ArrayList<>();
            for (IfaceSockets gone : plan.closing()) {
                closing.addAll(gone.channels());
                leaves.add(gone.listen().iface());
            }
            ifaces.clear();
            ifaces.putAll(next);
            if (change.allOpened != null) {
                all = change.allOpened;
                joins.clear();
                for (IfaceSockets i : next.values()) {
                    joins.add(i.listen().iface());
                }
            }
            if (all != null && next.isEmpty()) {
                closing.add(all);
                all = null;
            }
            if (all != null) {
                for (NetworkInterface ni : leaves) {
                    try {
                        leave(all, ALL_SERVERS, ni);
                    } catch (IOException e) {
                        // the interface is gone, and its membership with it
                    }
                }
                for (NetworkInterface ni : joins) {
                    try {
                        join(all, ALL_SERVERS, ni);
                    } catch (IOException e) {
                        Logger.getLogger("kea-dhcp6.dhcp6").warning("DHCP6_OPEN_SOCKET " + e.getMessage());
                    }
                }
                all.config().setAutoRead(true);
            }
            for (IfaceSockets o : change.opened.values()) {
                for (Channel c : o.channels()) {
                    c.config().setAutoRead(true);
                }
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
        for (IfaceSockets o : change.opened.values()) {
            closeAll(o.channels());
        }
        if (change.allOpened != null) {
            closeAll(List.of(change.allOpened));
        }
    }

    /** The names of the interfaces listened on. */
    public synchronized List<String> interfaces() {
        return List.copyOf(ifaces.keySet());
    }

    private void closeAll(List<Channel> channels) {
        for (Channel c : channels) {
            c.close().awaitUninterruptibly();
            batches.closed(c);
        }
    }

    private ChannelFactory<DatagramChannel> factory() {
        return () -> {
            DatagramChannel ch = transport.newChannel(SocketProtocolFamily.INET6);
            if (ch instanceof EpollDatagramChannel epoll) {
                // recvmmsg: up to 16 datagrams (of at most 2 KiB) per system call
                epoll.config().setMaxDatagramPayloadSize(2048);
                epoll.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(16 * 2048));
            }
            return ch;
        };
    }

    /** Binds the sockets of one interface (not reading yet); when one fails, the others are closed. */
    private IfaceSockets bindIface(Listen l) throws IOException {
        NetworkInterface ni = l.iface();
        EventLoop loop = group.next(); // one loop per interface: its sockets' reads and replies stay on it
        Inet6Address ll = linkLocal(ni);
        List<Ip6Address> globals = globals(ni);
        List<Channel> channels = new ArrayList<>();
        List<Inbound> inbounds = new ArrayList<>();
        try {
            Channel uni = null;
            if (ll != null) {
                Inbound in = new Inbound(ni.getName(), globals, true, null, handler, batches);
                try {
                    uni = bind(loop, new InetSocketAddress(ll, port), in);
                    channels.add(uni);
                    inbounds.add(in);
                } catch (IOException e) {
                    // a tentative (DAD) link-local address: replies leave through the multicast socket, which is
                    // bound to the same device, until a reload or restart picks the address up
                    uni = null;
                }
            }
            Inet6Address group = (Inet6Address) Inet6Address.getByAddress(null, ALL_AGENTS.toByteArray(), ni);
            Inbound mcIn = new Inbound(ni.getName(), globals, false, uni, handler, batches);
            Channel mc = bind(loop, new InetSocketAddress(group, port), mcIn);
            channels.add(mc);
            inbounds.add(mcIn);
            join(mc, ALL_AGENTS, ni);
            for (InetAddress u : l.unicast()) {
                Inbound in = new Inbound(ni.getName(), globals, true, null, handler, batches);
                channels.add(bind(loop, new InetSocketAddress(u, port), in));
                inbounds.add(in);
            }
        } catch (IOException | RuntimeException e) {
            closeAll(channels);
            throw e;
        }
        return new IfaceSockets(l, ni.getIndex(), ll, List.copyOf(channels), List.copyOf(inbounds));
    }

    private static void join(Channel ch, Ip6Address group, NetworkInterface ni) throws IOException {
        InetAddress g = InetAddress.getByAddress(group.toByteArray());
        var f = ((DatagramChannel) ch).joinGroup(new InetSocketAddress(g, 0), ni).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new IOException("cannot join " + group + " on " + ni.getName() + ": " + f.cause(), f.cause());
        }
    }

    private static void leave(Channel ch, Ip6Address group, NetworkInterface ni) throws IOException {
        InetAddress g = InetAddress.getByAddress(group.toByteArray());
        var f = ((DatagramChannel) ch).leaveGroup(new InetSocketAddress(g, 0), ni).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new IOException("cannot leave " + group + " on " + ni.getName() + ": " + f.cause(), f.cause());
        }
    }

    /** Binds one socket, not reading yet ({@link #commit} starts it). */
    private Channel bind(EventLoop loop, InetSocketAddress address, Inbound inbound) throws IOException {
        Bootstrap b = new Bootstrap().group(loop).channelFactory(factory())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                // room for bursts (relays and perfdhcp send in bursts): 4 MiB, capped by net.core.rmem_max
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .handler(inbound);
        var f = b.bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new IOException("cannot bind " + address + ": " + f.cause().getMessage(), f.cause());
        }
        return f.channel();
    }

    /** The addresses the sockets are bound to (diagnostics and tests). */
    public synchronized List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (IfaceSockets i : ifaces.values()) {
            for (Channel c : i.channels()) {
                out.add((InetSocketAddress) c.localAddress());
            }
        }
        if (all != null) {
            out.add((InetSocketAddress) all.localAddress());
        }
        return out;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            for (IfaceSockets i : ifaces.values()) {
                closeAll(i.channels());
            }
            ifaces.clear();
            if (all != null) {
                closeAll(List.of(all));
                all = null;
            }
        }
        if (ownGroup) {
            group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    /** One socket's receive side. */
    private static final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {
        private final String iface;
        /** The interface's global addresses (subnet selection); a reload with {@code re-detect} updates them. */
        private volatile List<Ip6Address> globals;
        private final boolean unicast;
        private final Channel replyVia;
        private final Handler handler;
        private final ReadBatches batches;

        Inbound(String iface, List<Ip6Address> globals, boolean unicast, Channel replyVia, Handler handler,
                ReadBatches batches) {
            super(true);
            this.iface = iface;
            this.globals = globals;
            this.unicast = unicast;
            this.replyVia = replyVia;
            this.handler = handler;
            this.batches = batches;
        }

        @Override
        public boolean isSharable() {
            return false;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            batches.read(ctx.channel());
            InetSocketAddress sender = packet.sender();
            Received rx = new Received(iface, globals, sender.getAddress(), sender.getPort(), unicast);
            Channel out = replyVia != null && replyVia.isActive() ? replyVia : ctx.channel();
            handler.datagram(packet.content(), rx, (data, dest) -> batches.send(out, new DatagramPacket(data, dest)));
        }

        /** The end of a read batch: its lease rows are written, then its replies leave together. */
        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            batches.readComplete(ctx.channel());
            ctx.fireChannelReadComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A send error (such as an unreachable destination) on a UDP socket: nothing to do but go on.
        }
    }

    /** A scoped copy of {@code address} for the interface {@code iface} (link-local destinations). */
    public static InetAddress scoped(InetAddress address, NetworkInterface iface) throws SocketException {
        if (address instanceof Inet6Address a && a.isLinkLocalAddress() && a.getScopeId() == 0 && iface != null) {
            try {
                return Inet6Address.getByAddress(null, a.getAddress(), iface);
            } catch (UnknownHostException e) {
                throw new SocketException(e.getMessage());
            }
        }
        return address;
    }
}
