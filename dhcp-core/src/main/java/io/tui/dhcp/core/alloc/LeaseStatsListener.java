package io.tui.dhcp.core.alloc;

/**
 * Receives the engine's lease counters per subnet and pool, as Kea reports them ({@code assigned-addresses} /
 * {@code assigned-nas} / {@code assigned-pds}, {@code declined-addresses}, {@code reclaimed-leases},
 * {@code reclaimed-declined-addresses}, {@code cumulative-assigned-*}). The statistics framework implements it.
 *
 * <p>Called on the allocating thread while the address is held: implementations must be quick and thread-safe
 * (for example {@code LongAdder}s). Pool id is Kea's pool id, or -1 for a lease outside every pool.
 */
public interface LeaseStatsListener {
    /** Does nothing. */
    LeaseStatsListener NONE = new LeaseStatsListener() {
    };

    /** The number of assigned leases (assigned or declined, as in Kea) changed by {@code delta}. */
    default void assigned(long subnetId, long poolId, long delta) {
    }

    /** The number of declined leases changed by {@code delta}. */
    default void declined(long subnetId, long poolId, long delta) {
    }

    /** A lease was assigned (new, reused or returned to its client); not called for renewals. */
    default void cumulativeAssigned(long subnetId, long poolId) {
    }

    /** A lease was reclaimed; {@code declined} when it was a declined address whose probation ended. */
    default void reclaimed(long subnetId, long poolId, boolean declined) {
    }
}
