package io.tui.dhcp.core.alloc;

import static io.tui.dhcp.core.alloc.Fixtures.NOW;
import static io.tui.dhcp.core.alloc.Fixtures.client;
import static io.tui.dhcp.core.alloc.Fixtures.ip;
import static io.tui.dhcp.core.alloc.Fixtures.lease;
import static io.tui.dhcp.core.alloc.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tui.dhcp.core.alloc.Allocation.Status;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AllocationEngine#request}: a REQUEST gets exactly the address it names, or nothing. */
class AllocationEngine4RequestTest {
    static final Pool4 POOL = new Pool4(1, 10, ip(192, 0, 2, 10), ip(192, 0, 2, 19));
    static final Pool4 OTHER = new Pool4(1, 11, ip(198, 51, 100, 10), ip(198, 51, 100, 19));

    @Test
    void aClientMovesToAFreeRequestedAddressAndItsOldLeaseIsDeleted() {
        var engine = AllocationEngine4Test.engine(AllocatorType.ITERATIVE, POOL);
        Lease4 old = engine.allocate(request(client(1), List.of(POOL), null, false, NOW)).lease();
        int wanted = ip(192, 0, 2, 17);
        Allocation<Lease4> a = engine.request(request(client(1), List.of(POOL), wanted, false, NOW + 5), wanted);
        assertEquals(Status.HINT, a.status());
        assertEquals(wanted, a.lease().address());
        assertNull(engine.get(old.address()), "the old lease is gone");
        assertEquals(1, engine.count());
        assertEquals(Status.EXISTING,
                engine.request(request(client(1), List.of(POOL), wanted, false, NOW + 9), wanted).status());
    }

    @Test
    void anOfferBecomesTheLeaseAndAnotherClientsAddressIsRefused() {
        var engine = AllocationEngine4Test.engine(AllocatorType.ITERATIVE, POOL);
        Lease4 offer = engine.allocate(request(client(1), List.of(POOL), null, true, NOW)).lease();
        assertEquals(Status.NO_LEASE, engine.request(request(client(2), List.of(POOL), offer.address(), false, NOW),
                offer.address()).status(), "another client's live offer");
        Allocation<Lease4> a = engine.request(request(client(1), List.of(POOL), offer.address(), false, NOW),
                offer.address());
        assertEquals(Status.EXISTING, a.status());
        assertEquals(Status.NO_LEASE, engine.request(request(client(2), List.of(POOL), offer.address(), false, NOW),
                offer.address()).status(), "another client's lease");
        assertEquals(1, engine.count());
    }

    @Test
    void outsideThePoolsOrDeclinedIsRefusedExpiredIsTakenOver() {
        int expiredAt = ip(192, 0, 2, 12);
        int declinedAt = ip(192, 0, 2, 13);
        var engine = AllocationEngine.v4(AllocationEngine4Test.recording(List.of(
                        lease(expiredAt, 5, NOW - 10, LeaseState.DEFAULT, 10),
                        lease(declinedAt, 6, NOW + 100, LeaseState.DECLINED, 10))),
                List.of(POOL, OTHER), AllocationEngine.Settings.of(AllocatorType.ITERATIVE), LeaseStatsListener.NONE);
        int outside = ip(198, 51, 100, 12);
        assertEquals(Status.NO_LEASE,
                engine.request(request(client(1), List.of(POOL), outside, false, NOW), outside).status());
        assertEquals(Status.NO_LEASE,
                engine.request(request(client(1), List.of(POOL), declinedAt, false, NOW), declinedAt).status());
        Allocation<Lease4> a = engine.request(request(client(1), List.of(POOL), expiredAt, false, NOW), expiredAt);
        assertEquals(Status.REUSED, a.status());
        assertEquals(client(1).hwAddress(), engine.get(expiredAt).hwAddress());
        Allocation<Lease4> back = engine.request(request(client(5), List.of(POOL), expiredAt, false, NOW), expiredAt);
        assertEquals(Status.NO_LEASE, back.status(), "now the other client's live lease");
    }

    @Test
    void renewalsKeepTheUserContextAndDnsFlags() {
        int at = ip(192, 0, 2, 14);
        Lease4 old = lease(at, 1, NOW + 100, LeaseState.DEFAULT, 10);
        Lease4 withContext = new Lease4(old.address(), old.hwAddress(), old.clientId(), old.validLifetime(),
                old.expire(), old.subnetId(), true, true, "", LeaseState.DEFAULT, "{\"comment\": \"kept\"}",
                old.poolId());
        var engine = AllocationEngine.v4(AllocationEngine4Test.recording(List.of(withContext)), List.of(POOL),
                AllocationEngine.Settings.of(AllocatorType.ITERATIVE), LeaseStatsListener.NONE);
        Lease4 renewed = engine.renew(request(client(1), List.of(POOL), null, false, NOW), at).lease();
        assertEquals("{\"comment\": \"kept\"}", renewed.userContext());
        assertEquals(true, renewed.fqdnFwd());
        Lease4 requested = engine.request(request(client(1), List.of(POOL), at, false, NOW + 1), at).lease();
        assertEquals("{\"comment\": \"kept\"}", requested.userContext());
        Lease4 allocated = engine.allocate(request(client(1), List.of(POOL), null, false, NOW + 2)).lease();
        assertEquals(at, allocated.address());
        assertEquals("{\"comment\": \"kept\"}", allocated.userContext());
        assertEquals(true, allocated.fqdnRev());
    }
}
