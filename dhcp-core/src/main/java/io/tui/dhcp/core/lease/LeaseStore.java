package io.tui.dhcp.core.lease;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The narrow storage interface the in-memory lease index writes through. Every change returns a stage that
 * completes once the change is durable (written, and forced with fsync on), so a server sends its ACK/REPLY after.
 *
 * <p>Callers order changes to one address themselves: the index calls these methods for one address in the order
 * the changes happen (it calls them while it holds that address).
 *
 * @param <L> {@link Lease4} or {@link Lease6}
 */
public interface LeaseStore<L> extends AutoCloseable {

    /** The leases the store held when it was opened; handed over once (later calls return an empty collection). */
    Collection<L> takeLoadedLeases();

    /** Records a new lease. */
    CompletionStage<Void> add(L lease);

    /** Records a changed lease (same address). */
    CompletionStage<Void> update(L lease);

    /** Records that the lease is gone. */
    CompletionStage<Void> delete(L lease);

    /**
     * The calling thread's changes wait in memory until it calls {@link #releaseWrites}: a packet thread wraps each
     * batch of received packets in the two, so the batch's rows cost one system call and its stages complete on that
     * thread. Stores that write elsewhere, or need no grouping, ignore it.
     */
    default void holdWrites() {
    }

    /** Writes what the calling thread held back and completes those changes' stages on it (see {@link #holdWrites}). */
    default void releaseWrites() {
    }

    @Override
    void close() throws IOException;

    /** A store that keeps nothing ({@code persist: false}): every change is durable at once. */
    static <L> LeaseStore<L> inMemory() {
        return new InMemoryLeaseStore<>(List.of());
    }

    /** A store that keeps nothing but hands {@code initial} to the index at start, as if loaded from a file. */
    static <L> LeaseStore<L> inMemory(Collection<L> initial) {
        return new InMemoryLeaseStore<>(initial);
    }
}
