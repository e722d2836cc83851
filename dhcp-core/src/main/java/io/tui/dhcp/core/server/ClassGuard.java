package io.tui.dhcp.core.server;

import java.util.Collection;
import java.util.Set;

/** Kea's {@code client-class} guard on subnets, shared networks and pools: no classes named means everyone. */
public final class ClassGuard {
    private ClassGuard() {
    }

    /** Whether a client in {@code classes} may use a scope guarded by {@code required} (any one suffices). */
    public static boolean allows(Collection<String> required, Set<String> classes) {
        if (required.isEmpty()) {
            return true;
        }
        for (String c : required) {
            if (classes.contains(c)) {
                return true;
            }
        }
        return false;
    }
}
