package io.tui.dhcp.lease.memfile;

import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseStore;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A {@link LeaseStore} over a {@link MemfileLeaseStore}: what the lease index writes through to with Kea's memfile
 * backend. Adds and updates are rows of the lease, deletions rows with valid lifetime 0; each stage completes when
 * its row is written (and forced, with fsync on). With {@code persist: false} every stage completes at once.
 *
 * @param <L> the lease type
 */
public final class MemfileStore<L> implements LeaseStore<L> {
    private final MemfileLeaseStore<L, ?> files;

    public MemfileStore(MemfileLeaseStore<L, ?> files) {
        this.files = Objects.requireNonNull(files, "files");
    }

    /** Opens the DHCPv4 lease file named in {@code options}. */
    public static MemfileStore<Lease4> open4(MemfileOptions options) throws IOException, LeaseFileException {
        return new MemfileStore<>(MemfileLeaseStore.open4(options));
    }

    /** Opens the DHCPv6 lease file named in {@code options}. */
    public static MemfileStore<Lease6> open6(MemfileOptions options) throws IOException, LeaseFileException {
        MemfileLeaseStore<Lease6, Ip6Address> store = MemfileLeaseStore.open6(options);
        return new MemfileStore<>(store);
    }

    /** The file layer (load report, cleanup, counters). */
    public MemfileLeaseStore<L, ?> files() {
        return files;
    }

    @Override
    public Collection<L> takeLoadedLeases() {
        return new ArrayList<>(files.takeLoadedLeases().values());
    }

    @Override
    public CompletionStage<Void> add(L lease) {
        return files.write(lease);
    }

    @Override
    public CompletionStage<Void> update(L lease) {
        return files.write(lease);
    }

    @Override
    public CompletionStage<Void> delete(L lease) {
        return files.delete(lease);
    }

    @Override
    public void holdWrites() {
        files.holdWrites();
    }

    @Override
    public void releaseWrites() {
        files.releaseWrites();
    }

    @Override
    public void close() throws IOException {
        files.close();
    }
}
