package io.tui.dhcp.core.alloc;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;

/**
 * An ordered multimap of buckets to members: a skip list over the buckets (few: one per expiry second, one per
 * address block) and a concurrent hash set per bucket. Adding or removing a member costs a hash-set operation plus
 * a skip-list search over the buckets, not over the members; members of one bucket come out in no particular order.
 * A bucket is created, added to and dropped under the skip list's per-key compute, so a member is never added to a
 * dropped bucket.
 */
final class Buckets<B, M> {
    private final ConcurrentSkipListMap<B, Set<M>> buckets;

    Buckets(Comparator<? super B> order) {
        buckets = new ConcurrentSkipListMap<>(order);
    }

    void add(B bucket, M member) {
        buckets.compute(bucket, (b, current) -> {
            Set<M> out = current == null ? ConcurrentHashMap.newKeySet() : current;
            out.add(member);
            return out;
        });
    }

    void remove(B bucket, M member) {
        buckets.computeIfPresent(bucket, (b, set) -> {
            set.remove(member);
            return set.isEmpty() ? null : set;
        });
    }

    /** Buckets in order, from the first. */
    Iterable<Map.Entry<B, Set<M>>> from(B first, boolean inclusive) {
        return first == null ? buckets.entrySet() : buckets.tailMap(first, inclusive).entrySet();
    }

    void forEach(BiConsumer<B, M> action) {
        buckets.forEach((b, set) -> set.forEach(m -> action.accept(b, m)));
    }

    /** Members in bucket order. */
    Iterator<Map.Entry<B, M>> iterator(B first) {
        Iterator<Map.Entry<B, Set<M>>> outer = from(first, true).iterator();
        return new Iterator<>() {
            private B bucket;
            private Iterator<M> inner = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!inner.hasNext() && outer.hasNext()) {
                    Map.Entry<B, Set<M>> e = outer.next();
                    bucket = e.getKey();
                    inner = e.getValue().iterator();
                }
                return inner.hasNext();
            }

            @Override
            public Map.Entry<B, M> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return Map.entry(bucket, inner.next());
            }
        };
    }
}
