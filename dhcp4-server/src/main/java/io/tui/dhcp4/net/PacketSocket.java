package io.tui.dhcp4.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A send-only Linux {@code AF_PACKET}/{@code SOCK_DGRAM} socket bound to one interface: it sends a complete IPv4
 * packet (from {@link Ipv4UdpFrames}) to a given Ethernet address, and the kernel adds the Ethernet header (source
 * MAC of the interface, EtherType 0x0800). No ARP is involved, which is what a reply to a client that has no address
 * yet needs (RFC 2131 section 4.1).
 *
 * <p>The socket is opened with protocol 0, so the kernel delivers no received frames to it (packet(7)): with
 * {@code htons(ETH_P_IP)} it would get a copy of every IPv4 packet on the interface and nobody would read them.
 * Each send names EtherType 0x0800 in its destination {@code sockaddr_ll}. Opening needs {@code CAP_NET_RAW}.
 *
 * <p>{@link #send} is safe to call from several threads at once, and {@link #close} may be called at any time: sends
 * in flight hold the descriptor, and the last of them closes it (so a reload that drops an interface cannot close a
 * descriptor under a send, whose number could by then belong to another file).
 */
public final class PacketSocket implements AutoCloseable {

    private final int fd;
    private final int ifindex;
    private final String interfaceName;
    /** {@link #CLOSED}, or'ed with the number of sends holding the descriptor. */
    private final AtomicInteger state = new AtomicInteger();
    private static final int CLOSED = 1 << 30;

    private PacketSocket(int fd, int ifindex, String interfaceName) {
        this.fd = fd;
        this.ifindex = ifindex;
        this.interfaceName = interfaceName;
    }

    /**
     * Opens a packet socket bound to the named interface.
     *
     * @throws IOException when the interface does not exist, or the socket cannot be opened (EPERM without
     *     CAP_NET_RAW) or bound; the message carries the call and the system's error text
     */
    public static PacketSocket open(String interfaceName) throws IOException {
        if (interfaceName.isEmpty() || interfaceName.length() > 15 || interfaceName.indexOf('\0') >= 0) {
            throw new IOException("not an interface name: \"" + interfaceName + "\"");
        }
        int ifindex = Libc.ifNameToIndex(interfaceName);
        int fd = Libc.socket(Libc.AF_PACKET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sll = sockaddrLl(arena, ifindex, 0, null);
            Libc.bind(fd, sll, interfaceName);
        } catch (IOException | RuntimeException e) {
            try {
                Libc.close(fd);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new PacketSocket(fd, ifindex, interfaceName);
    }

    /** The interface's name, as given to {@link #open}. */
    public String interfaceName() {
        return interfaceName;
    }

    /** The kernel's index of the interface. */
    public int interfaceIndex() {
        return ifindex;
    }

    /**
     * Sends one IPv4 packet, read from {@code ipPacket}'s position to its limit (the buffer is not changed), in an
     * Ethernet frame to {@code destinationMac}.
     *
     * @param destinationMac a 6-byte Ethernet address
     * @throws IOException when the kernel refuses the packet (the interface is down, the packet exceeds its MTU, ...)
     *     or sends only part of it, or the socket is closed
     * @throws IllegalArgumentException when {@code destinationMac} is not 6 bytes or the packet is empty
     */
    public void send(byte[] destinationMac, ByteBuffer ipPacket) throws IOException {
        if (destinationMac.length != Libc.ETH_ALEN) {
            throw new IllegalArgumentException("an Ethernet address has 6 bytes, not " + destinationMac.length);
        }
        int length = ipPacket.remaining();
        if (length == 0) {
            throw new IllegalArgumentException("empty packet");
        }
        int s;
        do {
            s = state.get();
            if ((s & CLOSED) != 0) {
                throw new IOException("packet socket on " + interfaceName + " is closed");
            }
        } while (!state.compareAndSet(s, s + 1));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(length);
            MemorySegment.copy(MemorySegment.ofBuffer(ipPacket), 0, data, 0, length);
            MemorySegment sll = sockaddrLl(arena, ifindex, Libc.ETH_P_IP, destinationMac);
            MemorySegment state = Libc.allocateCallState(arena);
            long sent = Libc.sendto(fd, data, sll, state, interfaceName);
            if (sent != length) {
                throw new IOException("sendto(" + interfaceName + ") sent " + sent + " of " + length + " bytes");
            }
        } finally {
            if (state.decrementAndGet() == CLOSED) {
                Libc.close(fd); // closed while this send held the descriptor: the last holder closes it
            }
        }
    }

    /**
     * A {@code struct sockaddr_ll} for {@code ifindex} and EtherType {@code protocol} (written in network byte order),
     * with {@code mac} as an Ethernet destination when not null (for {@code sendto}), or no address (for
     * {@code bind}).
     */
    static MemorySegment sockaddrLl(SegmentAllocator allocator, int ifindex, int protocol, byte[] mac) {
        MemorySegment sll = allocator.allocate(Libc.SOCKADDR_LL);
        sll.fill((byte) 0);
        sll.set(ValueLayout.JAVA_SHORT, Libc.SLL_FAMILY, (short) Libc.AF_PACKET);
        sll.set(Libc.NET_SHORT, Libc.SLL_PROTOCOL, (short) protocol);
        sll.set(ValueLayout.JAVA_INT, Libc.SLL_IFINDEX, ifindex);
        if (mac != null) {
            sll.set(ValueLayout.JAVA_SHORT, Libc.SLL_HATYPE, (short) Libc.ARPHRD_ETHER);
            sll.set(ValueLayout.JAVA_BYTE, Libc.SLL_HALEN, (byte) mac.length);
            MemorySegment.copy(mac, 0, sll, ValueLayout.JAVA_BYTE, Libc.SLL_ADDR, mac.length);
        }
        return sll;
    }

    /**
     * Closes the socket: later sends fail; the descriptor is closed now, or by the last send in flight. Later calls do
     * nothing.
     */
    @Override
    public void close() throws IOException {
        int before = state.getAndUpdate(s -> s | CLOSED);
        if (before == 0) {
            Libc.close(fd);
        }
    }

    @Override
    public String toString() {
        return "PacketSocket[" + interfaceName + " (index " + ifindex + "), fd " + fd
                + ((state.get() & CLOSED) != 0 ? ", closed]" : "]");
    }
}
