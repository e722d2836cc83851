package io.tui.dhcp.core.alloc;

import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.lease.LeaseStore;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The allocation engine of one family: owns the {@link LeaseIndex}, the per-pool free structures and the allocators,
 * and writes every change through to a {@link LeaseStore}. Thread-safe; no global lock (see the package notes).
 *
 * @param <L> the lease type
 * @param <K> the address type
 * @param <C> the client type
 */
public final class AllocationEngine<L, K, C extends ClientIdentity<L>> implements LeaseService<L, K, C> {
    /** Probes of a sparse pool before it is reported exhausted. */
    static final int SPARSE_ATTEMPTS = 1024;
    /** Retries when another thread changes the same slot between our read and our swap. */
    private static final int RETRIES = 16;

    private final LeaseFamily<L, K, C> family;
    private final LeaseStore<L> store;
    private final Settings settings;
    private final LeaseStatsListener stats;
    private final LeaseIndex<L, K> index;
    private final Map<Pool<K>, PoolState<K>> states = new HashMap<>();
    private final TreeMap<K, PoolState<K>> byFirst;
    private final CompletionStage<Void> done = CompletableFuture.completedStage(null);
    /** True while the constructor loads the store's leases (they are not new assignments). */
    private boolean loading;
    /**
     * True on a thread while it makes an administrative change (lease_cmds): Kea counts those in assigned and declined
     * but not in cumulative-assigned, which counts assignments to clients. The index listener runs on the changing
     * thread, inside {@link #place}.
     */
    private final ThreadLocal<Boolean> administrative = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /**
     * Engine settings.
     *
     * @param allocator     the allocator of every pool
     * @param offerLifetime how long an offer (fake allocation) holds its address, in seconds
     * @param seed          seed of the FLQ start order
     * @param probe         step counter (tests), or {@link Probe#NONE}
     */
    public record Settings(AllocatorType allocator, long offerLifetime, long seed, Probe probe) {
        public Settings {
            java.util.Objects.requireNonNull(allocator, "allocator");
            java.util.Objects.requireNonNull(probe, "probe");
            if (offerLifetime < 0) {
                throw new IllegalArgumentException("offerLifetime " + offerLifetime);
            }
        }

        /** The allocator with a 60 s offer lifetime and no probe. */
        public static Settings of(AllocatorType allocator) {
            return new Settings(allocator, 60, 0, Probe.NONE);
        }
    }

    /**
     * Builds the engine: takes the store's loaded leases into the index and marks their addresses used.
     *
     * @param pools every pool the engine will be asked about (requests name a subset)
     */
    public AllocationEngine(LeaseFamily<L, K, C> family, LeaseStore<L> store, List<? extends Pool<K>> pools,
            Settings settings, LeaseStatsListener stats) {
        this.family = family;
        this.store = store;
        this.settings = settings;
        this.stats = stats;
        this.byFirst = new TreeMap<>(family.order());
        for (Pool<K> pool : pools) {
            PoolState<K> state = new PoolState<>(pool, settings.allocator(), settings.probe());
            states.put(pool, state);
            byFirst.put(pool.start(), state);
        }
        this.index = new LeaseIndex<>(family, store, this::changed);
        loading = true;
        index.load(store.takeLoadedLeases());
        loading = false;
        for (PoolState<K> state : states.values()) {
            if (state.dense()) {
                for (Iterator<Map.Entry<Long, K>> it = state.expiry.iterator(); it.hasNext(); ) {
                    state.claim((int) state.pool.offsetOf(it.next().getValue()));
                }
            }
            state.fillQueue(settings.seed());
        }
    }

    /** A DHCPv4 engine. */
    public static AllocationEngine<Lease4, Integer, Client4> v4(LeaseStore<Lease4> store, List<Pool4> pools,
            Settings settings, LeaseStatsListener stats) {
        return new AllocationEngine<>(new Family4(), store, pools, settings, stats);
    }

    /** A DHCPv6 engine (address pools and prefix pools). */
    public static AllocationEngine<Lease6, Ip6Address, Client6> v6(LeaseStore<Lease6> store,
            List<? extends Pool<Ip6Address>> pools, Settings settings, LeaseStatsListener stats) {
        return new AllocationEngine<>(new Family6(), store, pools, settings, stats);
    }

    /** The lease index (lookups, paging, expiry queries). */
    public LeaseIndex<L, K> index() {
        return index;
    }

    /** Free slots in a dense pool (counted: O(pool size)), or -1 for a sparse one. For tests and diagnostics. */
    public long freeCount(Pool<K> pool) {
        PoolState<K> state = state(pool);
        if (!state.dense()) {
            return -1;
        }
        long free = 0;
        for (int i = 0; i < state.free.size(); i++) {
            free += state.free.isFree(i) ? 1 : 0;
        }
        return free;
    }

    /** Whether the free structure of a dense pool marks {@code address} free (tests: bitmap and index agree). */
    boolean markedFree(K address) {
        PoolState<K> pool = poolOf(address);
        return pool != null && pool.dense() && pool.free.isFree((int) pool.pool.offsetOf(address));
    }

    // ---- allocation ----------------------------------------------------------------------------------------------

    /**
     * Finds a lease for the client: its own lease (or offer) in a candidate pool, else its expired or reclaimed lease
     * there (affinity), else the hint if free, else a free address from the pools in order, else (all full) the
     * oldest expired lease of another client in the pools. A real request writes the lease; a fake one holds the
     * address as an offer for the offer lifetime.
     */
    @Override
    public Allocation<L> allocate(AllocationRequest<K, C> request) {
        List<PoolState<K>> pools = new ArrayList<>(request.pools().size());
        for (Pool<K> pool : request.pools()) {
            pools.add(state(pool));
        }
        Allocation<L> result = ownLease(request, pools);
        if (result == null && request.hint() != null) {
            result = hint(request, pools);
        }
        for (int i = 0; result == null && i < pools.size(); i++) {
            result = fresh(request, pools.get(i));
        }
        if (result == null) {
            result = takeOver(request, pools);
        }
        return result != null ? result : Allocation.none(Allocation.Status.EXHAUSTED);
    }

    /** The client's lease or offer in one of the pools: active first, else expired/reclaimed (affinity). */
    private Allocation<L> ownLease(AllocationRequest<K, C> request, List<PoolState<K>> pools) {
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            K best = null;
            Slot<L> bestSlot = null;
            boolean bestActive = false;
            for (K address : clientAddresses(request.client(), pools)) {
                Slot<L> slot = index.slot(address);
                if (slot == null || !request.client().owns(slot.lease())) {
                    continue;
                }
                PoolState<K> pool = poolOf(address);
                if (pool == null || !pools.contains(pool)) {
                    continue;
                }
                LeaseState state = family.state(slot.lease());
                if (!slot.offer() && state == LeaseState.DECLINED) {
                    continue;
                }
                boolean active = slot.offer()
                        ? slot.offerUntil() > request.now()
                        : state == LeaseState.DEFAULT && family.expire(slot.lease()) > request.now();
                if (bestSlot == null || (active && !bestActive)) {
                    best = address;
                    bestSlot = slot;
                    bestActive = active;
                }
            }
            if (bestSlot == null) {
                return null;
            }
            Allocation.Status status = bestActive || bestSlot.offer()
                    ? Allocation.Status.EXISTING : Allocation.Status.AFFINITY;
            PoolState<K> pool = poolOf(best);
            if (request.fake()) {
                if (bestActive) {
                    return new Allocation<>(status, bestSlot.lease(), bestSlot.offer(), done);
                }
                // Affinity: the client's old lease stays as it is; the offer is what a REQUEST will get.
                L offered = family.create(best, pool.pool, request);
                if (bestSlot.offer()) {
                    Slot<L> next = Slot.offer(offered, request.now() + settings.offerLifetime());
                    if (index.swap(best, bestSlot, next) == null) {
                        continue;
                    }
                }
                return new Allocation<>(status, offered, true, done);
            }
            L lease = family.create(best, pool.pool, request);
            if (!bestSlot.offer()) {
                lease = family.renewal(bestSlot.lease(), lease);
            }
            CompletionStage<Void> durable = index.swap(best, bestSlot, Slot.lease(lease));
            if (durable != null) {
                if (status == Allocation.Status.AFFINITY) {
                    reassigned(best, bestSlot, lease);
                }
                return new Allocation<>(status, lease, false, durable);
            }
        }
        return null;
    }

    private List<K> clientAddresses(C client, List<PoolState<K>> pools) {
        List<K> out = new ArrayList<>(2);
        long lastSubnet = -1;
        for (PoolState<K> pool : pools) {
            long subnet = pool.pool.subnetId();
            if (subnet == lastSubnet) {
                continue;
            }
            lastSubnet = subnet;
            client.keys(subnet, key -> {
                for (K address : index.addresses(key)) {
                    if (!out.contains(address)) {
                        out.add(address);
                    }
                }
            });
        }
        return out;
    }

    private Allocation<L> hint(AllocationRequest<K, C> request, List<PoolState<K>> pools) {
        K hint = request.hint();
        PoolState<K> pool = poolOf(hint);
        if (pool == null || !pools.contains(pool) || index.slot(hint) != null) {
            return null;
        }
        if (pool.dense() && !pool.claim((int) pool.pool.offsetOf(hint))) {
            return null;
        }
        return insert(request, pool, hint, Allocation.Status.HINT);
    }

    private Allocation<L> fresh(AllocationRequest<K, C> request, PoolState<K> pool) {
        if (pool.dense()) {
            while (true) {
                int slot = pool.claim();
                if (slot < 0) {
                    return null;
                }
                Allocation<L> result = insert(request, pool, pool.pool.at(slot), Allocation.Status.NEW);
                if (result != null) {
                    return result;
                }
            }
        }
        for (int i = 0; i < SPARSE_ATTEMPTS; i++) {
            K address = pool.pool.at(pool.candidate());
            if (index.slot(address) != null) {
                continue;
            }
            Allocation<L> result = insert(request, pool, address, Allocation.Status.NEW);
            if (result != null) {
                return result;
            }
        }
        return null;
    }

    /** Puts a new lease or offer on a free address; null if a slot appeared there meanwhile. */
    private Allocation<L> insert(AllocationRequest<K, C> request, PoolState<K> pool, K address,
            Allocation.Status status) {
        L lease = family.create(address, pool.pool, request);
        Slot<L> slot = request.fake() ? Slot.offer(lease, request.now() + settings.offerLifetime()) : Slot.lease(lease);
        CompletionStage<Void> durable = index.swap(address, null, slot);
        return durable == null ? null : new Allocation<>(status, lease, request.fake(), durable);
    }

    /**
     * An expired lease still in the assigned state was given to a client anew (affinity or takeover): the state
     * did not change, so the listener did not count it, but Kea counts it in {@code cumulative-assigned-*}.
     */
    private void reassigned(K address, Slot<L> before, L after) {
        if (!before.offer() && family.state(before.lease()) == LeaseState.DEFAULT) {
            PoolState<K> pool = poolOf(address);
            stats.cumulativeAssigned(family.subnetId(after), pool == null ? -1 : pool.pool.id());
        }
    }

    /** All pools full: the oldest expired lease (or lapsed offer) of any client in the pools is taken over. */
    private Allocation<L> takeOver(AllocationRequest<K, C> request, List<PoolState<K>> pools) {
        for (PoolState<K> pool : pools) {
            for (Iterator<Map.Entry<Long, K>> it = pool.expiry.iterator(); it.hasNext(); ) {
                Map.Entry<Long, K> e = it.next();
                settings.probe().step();
                if (e.getKey() >= request.now()) {
                    break;
                }
                K address = e.getValue();
                Slot<L> slot = index.slot(address);
                if (slot == null || index.expiryOf(address, slot).expire() != e.getKey()) {
                    continue;
                }
                L lease = family.create(address, pool.pool, request);
                Slot<L> next = request.fake()
                        ? Slot.offer(lease, request.now() + settings.offerLifetime()) : Slot.lease(lease);
                CompletionStage<Void> durable = index.swap(address, slot, next);
                if (durable != null) {
                    if (!request.fake()) {
                        reassigned(address, slot, lease);
                    }
                    return new Allocation<>(Allocation.Status.REUSED, lease, request.fake(), durable);
                }
            }
        }
        return null;
    }

    // ---- lease life cycle ----------------------------------------------------------------------------------------

    /**
     * Extends the client's lease of {@code address} with the request's lifetimes (the request's pools, hint and
     * fake flag are not used). NO_LEASE if the address is not the client's assigned lease.
     */
    @Override
    public Allocation<L> renew(AllocationRequest<K, C> request, K address) {
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            Slot<L> slot = index.slot(address);
            PoolState<K> pool = poolOf(address);
            if (slot == null || slot.offer() || pool == null || !request.client().owns(slot.lease())
                    || family.state(slot.lease()) != LeaseState.DEFAULT) {
                return Allocation.none(Allocation.Status.NO_LEASE);
            }
            L lease = family.renewal(slot.lease(), family.create(address, pool.pool, request));
            CompletionStage<Void> durable = index.swap(address, slot, Slot.lease(lease));
            if (durable != null) {
                return new Allocation<>(Allocation.Status.EXISTING, lease, false, durable);
            }
        }
        return Allocation.none(Allocation.Status.NO_LEASE);
    }

    /**
     * A real request for exactly {@code address} (a DHCPv4 REQUEST; Kea's {@code requestLease4}): the client's own
     * lease, expired lease or offer there becomes its renewed lease; else, when the address lies in one of the request's
     * pools and is free (or holds a lapsed offer, or an expired or reclaimed lease of another client), it becomes the
     * client's lease, and the client's other assigned leases and offers in the request's subnets are deleted (the
     * client moved, as Kea does). Otherwise NO_LEASE and nothing changes: a REQUEST never gets another address.
     */
    @Override
    public Allocation<L> request(AllocationRequest<K, C> request, K address) {
        PoolState<K> pool = poolOf(address);
        List<PoolState<K>> pools = new ArrayList<>(request.pools().size());
        for (Pool<K> p : request.pools()) {
            pools.add(state(p));
        }
        if (pool == null || !pools.contains(pool)) {
            return Allocation.none(Allocation.Status.NO_LEASE);
        }
        long now = request.now();
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            Slot<L> slot = index.slot(address);
            L lease = family.create(address, pool.pool, request);
            Allocation.Status status;
            CompletionStage<Void> durable;
            if (slot == null) {
                if (pool.dense() && !pool.claim((int) pool.pool.offsetOf(address))) {
                    continue; // another thread is inserting there: look again
                }
                status = Allocation.Status.HINT;
                durable = index.swap(address, null, Slot.lease(lease));
            } else {
                LeaseState state = family.state(slot.lease());
                boolean own = request.client().owns(slot.lease());
                if (!slot.offer() && state == LeaseState.DECLINED) {
                    return Allocation.none(Allocation.Status.NO_LEASE);
                }
                boolean lapsed = slot.offer() ? slot.offerUntil() <= now
                        : state != LeaseState.DEFAULT || family.expire(slot.lease()) <= now;
                if (own) {
                    status = slot.offer() || !lapsed ? Allocation.Status.EXISTING : Allocation.Status.AFFINITY;
                    if (!slot.offer()) {
                        lease = family.renewal(slot.lease(), lease);
                    }
                } else if (lapsed) {
                    status = Allocation.Status.REUSED;
                } else {
                    return Allocation.none(Allocation.Status.NO_LEASE);
                }
                durable = index.swap(address, slot, Slot.lease(lease));
            }
            if (durable == null) {
                continue;
            }
            for (K other : clientAddresses(request.client(), pools)) {
                if (family.order().compare(other, address) == 0) {
                    continue;
                }
                Slot<L> s = index.slot(other);
                if (s != null && request.client().owns(s.lease())
                        && (s.offer() || family.state(s.lease()) == LeaseState.DEFAULT)) {
                    CompletionStage<Void> gone = remove(other, s);
                    if (gone != null) {
                        durable = durable.thenCombine(gone, (a, b) -> null);
                    }
                }
            }
            return new Allocation<>(status, lease, false, durable);
        }
        return Allocation.none(Allocation.Status.NO_LEASE);
    }

    /**
     * The client releases {@code address}: with {@code keepAffinity} the lease becomes expired-reclaimed (expiring
     * now) and stays the client's until another client needs the address, otherwise it is deleted and the address is
     * free at once. An outstanding offer of the client is dropped either way.
     */
    @Override
    public Allocation<L> release(C client, K address, boolean keepAffinity, long now) {
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            Slot<L> slot = index.slot(address);
            if (slot == null || !client.owns(slot.lease())
                    || (!slot.offer() && family.state(slot.lease()) != LeaseState.DEFAULT)) {
                return Allocation.none(Allocation.Status.NO_LEASE);
            }
            if (keepAffinity && !slot.offer()) {
                L released = family.withState(slot.lease(), LeaseState.EXPIRED_RECLAIMED, now);
                CompletionStage<Void> durable = index.swap(address, slot, Slot.lease(released));
                if (durable != null) {
                    return new Allocation<>(Allocation.Status.EXISTING, released, false, durable);
                }
                continue;
            }
            CompletionStage<Void> durable = remove(address, slot);
            if (durable != null) {
                return new Allocation<>(Allocation.Status.EXISTING, slot.lease(), slot.offer(), durable);
            }
        }
        return Allocation.none(Allocation.Status.NO_LEASE);
    }

    /**
     * The client declines {@code address} (DHCPDECLINE / DECLINE): the lease loses its client and is held in state
     * declined for {@code probation} seconds, after which {@link #reclaim} frees it.
     */
    @Override
    public Allocation<L> decline(C client, K address, long probation, long now) {
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            Slot<L> slot = index.slot(address);
            if (slot == null || slot.offer() || !client.owns(slot.lease())
                    || family.state(slot.lease()) != LeaseState.DEFAULT) {
                return Allocation.none(Allocation.Status.NO_LEASE);
            }
            L declined = family.declined(slot.lease(), now, probation);
            CompletionStage<Void> durable = index.swap(address, slot, Slot.lease(declined));
            if (durable != null) {
                return new Allocation<>(Allocation.Status.EXISTING, declined, false, durable);
            }
        }
        return Allocation.none(Allocation.Status.NO_LEASE);
    }

    /**
     * Reclaims leases that expired before {@code now}, oldest first (Kea's {@code expired-leases-processing}):
     * assigned leases become expired-reclaimed (kept for affinity), declined leases whose probation ended are
     * deleted and their addresses freed, lapsed offers are dropped (not reported).
     *
     * @param max     at most this many leases (0: no limit), as {@code max-reclaim-leases}
     * @param maxTime at most this long (zero: no limit), as {@code max-reclaim-time}
     * @return the reclaimed leases: expired-reclaimed ones in their new state, declined ones as they were
     */
    @Override
    public List<L> reclaim(long now, int max, Duration maxTime) {
        return reclaim(now, max, maxTime, null);
    }

    /** As {@link #reclaim(long, int, Duration)}; a lease {@code skip} accepts is left as it is (not an offer). */
    @Override
    public List<L> reclaim(long now, int max, Duration maxTime, java.util.function.Predicate<? super L> skip) {
        long deadline = maxTime.isZero() ? Long.MAX_VALUE : System.nanoTime() + maxTime.toNanos();
        List<L> out = new ArrayList<>();
        for (LeaseIndex.Expiry<K> e : index.expiryOrder(LeaseIndex.ACTIVE)) {
            if (e.expire() >= now || (max > 0 && out.size() >= max)
                    || System.nanoTime() - deadline > 0) {
                break;
            }
            K address = e.address();
            Slot<L> slot = index.slot(address);
            if (slot == null || !index.expiryOf(address, slot).equals(e)) {
                continue;
            }
            L lease = slot.lease();
            PoolState<K> pool = poolOf(address);
            long poolId = pool == null ? -1 : pool.pool.id();
            if (slot.offer()) {
                remove(address, slot);
                continue;
            }
            LeaseState state = family.state(lease);
            if (state != LeaseState.DEFAULT && state != LeaseState.DECLINED) {
                continue;
            }
            if (skip != null && skip.test(lease)) {
                continue; // a lease*_expire callout keeps it this time
            }
            if (state == LeaseState.DEFAULT) {
                L reclaimed = family.withState(lease, LeaseState.EXPIRED_RECLAIMED, family.expire(lease));
                if (index.swap(address, slot, Slot.lease(reclaimed)) != null) {
                    stats.reclaimed(family.subnetId(lease), poolId, false);
                    out.add(reclaimed);
                }
            } else if (remove(address, slot) != null) {
                stats.reclaimed(family.subnetId(lease), poolId, true);
                out.add(lease);
            }
        }
        return out;
    }

    /**
     * Deletes expired-reclaimed and released leases whose expiry is more than {@code holdReclaimedTime} seconds
     * before {@code now} (Kea's {@code flush-reclaimed-timer}), freeing their addresses; returns the deleted leases.
     */
    @Override
    public List<L> flushReclaimed(long now, long holdReclaimedTime, int max) {
        List<L> out = new ArrayList<>();
        for (LeaseIndex.Expiry<K> e : index.expiryOrder(LeaseIndex.RECLAIMED)) {
            if (e.expire() + holdReclaimedTime >= now
                    || (max > 0 && out.size() >= max)) {
                break;
            }
            Slot<L> slot = index.slot(e.address());
            if (slot != null && index.expiryOf(e.address(), slot).equals(e) && remove(e.address(), slot) != null) {
                out.add(slot.lease());
            }
        }
        return out;
    }

    /** Deletes the slot and frees its address; null if the slot changed meanwhile. */
    private CompletionStage<Void> remove(K address, Slot<L> slot) {
        CompletionStage<Void> durable = index.swap(address, slot, null);
        if (durable != null) {
            PoolState<K> pool = poolOf(address);
            if (pool != null && pool.dense()) {
                pool.release((int) pool.pool.offsetOf(address));
            }
        }
        return durable;
    }

    // ---- queries (LeaseService) ----------------------------------------------------------------------------------

    @Override
    public L get(K address) {
        return index.get(address);
    }

    @Override
    public List<L> find(LeaseKey key) {
        return index.find(key);
    }

    @Override
    public List<L> byHwAddress(Bytes hwAddress) {
        return scan(l -> family.hwAddress(l).equals(hwAddress));
    }

    @Override
    public List<L> byClientId(Bytes clientId) {
        return scan(l -> family.clientId(l).equals(clientId));
    }

    @Override
    public List<L> byHostname(String hostname) {
        List<L> out = new ArrayList<>(index.byHostname(hostname));
        out.sort((a, b) -> family.order().compare(family.address(a), family.address(b)));
        return out;
    }

    @Override
    public List<L> byState(LeaseState state, long subnetId) {
        return scan(l -> family.state(l) == state && (subnetId == 0 || family.subnetId(l) == subnetId));
    }

    @Override
    public List<L> bySubnet(long subnetId) {
        return scan(l -> family.subnetId(l) == subnetId);
    }

    @Override
    public List<L> page(K after, int limit) {
        return index.page(after, limit);
    }

    @Override
    public long count() {
        return index.size();
    }

    @Override
    public List<LeaseCount> countByState(long fromSubnetId, long toSubnetId) {
        Map<List<Object>, long[]> counts = new TreeMap<>((a, b) -> {
            int c = Long.compare((Long) a.get(0), (Long) b.get(0));
            c = c != 0 ? c : Integer.compare((Integer) a.get(1), (Integer) b.get(1));
            return c != 0 ? c : ((LeaseState) a.get(2)).compareTo((LeaseState) b.get(2));
        });
        forEachLease(l -> {
            long subnet = family.subnetId(l);
            if ((fromSubnetId == 0 && toSubnetId == 0) || (subnet >= fromSubnetId && subnet <= toSubnetId)) {
                counts.computeIfAbsent(List.of(subnet, family.typeCode(l), family.state(l)), k -> new long[1])[0]++;
            }
        });
        List<LeaseCount> out = new ArrayList<>(counts.size());
        counts.forEach((k, v) -> out.add(new LeaseCount((Long) k.get(0), (Integer) k.get(1), (LeaseState) k.get(2),
                v[0])));
        return out;
    }

    /** Every lease matching {@code filter}, in address order (an administrative scan: O(leases)). */
    private List<L> scan(java.util.function.Predicate<L> filter) {
        List<L> out = new ArrayList<>();
        forEachLease(l -> {
            if (filter.test(l)) {
                out.add(l);
            }
        });
        return out;
    }

    private void forEachLease(java.util.function.Consumer<L> sink) {
        K after = null;
        while (true) {
            List<L> page = index.page(after, 4096);
            for (L l : page) {
                sink.accept(l);
            }
            if (page.size() < 4096) {
                return;
            }
            after = family.address(page.get(page.size() - 1));
        }
    }

    // ---- administrative changes (LeaseService) -------------------------------------------------------------------

    @Override
    public CompletionStage<Void> add(L lease) throws LeaseConflictException {
        K address = family.address(lease);
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            Slot<L> slot = index.slot(address);
            if (slot != null && !slot.offer()) {
                throw new LeaseConflictException("a lease for address " + address(address) + " already exists");
            }
            CompletionStage<Void> durable = placeAdministratively(address, slot, lease);
            if (durable != null) {
                return durable;
            }
        }
        throw new LeaseConflictException("address " + address(address) + " is changing; try again");
    }

    @Override
    public CompletionStage<Void> update(L lease, boolean forceCreate) throws LeaseConflictException {
        K address = family.address(lease);
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            Slot<L> slot = index.slot(address);
            if ((slot == null || slot.offer()) && !forceCreate) {
                throw new LeaseConflictException("no lease for address " + address(address) + " exists");
            }
            CompletionStage<Void> durable = placeAdministratively(address, slot, lease);
            if (durable != null) {
                return durable;
            }
        }
        throw new LeaseConflictException("address " + address(address) + " is changing; try again");
    }

    /** {@link #place} for lease_cmds: not counted as an assignment to a client (cumulative-assigned). */
    private CompletionStage<Void> placeAdministratively(K address, Slot<L> slot, L lease) {
        administrative.set(Boolean.TRUE);
        try {
            return place(address, slot, lease);
        } finally {
            administrative.remove();
        }
    }

    /** Puts {@code lease} in place of {@code slot} (null, an offer or a lease), claiming a free address's bit. */
    private CompletionStage<Void> place(K address, Slot<L> slot, L lease) {
        PoolState<K> pool = poolOf(address);
        boolean claimed = false;
        if (slot == null && pool != null && pool.dense()) {
            if (!pool.claim((int) pool.pool.offsetOf(address))) {
                return null;
            }
            claimed = true;
        }
        CompletionStage<Void> durable = index.swap(address, slot, Slot.lease(lease));
        if (durable == null && claimed) {
            pool.release((int) pool.pool.offsetOf(address));
        }
        return durable;
    }

    @Override
    public L delete(K address) {
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            Slot<L> slot = index.slot(address);
            if (slot == null || slot.offer()) {
                return null;
            }
            CompletionStage<Void> durable = remove(address, slot);
            if (durable != null) {
                durable.toCompletableFuture().join();
                return slot.lease();
            }
        }
        return null;
    }

    @Override
    public long wipe(long subnetId) {
        long n = 0;
        for (L lease : subnetId == 0 ? scan(l -> true) : bySubnet(subnetId)) {
            if (delete(family.address(lease)) != null) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        try {
            store.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String address(Object address) {
        return address instanceof Integer v4 ? io.tui.dhcp.core.lease.AddressText.formatV4(v4) : String.valueOf(address);
    }

    // ---- bookkeeping ---------------------------------------------------------------------------------------------

    private PoolState<K> state(Pool<K> pool) {
        PoolState<K> state = states.get(pool);
        if (state == null) {
            throw new IllegalArgumentException("pool not known to the engine: " + pool);
        }
        return state;
    }

    private PoolState<K> poolOf(K address) {
        Map.Entry<K, PoolState<K>> e = byFirst.floorEntry(address);
        return e != null && e.getValue().pool.contains(address) ? e.getValue() : null;
    }

    /** Index listener: per-pool expiry order and statistics, inside the address's critical section. */
    private void changed(K address, Slot<L> before, Slot<L> after) {
        PoolState<K> pool = poolOf(address);
        long poolId = -1;
        if (pool != null) {
            poolId = pool.pool.id();
            long was = before == null ? Long.MIN_VALUE : index.expiryOf(address, before).expire();
            long is = after == null ? Long.MIN_VALUE : index.expiryOf(address, after).expire();
            if (before != null && after != null && was == is) {
                after.poolNode = before.poolNode;
            } else {
                if (before != null) {
                    LeaseIndex.remove(pool.expiry, before.poolNode);
                }
                if (after != null) {
                    after.poolNode = pool.expiry.add(is, address);
                }
            }
        }
        LeaseState was = before == null || before.offer() ? null : family.state(before.lease());
        LeaseState is = after == null || after.offer() ? null : family.state(after.lease());
        boolean wasAssigned = was == LeaseState.DEFAULT || was == LeaseState.DECLINED;
        boolean isAssigned = is == LeaseState.DEFAULT || is == LeaseState.DECLINED;
        if (wasAssigned && !isAssigned) {
            stats.assigned(family.subnetId(before.lease()), poolId, -1);
        } else if (isAssigned && !wasAssigned) {
            stats.assigned(family.subnetId(after.lease()), poolId, 1);
        }
        if (was == LeaseState.DECLINED && is != LeaseState.DECLINED) {
            stats.declined(family.subnetId(before.lease()), poolId, -1);
        } else if (is == LeaseState.DECLINED && was != LeaseState.DECLINED) {
            stats.declined(family.subnetId(after.lease()), poolId, 1);
        }
        if (is == LeaseState.DEFAULT && was != LeaseState.DEFAULT && !loading && !administrative.get()) {
            stats.cumulativeAssigned(family.subnetId(after.lease()), poolId);
        }
    }
}
