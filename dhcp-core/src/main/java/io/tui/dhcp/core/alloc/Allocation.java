package io.tui.dhcp.core.alloc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The outcome of an engine call.
 *
 * @param status  what happened
 * @param lease   the lease granted (or offered, or changed); null when {@code status} says none
 * @param offer   whether {@code lease} is only an offer (nothing written)
 * @param durable completes once the change is durable in the store (already complete when nothing was written)
 */
public record Allocation<L>(Status status, L lease, boolean offer, CompletionStage<Void> durable) {

    /** What the engine did. */
    public enum Status {
        /** The client's current lease (or its outstanding offer), renewed on a real request. */
        EXISTING,
        /** The client's expired or reclaimed lease, returned to it (lease affinity). */
        AFFINITY,
        /** The requested address, which was free. */
        HINT,
        /** A free address from a pool. */
        NEW,
        /** Every pool was full: the oldest expired lease of another client was taken over. */
        REUSED,
        /** No address is free in any candidate pool. */
        EXHAUSTED,
        /** No such lease of this client (renew, release, decline). */
        NO_LEASE
    }

    /** A result without a lease. */
    static <L> Allocation<L> none(Status status) {
        return new Allocation<>(status, null, false, CompletableFuture.completedStage(null));
    }

    /** Whether a lease was granted or offered. */
    public boolean granted() {
        return lease != null && status != Status.NO_LEASE;
    }
}
