package io.tui.dhcp.core.hook;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** The callouts registered per point, called in registration order. Thread-safe; cheap when a point has none. */
public final class Callouts {
    private final Map<CalloutPoint, List<Callout>> byPoint = new EnumMap<>(CalloutPoint.class);
    private volatile boolean any;

    public Callouts() {
        for (CalloutPoint p : CalloutPoint.values()) {
            byPoint.put(p, new CopyOnWriteArrayList<>());
        }
    }

    public void register(CalloutPoint point, Callout callout) {
        byPoint.get(point).add(callout);
        any = true;
    }

    /** Whether anything is registered at {@code point} (lets the hot path skip building a handle). */
    public boolean has(CalloutPoint point) {
        return any && !byPoint.get(point).isEmpty();
    }

    /**
     * Calls every callout at the point with a handle from {@code handle}; returns the handle, or null when nothing is
     * registered (no handle is built). A callout that throws is treated as CONTINUE.
     */
    public CalloutHandle call(CalloutPoint point, Supplier<CalloutHandle> handle) {
        List<Callout> list = byPoint.get(point);
        if (!any || list.isEmpty()) {
            return null;
        }
        CalloutHandle h = handle.get();
        for (Callout c : list) {
            try {
                c.call(h);
            } catch (RuntimeException e) {
                // a broken callout must not take the packet path down
            }
            if (h.status() == CalloutHandle.Status.DROP) {
                break;
            }
        }
        return h;
    }
}
