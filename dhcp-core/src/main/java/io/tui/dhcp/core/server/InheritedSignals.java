package io.tui.dhcp.core.server;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Signals a process inherits as ignored: {@code nohup} ignores SIGHUP, and a shell starting a background job
 * without job control ignores SIGINT. The JVM will not install a handler for an ignored SIGHUP, SIGINT or SIGTERM
 * ({@code sun.misc.Signal.handle} answers {@code SIG_IGN} and installs nothing), while Kea sets its handlers with
 * {@code sigaction} whatever it inherited: {@code kea-dhcp4} run under nohup still reloads on SIGHUP. Before a server
 * installs its handlers, {@link #restoreDefault} puts such a signal back to its default action, through libc and
 * Java's FFM API (Linux, x86-64 and aarch64: {@code sa_handler} is the first field of {@code struct sigaction}).
 */
@SuppressWarnings("restricted") // native code, as in UnixDatagram
final class InheritedSignals {
    /** {@code sizeof(struct sigaction)} is 152 on x86-64 and aarch64 glibc; room to spare. */
    private static final long SIGACTION_BYTES = 256;
    private static final long SIG_IGN = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SIGACTION = LINKER.downcallHandle(find("sigaction"),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.ADDRESS));
    private static final MethodHandle SIGNAL = LINKER.downcallHandle(find("signal"),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));

    private InheritedSignals() {
    }

    /** Whether signal {@code signo}'s action is now "ignore". */
    static boolean ignored(int signo) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment old = arena.allocate(SIGACTION_BYTES, 8);
            int rc = (int) SIGACTION.invokeExact(signo, MemorySegment.NULL, old);
            return rc == 0 && old.get(ValueLayout.JAVA_LONG, 0) == SIG_IGN;
        } catch (Throwable e) {
            throw new IllegalStateException("sigaction(" + signo + "): " + e, e);
        }
    }

    /**
     * When signal {@code signo} is ignored, sets its default action (and returns true); otherwise changes nothing.
     */
    static boolean restoreDefault(int signo) {
        if (!ignored(signo)) {
            return false;
        }
        try {
            MemorySegment previous = (MemorySegment) SIGNAL.invokeExact(signo, MemorySegment.NULL);
            return previous.address() == SIG_IGN;
        } catch (Throwable e) {
            throw new IllegalStateException("signal(" + signo + ", SIG_DFL): " + e, e);
        }
    }

    private static MemorySegment find(String name) {
        return LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsupportedOperationException("libc has no " + name));
    }
}
