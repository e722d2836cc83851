package io.tui.dhcp.core.server;

import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.hook.CalloutHandle;
import io.tui.dhcp.core.hook.CalloutPoint;
import io.tui.dhcp.core.hook.Callouts;
import java.util.function.Predicate;

/**
 * Kea's {@code lease4_expire} / {@code lease6_expire} hook point as the {@code skip} predicate of
 * {@link io.tui.dhcp.core.alloc.LeaseService#reclaim(long, int, java.time.Duration, Predicate)}: called for each lease
 * due (assigned leases that expired, declined ones whose probation ended) before it is reclaimed, with
 * {@code lease4}/{@code lease6} and {@code remove_lease}; SKIP or DROP leaves the lease as it is until the next cycle.
 */
public final class ExpireCallout {
    private ExpireCallout() {
    }

    /**
     * The predicate, or null when nothing is registered at the family's point (nothing is built).
     *
     * @param removeLease {@code remove_lease}: whether the reclaimed lease is deleted at once rather than kept
     *                    expired-reclaimed (the {@code leases-reclaim} command's {@code remove})
     */
    public static <L> Predicate<L> of(Callouts callouts, Family family, boolean removeLease) {
        CalloutPoint point = family == Family.V6 ? CalloutPoint.LEASE6_EXPIRE : CalloutPoint.LEASE4_EXPIRE;
        if (callouts == null || !callouts.has(point)) {
            return null;
        }
        String name = family == Family.V6 ? "lease6" : "lease4";
        return lease -> {
            CalloutHandle h = callouts.call(point,
                    () -> new CalloutHandle(point).set(name, lease).set("remove_lease", removeLease));
            return h != null && h.status() != CalloutHandle.Status.CONTINUE;
        };
    }
}
