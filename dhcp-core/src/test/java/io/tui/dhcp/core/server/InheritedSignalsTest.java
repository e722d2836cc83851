package io.tui.dhcp.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.junit.jupiter.api.Test;

/** On SIGWINCH, whose default action is to ignore it anyway, so the test process is safe whatever happens. */
@SuppressWarnings("restricted")
class InheritedSignalsTest {
    private static final int SIGWINCH = 28;

    private static long setAction(int signo, long handler) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle signal = linker.downcallHandle(linker.defaultLookup().find("signal").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        return ((MemorySegment) signal.invokeExact(signo, MemorySegment.ofAddress(handler))).address();
    }

    @Test
    void anIgnoredSignalGetsItsDefaultActionBackAndAnyOtherIsLeftAlone() throws Throwable {
        long before = setAction(SIGWINCH, 0); // SIG_DFL
        try {
            assertFalse(InheritedSignals.ignored(SIGWINCH));
            assertFalse(InheritedSignals.restoreDefault(SIGWINCH), "not ignored: nothing to do");
            setAction(SIGWINCH, 1); // SIG_IGN, as nohup does for SIGHUP
            assertTrue(InheritedSignals.ignored(SIGWINCH));
            assertTrue(InheritedSignals.restoreDefault(SIGWINCH));
            assertFalse(InheritedSignals.ignored(SIGWINCH));
            assertEquals(0, setAction(SIGWINCH, 0), "the action is SIG_DFL");
        } finally {
            setAction(SIGWINCH, before);
        }
    }
}
