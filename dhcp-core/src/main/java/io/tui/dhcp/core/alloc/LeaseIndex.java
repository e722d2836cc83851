package io.tui.dhcp.core.alloc;

import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.lease.LeaseStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-memory lease index of one family: every lease (and every outstanding offer) by address, with secondary
 * indexes by client key, hostname and state, an expiry order (by second) and an address order (a skip list of the
 * leased addresses). Changes write through to a
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
    private final ConcurrentHashMap<LeaseKey, List<K>> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, List<K>> byHostname = new ConcurrentHashMap<>();
    /** The addresses of leases (offers not included) in address order: paging. */
    private final ConcurrentSkipListSet<K> ordered;
    /** Expiry order: {@link #ACTIVE} and {@link #RECLAIMED} slots by expiry second. */
    private final ExpiryOrder<K> active = new ExpiryOrder<>();
    private final ExpiryOrder<K> reclaimed = new ExpiryOrder<>();
    private final LongAdder leases = new LongAdder();
    private final CompletionStage<Void> done = CompletableFuture.completedStage(null);

    LeaseIndex(LeaseFamily<L, K, ?> family, LeaseStore<L> store, Listener<L, K> listener) {
        this.family = family;
        this.store = store;
        this.listener = listener;
        ordered = new ConcurrentSkipListSet<>(family.order());
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
        List<L> out = new ArrayList<>(Math.min(limit, 1024));
        for (K address : after == null ? ordered : ordered.tailSet(after, false)) {
            if (out.size() >= limit) {
                break;
            }
            L lease = get(address);
            if (lease != null) {
                out.add(lease);
            }
        }
        return out;
    }

    /** Number of leases (offers not counted). */
    public int size() {
        return leases.intValue();
    }

    private List<L> collect(List<K> addresses) {
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
    List<K> addresses(LeaseKey key) {
        List<K> members = byKey.get(key);
        return members == null ? List.of() : members;
    }

    /** The slots of one expiry group, oldest first (to the second; no order within a second). */
    Iterable<Expiry<K>> expiryOrder(int group) {
        ExpiryOrder<K> order = group == ACTIVE ? active : reclaimed;
        return () -> {
            Iterator<Map.Entry<Long, K>> it = order.iterator();
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
            reindex(k, current, next);
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
                reindex(k, current, slot);
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

    /**
     * Moves {@code address} in the secondary indexes from {@code before} to {@code after} (either may be null),
     * touching only what changed: a renewal moves the expiry position alone, its client keys, address block and
     * hostname stay where they are.
     */
    private void reindex(K address, Slot<L> before, Slot<L> after) {
        if (before == null || after == null || !family.sameKeys(before.lease(), after.lease())) {
            List<LeaseKey> oldKeys = before == null ? List.of() : keys(before.lease());
            List<LeaseKey> newKeys = after == null ? List.of() : keys(after.lease());
            for (LeaseKey key : oldKeys) {
                if (!newKeys.contains(key)) {
                    removeFrom(byKey, key, address);
                }
            }
            for (LeaseKey key : newKeys) {
                if (!oldKeys.contains(key)) {
                    addTo(byKey, key, address);
                }
            }
        }
        Expiry<K> oldExpiry = before == null ? null : expiryOf(address, before);
        Expiry<K> newExpiry = after == null ? null : expiryOf(address, after);
        if (oldExpiry != null && oldExpiry.equals(newExpiry)) {
            after.expiryNode = before.expiryNode;
        } else {
            if (oldExpiry != null) {
                remove(oldExpiry.group() == ACTIVE ? active : reclaimed, before.expiryNode);
            }
            if (newExpiry != null) {
                after.expiryNode = (newExpiry.group() == ACTIVE ? active : reclaimed).add(newExpiry.expire(), address);
            }
        }
        boolean wasLease = before != null && !before.offer();
        boolean isLease = after != null && !after.offer();
        if (wasLease != isLease) {
            if (isLease) {
                leases.increment();
                ordered.add(address);
            } else {
                leases.decrement();
                ordered.remove(address);
            }
        }
        String oldName = wasLease ? hostnameKey(before.lease()) : "";
        String newName = isLease ? hostnameKey(after.lease()) : "";
        if (!oldName.equals(newName)) {
            if (!oldName.isEmpty()) {
                removeFrom(byHostname, oldName, address);
            }
            if (!newName.isEmpty()) {
                addTo(byHostname, newName, address);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static <K> void remove(ExpiryOrder<K> order, ExpiryOrder.Node<?> node) {
        if (node != null) {
            order.remove((ExpiryOrder.Node<K>) node);
        }
    }

    private List<LeaseKey> keys(L lease) {
        List<LeaseKey> out = new ArrayList<>(2);
        family.keys(lease, out::add);
        return out;
    }

    private String hostnameKey(L lease) {
        String hostname = family.hostname(lease);
        return hostname.isEmpty() ? hostname : hostname.toLowerCase(Locale.ROOT);
    }

    /**
     * Adds {@code address} to the members of {@code key}. Members are an immutable list (a client has one or two
     * addresses, a hostname a few), replaced under the map's lock for {@code key}, so readers iterate a snapshot and
     * a concurrent removal of the last member cannot lose an addition.
     */
    private static <T, K> void addTo(ConcurrentHashMap<T, List<K>> map, T key, K address) {
        map.compute(key, (k, members) -> {
            if (members == null) {
                return List.of(address);
            }
            if (members.contains(address)) {
                return members;
            }
            List<K> out = new ArrayList<>(members.size() + 1);
            out.addAll(members);
            out.add(address);
            return List.copyOf(out);
        });
    }

    private static <T, K> void removeFrom(ConcurrentHashMap<T, List<K>> map, T key, K address) {
        map.computeIfPresent(key, (k, members) -> {
            int at = members.indexOf(address);
            if (at < 0) {
                return members;
            }
            if (members.size() == 1) {
                return null;
            }
            List<K> out = new ArrayList<>(members);
            out.remove(at);
            return List.copyOf(out);
        });
    }
}
