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
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import java.util.Locale;

/**
 * The Netty transport both servers' UDP sockets run on.
 *
 * <ul>
 *   <li>{@link #IO_URING}, the default where the kernel allows it (Linux 5.1+, {@code kernel.io_uring_disabled} 0):
 *       receives and sends of a whole event-loop turn go to the kernel in one {@code io_uring_enter}, where epoll
 *       makes an {@code epoll_wait}, a {@code recvmmsg}, a {@code getsockopt} and a {@code sendto} per datagram at
 *       low load.</li>
 *   <li>{@link #EPOLL}: {@code recvmmsg} of up to 16 datagrams and {@code sendmmsg} of a batch's replies.</li>
 *   <li>{@link #NIO}: the JDK's selector, where neither native library loads.</li>
 * </ul>
 *
 * The native transports create the socket with the channel, so options such as {@code SO_BINDTODEVICE} can be set
 * on its descriptor ({@link #fd}) before it is bound.
 */
public enum UdpTransport {
    IO_URING,
    EPOLL,
    NIO;

    /**
     * The transport to use: {@code requested} ({@code io_uring}, {@code epoll} or {@code nio}) when it is available,
     * else the best available one. Null or {@code auto} asks for the best.
     */
    public static UdpTransport choose(String requested) {
        String r = requested == null ? "auto" : requested.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        boolean uring = uringAvailable();
        boolean epoll = epollAvailable();
        return switch (r) {
            case "nio" -> NIO;
            case "epoll" -> epoll ? EPOLL : NIO;
            default -> uring ? IO_URING : epoll ? EPOLL : NIO;
        };
    }

    private static boolean uringAvailable() {
        try {
            return IoUring.isAvailable();
        } catch (LinkageError e) {
            return false;
        }
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
            case IO_URING -> IoUringIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
    }

    /** A new, unbound datagram channel of this transport. */
    public DatagramChannel newChannel(SocketProtocolFamily family) {
        return switch (this) {
            case IO_URING -> new IoUringDatagramChannel(family);
            case EPOLL -> new EpollDatagramChannel(family);
            case NIO -> new NioDatagramChannel(family);
        };
    }

    /** The descriptor of a native channel's socket (it exists before the bind), or -1 for NIO. */
    public int fd(Channel channel) {
        if (channel instanceof IoUringDatagramChannel u) {
            return u.fd().intValue();
        }
        if (channel instanceof EpollDatagramChannel e) {
            return e.fd().intValue();
        }
        return -1;
    }

    /** Whether sockets have a descriptor before the bind. */
    public boolean nativeSockets() {
        return this != NIO;
    }

    /** Kea-style log text: {@code io_uring}, {@code epoll}, {@code nio}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
