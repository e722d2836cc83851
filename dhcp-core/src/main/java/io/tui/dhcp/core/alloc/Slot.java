package io.tui.dhcp.core.alloc;

import java.util.Objects;

/**
 * What the index holds for one address: a lease, or an offer (a lease made on DISCOVER/SOLICIT that reserves the
 * address until its expiry without being written to the store).
 *
 * <p>Slots are compared by identity when the index swaps them, so a change only applies to the slot its caller read.
 * A slot in the index also holds its places in the expiry orders (the index's and its pool's), so that moving or
 * removing it there needs no search; those are set and read only inside the address's critical section.
 *
 * @param <L> the lease type
 */
final class Slot<L> {
    private final L lease;
    private final boolean offer;
    private final long offerUntil;
    /** Its node in the index's expiry order; guarded by the address's critical section. */
    ExpiryOrder.Node<?> expiryNode;
    /** Its node in its pool's expiry order; guarded by the address's critical section. */
    ExpiryOrder.Node<?> poolNode;

    private Slot(L lease, boolean offer, long offerUntil) {
        this.lease = Objects.requireNonNull(lease, "lease");
        this.offer = offer;
        this.offerUntil = offerUntil;
    }

    static <L> Slot<L> lease(L lease) {
        return new Slot<>(lease, false, 0);
    }

    static <L> Slot<L> offer(L lease, long until) {
        return new Slot<>(lease, true, until);
    }

    /** The lease (for an offer: the lease that would be granted). */
    L lease() {
        return lease;
    }

    /** Whether this is an offer. */
    boolean offer() {
        return offer;
    }

    /** For an offer, when it lapses (seconds since the epoch); 0 for a lease. */
    long offerUntil() {
        return offerUntil;
    }

    @Override
    public String toString() {
        return (offer ? "offer until " + offerUntil + ": " : "lease: ") + lease;
    }
}
