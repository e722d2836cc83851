package io.tui.dhcp.core.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Kea's {@code sanity-checks} {@code lease-checks} policy for leases loaded from a lease file (or added by a
 * command): a lease is consistent when the subnet its subnet-id names exists and holds its address. Family-neutral:
 * the server passes how to read a lease's subnet-id, which subnet holds its address, and how to move it.
 *
 * <ul>
 *   <li>{@code none}: no check.</li>
 *   <li>{@code warn} (Kea's default): an inconsistent lease is logged and kept as it is.</li>
 *   <li>{@code fix}: moved to the subnet that holds its address; kept as it is (logged) when none does.</li>
 *   <li>{@code fix-del}: moved, or deleted when no subnet holds its address.</li>
 *   <li>{@code del}: deleted.</li>
 * </ul>
 */
public final class LeaseSanity {
    private LeaseSanity() {}

    /**
     * What the check did.
     *
     * @param kept    the leases to use, fixed ones included (in their new form)
     * @param fixed   the leases whose subnet-id changed (in their new form): the server writes them back
     * @param deleted the leases dropped: the server deletes them from the store
     */
    public record Outcome<L>(List<L> kept, List<L> fixed, List<L> deleted) {}

    /**
     * Applies {@code policy} to {@code leases}.
     *
     * @param subnetId   a lease's subnet-id
     * @param consistent whether the subnet with that id exists and holds the lease's address (lease, subnetId)
     * @param holder     the id of the subnet that holds the lease's address, or 0
     * @param moved      the lease with another subnet-id
     * @param describe   a lease in messages (its address)
     * @param warn       receives one message per inconsistent lease
     */
    public static <L> Outcome<L> apply(String policy, Collection<L> leases, ToLongFunction<L> subnetId,
            BiFunction<L, Long, Boolean> consistent, ToLongFunction<L> holder, BiFunction<L, Long, L> moved,
            java.util.function.Function<L, String> describe, Consumer<String> warn) {
        String p = policy == null ? "warn" : policy;
        List<L> kept = new ArrayList<>(leases.size());
        List<L> fixed = new ArrayList<>();
        List<L> deleted = new ArrayList<>();
        if (p.equals("none")) {
            kept.addAll(leases);
            return new Outcome<>(kept, fixed, deleted);
        }
        for (L l : leases) {
            long id = subnetId.applyAsLong(l);
            if (consistent.apply(l, id)) {
                kept.add(l);
                continue;
            }
            switch (p) {
                case "fix", "fix-del" -> {
                    long to = holder.applyAsLong(l);
                    if (to != 0) {
                        L m = moved.apply(l, to);
                        kept.add(m);
                        fixed.add(m);
                        warn.accept("lease " + describe.apply(l) + " moved from subnet " + id + " to subnet " + to);
                    } else if (p.equals("fix-del")) {
                        deleted.add(l);
                        warn.accept("lease " + describe.apply(l) + " of subnet " + id + " fits no subnet: deleted");
                    } else {
                        kept.add(l);
                        warn.accept("lease " + describe.apply(l) + " of subnet " + id + " fits no subnet: kept");
                    }
                }
                case "del" -> {
                    deleted.add(l);
                    warn.accept("lease " + describe.apply(l) + " does not fit subnet " + id + ": deleted");
                }
                default -> {
                    kept.add(l);
                    warn.accept("lease " + describe.apply(l) + " does not fit subnet " + id);
                }
            }
        }
        return new Outcome<>(kept, fixed, deleted);
    }
}
