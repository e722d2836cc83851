package io.tui.dhcp.core.server;

import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.stats.ScopedCounter;
import io.tui.dhcp.core.stats.StatNames;
import io.tui.dhcp.core.stats.StatsRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bridges the allocation engine's lease counters to the {@link StatsRegistry} under Kea's names:
 * {@code subnet[ID].assigned-addresses}, {@code declined-addresses}, {@code cumulative-assigned-addresses},
 * {@code reclaimed-leases}, {@code reclaimed-declined-addresses}, each also per {@code subnet[ID].pool[PID]}, and the
 * global {@code cumulative-assigned-addresses}, {@code declined-addresses}, {@code reclaimed-leases} and
 * {@code reclaimed-declined-addresses} Kea keeps too. v6 servers pass {@code assigned-nas} as the assigned name.
 *
 * <p>Counters of a pool id the configuration does not know (an out-of-pool reservation) are kept at subnet level only.
 */
public final class StatsLeaseListener implements LeaseStatsListener {
    private record Key(long subnetId, long poolId, String name) {}

    private final StatsRegistry registry;
    private final String assignedName;
    private final Set<Long> poolKeys = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Key, ScopedCounter> counters = new ConcurrentHashMap<>();

    /** @param assignedName {@code assigned-addresses} (v4) or {@code assigned-nas} (v6) */
    public StatsLeaseListener(StatsRegistry registry, String assignedName) {
        this.registry = registry;
        this.assignedName = assignedName;
    }

    /** A v4 listener. */
    public static StatsLeaseListener v4(StatsRegistry registry) {
        return new StatsLeaseListener(registry, StatNames.ASSIGNED_ADDRESSES);
    }

    public StatsRegistry registry() {
        return registry;
    }

    /**
     * Sets the configuration-time statistics of a v4 runtime: {@code total-addresses} of every subnet and pool, and
     * zero for the counters Kea creates with the subnet (kept when already present). Call before the engine loads.
     */
    public void configure(Runtime4 rt) {
        poolKeys.clear();
        counters.clear();
        for (Subnet4Runtime s : rt.subnets()) {
            long total = 0;
            for (Pool4Runtime p : s.pools()) {
                poolKeys.add(poolKey(s.id(), p.range().id()));
                total += p.size();
                registry.set(StatNames.pool(s.id(), p.range().id(), StatNames.TOTAL_ADDRESSES), p.size());
                for (String n : new String[] {assignedName, StatNames.DECLINED_ADDRESSES,
                        StatNames.CUMULATIVE_ASSIGNED_ADDRESSES, StatNames.RECLAIMED_LEASES,
                        StatNames.RECLAIMED_DECLINED_ADDRESSES}) {
                    zeroIfAbsent(StatNames.pool(s.id(), p.range().id(), n));
                }
            }
            registry.set(StatNames.subnet(s.id(), StatNames.TOTAL_ADDRESSES), total);
            for (String n : new String[] {assignedName, StatNames.DECLINED_ADDRESSES,
                    StatNames.CUMULATIVE_ASSIGNED_ADDRESSES, StatNames.RECLAIMED_LEASES,
                    StatNames.RECLAIMED_DECLINED_ADDRESSES}) {
                zeroIfAbsent(StatNames.subnet(s.id(), n));
            }
        }
        for (String n : new String[] {StatNames.DECLINED_ADDRESSES, StatNames.CUMULATIVE_ASSIGNED_ADDRESSES,
                StatNames.RECLAIMED_LEASES, StatNames.RECLAIMED_DECLINED_ADDRESSES}) {
            zeroIfAbsent(n);
        }
    }

    /** Sets the gauges Kea recounts from the lease database to zero before a reload recounts them. */
    public void resetGauges(Runtime4 rt) {
        for (Subnet4Runtime s : rt.subnets()) {
            registry.set(StatNames.subnet(s.id(), assignedName), 0);
            registry.set(StatNames.subnet(s.id(), StatNames.DECLINED_ADDRESSES), 0);
            for (Pool4Runtime p : s.pools()) {
                registry.set(StatNames.pool(s.id(), p.range().id(), assignedName), 0);
                registry.set(StatNames.pool(s.id(), p.range().id(), StatNames.DECLINED_ADDRESSES), 0);
            }
        }
        registry.set(StatNames.DECLINED_ADDRESSES, 0);
    }

    private void zeroIfAbsent(String name) {
        if (registry.get(name).isEmpty()) {
            registry.set(name, 0);
        }
    }

    private static long poolKey(long subnetId, long poolId) {
        return subnetId << 32 ^ poolId;
    }

    private ScopedCounter counter(long subnetId, long poolId, String name, boolean global) {
        return counters.computeIfAbsent(new Key(subnetId, poolId, name), k -> {
            boolean inPool = poolId >= 0 && poolKeys.contains(poolKey(subnetId, poolId));
            return new ScopedCounter(inPool ? registry.counter(StatNames.pool(subnetId, poolId, name)) : null,
                    registry.counter(StatNames.subnet(subnetId, name)), global ? registry.counter(name) : null);
        });
    }

    @Override
    public void assigned(long subnetId, long poolId, long delta) {
        counter(subnetId, poolId, assignedName, false).add(delta);
    }

    @Override
    public void declined(long subnetId, long poolId, long delta) {
        counter(subnetId, poolId, StatNames.DECLINED_ADDRESSES, true).add(delta);
    }

    @Override
    public void cumulativeAssigned(long subnetId, long poolId) {
        counter(subnetId, poolId, StatNames.CUMULATIVE_ASSIGNED_ADDRESSES, true).increment();
    }

    @Override
    public void reclaimed(long subnetId, long poolId, boolean declined) {
        counter(subnetId, poolId, StatNames.RECLAIMED_LEASES, true).increment();
        if (declined) {
            counter(subnetId, poolId, StatNames.RECLAIMED_DECLINED_ADDRESSES, true).increment();
        }
    }
}
