package io.tui.dhcp6.proc;

import static io.tui.dhcp.core.testing.TestHooks.record;
import static io.tui.dhcp6.proc.Dhcp6Harness.cid;
import static io.tui.dhcp6.proc.Dhcp6Harness.msg;
import static io.tui.dhcp6.proc.Dhcp6ProcessorTest.BASE;
import static io.tui.dhcp6.proc.Dhcp6ProcessorTest.addr;
import static io.tui.dhcp6.proc.Dhcp6ProcessorTest.ia;
import static io.tui.dhcp6.proc.Dhcp6ProcessorTest.iaStatus;
import static io.tui.dhcp6.proc.Dhcp6ProcessorTest.sid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.hook.CalloutHandle;
import io.tui.dhcp.core.hook.CalloutHandle.Status;
import io.tui.dhcp.core.hook.CalloutPoint;
import io.tui.dhcp.core.hook.Callouts;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.wire.v6.Dhcp6ClientMessage;
import io.tui.dhcp.core.wire.v6.Dhcp6Message;
import io.tui.dhcp.core.wire.v6.Dhcp6MessageType;
import io.tui.dhcp.core.wire.v6.Dhcp6StatusCode;
import io.tui.dhcp.core.wire.v6.IaAddressOption;
import io.tui.dhcp.core.wire.v6.IaNaOption;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kea's packet-path hook points in the v6 pipeline: arguments by Kea's names, and what SKIP and DROP do. */
class Dhcp6HookPointsTest {


    private static Dhcp6ClientMessage request(Dhcp6Harness h, int client, int xid) throws Exception {
        return (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.REQUEST, xid, cid(client), sid(), ia(1)));
    }

    private static Dhcp6ClientMessage withAddress(Dhcp6Harness h, Dhcp6MessageType type, int client, int xid,
            Ip6Address a) throws Exception {
        return type == Dhcp6MessageType.REBIND
                ? (Dhcp6ClientMessage) h.send(msg(type, xid, cid(client), IaNaOption.of(1, 0, 0,
                        IaAddressOption.of(a, 0, 0))))
                : (Dhcp6ClientMessage) h.send(msg(type, xid, cid(client), sid(), IaNaOption.of(1, 0, 0,
                        IaAddressOption.of(a, 0, 0))));
    }

    private static int xid(Object query6) {
        return ((Dhcp6ClientMessage) query6).transactionId();
    }

    @Test
    void pkt6ReceiveSeesTheQueryDropCountsAReceiveDropAndSkipContinues() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        List<CalloutHandle> seen = record(h.callouts, CalloutPoint.PKT6_RECEIVE, Status.SKIP);
        assertNotNull(h.send(msg(Dhcp6MessageType.SOLICIT, 0x61, cid(1), ia(1))), "SKIP is CONTINUE");
        assertEquals(1, seen.size());
        assertEquals(0x61, xid(seen.get(0).get("query6")));
        long drops = h.stat("pkt6-receive-drop");
        h.callouts.register(CalloutPoint.PKT6_RECEIVE, x -> x.status(Status.DROP));
        assertNull(request(h, 1, 0x62), "DROP: no REPLY");
        assertEquals(drops + 1, h.stat("pkt6-receive-drop"));
        assertTrue(h.engine.find(new io.tui.dhcp.core.alloc.LeaseKey.Ia6(io.tui.dhcp.core.lease.Bytes.of(
                Dhcp6Harness.clientDuid(1).toOctets().toByteArray()), 1, io.tui.dhcp.core.lease.LeaseType.NA, 1))
                .isEmpty(), "the dropped REQUEST wrote nothing");
    }

    @Test
    void subnet6SelectSeesTheSelectionAndAReplacementMovesTheLease() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        List<Long> selected = new ArrayList<>();
        List<Integer> collection = new ArrayList<>();
        h.callouts.register(CalloutPoint.SUBNET6_SELECT, x -> {
            selected.add(((Dhcp6Runtime.SubnetPools) x.get("subnet6")).subnet().id());
            List<Dhcp6Runtime.SubnetPools> all = x.get("subnet6collection");
            collection.add(all.size());
            x.set("subnet6", all.stream().filter(s -> s.subnet().id() == 2).findFirst().orElseThrow());
        });
        Dhcp6ClientMessage r = request(h, 2, 0x63);
        assertEquals(List.of(1L), selected, "Kea's selection: the subnet on eth1");
        assertEquals(List.of(3), collection);
        Ip6Address a = addr(r, 0);
        assertEquals(2, h.engine.get(a).subnetId(), "the lease comes from the subnet the callout chose");
        assertTrue(Dhcp6ProcessorTest.inRange(a, "2001:db8:2::100", "2001:db8:2::1ff"), a.toString());
    }

    @Test
    void subnet6SelectSkipLeavesNoSubnetAndDropDropsThePacket() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        h.callouts.register(CalloutPoint.SUBNET6_SELECT, x -> x.status(Status.SKIP));
        Dhcp6ClientMessage r = request(h, 3, 0x64);
        assertEquals(Dhcp6StatusCode.NO_ADDRS_AVAIL.code(), iaStatus(r.options().iaNa().getFirst()));

        Dhcp6Harness d = new Dhcp6Harness(BASE);
        d.callouts.register(CalloutPoint.SUBNET6_SELECT, x -> x.status(Status.DROP));
        long drops = d.stat("pkt6-receive-drop");
        assertNull(request(d, 3, 0x65));
        assertEquals(drops + 1, d.stat("pkt6-receive-drop"));
    }

    @Test
    void lease6SelectSeesFakeAndRealAllocationsAndSkipLeavesNoLease() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        List<CalloutHandle> seen = new ArrayList<>();
        h.callouts.register(CalloutPoint.LEASE6_SELECT, x -> {
            seen.add(x);
            if (!(Boolean) x.get("fake_allocation")) {
                x.status(Status.SKIP);
            }
        });
        var adv = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.SOLICIT, 0x66, cid(4), ia(1)));
        Ip6Address offered = addr(adv, 0);
        assertEquals(Boolean.TRUE, seen.get(0).get("fake_allocation"));
        assertEquals(offered, ((Lease6) seen.get(0).get("lease6")).address());
        assertEquals(1, ((Dhcp6Runtime.SubnetPools) seen.get(0).get("subnet6")).subnet().id());
        assertEquals(0x66, xid(seen.get(0).get("query6")));

        Dhcp6ClientMessage r = request(h, 4, 0x67);
        assertEquals(Dhcp6StatusCode.NO_ADDRS_AVAIL.code(), iaStatus(r.options().iaNa().getFirst()));
        assertEquals(Boolean.FALSE, seen.get(1).get("fake_allocation"));
        Ip6Address refused = ((Lease6) seen.get(1).get("lease6")).address();
        assertNull(h.engine.get(refused), "no lease was left behind");
        assertEquals(0, h.stat("subnet[1].assigned-nas"));

        Dhcp6Harness f = new Dhcp6Harness(BASE);
        f.callouts.register(CalloutPoint.LEASE6_SELECT, x -> x.status(Status.SKIP));
        var none = (Dhcp6ClientMessage) f.send(msg(Dhcp6MessageType.SOLICIT, 0x68, cid(4), ia(1)));
        assertEquals(Dhcp6StatusCode.NO_ADDRS_AVAIL.code(), iaStatus(none.options().iaNa().getFirst()),
                "SKIP on the fake allocation: nothing advertised");
    }

    @Test
    void lease6RenewAndRebindSkipKeepTheLeaseAsItWas() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        Ip6Address a = addr(request(h, 5, 0x69), 0);
        Lease6 before = h.engine.get(a);
        List<CalloutHandle> renews = record(h.callouts, CalloutPoint.LEASE6_RENEW, Status.SKIP);
        List<CalloutHandle> rebinds = record(h.callouts, CalloutPoint.LEASE6_REBIND, Status.SKIP);
        List<CalloutHandle> selects = record(h.callouts, CalloutPoint.LEASE6_SELECT, Status.CONTINUE);
        h.now.set(h.now.get().plusSeconds(1000));
        Dhcp6ClientMessage r = withAddress(h, Dhcp6MessageType.RENEW, 5, 0x6a, a);
        assertEquals(a, addr(r, 0), "the client keeps its lease as it was");
        assertEquals(1, renews.size());
        assertEquals(0, rebinds.size());
        assertEquals(0, selects.size());
        assertEquals(a, ((Lease6) renews.get(0).get("lease6")).address());
        assertEquals(before.expire() + 1000, ((Lease6) renews.get(0).get("lease6")).expire(), "as renewed");
        assertEquals(1, ((Dhcp6Runtime.SubnetPools) renews.get(0).get("subnet6")).subnet().id());
        assertEquals(0x6a, xid(renews.get(0).get("query6")));
        assertEquals(before.expire(), h.engine.get(a).expire(), "SKIP: not renewed");

        withAddress(h, Dhcp6MessageType.REBIND, 5, 0x6b, a);
        assertEquals(1, rebinds.size(), "a REBIND calls lease6_rebind");
        assertEquals(1, renews.size());
        assertEquals(before.expire(), h.engine.get(a).expire(), "SKIP: not rebound");

        h.processor.callouts(() -> null);
        withAddress(h, Dhcp6MessageType.RENEW, 5, 0x6c, a);
        assertEquals(before.expire() + 1000, h.engine.get(a).expire(), "without hooks: renewed");
    }

    @Test
    void lease6ReleaseSkipKeepsTheLeaseAndDeclineDropSendsNothing() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        Ip6Address a = addr(request(h, 6, 0x70), 0);
        List<CalloutHandle> released = record(h.callouts, CalloutPoint.LEASE6_RELEASE, Status.SKIP);
        List<CalloutHandle> declined = record(h.callouts, CalloutPoint.LEASE6_DECLINE, Status.DROP);
        assertNotNull(withAddress(h, Dhcp6MessageType.RELEASE, 6, 0x71, a));
        assertEquals(1, released.size());
        assertEquals(a, ((Lease6) released.get(0).get("lease6")).address());
        assertEquals(LeaseState.DEFAULT, h.engine.get(a).state(), "SKIP: not released");

        assertNull(withAddress(h, Dhcp6MessageType.DECLINE, 6, 0x72, a), "DROP: no REPLY");
        assertEquals(1, declined.size());
        assertEquals(a, ((Lease6) declined.get(0).get("lease6")).address());
        assertEquals(LeaseState.DEFAULT, h.engine.get(a).state(), "not declined");

        h.processor.callouts(() -> null);
        withAddress(h, Dhcp6MessageType.DECLINE, 6, 0x73, a);
        assertEquals(LeaseState.DECLINED, h.engine.get(a).state(), "without hooks: declined");
    }

    @Test
    void leases6CommittedSeesGrantedAndReleasedLeasesAndDropSendsNoReply() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        List<CalloutHandle> seen = record(h.callouts, CalloutPoint.LEASES6_COMMITTED, Status.CONTINUE);
        assertNotNull(h.send(msg(Dhcp6MessageType.SOLICIT, 0x74, cid(7), ia(1))));
        assertTrue(seen.isEmpty(), "not called for a SOLICIT without rapid commit");
        Ip6Address a = addr(request(h, 7, 0x75), 0);
        List<Lease6> leases = seen.get(0).get("leases6");
        assertEquals(List.of(a), leases.stream().map(Lease6::address).toList());
        assertEquals(List.of(), seen.get(0).get("deleted_leases6"));
        assertEquals(0x75, xid(seen.get(0).get("query6")));
        withAddress(h, Dhcp6MessageType.RELEASE, 7, 0x76, a);
        List<Lease6> deleted = seen.get(1).get("deleted_leases6");
        assertEquals(List.of(a), deleted.stream().map(Lease6::address).toList());

        h.callouts.register(CalloutPoint.LEASES6_COMMITTED, x -> x.status(Status.DROP));
        long drops = h.stat("pkt6-receive-drop");
        assertNull(request(h, 8, 0x77), "DROP: no REPLY");
        assertEquals(drops + 1, h.stat("pkt6-receive-drop"));
        Lease6 granted = ((List<Lease6>) seen.get(2).get("leases6")).getFirst();
        assertNotNull(h.engine.get(granted.address()), "the lease was committed before the callout");
    }

    @Test
    void pkt6SendSeesTheResponseMayReplaceItAndDropOrSkipSuppressesIt() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        List<CalloutHandle> seen = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        h.callouts.register(CalloutPoint.PKT6_SEND, x -> {
            seen.add(x);
            Dhcp6ClientMessage r = x.get("response6");
            types.add(r.typeCode());
            x.set("response6", new Dhcp6ClientMessage(r.typeCode(), 0x4242, r.options()));
        });
        Dhcp6Message sent = h.send(msg(Dhcp6MessageType.SOLICIT, 0x78, cid(9), ia(1)));
        assertEquals(1, seen.size());
        assertEquals(0x78, xid(seen.get(0).get("query6")));
        assertEquals(List.of(Dhcp6MessageType.ADVERTISE.code()), types, "response6 is the ADVERTISE");
        assertEquals(0x4242, ((Dhcp6ClientMessage) sent).transactionId(), "the callout's response is sent");

        for (Status s : new Status[] {Status.SKIP, Status.DROP}) {
            Dhcp6Harness q = new Dhcp6Harness(BASE);
            q.callouts.register(CalloutPoint.PKT6_SEND, x -> x.status(s));
            long sentBefore = q.stat("pkt6-sent");
            assertNull(request(q, 10, 0x79), s + ": no REPLY");
            assertEquals(sentBefore, q.stat("pkt6-sent"));
            assertFalse(q.engine.find(new io.tui.dhcp.core.alloc.LeaseKey.Ia6(io.tui.dhcp.core.lease.Bytes.of(
                    Dhcp6Harness.clientDuid(10).toOctets().toByteArray()), 1, io.tui.dhcp.core.lease.LeaseType.NA,
                    1)).isEmpty(), s + ": the lease itself was granted");
        }
    }

    @Test
    void throwingCalloutsAtEveryPointDoNotBreakThePacketPath() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        List<CalloutPoint> called = new ArrayList<>();
        for (CalloutPoint point : CalloutPoint.values()) {
            h.callouts.register(point, x -> {
                called.add(point);
                throw new IllegalStateException("broken hook at " + point.keaName());
            });
        }
        Ip6Address a = addr(request(h, 11, 0x80), 0);
        assertEquals(LeaseState.DEFAULT, h.engine.get(a).state());
        assertEquals(a, addr(withAddress(h, Dhcp6MessageType.RENEW, 11, 0x81, a), 0));
        assertNotNull(withAddress(h, Dhcp6MessageType.RELEASE, 11, 0x82, a));
        assertEquals(LeaseState.EXPIRED_RECLAIMED, h.engine.get(a).state());
        assertTrue(called.containsAll(List.of(CalloutPoint.PKT6_RECEIVE, CalloutPoint.SUBNET6_SELECT,
                CalloutPoint.LEASE6_SELECT, CalloutPoint.LEASE6_RENEW, CalloutPoint.LEASE6_RELEASE,
                CalloutPoint.LEASES6_COMMITTED, CalloutPoint.PKT6_SEND)), called.toString());
        assertFalse(called.contains(CalloutPoint.PKT4_RECEIVE));
    }
}
