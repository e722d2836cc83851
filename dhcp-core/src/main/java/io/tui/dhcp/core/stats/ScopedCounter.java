package io.tui.dhcp.core.stats;

import java.util.Objects;

/**
 * One lease statistic counted where Kea counts it: per pool, per subnet and, for the names Kea also keeps
 * globally (e.g. {@code assigned-addresses}, {@code cumulative-assigned-addresses}), globally. Built once per
 * pool at configuration time; every change bumps the three handles.
 *
 * @param pool {@code subnet[ID].pool[PID].NAME} (or {@code pd-pool}), or null when the lease is in no pool
 * @param subnet {@code subnet[ID].NAME}
 * @param global {@code NAME}, or null for names Kea keeps per subnet only (e.g. {@code total-addresses})
 */
public record ScopedCounter(Statistic pool, Statistic subnet, Statistic global) {

    public ScopedCounter {
        Objects.requireNonNull(subnet, "subnet");
    }

    /** The pool, subnet and global counters of {@code name} for an address pool. */
    public static ScopedCounter addressPool(StatsRegistry registry, String name, long subnetId, long poolId,
            boolean alsoGlobal) {
        return new ScopedCounter(registry.counter(StatNames.pool(subnetId, poolId, name)),
                registry.counter(StatNames.subnet(subnetId, name)), alsoGlobal ? registry.counter(name) : null);
    }

    /** The pd-pool, subnet and global counters of {@code name} for a prefix delegation pool. */
    public static ScopedCounter prefixPool(StatsRegistry registry, String name, long subnetId, long poolId,
            boolean alsoGlobal) {
        return new ScopedCounter(registry.counter(StatNames.pdPool(subnetId, poolId, name)),
                registry.counter(StatNames.subnet(subnetId, name)), alsoGlobal ? registry.counter(name) : null);
    }

    /** Adds {@code n} at every level. */
    public void add(long n) {
        if (pool != null) {
            pool.add(n);
        }
        subnet.add(n);
        if (global != null) {
            global.add(n);
        }
    }

    /** Adds one at every level. */
    public void increment() {
        add(1);
    }

    /** Subtracts one at every level. */
    public void decrement() {
        add(-1);
    }
}
