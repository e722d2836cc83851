package io.tui.dhcp.core.lease;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A store that hands leases already in memory (the previous allocation engine's) to a new engine and writes every
 * change through to the real store: what a server uses when a reconfiguration changes the pools and the engine is
 * rebuilt. Closing it does not close the real store.
 *
 * @param <L> the lease type
 */
public final class HandOverStore<L> implements LeaseStore<L> {
    private final LeaseStore<L> store;
    private Collection<L> leases;

    public HandOverStore(LeaseStore<L> store, Collection<L> leases) {
        this.store = Objects.requireNonNull(store, "store");
        this.leases = List.copyOf(leases);
    }

    @Override
    public synchronized Collection<L> takeLoadedLeases() {
        Collection<L> out = leases;
        leases = List.of();
        return out;
    }

    @Override
    public CompletionStage<Void> add(L lease) {
        return store.add(lease);
    }

    @Override
    public CompletionStage<Void> update(L lease) {
        return store.update(lease);
    }

    @Override
    public CompletionStage<Void> delete(L lease) {
        return store.delete(lease);
    }

    @Override
    public void holdWrites() {
        store.holdWrites();
    }

    @Override
    public void releaseWrites() {
        store.releaseWrites();
    }

    @Override
    public void close() {
    }
}
