package io.tui.dhcp4.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The few libc functions {@link PacketSocket}, {@link DeviceBinding} and {@link ReceiveFilter} need, as FFM downcall
 * handles (Linux, LP64: x86-64 and aarch64).
 *
 * <p>Every handle except {@code if_nametoindex}'s and {@code strerror}'s captures {@code errno} right after the call
 * (through {@link Linker.Option#captureCallState}), so a failure is reported with the errno of that call and not of
 * whatever the JVM did afterwards. All fields are {@code static final} and immutable; there is no other state.
 */
@SuppressWarnings("restricted") // deliberate: this class is the one place that links to native code
final class Libc {

    static final int AF_PACKET = 17;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int ETH_P_IP = 0x0800;
    static final int ARPHRD_ETHER = 1;
    static final int ETH_ALEN = 6;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG; // size_t, ssize_t on LP64
    /** A 16-bit value in network byte order, as {@code sll_protocol} holds. */
    static final ValueLayout.OfShort NET_SHORT = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

    /**
     * {@code struct sockaddr_ll} from {@code <linux/if_packet.h>}: family, protocol (network byte order), interface
     * index, hardware type, packet type, address length and an 8-byte hardware address; 20 bytes.
     */
    static final StructLayout SOCKADDR_LL = MemoryLayout.structLayout(
            ValueLayout.JAVA_SHORT.withName("sll_family"),
            NET_SHORT.withName("sll_protocol"),
            ValueLayout.JAVA_INT.withName("sll_ifindex"),
            ValueLayout.JAVA_SHORT.withName("sll_hatype"),
            ValueLayout.JAVA_BYTE.withName("sll_pkttype"),
            ValueLayout.JAVA_BYTE.withName("sll_halen"),
            MemoryLayout.sequenceLayout(8, ValueLayout.JAVA_BYTE).withName("sll_addr"));

    static final long SOCKADDR_LL_SIZE = 20;

    static {
        if (SOCKADDR_LL.byteSize() != SOCKADDR_LL_SIZE) {
            throw new ExceptionInInitializerError("sockaddr_ll laid out as " + SOCKADDR_LL.byteSize() + " bytes");
        }
    }

    static final long SLL_FAMILY = offset("sll_family");
    static final long SLL_PROTOCOL = offset("sll_protocol");
    static final long SLL_IFINDEX = offset("sll_ifindex");
    static final long SLL_HATYPE = offset("sll_hatype");
    static final long SLL_HALEN = offset("sll_halen");
    static final long SLL_ADDR = offset("sll_addr");

    private static final MethodHandle SOCKET = downcall("socket", true,
            FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT));
    private static final MethodHandle BIND = downcall("bind", true,
            FunctionDescriptor.of(C_INT, C_INT, ValueLayout.ADDRESS, C_INT));
    private static final MethodHandle SENDTO = downcall("sendto", true,
            FunctionDescriptor.of(C_LONG, C_INT, ValueLayout.ADDRESS, C_LONG, C_INT, ValueLayout.ADDRESS, C_INT));
    private static final MethodHandle CLOSE = downcall("close", true,
            FunctionDescriptor.of(C_INT, C_INT));
    private static final MethodHandle IF_NAMETOINDEX = downcall("if_nametoindex", true,
            FunctionDescriptor.of(C_INT, ValueLayout.ADDRESS));
    private static final MethodHandle SETSOCKOPT = downcall("setsockopt", true,
            FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT, ValueLayout.ADDRESS, C_INT));
    static final int SOL_SOCKET = 1;
    static final int SO_BINDTODEVICE = 25;
    static final int SO_ATTACH_FILTER = 26;
    /** Classic BPF {@code BPF_RET | BPF_K}: return the constant (the number of bytes to keep; 0 drops). */
    static final short BPF_RET_K = 0x06;
    private static final MethodHandle STRERROR = downcall("strerror", false,
            FunctionDescriptor.of(ValueLayout.ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(256,
                    ValueLayout.JAVA_BYTE)), C_INT));

    private Libc() {}

    private static long offset(String field) {
        return SOCKADDR_LL.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    private static MethodHandle downcall(String name, boolean captureErrno, FunctionDescriptor descriptor) {
        MemorySegment symbol = LIBC.find(name)
                .orElseThrow(() -> new UnsupportedOperationException("libc has no " + name));
        return captureErrno
                ? LINKER.downcallHandle(symbol, descriptor, CAPTURE_ERRNO)
                : LINKER.downcallHandle(symbol, descriptor);
    }

    /** {@code socket(2)}; returns the descriptor. */
    static int socket(int domain, int type, int protocol) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) SOCKET.invokeExact(state, domain, type, protocol);
            if (fd < 0) {
                throw failure("socket(AF_PACKET, SOCK_DGRAM)", state);
            }
            return fd;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code bind(2)} to a {@code sockaddr_ll}. */
    static void bind(int fd, MemorySegment sockaddr, String what) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) BIND.invokeExact(state, fd, sockaddr, (int) sockaddr.byteSize());
            if (rc != 0) {
                throw failure("bind(" + what + ")", state);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code sendto(2)}; returns the number of bytes sent. */
    static long sendto(int fd, MemorySegment data, MemorySegment sockaddr, MemorySegment state, String what)
            throws IOException {
        try {
            long n = (long) SENDTO.invokeExact(state, fd, data, data.byteSize(), 0, sockaddr,
                    (int) sockaddr.byteSize());
            if (n < 0) {
                throw failure("sendto(" + what + ")", state);
            }
            return n;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code close(2)}. */
    static void close(int fd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) CLOSE.invokeExact(state, fd);
            if (rc != 0) {
                throw failure("close", state);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code if_nametoindex(3)}: the interface's index. */
    static int ifNameToIndex(String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int index = (int) IF_NAMETOINDEX.invokeExact(state, arena.allocateFrom(name));
            if (index == 0) {
                throw failure("if_nametoindex(" + name + ")", state);
            }
            return index;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name)}. */
    static void bindToDevice(int fd, String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment value = arena.allocateFrom(name);
            int rc = (int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_BINDTODEVICE, value,
                    (int) value.byteSize());
            if (rc != 0) {
                throw failure("setsockopt(SO_BINDTODEVICE, " + name + ")", state);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * {@code setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, prog)} with the one-instruction classic BPF program
     * {@code ret #0}: the kernel drops every datagram addressed to the socket before it is queued (socket(7),
     * {@code SO_ATTACH_FILTER}). {@code struct sock_fprog} is an {@code unsigned short} count and a pointer to the
     * {@code struct sock_filter} array (8 bytes each: {@code u16 code, u8 jt, u8 jf, u32 k}).
     */
    static void attachDropAllFilter(int fd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment insn = arena.allocate(8, 8); // zeroed: jt = jf = 0, k = 0
            insn.set(ValueLayout.JAVA_SHORT, 0, BPF_RET_K);
            MemorySegment prog = arena.allocate(16, 8); // LP64: the count, padding, then the pointer
            prog.set(ValueLayout.JAVA_SHORT, 0, (short) 1);
            prog.set(ValueLayout.ADDRESS, 8, insn);
            int rc = (int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_ATTACH_FILTER, prog,
                    (int) prog.byteSize());
            if (rc != 0) {
                throw failure("setsockopt(SO_ATTACH_FILTER)", state);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A zeroed call-state segment for {@link #sendto}. */
    static MemorySegment allocateCallState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    private static IOException failure(String call, MemorySegment state) {
        int errno = (int) ERRNO.get(state, 0L);
        return new IOException(call + ": " + strerror(errno) + " (errno " + errno + ")");
    }

    /** {@code strerror(3)}: glibc returns a static string for every known errno, thread-safe since 2.32. */
    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.equals(MemorySegment.NULL) ? "unknown error" : text.getString(0);
        } catch (Throwable t) {
            return "unknown error";
        }
    }
}
