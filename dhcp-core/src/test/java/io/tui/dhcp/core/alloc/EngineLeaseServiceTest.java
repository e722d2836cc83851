package io.tui.dhcp.core.alloc;

import static io.tui.dhcp.core.alloc.Fixtures.NOW;
import static io.tui.dhcp.core.alloc.Fixtures.client;
import static io.tui.dhcp.core.alloc.Fixtures.ip;
import static io.tui.dhcp.core.alloc.Fixtures.lease;
import static io.tui.dhcp.core.alloc.Fixtures.mac;
import static io.tui.dhcp.core.alloc.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine's administrative and query side (lease_cmds, stat_cmds) keeps the free structures, store and stats right. */
class EngineLeaseServiceTest {
    static final Pool4 POOL = new Pool4(1, 10, ip(192, 0, 2, 10), ip(192, 0, 2, 13));
    static final Pool4 OTHER = new Pool4(2, 20, ip(10, 0, 0, 1), ip(10, 0, 0, 100));

    private final Fixtures.RecordingStore<Lease4> store = new Fixtures.RecordingStore<>(Lease4::address, List.of());
    private final Fixtures.Counters stats = new Fixtures.Counters();

    private AllocationEngine<Lease4, Integer, Client4> engine(AllocatorType type) {
        return AllocationEngine.v4(store, List.of(POOL, OTHER), new AllocationEngine.Settings(type, 60, 3, Probe.NONE),
                stats);
    }

    @ParameterizedTest
    @EnumSource(AllocatorType.class)
    void addedLeaseIsNeverHandedToAnotherClientAndDeletingFreesIt(AllocatorType type) throws Exception {
        var engine = engine(type);
        engine.add(lease(ip(192, 0, 2, 11), 500, NOW + 3600, LeaseState.DEFAULT, 10)).toCompletableFuture().join();
        assertEquals(1, store.adds.sum());
        assertEquals(1, stats.get("assigned", 10, 1));
        Set<Integer> given = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Allocation<Lease4> a = engine.allocate(request(client(i), List.of(POOL), null, false, NOW));
            assertTrue(a.granted(), "allocation " + i);
            assertNotEquals(ip(192, 0, 2, 11), a.lease().address());
            given.add(a.lease().address());
        }
        assertEquals(3, given.size());
        assertEquals(Allocation.Status.EXHAUSTED,
                engine.allocate(request(client(9), List.of(POOL), null, false, NOW)).status());
        Lease4 gone = engine.delete(ip(192, 0, 2, 11));
        assertEquals(mac(500), gone.hwAddress());
        assertEquals(1, store.deletes.sum());
        assertEquals(3, stats.get("assigned", 10, 1));
        Allocation<Lease4> a = engine.allocate(request(client(9), List.of(POOL), null, false, NOW));
        assertEquals(ip(192, 0, 2, 11), a.lease().address());
        assertNull(engine.delete(ip(192, 0, 2, 99)));
    }

    @Test
    void addOfAnExistingAddressAndUpdateOfAMissingOneAreConflicts() throws Exception {
        var engine = engine(AllocatorType.ITERATIVE);
        Lease4 l = lease(ip(10, 0, 0, 5), 1, NOW + 3600, LeaseState.DEFAULT, 20);
        engine.add(l);
        var e = assertThrows(LeaseConflictException.class, () -> engine.add(l));
        assertTrue(e.getMessage().contains("10.0.0.5"), e.getMessage());
        Lease4 missing = lease(ip(10, 0, 0, 6), 2, NOW + 3600, LeaseState.DEFAULT, 20);
        assertThrows(LeaseConflictException.class, () -> engine.update(missing, false));
        assertNull(engine.get(ip(10, 0, 0, 6)));
        engine.update(missing, true).toCompletableFuture().join();
        assertEquals(missing, engine.get(ip(10, 0, 0, 6)));
        Lease4 changed = new Lease4(l.address(), l.hwAddress(), l.clientId(), 7200, NOW + 7200, 20, true, true,
                "host.example.org", LeaseState.DEFAULT, "{ \"a\": 1 }", 0);
        engine.update(changed, false).toCompletableFuture().join();
        assertEquals(changed, engine.get(l.address()));
        assertEquals(changed, store.rows.get(l.address()));
        assertEquals(List.of(changed), engine.byHostname("HOST.example.org"));
    }

    @Test
    void addReplacesAnOutstandingOfferWhichIsNotALease() throws Exception {
        var engine = engine(AllocatorType.ITERATIVE);
        Allocation<Lease4> offer = engine.allocate(request(client(1), List.of(POOL), null, true, NOW));
        assertTrue(offer.offer());
        assertNull(engine.get(offer.lease().address()));
        Lease4 admin = lease(offer.lease().address(), 77, NOW + 3600, LeaseState.DEFAULT, 10);
        engine.add(admin).toCompletableFuture().join();
        assertEquals(admin, engine.get(offer.lease().address()));
        // the offered client now gets another address
        Allocation<Lease4> real = engine.allocate(request(client(1), List.of(POOL), null, false, NOW));
        assertNotEquals(admin.address(), real.lease().address());
    }

    @Test
    void queriesFilterBySubnetStateIdentifiersAndPage() throws Exception {
        var engine = engine(AllocatorType.ITERATIVE);
        Bytes cid = Bytes.of((byte) 1, (byte) 2, (byte) 3);
        engine.add(lease(ip(192, 0, 2, 10), 1, NOW + 10, LeaseState.DEFAULT, 10));
        engine.add(lease(ip(192, 0, 2, 12), 2, NOW + 10, LeaseState.DECLINED, 10));
        engine.add(new Lease4(ip(10, 0, 0, 7), mac(1), cid, 60, NOW + 60, 20, false, false, "", LeaseState.DEFAULT,
                "", 0));
        engine.add(lease(ip(10, 0, 0, 3), 3, NOW, LeaseState.EXPIRED_RECLAIMED, 20));
        assertEquals(4, engine.count());
        assertEquals(List.of(ip(10, 0, 0, 7), ip(192, 0, 2, 10)),
                engine.byHwAddress(mac(1)).stream().map(Lease4::address).toList());
        assertEquals(1, engine.byClientId(cid).size());
        assertEquals(List.of(ip(10, 0, 0, 3), ip(10, 0, 0, 7)), engine.bySubnet(20).stream().map(Lease4::address).toList());
        assertEquals(1, engine.byState(LeaseState.DECLINED, 0).size());
        assertEquals(0, engine.byState(LeaseState.DECLINED, 20).size());
        assertEquals(1, engine.find(new LeaseKey.ClientId4(cid, 20)).size());
        List<Lease4> first = engine.page(null, 3);
        assertEquals(List.of(ip(10, 0, 0, 3), ip(10, 0, 0, 7), ip(192, 0, 2, 10)),
                first.stream().map(Lease4::address).toList());
        assertEquals(List.of(ip(192, 0, 2, 12)), engine.page(ip(192, 0, 2, 10), 3).stream().map(Lease4::address).toList());
        assertEquals(List.of(
                new LeaseService.LeaseCount(10, 0, LeaseState.DEFAULT, 1),
                new LeaseService.LeaseCount(10, 0, LeaseState.DECLINED, 1),
                new LeaseService.LeaseCount(20, 0, LeaseState.DEFAULT, 1),
                new LeaseService.LeaseCount(20, 0, LeaseState.EXPIRED_RECLAIMED, 1)), engine.countByState(0, 0));
        assertEquals(2, engine.countByState(20, 20).size());
        assertEquals(2, engine.wipe(20));
        assertEquals(2, engine.count());
        assertEquals(0, engine.bySubnet(20).size());
        assertEquals(2, engine.wipe(0));
        assertEquals(0, engine.count());
        assertEquals(0, store.rows.size());
        assertEquals(0, stats.get("assigned", 10, 1));
        assertEquals(0, stats.get("declined", 10, 1));
    }
}
