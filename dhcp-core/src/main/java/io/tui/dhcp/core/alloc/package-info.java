/**
 * The in-memory lease index and the allocation engine shared by the DHCPv4 and DHCPv6 servers.
 *
 * <h2>Rooms</h2>
 * <ul>
 *   <li>{@link io.tui.dhcp.core.alloc.AllocationEngine}: allocate (real or fake), renew, release, decline, reclaim,
 *       flush reclaimed; one engine per family, built from a {@link io.tui.dhcp.core.lease.LeaseStore} (the loaded
 *       leases) and every pool it will be asked about.</li>
 *   <li>{@link io.tui.dhcp.core.alloc.LeaseIndex}: lookups by address, client key
 *       ({@link io.tui.dhcp.core.alloc.LeaseKey}: hwaddr/client-id + subnet for v4, DUID+IAID+type + subnet and DUID +
 *       subnet for v6), hostname, state; expired leases oldest first; paging in address order.</li>
 *   <li>Pools: {@link io.tui.dhcp.core.alloc.Pool4}, {@link io.tui.dhcp.core.alloc.Pool6} (address ranges) and
 *       {@link io.tui.dhcp.core.alloc.PdPool} (prefix, prefix-len, delegated-len), all seen as slots 0..n-1. These are
 *       the engine's own inputs; the server adapts the config layer's pools to them.</li>
 *   <li>{@link io.tui.dhcp.core.alloc.LeaseStatsListener}: per subnet and pool counters for the statistics layer.</li>
 * </ul>
 *
 * <h2>Free structures and allocators (Kea's {@code allocator} / {@code pd-allocator})</h2>
 * A pool of up to 2^24 slots is dense: {@link io.tui.dhcp.core.alloc.FreeBitmap} keeps one bit per slot (set = no
 * lease and no offer) and a summary tree above it (a bit per 64-bit word, 64 times smaller per level, up to one
 * word), built at start from the loaded leases. Finding the next free slot after any position reads one word per
 * level up and one per level down: the last free address of a /16 costs what the first does (the tests count the
 * steps). Claiming is a CAS on the word; there is no lock.
 * <ul>
 *   <li>{@code iterative}: the next free slot at or after a shared cursor, wrapping (Kea walks the pool from the last
 *       address it gave; here the cursor skips used addresses through the summary).</li>
 *   <li>{@code random}: the next free slot after a uniformly random position. Not exactly uniform over the free
 *       slots (a slot after a long used run is more likely), but cheap at any utilisation; Kea's random allocator
 *       draws from a random permutation instead.</li>
 *   <li>{@code flq}: free slots are queued in a seeded random order at start ({@link io.tui.dhcp.core.alloc.IntRing},
 *       one per pool, guarded by its own monitor); freed slots go to the back, as in Kea. The bitmap stays the truth:
 *       an entry whose slot was taken out of order (a hint) is skipped when polled.</li>
 * </ul>
 * Sparse pools (a /64 of addresses, a /32 cut into /64s) keep no free structure: {@code iterative} probes from a
 * cursor and {@code random} probes random slots, each probe one hash lookup, giving up after 1024 probes; expected
 * O(1) because such pools are always nearly empty. {@code flq} on a sparse pool falls back to random probing (Kea
 * limits FLQ to pools it can materialise).
 *
 * <h2>Claims without a global lock</h2>
 * The index's primary map is a {@code ConcurrentHashMap} from address to {@link io.tui.dhcp.core.alloc.Slot} (a
 * lease, or an offer). Every change to an address is one {@code compute} that applies only if the slot is still the
 * one the caller read (identity), so two threads can never both turn the same address into their lease. For dense
 * pools the bitmap CAS comes first: bit free means no slot, so the following insert always succeeds. A removed slot
 * frees its bit after the map removal. Inside the {@code compute} the secondary indexes are updated, the engine's
 * listener (per-pool expiry, statistics) runs and the store call is made, so changes to one address reach the store in
 * order. A change touches only the secondary indexes it changes: a renewal moves the address's expiry position (one
 * O(1) unlink and one O(1) append in an {@code ExpiryOrder}, a list per second, through the node the slot holds) and
 * nothing else; a new lease also files its client keys (small immutable lists per key) and its place in the address
 * order (a skip list of the leased addresses, for paging).
 *
 * <h2>Allocation order and lease affinity</h2>
 * <ol>
 *   <li>The client's own lease or offer in a candidate pool (found by its client keys): an active one first, else its
 *       expired or expired-reclaimed one (affinity). A real request renews it; a fake one returns it.</li>
 *   <li>The hint, if it lies in a candidate pool and has no slot.</li>
 *   <li>A free address from the candidate pools, in the request's order.</li>
 *   <li>All full: the oldest expired slot (lease in any state with expiry in the past, or a lapsed offer) of another
 *       client in the pools is taken over.</li>
 * </ol>
 * Kea (2.x/3.x) instead reuses an expired lease whenever its allocator lands on it, so a client returning after its
 * lease was reclaimed may find it given away while free addresses remained; here reclaimed leases keep their client
 * until the pool has nothing else, and a DHCPv4 client whose lease expired without reclamation gets the same address.
 * Reclaimed leases are therefore not put back into the FLQ queue on reclamation (Kea does); they return to it when
 * they are deleted ({@code flushReclaimed}, release without affinity, the end of a decline's probation).
 *
 * <h2>Offers (fake allocation)</h2>
 * A DISCOVER/SOLICIT makes an offer slot holding the address for {@code offerLifetime} seconds without writing the
 * store (Kea writes nothing on DISCOVER either; Kea 2.6's {@code offer-lifetime} writes a short lease instead). The
 * same client's REQUEST finds the offer as its own and turns it into a lease. {@code reclaim} drops lapsed offers.
 *
 * <h2>Reclamation</h2>
 * {@code reclaim(now, max, maxTime)} walks the active group of the expiry order oldest first (to the second):
 * assigned leases become expired-reclaimed (kept for affinity), declined leases whose probation ended are deleted and
 * their addresses freed, as Kea counts them in {@code reclaimed-declined-addresses}. {@code flushReclaimed} deletes
 * reclaimed leases older than {@code hold-reclaimed-time}.
 */
package io.tui.dhcp.core.alloc;
