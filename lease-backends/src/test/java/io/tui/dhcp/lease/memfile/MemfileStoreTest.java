package io.tui.dhcp.lease.memfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.alloc.Allocation;
import io.tui.dhcp.core.alloc.AllocationEngine;
import io.tui.dhcp.core.alloc.AllocationRequest;
import io.tui.dhcp.core.alloc.AllocatorType;
import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.Client6;
import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.Lifetimes;
import io.tui.dhcp.core.alloc.PdPool;
import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine writing through {@link MemfileStore} to a real lease file, and a new engine loading it back. */
class MemfileStoreTest {
    static final long NOW = 1_700_000_000L;
    static final Pool4 POOL = new Pool4(1, 7, 0xc0000210, 0xc000021f); // 192.0.2.16 - 192.0.2.31

    @TempDir
    Path dir;

    static Client4 client(int i) {
        return new Client4(Bytes.of((byte) 2, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) i), Bytes.EMPTY);
    }

    static AllocationRequest<Integer, Client4> request(int i, boolean fake) {
        return new AllocationRequest<>(client(i), List.of(POOL), null, Lifetimes.of(3600), "host" + i, fake, NOW);
    }

    @Test
    void leasesAllocatedAreLoadedBackFromTheFile() throws Exception {
        Path file = dir.resolve("kea-leases4.csv");
        Map<Integer, Lease4> granted = new HashMap<>();
        try (MemfileStore<Lease4> store = MemfileStore.open4(MemfileOptions.persistent(file).withWritePoolId(true))) {
            var engine = AllocationEngine.v4(store, List.of(POOL), AllocationEngine.Settings.of(AllocatorType.FLQ),
                    LeaseStatsListener.NONE);
            List<CompletableFuture<Void>> durable = new ArrayList<>();
            assertTrue(engine.allocate(request(100, true)).offer(), "an offer is not written");
            for (int i = 0; i < 10; i++) {
                Allocation<Lease4> a = engine.allocate(request(i, false));
                durable.add(a.durable().toCompletableFuture());
                granted.put(i, a.lease());
            }
            Allocation<Lease4> released = engine.release(client(8), granted.get(8).address(), false, NOW + 1);
            Allocation<Lease4> kept = engine.release(client(9), granted.get(9).address(), true, NOW + 1);
            Allocation<Lease4> declined = engine.decline(client(7), granted.get(7).address(), 600, NOW + 2);
            durable.add(released.durable().toCompletableFuture());
            durable.add(kept.durable().toCompletableFuture());
            durable.add(declined.durable().toCompletableFuture());
            CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).get();
            granted.remove(8);
            granted.put(9, kept.lease());
            granted.put(7, declined.lease());
        }
        String text = Files.readString(file);
        assertTrue(text.startsWith("address,hwaddr,client_id,valid_lifetime,expire,subnet_id"), text);
        assertTrue(text.contains("host0"));

        try (MemfileStore<Lease4> store = MemfileStore.open4(MemfileOptions.persistent(file).withWritePoolId(true))) {
            var engine = AllocationEngine.v4(store, List.of(POOL),
                    AllocationEngine.Settings.of(AllocatorType.ITERATIVE), LeaseStatsListener.NONE);
            assertEquals(9, engine.index().size());
            for (Lease4 lease : granted.values()) {
                assertEquals(lease, engine.index().get(lease.address()));
            }
            assertEquals(LeaseState.DECLINED, engine.index().get(granted.get(7).address()).state());
            assertEquals(LeaseState.EXPIRED_RECLAIMED, engine.index().get(granted.get(9).address()).state());
            assertEquals(7, engine.freeCount(POOL));
            // returning clients find their leases; new clients get only the free addresses
            assertEquals(Allocation.Status.EXISTING, engine.allocate(request(3, true)).status());
            assertEquals(Allocation.Status.AFFINITY, engine.allocate(request(9, true)).status());
            for (int i = 20; i < 27; i++) {
                Lease4 fresh = engine.allocate(request(i, false)).lease();
                assertNotNull(fresh);
                assertFalse(granted.values().stream().anyMatch(l -> l.address() == fresh.address()));
            }
        }
    }

    @Test
    void prefixLeasesRoundTripThroughTheV6File() throws Exception {
        Path file = dir.resolve("kea-leases6.csv");
        PdPool pool = new PdPool(3, 9, Ip6Address.parse("2001:db8:8800::"), 40, 56);
        List<Lease6> granted = new ArrayList<>();
        try (MemfileStore<Lease6> store = MemfileStore.open6(MemfileOptions.persistent(file).withWritePoolId(true))) {
            var engine = AllocationEngine.v6(store, List.of(pool), AllocationEngine.Settings.of(AllocatorType.RANDOM),
                    LeaseStatsListener.NONE);
            for (int i = 0; i < 5; i++) {
                Client6 c = new Client6(Bytes.of((byte) 0, (byte) 3, (byte) 0, (byte) 1, (byte) i), 11, LeaseType.PD,
                        Bytes.EMPTY);
                Allocation<Lease6> a = engine.allocate(new AllocationRequest<>(c, List.of(pool), null,
                        new Lifetimes(4000, 3000), "", false, NOW));
                a.durable().toCompletableFuture().get();
                granted.add(a.lease());
            }
        }
        try (MemfileStore<Lease6> store = MemfileStore.open6(MemfileOptions.persistent(file).withWritePoolId(true))) {
            var engine = AllocationEngine.v6(store, List.of(pool), AllocationEngine.Settings.of(AllocatorType.RANDOM),
                    LeaseStatsListener.NONE);
            for (Lease6 lease : granted) {
                assertEquals(lease, engine.index().get(lease.address()));
                assertEquals(56, engine.index().get(lease.address()).prefixLength());
            }
            assertEquals(65536 - 5, engine.freeCount(pool));
        }
    }

    @Test
    void persistFalseKeepsNothing() throws Exception {
        try (MemfileStore<Lease4> store = MemfileStore.open4(MemfileOptions.inMemory())) {
            var engine = AllocationEngine.v4(store, List.of(POOL), AllocationEngine.Settings.of(AllocatorType.FLQ),
                    LeaseStatsListener.NONE);
            Allocation<Lease4> a = engine.allocate(request(1, false));
            assertTrue(a.durable().toCompletableFuture().isDone());
            assertEquals(0, store.files().rowsWritten());
        }
    }
}
