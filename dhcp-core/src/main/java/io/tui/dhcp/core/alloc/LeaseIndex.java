package io.tui.dhcp.core.alloc;

import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.lease.LeaseStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-memory lease index of one family: every lease (and every outstanding offer) by address, with secondary
 * indexes by client key, hostname and state, an expiry order (bucketed by second) and an address order (bucketed by
 * block). Changes write through to a
 * {@link LeaseStore}.
 *
 * <p>The primary map is a {@link ConcurrentHashMap}; every change to an address is one {@code compute} on it that
 * applies only if the slot is still the one the caller read (compare by identity). Inside it the secondary indexes
 * are updated, the change listener runs and the store call is made, so all of them see the changes to one address
 * in one order, without any global lock. Readers see each secondary index eventually consistent with the map.
 *
 * <p>Lookups return leases only; offers are visible to the engine alone.
 *
 * @param <L> the lease type
 * @param <K> the address type
 */
public final class LeaseIndex<L, K> {
    /** Expiry group of leases that need reclaiming when they expire (assigned, declined) and of offers. */
    static final int ACTIVE = 0;
    /** Expiry group of reclaimed and released leases, kept for affinity until flushed. */
    static final int RECLAIMED = 1;

    /** A position in the expiry order. */
    record Expiry<K>(int group, long expire, K address) {
    }

    /** Sees every change, inside the per-address critical section. */
    interface Listener<L, K> {
        void changed(K address, Slot<L> before, Slot<L> after);
    }

    private final LeaseFamily<L, K, ?> family;
    private final LeaseStore<L> store;
    private final Listener<L, K> listener;
    private final ConcurrentHashMap<K, Slot<L>> slots = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<LeaseKey, Set<K>> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<K>> byHostname = new ConcurrentHashMap<>();
    /** Leases by address block (a v4 /24, 256 v6 addresses), blocks in address order: paging. */
    private final Buckets<K, K> blocks;
    /** Expiry order: {@link #ACTIVE} and {@link #RECLAIMED} slots by expiry second. */
    private final Buckets<Long, K> active = new Buckets<>(Comparator.naturalOrder());
    private final Buckets<Long, K> reclaimed = new Buckets<>(Comparator.naturalOrder());
    private final LongAdder leases = new LongAdder();
    private final CompletionStage<Void> done = CompletableFuture.completedStage(null);

    LeaseIndex(LeaseFamily<L, K, ?> family, LeaseStore<L> store, Listener<L, K> listener) {
        this.family = family;
        this.store = store;
        this.listener = listener;
        Comparator<K> order = family.order();
        blocks = new Buckets<>(order);
    }

    // ---- lookups -------------------------------------------------------------------------------------------------

    /** The lease of {@code address}, or null. */
    public L get(K address) {
        Slot<L> slot = slots.get(address);
        return slot == null || slot.offer() ? null : slot.lease();
    }

    /** The leases found under a client key (for example {@code new LeaseKey.Hw4(hw, subnetId)}). */
    public List<L> find(LeaseKey key) {
        return collect(byKey.get(key));
    }

    /** The leases with this hostname (compared case-insensitively). */
    public List<L> byHostname(String hostname) {
        return collect(byHostname.get(hostname.toLowerCase(Locale.ROOT)));
    }

    /**
     * The leases in {@code state}. Served from the expiry order: assigned and declined leases are walked in the
     * active group, reclaimed and released ones in the reclaimed group (an administrative query: it costs the size of
     * the group, and keeps a per-state set off the allocation path).
     */
    public List<L> byState(LeaseState state) {
        int group = state == LeaseState.EXPIRED_RECLAIMED || state == LeaseState.RELEASED ? RECLAIMED : ACTIVE;
        List<L> out = new ArrayList<>();
        for (Expiry<K> e : expiryOrder(group)) {
            Slot<L> slot = slots.get(e.address());
            if (slot != null && !slot.offer() && family.state(slot.lease()) == state) {
                out.add(slot.lease());
            }
        }
        return out;
    }

    /** Up to {@code max} assigned leases that expired before {@code now}, oldest first. */
    public List<L> expired(long now, int max) {
        List<L> out = new ArrayList<>();
        for (Expiry<K> e : expiryOrder(ACTIVE)) {
            if (e.expire() >= now || out.size() >= max) {
                break;
            }
            Slot<L> slot = slots.get(e.address());
            if (slot != null && !slot.offer() && family.state(slot.lease()) == LeaseState.DEFAULT) {
                out.add(slot.lease());
            }
        }
        return out;
    }

    /** Up to {@code limit} leases in address order, starting after {@code after} (null: from the first). */
    public List<L> page(K after, int limit) {
        Comparator<K> order = family.order();
        List<L> out = new ArrayList<>(Math.min(limit, 1024));
        for (Map.Entry<K, Set<K>> block : blocks.from(after == null ? null : family.block(after), true)) {
            List<K> members = new ArrayList<>(block.getValue());
            members.sort(order);
            for (K address : members) {
                if (out.size() >= limit) {
                    return out;
                }
                if (after != null && order.compare(address, after) <= 0) {
                    continue;
                }
                L lease = get(address);
                if (lease != null) {
                    out.add(lease);
                }
            }
        }
        return out;
    }

    /** Number of leases (offers not counted). */
    public int size() {
        return leases.intValue();
    }

    private List<L> collect(Set<K> addresses) {
        if (addresses == null) {
            return List.of();
        }
        List<L> out = new ArrayList<>(addresses.size());
        for (K address : addresses) {
            L lease = get(address);
            if (lease != null) {
                out.add(lease);
            }
        }
        return out;
    }

    // ---- engine side ---------------------------------------------------------------------------------------------

    Slot<L> slot(K address) {
        return slots.get(address);
    }

    /** Addresses (leases and offers) under a client key. */
    Set<K> addresses(LeaseKey key) {
        Set<K> set = byKey.get(key);
        return set == null ? Set.of() : set;
    }

    /** The slots of one expiry group, oldest first (to the second; no order within a second). */
    Iterable<Expiry<K>> expiryOrder(int group) {
        Buckets<Long, K> buckets = group == ACTIVE ? active : reclaimed;
        return () -> {
            Iterator<Map.Entry<Long, K>> it = buckets.iterator(null);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Expiry<K> next() {
                    Map.Entry<Long, K> e = it.next();
                    return new Expiry<>(group, e.getKey(), e.getValue());
                }
            };
        };
    }

    /** The expiry position of a slot. */
    Expiry<K> expiryOf(K address, Slot<L> slot) {
        if (slot.offer()) {
            return new Expiry<>(ACTIVE, slot.offerUntil(), address);
        }
        LeaseState state = family.state(slot.lease());
        int group = state == LeaseState.EXPIRED_RECLAIMED || state == LeaseState.RELEASED ? RECLAIMED : ACTIVE;
        return new Expiry<>(group, family.expire(slot.lease()), address);
    }

    /** Outcome of {@link #swap}: null when the slot was no longer {@code expected}. */
    CompletionStage<Void> swap(K address, Slot<L> expected, Slot<L> next) {
        Object[] result = new Object[1];
        slots.compute(address, (k, current) -> {
            if (current != expected) {
                return current;
            }
            if (current != null) {
                unindex(k, current);
            }
            if (next != null) {
                index(k, next);
            }
            listener.changed(k, current, next);
            result[0] = write(current, next);
            return next;
        });
        @SuppressWarnings("unchecked")
        CompletionStage<Void> stage = (CompletionStage<Void>) result[0];
        return stage;
    }

    /** Takes the leases a store loaded, without writing them back. */
    void load(Iterable<L> leases) {
        for (L lease : leases) {
            K address = family.address(lease);
            Slot<L> slot = Slot.lease(lease);
            slots.compute(address, (k, current) -> {
                if (current != null) {
                    unindex(k, current);
                }
                index(k, slot);
                listener.changed(k, current, slot);
                return slot;
            });
        }
    }

    private CompletionStage<Void> write(Slot<L> before, Slot<L> after) {
        boolean had = before != null && !before.offer();
        if (after != null && !after.offer()) {
            return had ? store.update(after.lease()) : store.add(after.lease());
        }
        return had ? store.delete(before.lease()) : done;
    }

    private void index(K address, Slot<L> slot) {
        L lease = slot.lease();
        family.keys(lease, key -> addTo(byKey, key, address));
        Expiry<K> e = expiryOf(address, slot);
        (e.group() == ACTIVE ? active : reclaimed).add(e.expire(), address);
        if (slot.offer()) {
            return;
        }
        leases.increment();
        blocks.add(family.block(address), address);
        String hostname = family.hostname(lease);
        if (!hostname.isEmpty()) {
            addTo(byHostname, hostname.toLowerCase(Locale.ROOT), address);
        }
    }

    private void unindex(K address, Slot<L> slot) {
        L lease = slot.lease();
        family.keys(lease, key -> removeFrom(byKey, key, address));
        Expiry<K> e = expiryOf(address, slot);
        (e.group() == ACTIVE ? active : reclaimed).remove(e.expire(), address);
        if (slot.offer()) {
            return;
        }
        leases.decrement();
        blocks.remove(family.block(address), address);
        String hostname = family.hostname(lease);
        if (!hostname.isEmpty()) {
            removeFrom(byHostname, hostname.toLowerCase(Locale.ROOT), address);
        }
    }

    /** Adds under the map's lock for {@code key}, so that a concurrent removal of the last member cannot lose it. */
    private static <T, K> void addTo(ConcurrentHashMap<T, Set<K>> map, T key, K address) {
        map.compute(key, (k, set) -> {
            Set<K> out = set == null ? ConcurrentHashMap.newKeySet() : set;
            out.add(address);
            return out;
        });
    }

    private static <T, K> void removeFrom(ConcurrentHashMap<T, Set<K>> map, T key, K address) {
        map.computeIfPresent(key, (k, set) -> {
            set.remove(address);
            return set.isEmpty() ? null : set;
        });
    }
}
