package io.tui.dhcp.core.net;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.util.Locale;

/**
 * The Netty transport both servers' UDP sockets run on.
 *
 * <ul>
 *   <li>{@link #EPOLL}, the default where its native library loads (the build ships it): {@code recvmmsg} of up to
 *       16 datagrams per call, so a loaded server takes its packets in batches, and {@code sendmmsg} of a batch's
 *       replies. The socket exists when the channel is made, so options such as {@code SO_BINDTODEVICE} are set on
 *       its descriptor ({@link #fd}) before it is bound.</li>
 *   <li>{@link #NIO}: the JDK's selector, where epoll does not load.</li>
 * </ul>
 *
 * Netty's io_uring transport was measured too (BENCHMARKS.md): it saved a little CPU at low load, but its datagram
 * channel submits one receive at a time, so under load it took about one {@code io_uring_enter} per packet and
 * reached a lower rate than epoll's {@code recvmmsg} batches.
 */
public enum UdpTransport {
    EPOLL,
    NIO;

    /**
     * The transport to use: {@code requested} ({@code epoll} or {@code nio}) when it is available, else the best
     * available one. Null or {@code auto} asks for the best.
     */
    public static UdpTransport choose(String requested) {
        String r = requested == null ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        return !r.equals("nio") && epollAvailable() ? EPOLL : NIO;
    }

    private static boolean epollAvailable() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** The event loops' I/O handler. */
    public IoHandlerFactory ioHandlerFactory() {
        return switch (this) {
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
    }

    /** A new, unbound datagram channel of this transport. */
    public DatagramChannel newChannel(SocketProtocolFamily family) {
        return switch (this) {
            case EPOLL -> new EpollDatagramChannel(family);
            case NIO -> new NioDatagramChannel(family);
        };
    }

    /** The descriptor of a native channel's socket (it exists before the bind), or -1 for NIO. */
    public int fd(Channel channel) {
        if (channel instanceof EpollDatagramChannel e) {
            return e.fd().intValue();
        }
        return -1;
    }

    /** Whether sockets have a descriptor before the bind. */
    public boolean nativeSockets() {
        return this != NIO;
    }

    /** Log text: {@code epoll}, {@code nio}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
