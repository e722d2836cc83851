package io.tui.dhcp.lease.contract;

import io.tui.dhcp.core.alloc.LeaseStatsListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A statistics listener that sums what it hears, per counter, subnet and pool. */
public final class RecordingStats implements LeaseStatsListener {
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    private void add(String name, long subnet, long pool, long delta) {
        counters.computeIfAbsent(name + "/" + subnet + "/" + pool, k -> new AtomicLong()).addAndGet(delta);
    }

    @Override
    public void assigned(long subnetId, long poolId, long delta) {
        add("assigned", subnetId, poolId, delta);
    }

    @Override
    public void declined(long subnetId, long poolId, long delta) {
        add("declined", subnetId, poolId, delta);
    }

    @Override
    public void cumulativeAssigned(long subnetId, long poolId) {
        add("cumulative", subnetId, poolId, 1);
    }

    @Override
    public void reclaimed(long subnetId, long poolId, boolean declined) {
        add(declined ? "reclaimed-declined" : "reclaimed", subnetId, poolId, 1);
    }

    /** The sum of {@code name} for a subnet and pool. */
    public long get(String name, long subnet, long pool) {
        AtomicLong v = counters.get(name + "/" + subnet + "/" + pool);
        return v == null ? 0 : v.get();
    }
}
