package io.tui.dhcp.core.alloc;

import java.util.Objects;

/**
 * What the index holds for one address: a lease, or an offer (a lease made on DISCOVER/SOLICIT that reserves the
 * address until its expiry without being written to the store).
 *
 * <p>Slots are compared by identity when the index swaps them, so a change only applies to the slot its caller read.
 *
 * @param lease      the lease (for an offer: the lease that would be granted)
 * @param offer      whether this is an offer
 * @param offerUntil for an offer, when it lapses (seconds since the epoch); 0 for a lease
 */
record Slot<L>(L lease, boolean offer, long offerUntil) {
    Slot {
        Objects.requireNonNull(lease, "lease");
    }

    static <L> Slot<L> lease(L lease) {
        return new Slot<>(lease, false, 0);
    }

    static <L> Slot<L> offer(L lease, long until) {
        return new Slot<>(lease, true, until);
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
