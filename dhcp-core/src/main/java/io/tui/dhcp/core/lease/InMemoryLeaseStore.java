package io.tui.dhcp.core.lease;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@link LeaseStore#inMemory()}: nothing is written, every stage is complete at once. */
final class InMemoryLeaseStore<L> implements LeaseStore<L> {
    private static final CompletionStage<Void> DONE = CompletableFuture.completedStage(null);
    private List<L> initial;

    InMemoryLeaseStore(Collection<L> initial) {
        this.initial = new ArrayList<>(initial);
    }

    @Override
    public synchronized Collection<L> takeLoadedLeases() {
        List<L> out = initial;
        initial = new ArrayList<>();
        return out;
    }

    @Override
    public CompletionStage<Void> add(L lease) {
        return DONE;
    }

    @Override
    public CompletionStage<Void> update(L lease) {
        return DONE;
    }

    @Override
    public CompletionStage<Void> delete(L lease) {
        return DONE;
    }

    @Override
    public void close() {
    }
}
