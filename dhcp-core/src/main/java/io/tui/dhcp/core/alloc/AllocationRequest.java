package io.tui.dhcp.core.alloc;

import java.util.List;
import java.util.Objects;

/**
 * One allocation request.
 *
 * @param client    who asks
 * @param pools     the pools the client may use, in the order the server wants them tried (for example every pool of
 *                  the shared network the client is allowed in); each must be one the engine was built with
 * @param hint      the requested address (or prefix), or null
 * @param lifetimes the lifetimes to grant
 * @param hostname  the client's hostname, or empty
 * @param fake      true for DISCOVER/SOLICIT: an offer is made (the address is held for the engine's offer lifetime)
 *                  and nothing is written to the store; false for REQUEST/REQUEST-with-rapid-commit
 * @param now       the current time, seconds since the epoch
 * @param <K>       the address type
 * @param <C>       the client type
 */
public record AllocationRequest<K, C>(C client, List<? extends Pool<K>> pools, K hint, Lifetimes lifetimes,
        String hostname, boolean fake, long now) {

    public AllocationRequest {
        Objects.requireNonNull(client, "client");
        pools = List.copyOf(pools);
        Objects.requireNonNull(lifetimes, "lifetimes");
        Objects.requireNonNull(hostname, "hostname");
    }
}
