package io.tui.dhcp.core.alloc;

import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.LeaseState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Everything a server, a hook (lease_cmds, stat_cmds) or an expiry timer does with the leases of one family. The
 * in-memory {@link AllocationEngine} (memfile or {@code persist: false}) implements it; the SQL backends implement it
 * with allocation done atomically in the database, so several servers can share one database.
 *
 * <p>The allocation calls mirror {@link AllocationEngine}'s. Query results are snapshots. Administrative changes
 * (lease_cmds) keep the free-address structures and the statistics listener consistent, and return a stage that
 * completes once the change is durable.
 *
 * @param <L> {@code Lease4} or {@code Lease6}
 * @param <K> the address type ({@code Integer} for v4, {@code Ip6Address} for v6)
 * @param <C> the client type
 */
public interface LeaseService<L, K, C extends ClientIdentity<L>> extends AutoCloseable {

    // ---- the packet path ----------------------------------------------------------------------------------------

    Allocation<L> allocate(AllocationRequest<K, C> request);

    Allocation<L> renew(AllocationRequest<K, C> request, K address);

    /**
     * A real request for exactly {@code address}: see {@link AllocationEngine#request}. Never grants another address.
     * Backends that cannot do it yet throw {@link UnsupportedOperationException}.
     */
    default Allocation<L> request(AllocationRequest<K, C> request, K address) {
        throw new UnsupportedOperationException("request(address) is not implemented by " + getClass().getName());
    }

    Allocation<L> release(C client, K address, boolean keepAffinity, long now);

    Allocation<L> decline(C client, K address, long probation, long now);

    /** Kea's reclaim timer: see {@link AllocationEngine#reclaim}. */
    List<L> reclaim(long now, int max, Duration maxTime);

    /**
     * As {@link #reclaim(long, int, Duration)}, asking {@code skip} about each lease due first: true leaves that
     * lease as it is this time (a {@code lease4_expire}/{@code lease6_expire} callout's SKIP); it is due again on the
     * next cycle. Null: reclaim every lease due. The in-memory engine and the SQL backends honour it; this default
     * (for other implementations) ignores it.
     */
    default List<L> reclaim(long now, int max, Duration maxTime, Predicate<? super L> skip) {
        return reclaim(now, max, maxTime);
    }

    /** Kea's flush-reclaimed timer: see {@link AllocationEngine#flushReclaimed}. */
    List<L> flushReclaimed(long now, long holdReclaimedTime, int max);

    // ---- queries ----------------------------------------------------------------------------------------------

    /** The lease of {@code address} (any state), or null. Offers are not leases and are not returned. */
    L get(K address);

    /** Leases matching a client key in its subnet (hardware address, client id, DUID+IAID+type, DUID). */
    List<L> find(LeaseKey key);

    /** Leases whose hardware address is {@code hwAddress}, in every subnet. */
    List<L> byHwAddress(Bytes hwAddress);

    /** v4: leases whose client identifier is {@code clientId}; v6: leases whose DUID is {@code clientId}. */
    List<L> byClientId(Bytes clientId);

    /** Leases whose hostname equals {@code hostname} (case-insensitively, as Kea). */
    List<L> byHostname(String hostname);

    /** Leases in {@code state}, optionally limited to one subnet ({@code subnetId} 0: every subnet). */
    List<L> byState(LeaseState state, long subnetId);

    /** Leases of one subnet, ordered by address. */
    List<L> bySubnet(long subnetId);

    /** Up to {@code limit} leases with addresses above {@code after} (null: from the lowest), ordered by address. */
    List<L> page(K after, int limit);

    /** The number of leases held (every state). */
    long count();

    /** Lease counts per subnet, lease type and state (stat_cmds). {@code subnetId} 0: every subnet. */
    List<LeaseCount> countByState(long fromSubnetId, long toSubnetId);

    /** One row of {@link #countByState}: {@code type} is 0 (v4 or IA_NA), 1 (IA_TA) or 2 (IA_PD). */
    record LeaseCount(long subnetId, int type, LeaseState state, long count) {}

    // ---- administrative changes (lease_cmds) ------------------------------------------------------------------

    /** Adds a lease; fails with {@link LeaseConflictException} when the address already has one. */
    CompletionStage<Void> add(L lease) throws LeaseConflictException;

    /**
     * Replaces the lease of the same address; with {@code forceCreate} adds it when absent, otherwise fails with
     * {@link LeaseConflictException} when absent.
     */
    CompletionStage<Void> update(L lease, boolean forceCreate) throws LeaseConflictException;

    /** Deletes the lease of {@code address}; returns it, or null when there was none. */
    L delete(K address);

    /** Deletes every lease of the subnet ({@code subnetId} 0: of every subnet); returns how many. */
    long wipe(long subnetId);

    @Override
    void close();
}
