package io.tui.dhcp.core.alloc;

import io.tui.dhcp.core.lease.LeaseState;
import java.util.Comparator;
import java.util.function.Consumer;

/**
 * What the index and the engine need to know about one lease family (v4 or v6): how to read a lease's address,
 * subnet, expiry, state, hostname and client keys, and how to make and change leases.
 *
 * @param <L> the lease type
 * @param <K> the address type
 * @param <C> the client type
 */
public sealed interface LeaseFamily<L, K, C extends ClientIdentity<L>> permits Family4, Family6 {

    K address(L lease);

    long subnetId(L lease);

    long expire(L lease);

    LeaseState state(L lease);

    String hostname(L lease);

    /** The lease's hardware address (empty when unknown). */
    io.tui.dhcp.core.lease.Bytes hwAddress(L lease);

    /** v4: the client identifier; v6: the DUID (empty when none). */
    io.tui.dhcp.core.lease.Bytes clientId(L lease);

    /** 0 for v4 and IA_NA, 1 for IA_TA, 2 for IA_PD (Kea's lease type numbers). */
    int typeCode(L lease);

    /** The client keys a lease is indexed under (none for a declined lease, which has no client). */
    void keys(L lease, Consumer<LeaseKey> sink);

    /** Whether two leases are indexed under the same client keys (a renewal: the index leaves them alone). */
    boolean sameKeys(L a, L b);

    /** Address order (unsigned). */
    Comparator<K> order();

    /** A new assigned lease of {@code address} in {@code pool} for the request's client. */
    L create(K address, Pool<K> pool, AllocationRequest<K, C> request);

    /**
     * {@code next}, a renewal of the same client's {@code previous} lease, keeping what the renewal does not decide:
     * the user context, and the DNS update flags when the hostname did not change.
     */
    L renewal(L previous, L next);

    /** {@code lease} in {@code state}, expiring at {@code expire} (its valid lifetime kept, so cltt moves). */
    L withState(L lease, LeaseState state, long expire);

    /** {@code lease} declined at {@code now}: client identity and hostname removed, held for {@code probation}. */
    L declined(L lease, long now, long probation);
}
