package io.tui.dhcp.lease.sql;

import io.tui.dhcp.core.alloc.Allocation;
import io.tui.dhcp.core.alloc.AllocationRequest;
import io.tui.dhcp.core.alloc.ClientIdentity;
import io.tui.dhcp.core.alloc.LeaseConflictException;
import io.tui.dhcp.core.alloc.LeaseFamily;
import io.tui.dhcp.core.alloc.LeaseKey;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.Pool;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.LeaseState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link LeaseService} over an SQL database, shared by the v4 and v6 services: every decision that gives an
 * address away is made by the database, so any number of services (in one process or on many machines) can share
 * one database without handing one address to two clients.
 *
 * <ul>
 *   <li>A new lease is claimed by an insert that does nothing when the address has a row (PostgreSQL
 *       {@code ON CONFLICT DO NOTHING}; MySQL a duplicate-key error); the loser moves to the next candidate.</li>
 *   <li>An existing row (renewal, affinity, release, decline, reclamation, takeover of an expired lease) is changed
 *       by an UPDATE/DELETE guarded by the values read (expiry, state and the owner's identifiers): when another
 *       server changed the row meanwhile nothing happens and the caller reads again.</li>
 *   <li>Candidate free addresses come from an in-memory cursor per pool that scans the pool in windows of 256
 *       addresses ({@code SELECT} of the used ones); it is only a hint. Pools too large to scan (a /64) are probed
 *       at random.</li>
 *   <li>Offers (fake allocations) are not written: they are held in memory for the offer lifetime, as a hint that
 *       keeps this server from offering one address to two clients. Another server does not see them.</li>
 *   <li>The statistics listener hears of the changes this service makes; {@link #countByState} reads the per-subnet
 *       counters that the schema's triggers keep in the same transaction as each lease change, so it counts every
 *       server's leases.</li>
 * </ul>
 *
 * <p>Methods block on JDBC: call them from worker threads. When the database is unreachable or too busy they throw
 * {@link StoreUnavailableException} (drop the packet); other database errors are {@link SqlStoreException}.
 */
public abstract sealed class SqlLeaseService<L, K, C extends ClientIdentity<L>> implements LeaseService<L, K, C>
        permits SqlLeaseService4, SqlLeaseService6 {
    /** Attempts when another server changes a row between our read and our guarded write. */
    private static final int RETRIES = 16;
    /** Addresses scanned per query when looking for free ones. */
    static final int WINDOW = 256;
    /** Random probes of a pool too large to scan. */
    private static final int SPARSE_ATTEMPTS = 64;
    /** Pools larger than this are probed at random instead of scanned. */
    private static final long SCAN_LIMIT = 1L << 24;
    /** Rows per batch when reclaiming or flushing without a limit. */
    private static final int BATCH = 1000;
    /** Held offers above which lapsed ones are pruned as new ones are made (without a reclaim timer too). */
    private static final int OFFER_PRUNE_SIZE = 4096;
    private static final CompletionStage<Void> DONE = CompletableFuture.completedStage(null);

    /** Settings of the service. */
    public record Options(long offerLifetime) {
        public Options {
            if (offerLifetime < 0) {
                throw new IllegalArgumentException("offerLifetime " + offerLifetime);
            }
        }

        /** A 60 s offer lifetime, as the in-memory engine's default. */
        public static Options defaults() {
            return new Options(60);
        }
    }

    /** An offer held in memory. */
    private record Offer<C, L>(C client, L lease, long until) {}

    protected final SqlDatabase db;
    protected final Dialect d;
    private final LeaseFamily<L, K, C> family;
    private final Options options;
    private final LeaseStatsListener stats;
    private final List<Pool<K>> pools;
    private final TreeMap<K, Pool<K>> byFirst;
    private final Map<Pool<K>, PoolCursor<K>> cursors = new HashMap<>();
    private final ConcurrentHashMap<K, Offer<C, L>> offers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<C, K> offerByClient = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong offersMade = new java.util.concurrent.atomic.AtomicLong();
    private final boolean ownsDatabase;

    // SQL, built once per service from the subclass's column lists.
    private final String selectAll;
    private final String sqlGet;
    private final String sqlInsert;
    private final String sqlUpdateGuarded;
    private final String sqlDeleteGuarded;
    private final String sqlUpdate;
    private final String sqlDelete;
    private final String sqlRange;

    SqlLeaseService(SqlDatabase db, LeaseFamily<L, K, C> family, List<? extends Pool<K>> pools, Options options,
            LeaseStatsListener stats, boolean ownsDatabase) {
        this.db = Objects.requireNonNull(db, "db");
        this.d = db.dialect();
        this.family = family;
        this.options = Objects.requireNonNull(options, "options");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.pools = List.copyOf(pools);
        this.ownsDatabase = ownsDatabase;
        this.byFirst = new TreeMap<>(family.order());
        for (Pool<K> pool : this.pools) {
            byFirst.put(pool.start(), pool);
            cursors.put(pool, new PoolCursor<>(pool, pool.size() <= SCAN_LIMIT));
        }
        String t = table();
        selectAll = "SELECT " + selectColumns() + " FROM " + t;
        sqlGet = selectAll + " WHERE " + keyColumn() + " = ?";
        List<String> cols = columns();
        List<String> values = placeholders();
        sqlInsert = d.insertIfAbsent("INSERT INTO " + t + " (" + String.join(", ", cols) + ") VALUES ("
                + String.join(", ", values) + ")");
        StringBuilder set = new StringBuilder();
        for (int i = 0; i < cols.size(); i++) {
            set.append(i == 0 ? "" : ", ").append(cols.get(i)).append(" = ").append(values.get(i));
        }
        sqlUpdate = "UPDATE " + t + " SET " + set + " WHERE " + keyColumn() + " = ?";
        sqlUpdateGuarded = sqlUpdate + " AND " + guard();
        sqlDelete = "DELETE FROM " + t + " WHERE " + keyColumn() + " = ?";
        sqlDeleteGuarded = sqlDelete + " AND " + guard();
        sqlRange = "SELECT " + orderColumn() + " FROM " + t + " WHERE " + orderColumn() + " BETWEEN ? AND ? ORDER BY "
                + orderColumn();
    }

    // ---- what the family's table looks like (SqlLeaseService4 / SqlLeaseService6) ---------------------------------

    abstract String table();

    /** The stat table's name. */
    abstract String statTable();

    /** The select list, in the order {@link #read} reads. */
    abstract String selectColumns();

    /** Columns written by insert and update, in the order {@link #bind} binds. */
    abstract List<String> columns();

    /** The value expressions of {@link #columns()} (a {@code ?}, or a conversion of one). */
    abstract List<String> placeholders();

    abstract L read(ResultSet rs) throws SQLException;

    /** Binds every column of {@code lease} from parameter {@code i}; returns the next parameter index. */
    abstract int bind(PreparedStatement ps, int i, L lease) throws SQLException;

    /** The primary key column. */
    abstract String keyColumn();

    abstract Object keyParam(K address);

    /** The column that orders addresses (and its parameter). */
    abstract String orderColumn();

    abstract Object orderParam(K address);

    /** The address of an {@link #orderColumn()} value read back. */
    abstract K fromOrder(ResultSet rs, int column) throws SQLException;

    /** The guard of a conditional write: the row still holds what was read (expiry, state, owner). */
    abstract String guard();

    abstract int bindGuard(PreparedStatement ps, int i, L seen) throws SQLException;

    /** The WHERE clause (and parameters) of a client key. */
    abstract String keyWhere(LeaseKey key, List<Object> params);

    /** The WHERE clause (and parameters) of the leases a client may own in any of {@code subnets}. */
    abstract String clientWhere(C client, List<Long> subnets, List<Object> params);

    /** The column of the v6 lease type in the stat table, or null (v4). */
    abstract String statTypeColumn();

    // ---- allocation --------------------------------------------------------------------------------------------

    @Override
    public Allocation<L> allocate(AllocationRequest<K, C> request) {
        List<Pool<K>> candidates = new ArrayList<>(request.pools().size());
        for (Pool<K> pool : request.pools()) {
            if (!cursors.containsKey(pool)) {
                throw new IllegalArgumentException("pool not known to the service: " + pool);
            }
            candidates.add(pool);
        }
        Allocation<L> result = ownLease(request, candidates);
        if (result == null && request.hint() != null) {
            result = hint(request, candidates);
        }
        for (int i = 0; result == null && i < candidates.size(); i++) {
            result = fresh(request, candidates.get(i));
        }
        if (result == null) {
            result = takeOver(request, candidates);
        }
        return result != null ? result : none(Allocation.Status.EXHAUSTED);
    }

    /** The client's active lease, else its live offer, else its expired/reclaimed lease (affinity). */
    private Allocation<L> ownLease(AllocationRequest<K, C> request, List<Pool<K>> candidates) {
        if (!request.fake()) {
            // A REQUEST after our offer: the offer was made because the client had no active lease here, so claim
            // it straight away (one round trip); if that fails, look at the client's leases as usual.
            Allocation<L> offered = ownOffer(request, candidates);
            if (offered != null) {
                return offered;
            }
        }
        List<Long> subnets = new ArrayList<>();
        for (Pool<K> p : candidates) {
            if (!subnets.contains(p.subnetId())) {
                subnets.add(p.subnetId());
            }
        }
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            L best = null;
            boolean bestActive = false;
            for (L lease : clientLeases(request.client(), subnets)) {
                Pool<K> pool = poolOf(family.address(lease));
                if (pool == null || !candidates.contains(pool) || !request.client().owns(lease)
                        || family.state(lease) == LeaseState.DECLINED) {
                    continue;
                }
                boolean active = family.state(lease) == LeaseState.DEFAULT && family.expire(lease) > request.now();
                if (best == null || (active && !bestActive)) {
                    best = lease;
                    bestActive = active;
                }
            }
            if (!bestActive) {
                Allocation<L> offered = ownOffer(request, candidates);
                if (offered != null) {
                    return offered;
                }
            }
            if (best == null) {
                return null;
            }
            K address = family.address(best);
            Pool<K> pool = poolOf(address);
            Allocation.Status status = bestActive ? Allocation.Status.EXISTING : Allocation.Status.AFFINITY;
            if (request.fake()) {
                if (bestActive) {
                    return new Allocation<>(status, best, false, DONE);
                }
                return new Allocation<>(status, family.create(address, pool, request), true, DONE);
            }
            L lease = family.create(address, pool, request);
            if (replace(best, lease, !bestActive)) {
                dropOffer(request.client());
                return new Allocation<>(status, lease, false, DONE);
            }
        }
        return null;
    }

    /** The client's live offer in a candidate pool: refreshed (fake) or claimed (real). */
    private Allocation<L> ownOffer(AllocationRequest<K, C> request, List<Pool<K>> candidates) {
        K address = offerByClient.get(request.client());
        if (address == null) {
            return null;
        }
        Offer<C, L> offer = offers.get(address);
        Pool<K> pool = poolOf(address);
        if (offer == null || !offer.client().equals(request.client()) || offer.until() <= request.now()
                || pool == null || !candidates.contains(pool)) {
            return null;
        }
        if (request.fake()) {
            if (get(address) != null) {
                // Another server leased the offered address meanwhile: offer something else.
                dropOffer(request.client());
                return null;
            }
            L lease = family.create(address, pool, request);
            offers.put(address, new Offer<>(request.client(), lease, request.now() + options.offerLifetime()));
            return new Allocation<>(Allocation.Status.EXISTING, lease, true, DONE);
        }
        L lease = family.create(address, pool, request);
        dropOffer(request.client());
        if (claimOrTakeExpired(lease, request.now())) {
            return new Allocation<>(Allocation.Status.EXISTING, lease, false, DONE);
        }
        return null;
    }

    private Allocation<L> hint(AllocationRequest<K, C> request, List<Pool<K>> candidates) {
        K hint = request.hint();
        Pool<K> pool = poolOf(hint);
        if (pool == null || !candidates.contains(pool) || offeredToOther(hint, request.client(), request.now())) {
            return null;
        }
        return take(request, pool, hint, Allocation.Status.HINT);
    }

    private Allocation<L> fresh(AllocationRequest<K, C> request, Pool<K> pool) {
        PoolCursor<K> cursor = cursors.get(pool);
        if (cursor.dense()) {
            long budget = pool.size() + WINDOW;
            while (budget-- > 0) {
                K address = cursor.poll();
                if (address == null) {
                    if (!cursor.refill(this::usedIn)) {
                        return null;
                    }
                    continue;
                }
                if (offeredToOther(address, request.client(), request.now())) {
                    continue;
                }
                Allocation<L> result = take(request, pool, address, Allocation.Status.NEW);
                if (result != null) {
                    return result;
                }
                cursor.collided();
            }
            return null;
        }
        for (int i = 0; i < SPARSE_ATTEMPTS; i++) {
            K address = cursor.random();
            if (offeredToOther(address, request.client(), request.now())) {
                continue;
            }
            Allocation<L> result = take(request, pool, address, Allocation.Status.NEW);
            if (result != null) {
                return result;
            }
        }
        return null;
    }

    /** A free address for the request: offered (fake: it must have no row) or claimed by an insert (real). */
    private Allocation<L> take(AllocationRequest<K, C> request, Pool<K> pool, K address, Allocation.Status status) {
        L lease = family.create(address, pool, request);
        if (request.fake()) {
            if (get(address) != null) {
                return null;
            }
            return offer(request, lease, status);
        }
        if (!insert(lease)) {
            return null;
        }
        dropOffer(request.client());
        changed(null, lease);
        return new Allocation<>(status, lease, false, DONE);
    }

    /** Every candidate pool is full: the oldest expired lease of any client in the pools is taken over. */
    private Allocation<L> takeOver(AllocationRequest<K, C> request, List<Pool<K>> candidates) {
        for (Pool<K> pool : candidates) {
            for (int attempt = 0; attempt < RETRIES; attempt++) {
                List<L> expired = query(selectAll + " WHERE " + orderColumn() + " BETWEEN ? AND ? AND expire < "
                        + d.toTimestamp() + " ORDER BY expire LIMIT 8",
                        List.of(orderParam(pool.start()), orderParam(pool.at(pool.lastOffset())),
                                d.clampEpoch(request.now())));
                if (expired.isEmpty()) {
                    break;
                }
                for (L old : expired) {
                    K address = family.address(old);
                    if (offeredToOther(address, request.client(), request.now())) {
                        continue;
                    }
                    L lease = family.create(address, pool, request);
                    if (request.fake()) {
                        return offer(request, lease, Allocation.Status.REUSED);
                    }
                    if (replace(old, lease, true)) {
                        dropOffer(request.client());
                        return new Allocation<>(Allocation.Status.REUSED, lease, false, DONE);
                    }
                }
            }
        }
        return null;
    }

    private Allocation<L> offer(AllocationRequest<K, C> request, L lease, Allocation.Status status) {
        if (offers.size() > OFFER_PRUNE_SIZE && (offersMade.incrementAndGet() & 1023) == 0) {
            pruneOffers(request.now());
        }
        K address = family.address(lease);
        Offer<C, L> mine = new Offer<>(request.client(), lease, request.now() + options.offerLifetime());
        Offer<C, L> held = offers.compute(address, (a, cur) ->
                cur == null || cur.client().equals(request.client()) || cur.until() <= request.now() ? mine : cur);
        if (held != mine) {
            return null;
        }
        K previous = offerByClient.put(request.client(), address);
        if (previous != null && !previous.equals(address)) {
            offers.computeIfPresent(previous, (a, cur) -> cur.client().equals(request.client()) ? null : cur);
        }
        return new Allocation<>(status, lease, true, DONE);
    }

    /** Drops lapsed offers (the reclaim timer, and every 1024th offer while many are held). */
    private void pruneOffers(long now) {
        offers.entrySet().removeIf(e -> {
            if (e.getValue().until() <= now) {
                offerByClient.remove(e.getValue().client(), e.getKey());
                return true;
            }
            return false;
        });
    }

    private boolean offeredToOther(K address, C client, long now) {
        Offer<C, L> o = offers.get(address);
        return o != null && !o.client().equals(client) && o.until() > now;
    }

    private void dropOffer(C client) {
        K address = offerByClient.remove(client);
        if (address != null) {
            offers.computeIfPresent(address, (a, cur) -> cur.client().equals(client) ? null : cur);
        }
    }

    /** Claims the address for {@code lease}: insert, or take over the row if it has expired. */
    private boolean claimOrTakeExpired(L lease, long now) {
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            if (insert(lease)) {
                changed(null, lease);
                return true;
            }
            L current = get(family.address(lease));
            if (current == null) {
                continue;
            }
            if (family.expire(current) >= now) {
                return false;
            }
            if (replace(current, lease, true)) {
                return true;
            }
        }
        return false;
    }

    // ---- lease life cycle --------------------------------------------------------------------------------------

    @Override
    public Allocation<L> renew(AllocationRequest<K, C> request, K address) {
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            L current = get(address);
            Pool<K> pool = poolOf(address);
            if (current == null || pool == null || !request.client().owns(current)
                    || family.state(current) != LeaseState.DEFAULT) {
                return none(Allocation.Status.NO_LEASE);
            }
            L lease = family.create(address, pool, request);
            if (replace(current, lease)) {
                return new Allocation<>(Allocation.Status.EXISTING, lease, false, DONE);
            }
        }
        return none(Allocation.Status.NO_LEASE);
    }

    /**
     * A real request for exactly {@code address} (DHCPv4 REQUEST), as {@code AllocationEngine#request}: the
     * client's own lease (active, expired or reclaimed) or offer there is renewed; a free address, or one holding an
     * expired or reclaimed lease of another client, becomes the client's, and the client's other assigned leases in
     * the request's subnets are deleted (the client moved). Otherwise NO_LEASE and nothing changes.
     */
    @Override
    public Allocation<L> request(AllocationRequest<K, C> request, K address) {
        Allocation<L> result = requestExact(request, address);
        if (result.status() == Allocation.Status.NO_LEASE) {
            // An offer of this address to the client is stale now (another server leased it): forget it.
            C client = request.client();
            if (offers.computeIfPresent(address, (a, o) -> o.client().equals(client) ? null : o) == null) {
                offerByClient.remove(client, address);
            }
        }
        return result;
    }

    private Allocation<L> requestExact(AllocationRequest<K, C> request, K address) {
        Pool<K> pool = poolOf(address);
        if (pool == null || !request.pools().contains(pool)) {
            return none(Allocation.Status.NO_LEASE);
        }
        long now = request.now();
        C client = request.client();
        Offer<C, L> mine = offers.get(address);
        if (mine != null && mine.client().equals(client) && mine.until() > now) {
            // The REQUEST for our offer (the common case): one insert. The offer was made because the client had
            // no assigned lease in these pools, so there is none to clean up.
            L lease = family.create(address, pool, request);
            if (insert(lease)) {
                changed(null, lease);
                dropOffer(client);
                return new Allocation<>(Allocation.Status.EXISTING, lease, false, DONE);
            }
        }
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            L lease = family.create(address, pool, request);
            L current = get(address);
            Allocation.Status status;
            if (current == null) {
                Offer<C, L> o = offers.get(address);
                boolean ownOffer = o != null && o.client().equals(client) && o.until() > now;
                if (o != null && !ownOffer && o.until() > now) {
                    return none(Allocation.Status.NO_LEASE);
                }
                if (!insert(lease)) {
                    continue;
                }
                changed(null, lease);
                status = ownOffer ? Allocation.Status.EXISTING : Allocation.Status.HINT;
            } else {
                LeaseState state = family.state(current);
                if (state == LeaseState.DECLINED) {
                    return none(Allocation.Status.NO_LEASE);
                }
                boolean own = client.owns(current);
                boolean lapsed = state != LeaseState.DEFAULT || family.expire(current) <= now;
                if (own) {
                    status = lapsed ? Allocation.Status.AFFINITY : Allocation.Status.EXISTING;
                } else if (lapsed) {
                    status = Allocation.Status.REUSED;
                } else {
                    if (offers.get(address) != null && offers.get(address).client().equals(client)) {
                        cursorOf(address).collided(); // we offered it, another server leased it
                    }
                    return none(Allocation.Status.NO_LEASE);
                }
                if (!replace(current, lease, status != Allocation.Status.EXISTING)) {
                    continue;
                }
            }
            dropOffer(client);
            List<Long> subnets = new ArrayList<>();
            for (Pool<K> p : request.pools()) {
                if (!subnets.contains(p.subnetId())) {
                    subnets.add(p.subnetId());
                }
            }
            for (L other : clientLeases(client, subnets)) {
                if (family.order().compare(family.address(other), address) != 0 && client.owns(other)
                        && family.state(other) == LeaseState.DEFAULT) {
                    remove(other);
                }
            }
            return new Allocation<>(status, lease, false, DONE);
        }
        return none(Allocation.Status.NO_LEASE);
    }

    @Override
    public Allocation<L> release(C client, K address, boolean keepAffinity, long now) {
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            L current = get(address);
            if (current == null) {
                Offer<C, L> o = offers.get(address);
                if (o != null && o.client().equals(client) && offers.remove(address, o)) {
                    offerByClient.remove(client, address);
                    return new Allocation<>(Allocation.Status.EXISTING, o.lease(), true, DONE);
                }
                return none(Allocation.Status.NO_LEASE);
            }
            if (!client.owns(current) || family.state(current) != LeaseState.DEFAULT) {
                return none(Allocation.Status.NO_LEASE);
            }
            if (keepAffinity) {
                L released = family.withState(current, LeaseState.EXPIRED_RECLAIMED, now);
                if (replace(current, released)) {
                    return new Allocation<>(Allocation.Status.EXISTING, released, false, DONE);
                }
            } else if (remove(current)) {
                return new Allocation<>(Allocation.Status.EXISTING, current, false, DONE);
            }
        }
        return none(Allocation.Status.NO_LEASE);
    }

    @Override
    public Allocation<L> decline(C client, K address, long probation, long now) {
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            L current = get(address);
            if (current == null || !client.owns(current) || family.state(current) != LeaseState.DEFAULT) {
                return none(Allocation.Status.NO_LEASE);
            }
            L declined = family.declined(current, now, probation);
            if (replace(current, declined)) {
                return new Allocation<>(Allocation.Status.EXISTING, declined, false, DONE);
            }
        }
        return none(Allocation.Status.NO_LEASE);
    }

    @Override
    public List<L> reclaim(long now, int max, Duration maxTime) {
        return reclaim(now, max, maxTime, null);
    }

    /** As {@link #reclaim(long, int, Duration)}; a lease {@code skip} accepts is left as it is this cycle. */
    @Override
    public List<L> reclaim(long now, int max, Duration maxTime, java.util.function.Predicate<? super L> skip) {
        long deadline = maxTime.isZero() ? Long.MAX_VALUE : System.nanoTime() + maxTime.toNanos();
        pruneOffers(now);
        List<L> out = new ArrayList<>();
        java.util.Set<K> skipped = new java.util.HashSet<>();
        while (max <= 0 || out.size() < max) {
            int limit = max <= 0 ? BATCH : Math.min(BATCH, max - out.size());
            List<L> due = query(selectAll + " WHERE state IN (0, 1) AND expire < " + d.toTimestamp()
                    + " ORDER BY expire LIMIT " + limit, List.of(d.clampEpoch(now)));
            int before = out.size();
            for (L lease : due) {
                if ((max > 0 && out.size() >= max) || System.nanoTime() - deadline > 0) {
                    return out;
                }
                if (skip != null && (skipped.contains(family.address(lease)) || skip.test(lease))) {
                    skipped.add(family.address(lease)); // asked once per cycle; due again on the next one
                    continue;
                }
                Pool<K> pool = poolOf(family.address(lease));
                long poolId = pool == null ? -1 : pool.id();
                if (family.state(lease) == LeaseState.DEFAULT) {
                    L reclaimed = family.withState(lease, LeaseState.EXPIRED_RECLAIMED, family.expire(lease));
                    if (replace(lease, reclaimed)) {
                        stats.reclaimed(family.subnetId(lease), poolId, false);
                        out.add(reclaimed);
                    }
                } else if (remove(lease)) {
                    stats.reclaimed(family.subnetId(lease), poolId, true);
                    out.add(lease);
                }
            }
            if (due.size() < limit || out.size() == before || System.nanoTime() - deadline > 0) {
                break;
            }
        }
        return out;
    }

    @Override
    public List<L> flushReclaimed(long now, long holdReclaimedTime, int max) {
        List<L> out = new ArrayList<>();
        while (max <= 0 || out.size() < max) {
            int limit = max <= 0 ? BATCH : Math.min(BATCH, max - out.size());
            List<L> due = query(selectAll + " WHERE state IN (2, 3) AND expire < " + d.toTimestamp()
                    + " ORDER BY expire LIMIT " + limit, List.of(d.clampEpoch(now - holdReclaimedTime)));
            int before = out.size();
            for (L lease : due) {
                if (remove(lease)) {
                    out.add(lease);
                }
            }
            if (due.size() < limit || out.size() == before) {
                break;
            }
        }
        return out;
    }

    // ---- queries -----------------------------------------------------------------------------------------------

    @Override
    public L get(K address) {
        List<L> rows = query(sqlGet, List.of(keyParam(address)));
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Override
    public List<L> find(LeaseKey key) {
        List<Object> params = new ArrayList<>();
        String where = keyWhere(key, params);
        return query(selectAll + " WHERE " + where + " ORDER BY " + orderColumn(), params);
    }

    /** The leases a client may own in the subnets (filtered by {@code owns} by the caller). */
    private List<L> clientLeases(C client, List<Long> subnets) {
        List<Object> params = new ArrayList<>();
        String where = clientWhere(client, subnets, params);
        return query(selectAll + " WHERE " + where, params);
    }

    /** Rows whose {@code column} equals an identifier, ordered by address. */
    List<L> byBytes(String column, Bytes value) {
        return query(selectAll + " WHERE " + column + " = ? ORDER BY " + orderColumn(), List.of(value.toArray()));
    }

    @Override
    public List<L> byHostname(String hostname) {
        return query(selectAll + " WHERE " + d.lowerHostname() + " = LOWER(?) ORDER BY " + orderColumn(),
                List.of(hostname));
    }

    @Override
    public List<L> byState(LeaseState state, long subnetId) {
        if (subnetId == 0) {
            return query(selectAll + " WHERE state = ? ORDER BY " + orderColumn(), List.of((long) state.code()));
        }
        return query(selectAll + " WHERE state = ? AND subnet_id = ? ORDER BY " + orderColumn(),
                List.of((long) state.code(), subnetId));
    }

    @Override
    public List<L> bySubnet(long subnetId) {
        return query(selectAll + " WHERE subnet_id = ? ORDER BY " + orderColumn(), List.of(subnetId));
    }

    @Override
    public List<L> page(K after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        if (after == null) {
            return query(selectAll + " ORDER BY " + orderColumn() + " LIMIT " + limit, List.of());
        }
        return query(selectAll + " WHERE " + orderColumn() + " > ? ORDER BY " + orderColumn() + " LIMIT " + limit,
                List.of(orderParam(after)));
    }

    @Override
    public long count() {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table());
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Lease counts from the statistics table the schema's triggers keep (every server's leases, every state);
     * rows with no leases are left out. Subnets {@code fromSubnetId..toSubnetId}; both 0: every subnet.
     */
    @Override
    public List<LeaseCount> countByState(long fromSubnetId, long toSubnetId) {
        String type = statTypeColumn();
        StringBuilder sql = new StringBuilder("SELECT subnet_id, ").append(type == null ? "0" : type)
                .append(", state, leases FROM ").append(statTable()).append(" WHERE leases > 0");
        List<Object> params = new ArrayList<>();
        if (fromSubnetId != 0 || toSubnetId != 0) {
            sql.append(" AND subnet_id BETWEEN ? AND ?");
            params.add(fromSubnetId);
            params.add(toSubnetId);
        }
        sql.append(" ORDER BY subnet_id, ").append(type == null ? "state" : type + ", state");
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bindAll(ps, params);
                List<LeaseCount> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LeaseState state;
                        try {
                            state = LeaseState.fromCode(rs.getLong(3));
                        } catch (io.tui.dhcp.core.wire.ParseException e) {
                            continue;
                        }
                        out.add(new LeaseCount(rs.getLong(1), rs.getInt(2), state, rs.getLong(4)));
                    }
                }
                return out;
            }
        });
    }

    // ---- administrative changes --------------------------------------------------------------------------------

    @Override
    public CompletionStage<Void> add(L lease) throws LeaseConflictException {
        if (!insert(lease)) {
            throw new LeaseConflictException("a lease for address " + family.address(lease) + " already exists");
        }
        changed(null, lease);
        return DONE;
    }

    @Override
    public CompletionStage<Void> update(L lease, boolean forceCreate) throws LeaseConflictException {
        K address = family.address(lease);
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            L current = get(address);
            if (current == null) {
                if (!forceCreate) {
                    throw new LeaseConflictException("no lease for address " + address + " to update");
                }
                if (insert(lease)) {
                    changed(null, lease);
                    return DONE;
                }
                continue;
            }
            if (replace(current, lease)) {
                return DONE;
            }
        }
        throw new StoreUnavailableException("lease " + address + " kept changing under the update");
    }

    @Override
    public L delete(K address) {
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            L current = get(address);
            if (current == null) {
                return null;
            }
            if (remove(current)) {
                return current;
            }
        }
        throw new StoreUnavailableException("lease " + address + " kept changing under the delete");
    }

    @Override
    public long wipe(long subnetId) {
        List<L> gone = db.transaction(c -> {
            String where = subnetId == 0 ? "" : " WHERE subnet_id = ?";
            List<Object> params = subnetId == 0 ? List.of() : List.of(subnetId);
            List<L> rows = query(c, selectAll + where + " FOR UPDATE", params);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table() + where)) {
                bindAll(ps, params);
                ps.executeUpdate();
            }
            return rows;
        });
        for (L lease : gone) {
            changed(lease, null);
            cursorOf(family.address(lease)).freed(family.address(lease));
        }
        return gone.size();
    }

    @Override
    public void close() {
        offers.clear();
        offerByClient.clear();
        if (ownsDatabase) {
            db.close();
        }
    }

    /** The database this service runs on. */
    public SqlDatabase database() {
        return db;
    }

    // ---- guarded writes ----------------------------------------------------------------------------------------

    /** Inserts a row for a free address; false when the address has a row. */
    final boolean insert(L lease) {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(sqlInsert)) {
                bind(ps, 1, lease);
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                if (d.isDuplicate(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** Replaces {@code seen} by {@code next} (same address) if the row still is {@code seen}. */
    final boolean replace(L seen, L next) {
        return replace(seen, next, false);
    }

    /**
     * {@link #replace(Object, Object)}; {@code assignment}: the row is given to a client anew (takeover of an
     * expired lease, affinity), which counts as a cumulative assignment even when the state stays "assigned".
     */
    final boolean replace(L seen, L next, boolean assignment) {
        boolean done = db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(sqlUpdateGuarded)) {
                int i = bind(ps, 1, next);
                ps.setObject(i++, keyParam(family.address(seen)));
                bindGuard(ps, i, seen);
                return ps.executeUpdate() == 1;
            }
        });
        if (done) {
            changed(seen, next, assignment);
        }
        return done;
    }

    /** Deletes the row if it still is {@code seen}. */
    final boolean remove(L seen) {
        boolean done = db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(sqlDeleteGuarded)) {
                ps.setObject(1, keyParam(family.address(seen)));
                bindGuard(ps, 2, seen);
                return ps.executeUpdate() == 1;
            }
        });
        if (done) {
            changed(seen, null);
            cursorOf(family.address(seen)).freed(family.address(seen));
        }
        return done;
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    /** The used addresses of a window of a pool, for the cursor. */
    private List<K> usedIn(K first, K last) {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(sqlRange)) {
                ps.setObject(1, orderParam(first));
                ps.setObject(2, orderParam(last));
                List<K> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(fromOrder(rs, 1));
                    }
                }
                return out;
            }
        });
    }

    final List<L> query(String sql, List<Object> params) {
        return db.call(c -> query(c, sql, params));
    }

    private List<L> query(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindAll(ps, params);
            List<L> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    static void bindAll(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    private Pool<K> poolOf(K address) {
        Map.Entry<K, Pool<K>> e = byFirst.floorEntry(address);
        return e != null && e.getValue().contains(address) ? e.getValue() : null;
    }

    private PoolCursor<K> cursorOf(K address) {
        Pool<K> pool = poolOf(address);
        return pool == null ? PoolCursor.none() : cursors.get(pool);
    }

    /** Statistics for one change made by this service, as the in-memory engine reports them. */
    private void changed(L before, L after) {
        changed(before, after, false);
    }

    private void changed(L before, L after, boolean assignment) {
        K address = family.address(before != null ? before : after);
        Pool<K> pool = poolOf(address);
        long poolId = pool == null ? -1 : pool.id();
        LeaseState was = before == null ? null : family.state(before);
        LeaseState is = after == null ? null : family.state(after);
        boolean wasAssigned = was == LeaseState.DEFAULT || was == LeaseState.DECLINED;
        boolean isAssigned = is == LeaseState.DEFAULT || is == LeaseState.DECLINED;
        if (wasAssigned && !isAssigned) {
            stats.assigned(family.subnetId(before), poolId, -1);
        } else if (isAssigned && !wasAssigned) {
            stats.assigned(family.subnetId(after), poolId, 1);
        }
        if (was == LeaseState.DECLINED && is != LeaseState.DECLINED) {
            stats.declined(family.subnetId(before), poolId, -1);
        } else if (is == LeaseState.DECLINED && was != LeaseState.DECLINED) {
            stats.declined(family.subnetId(after), poolId, 1);
        }
        if (is == LeaseState.DEFAULT && (was != LeaseState.DEFAULT || assignment)) {
            stats.cumulativeAssigned(family.subnetId(after), poolId);
        }
    }

    private static <L> Allocation<L> none(Allocation.Status status) {
        return new Allocation<>(status, null, false, DONE);
    }

    static byte[] bytesOrNull(Bytes b) {
        return b.isEmpty() ? null : b.toArray();
    }

    static Bytes bytes(byte[] b) {
        return b == null || b.length == 0 ? Bytes.EMPTY : Bytes.of(b);
    }

    static String textOrNull(String s) {
        return s.isEmpty() ? null : s;
    }

    static String text(String s) {
        return s == null ? "" : s;
    }
}
