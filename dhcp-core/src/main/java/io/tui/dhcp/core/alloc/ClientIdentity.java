package io.tui.dhcp.core.alloc;

import java.util.function.Consumer;

/**
 * Who asks for a lease: gives the index keys to find the client's leases in a subnet, and decides whether a lease
 * found that way is really the client's.
 *
 * @param <L> the lease type
 */
public sealed interface ClientIdentity<L> permits Client4, Client6 {

    /** Emits the keys to look up this client's leases in {@code subnetId}, most specific first. */
    void keys(long subnetId, Consumer<LeaseKey> sink);

    /** Whether {@code lease} belongs to this client. */
    boolean owns(L lease);
}
