package io.tui.dhcp.core.alloc;

import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.lease.LeaseStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Shared helpers for the allocation tests. */
final class Fixtures {
    static final long NOW = 1_700_000_000L;
    static final Lifetimes HOUR = Lifetimes.of(3600);

    private Fixtures() {
    }

    static int ip(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }

    static Bytes mac(int i) {
        return Bytes.of((byte) 0x02, (byte) 0, (byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i);
    }

    static Client4 client(int i) {
        return new Client4(mac(i), Bytes.EMPTY);
    }

    static AllocationRequest<Integer, Client4> request(Client4 client, List<Pool4> pools, Integer hint,
            boolean fake, long now) {
        return new AllocationRequest<>(client, pools, hint, HOUR, "", fake, now);
    }

    static Lease4 lease(int address, int client, long expire, LeaseState state, long subnetId) {
        return new Lease4(address, mac(client), Bytes.EMPTY, 3600, expire, subnetId, false, false, "", state, "", 0);
    }

    /** A store that records what the index writes. */
    static final class RecordingStore<L> implements LeaseStore<L> {
        final Map<Object, L> rows = new ConcurrentHashMap<>();
        final LongAdder adds = new LongAdder();
        final LongAdder updates = new LongAdder();
        final LongAdder deletes = new LongAdder();
        private final java.util.function.Function<L, Object> key;
        private final List<L> initial;

        RecordingStore(java.util.function.Function<L, Object> key, Collection<L> initial) {
            this.key = key;
            this.initial = new ArrayList<>(initial);
        }

        @Override
        public Collection<L> takeLoadedLeases() {
            return initial;
        }

        @Override
        public CompletionStage<Void> add(L lease) {
            adds.increment();
            rows.put(key.apply(lease), lease);
            return CompletableFuture.completedStage(null);
        }

        @Override
        public CompletionStage<Void> update(L lease) {
            updates.increment();
            rows.put(key.apply(lease), lease);
            return CompletableFuture.completedStage(null);
        }

        @Override
        public CompletionStage<Void> delete(L lease) {
            deletes.increment();
            rows.remove(key.apply(lease));
            return CompletableFuture.completedStage(null);
        }

        @Override
        public void close() {
        }
    }

    /** Stats listener keeping totals per subnet/pool. */
    static final class Counters implements LeaseStatsListener {
        final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

        long get(String name, long subnet, long pool) {
            AtomicLong v = values.get(name + "/" + subnet + "/" + pool);
            return v == null ? 0 : v.get();
        }

        private void add(String name, long subnet, long pool, long delta) {
            values.computeIfAbsent(name + "/" + subnet + "/" + pool, k -> new AtomicLong()).addAndGet(delta);
        }

        @Override
        public void assigned(long subnetId, long poolId, long delta) {
            add("assigned", subnetId, poolId, delta);
        }

        @Override
        public void declined(long subnetId, long poolId, long delta) {
            add("declined", subnetId, poolId, delta);
        }

        @Override
        public void cumulativeAssigned(long subnetId, long poolId) {
            add("cumulative", subnetId, poolId, 1);
        }

        @Override
        public void reclaimed(long subnetId, long poolId, boolean declined) {
            add(declined ? "reclaimed-declined" : "reclaimed", subnetId, poolId, 1);
        }
    }

    /** Counts probe steps. */
    static final class Steps implements Probe {
        long count;

        @Override
        public void step() {
            count++;
        }
    }
}
