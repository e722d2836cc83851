package io.tui.dhcp.core.server;

import java.io.IOException;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An {@code AF_UNIX} datagram socket through libc and Java's FFM API (the JDK's channels have UNIX-domain stream
 * sockets only): {@linkplain #connect connected} to a path to send to, as {@code syslog(3)} does to {@code /dev/log},
 * or {@linkplain #bind bound} to a path to receive on, as a syslog daemon (or a test standing in for one) does.
 * Linux, LP64. Every call captures its {@code errno}, so a failure reports the errno of that call. Calls on one
 * socket are serialized by its owner; {@link #close} may be called once.
 */
@SuppressWarnings("restricted") // native code, as in InheritedSignals
final class UnixDatagram implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int EAGAIN = 11;
    /** {@code sizeof(((struct sockaddr_un *) 0)->sun_path)}. */
    private static final int SUN_PATH = 108;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong SIZE = ValueLayout.JAVA_LONG;
    private static final AddressLayout PTR = ValueLayout.ADDRESS;

    private static final MethodHandle SOCKET = libc("socket", FunctionDescriptor.of(INT, INT, INT, INT));
    private static final MethodHandle CONNECT = libc("connect", FunctionDescriptor.of(INT, INT, PTR, INT));
    private static final MethodHandle BIND = libc("bind", FunctionDescriptor.of(INT, INT, PTR, INT));
    private static final MethodHandle SEND = libc("send", FunctionDescriptor.of(SIZE, INT, PTR, SIZE, INT));
    private static final MethodHandle RECV = libc("recv", FunctionDescriptor.of(SIZE, INT, PTR, SIZE, INT));
    private static final MethodHandle SETSOCKOPT = libc("setsockopt",
            FunctionDescriptor.of(INT, INT, INT, INT, PTR, INT));
    private static final MethodHandle CLOSE = libc("close", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(find("strerror"),
            FunctionDescriptor.of(PTR.withTargetLayout(MemoryLayout.sequenceLayout(256, ValueLayout.JAVA_BYTE)), INT));

    private final int fd;
    private final Path path;
    private final boolean bound;

    private UnixDatagram(int fd, Path path, boolean bound) {
        this.fd = fd;
        this.path = path;
        this.bound = bound;
    }

    /** A socket whose datagrams go to {@code path}; fails when nothing is bound there. */
    static UnixDatagram connect(Path path) throws IOException {
        return open(path, false);
    }

    /** A socket receiving what is sent to {@code path} (created; removed again on {@link #close}). */
    static UnixDatagram bind(Path path) throws IOException {
        return open(path, true);
    }

    private static UnixDatagram open(Path path, boolean bind) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= SUN_PATH) {
            throw new IOException("UNIX socket path longer than " + (SUN_PATH - 1) + " bytes: " + path);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) SOCKET.invokeExact(state, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            check(fd, "socket(AF_UNIX, SOCK_DGRAM)", state);
            // struct sockaddr_un: sa_family_t sun_family, then the NUL-terminated path
            MemorySegment address = arena.allocate(2 + SUN_PATH, 2);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(name, 0, address, ValueLayout.JAVA_BYTE, 2, name.length);
            int length = 2 + name.length + 1;
            int rc = bind ? (int) BIND.invokeExact(state, fd, address, length)
                    : (int) CONNECT.invokeExact(state, fd, address, length);
            if (rc != 0) {
                IOException e = failure((bind ? "bind(" : "connect(") + path + ")", state);
                int ignored = (int) CLOSE.invokeExact(state, fd);
                throw e;
            }
            return new UnixDatagram(fd, path, bind);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Sends one datagram (blocking while the receiver's queue is full, as {@code syslog(3)} does). */
    void send(byte[] datagram) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment data = arena.allocateFrom(ValueLayout.JAVA_BYTE, datagram);
            long n = (long) SEND.invokeExact(state, fd, data, (long) datagram.length, 0);
            check(n, "send(" + path + ")", state);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The next datagram (at most {@code max} bytes of it), waiting up to {@code timeout}. */
    byte[] receive(int max, Duration timeout) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            // struct timeval: tv_sec, tv_usec (two longs on LP64)
            MemorySegment tv = arena.allocate(16, 8);
            tv.set(ValueLayout.JAVA_LONG, 0, timeout.toSeconds());
            tv.set(ValueLayout.JAVA_LONG, 8, timeout.toNanosPart() / 1000L);
            check((int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16), "setsockopt(SO_RCVTIMEO)",
                    state);
            MemorySegment buffer = arena.allocate(max);
            long n = (long) RECV.invokeExact(state, fd, buffer, (long) max, 0);
            if (n < 0 && (int) ERRNO.get(state, 0L) == EAGAIN) {
                throw new SocketTimeoutException("nothing received on " + path + " within " + timeout);
            }
            check(n, "recv(" + path + ")", state);
            return buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            check((int) CLOSE.invokeExact(state, fd), "close(" + path + ")", state);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            if (bound) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void check(long rc, String call, MemorySegment state) throws IOException {
        if (rc < 0) {
            throw failure(call, state);
        }
    }

    private static IOException failure(String call, MemorySegment state) {
        int errno = (int) ERRNO.get(state, 0L);
        String text;
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            text = s.equals(MemorySegment.NULL) ? "unknown error" : s.getString(0);
        } catch (Throwable t) {
            text = "unknown error";
        }
        return new IOException(call + ": " + text + " (errno " + errno + ")");
    }

    private static MethodHandle libc(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(find(name), descriptor, Linker.Option.captureCallState("errno"));
    }

    private static MemorySegment find(String name) {
        return LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsupportedOperationException("libc has no " + name));
    }
}
