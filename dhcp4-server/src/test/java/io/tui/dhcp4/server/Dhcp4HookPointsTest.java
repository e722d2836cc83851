package io.tui.dhcp4.server;

import static io.tui.dhcp.core.testing.TestHooks.record;
import static io.tui.dhcp4.server.Pipeline.SERVER;
import static io.tui.dhcp4.server.Pipeline.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.hook.CalloutHandle;
import io.tui.dhcp.core.hook.CalloutHandle.Status;
import io.tui.dhcp.core.hook.CalloutPoint;
import io.tui.dhcp.core.hook.Callouts;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.server.Subnet4Runtime;
import io.tui.dhcp.core.wire.v4.Dhcp4Packet;
import io.tui.dhcp.core.wire.v4.DhcpMessageType;
import io.tui.dhcp.core.wire.v4.Ipv4;
import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kea's packet-path hook points in the v4 pipeline: arguments by Kea's names, and what SKIP and DROP do. */
class Dhcp4HookPointsTest {
    private static final int FIRST = Ipv4.of(192, 0, 2, 10);

    private static Pipeline pipeline() throws Exception {
        return new Pipeline(Dhcp4ProcessorTest.CONFIG);
    }

    private static Reply4 discover(Pipeline p, int client) throws Exception {
        return p.direct(query(DhcpMessageType.DHCPDISCOVER, client));
    }

    private static Reply4 request(Pipeline p, int client, int address) throws Exception {
        Dhcp4Packet req = query(DhcpMessageType.DHCPREQUEST, client);
        req.options().putServerIdentifier(SERVER).putIpv4(50, address);
        return p.direct(req);
    }

    private static Lease4 dora(Pipeline p, int client) throws Exception {
        Reply4 offer = discover(p, client);
        Reply4 ack = request(p, client, offer.packet().yiaddr());
        assertEquals(DhcpMessageType.DHCPACK, ack.packet().options().messageType());
        return p.engine.get(ack.packet().yiaddr());
    }

    private static Reply4 renew(Pipeline p, int client, int address) throws Exception {
        Dhcp4Packet q = query(DhcpMessageType.DHCPREQUEST, client);
        q.ciaddr(address);
        return p.send(new Inbound4(p.encode(q), "veth0", SERVER, address, 68, false));
    }

    private static DhcpMessageType type(Reply4 r) throws Exception {
        return r.packet().options().messageType();
    }


    @Test
    void pkt4ReceiveSeesTheDecodedQueryDropCountsAReceiveDropAndSkipContinues() throws Exception {
        Pipeline p = pipeline();
        List<CalloutHandle> seen = record(p.callouts, CalloutPoint.PKT4_RECEIVE, Status.SKIP);
        Reply4 offer = discover(p, 1);
        assertNotNull(offer, "SKIP at pkt4_receive is CONTINUE");
        assertEquals(1, seen.size());
        Dhcp4Packet q = seen.get(0).get("query4");
        assertEquals(0x1001, q.xid());
        assertEquals(DhcpMessageType.DHCPDISCOVER, q.options().messageType());
        assertEquals(CalloutPoint.PKT4_RECEIVE, seen.get(0).point());

        long drops = p.stat("pkt4-receive-drop");
        p.callouts.register(CalloutPoint.PKT4_RECEIVE, h -> h.status(Status.DROP));
        assertNull(discover(p, 2), "DROP: no OFFER");
        assertEquals(drops + 1, p.stat("pkt4-receive-drop"));
        assertNull(request(p, 1, offer.packet().yiaddr()));
        assertNull(p.engine.get(offer.packet().yiaddr()), "the dropped REQUEST wrote nothing");
    }

    @Test
    void subnet4SelectSeesTheSelectionAndACalloutThatReplacesSubnet4MovesTheLease() throws Exception {
        Pipeline p = pipeline();
        List<CalloutHandle> seen = new ArrayList<>();
        List<Long> selectedIds = new ArrayList<>();
        p.callouts.register(CalloutPoint.SUBNET4_SELECT, h -> {
            seen.add(h);
            selectedIds.add(((Subnet4Runtime) h.get("subnet4")).id());
            List<Subnet4Runtime> all = h.get("subnet4collection");
            h.set("subnet4", all.stream().filter(s -> s.id() == 2).findFirst().orElseThrow());
        });
        Lease4 l = dora(p, 3);
        assertEquals(2, seen.size(), "called for the DISCOVER and the REQUEST");
        assertEquals(List.of(1L, 1L), selectedIds, "the subnet Kea's selection found (interface veth0)");
        assertEquals(2, ((List<?>) seen.get(0).get("subnet4collection")).size());
        assertEquals(0x1003, ((Dhcp4Packet) seen.get(0).get("query4")).xid());
        assertEquals(2, l.subnetId(), "the lease comes from the subnet the callout chose");
        assertEquals(Ipv4.of(198, 51, 100, 10), l.address());
        assertEquals(1, p.stat("subnet[2].assigned-addresses"));
    }

    @Test
    void subnet4SelectSkipLeavesNoSubnetAndDropDropsThePacket() throws Exception {
        Pipeline p = pipeline();
        p.callouts.register(CalloutPoint.SUBNET4_SELECT, h -> h.status(Status.SKIP));
        long drops = p.stat("pkt4-receive-drop");
        assertNull(discover(p, 4), "no subnet: no OFFER");
        Reply4 nak = request(p, 4, FIRST);
        assertEquals(DhcpMessageType.DHCPNAK, type(nak), "a SELECTING REQUEST without a subnet is NAKed");
        assertNull(p.engine.get(FIRST));

        Pipeline q = pipeline();
        q.callouts.register(CalloutPoint.SUBNET4_SELECT, h -> h.status(Status.DROP));
        long qDrops = q.stat("pkt4-receive-drop");
        assertNull(request(q, 4, FIRST), "DROP: not even a NAK");
        assertEquals(qDrops + 1, q.stat("pkt4-receive-drop"));
        assertTrue(p.stat("pkt4-receive-drop") > drops, "the DISCOVER without subnet was dropped");
    }

    @Test
    void lease4SelectSeesFakeAndRealAllocationsAndSkipHandsNothingOutAndLeavesNoLease() throws Exception {
        Pipeline p = pipeline();
        List<CalloutHandle> seen = new ArrayList<>();
        p.callouts.register(CalloutPoint.LEASE4_SELECT, h -> {
            seen.add(h);
            if (!(Boolean) h.get("fake_allocation")) {
                h.status(Status.SKIP);
            }
        });
        Reply4 offer = discover(p, 5);
        assertEquals(DhcpMessageType.DHCPOFFER, type(offer), "the fake allocation was let through");
        CalloutHandle fake = seen.get(0);
        assertEquals(Boolean.TRUE, fake.get("fake_allocation"));
        assertEquals(FIRST, ((Lease4) fake.get("lease4")).address());
        assertEquals(1, ((Subnet4Runtime) fake.get("subnet4")).id());
        assertEquals(0x1005, ((Dhcp4Packet) fake.get("query4")).xid());

        Reply4 nak = request(p, 5, FIRST);
        assertEquals(DhcpMessageType.DHCPNAK, type(nak), "SKIP on the real allocation: NAK");
        assertEquals(2, seen.size());
        assertEquals(Boolean.FALSE, seen.get(1).get("fake_allocation"));
        assertEquals(FIRST, ((Lease4) seen.get(1).get("lease4")).address());
        assertNull(p.engine.get(FIRST), "no lease was left behind");
        assertEquals(0, p.stat("subnet[1].assigned-addresses"));

        // the address is free again: without the callout another client gets it
        Callouts none = new Callouts();
        p.processor.callouts(() -> none);
        assertEquals(DhcpMessageType.DHCPACK, type(request(p, 6, FIRST)));
        assertEquals(Bytes.of(Pipeline.mac(6)), p.engine.get(FIRST).hwAddress());
        assertEquals(1, p.stat("subnet[1].assigned-addresses"));
    }

    @Test
    void lease4SelectSkipOnTheFakeAllocationSendsNoOffer() throws Exception {
        Pipeline p = pipeline();
        p.callouts.register(CalloutPoint.LEASE4_SELECT, h -> h.status(Status.SKIP));
        assertNull(discover(p, 7));
        assertEquals(1, p.stat("v4-allocation-fail"));
    }

    @Test
    void lease4RenewIsCalledForRenewalsAndSkipKeepsTheLeaseAsItWas() throws Exception {
        Pipeline p = pipeline();
        Lease4 l = dora(p, 8);
        List<CalloutHandle> selects = record(p.callouts, CalloutPoint.LEASE4_SELECT, Status.CONTINUE);
        List<CalloutHandle> renews = record(p.callouts, CalloutPoint.LEASE4_RENEW, Status.SKIP);
        p.now.addAndGet(1000);
        Reply4 ack = renew(p, 8, l.address());
        assertEquals(DhcpMessageType.DHCPACK, type(ack), "Kea sends the ACK as if the lease were renewed");
        assertEquals(0, selects.size(), "a renewal is not a lease4_select");
        assertEquals(1, renews.size());
        CalloutHandle h = renews.get(0);
        assertEquals(l.address(), ((Lease4) h.get("lease4")).address());
        assertEquals(l.expire() + 1000, ((Lease4) h.get("lease4")).expire(), "the lease as renewed");
        assertEquals(1, ((Subnet4Runtime) h.get("subnet4")).id());
        assertEquals(Bytes.of(Pipeline.mac(8)), h.get("hwaddr"));
        assertNotNull(h.get("clientid"));
        assertEquals(l.expire(), p.engine.get(l.address()).expire(), "SKIP: not renewed in the store");
        assertEquals(LeaseState.DEFAULT, p.engine.get(l.address()).state());

        p.processor.callouts(() -> null);
        renew(p, 8, l.address());
        assertEquals(l.expire() + 1000, p.engine.get(l.address()).expire(), "without hooks: renewed");
    }

    @Test
    void lease4ReleaseAndDeclineSkipLeaveTheLeaseInForce() throws Exception {
        Pipeline p = pipeline();
        Lease4 l = dora(p, 10);
        List<CalloutHandle> released = record(p.callouts, CalloutPoint.LEASE4_RELEASE, Status.SKIP);
        List<CalloutHandle> declined = record(p.callouts, CalloutPoint.LEASE4_DECLINE, Status.DROP);
        Dhcp4Packet rel = query(DhcpMessageType.DHCPRELEASE, 10);
        rel.ciaddr(l.address());
        rel.options().putServerIdentifier(SERVER);
        assertNull(p.send(new Inbound4(p.encode(rel), "veth0", SERVER, l.address(), 68, false)));
        assertEquals(1, released.size());
        assertEquals(l.address(), ((Lease4) released.get(0).get("lease4")).address());
        assertEquals(DhcpMessageType.DHCPRELEASE, ((Dhcp4Packet) released.get(0).get("query4")).options()
                .messageType());
        assertEquals(LeaseState.DEFAULT, p.engine.get(l.address()).state(), "SKIP: not released");

        Dhcp4Packet dec = query(DhcpMessageType.DHCPDECLINE, 10);
        dec.options().putServerIdentifier(SERVER).putIpv4(50, l.address());
        assertNull(p.direct(dec));
        assertEquals(1, declined.size());
        assertEquals(l.address(), ((Lease4) declined.get(0).get("lease4")).address());
        assertEquals(LeaseState.DEFAULT, p.engine.get(l.address()).state(), "DROP: not declined");
        assertEquals(1, p.stat("subnet[1].assigned-addresses"));
        assertEquals(0, p.stat("subnet[1].declined-addresses"));

        p.processor.callouts(() -> null);
        assertNull(p.direct(dec));
        assertEquals(LeaseState.DECLINED, p.engine.get(l.address()).state(), "without hooks: declined");
    }

    @Test
    void leases4CommittedSeesTheGrantedLeaseAndDropSendsNoAck() throws Exception {
        Pipeline p = pipeline();
        List<CalloutHandle> seen = record(p.callouts, CalloutPoint.LEASES4_COMMITTED, Status.DROP);
        Reply4 offer = discover(p, 12);
        assertNotNull(offer, "not called for a DISCOVER");
        assertTrue(seen.isEmpty());
        long drops = p.stat("pkt4-receive-drop");
        assertNull(request(p, 12, offer.packet().yiaddr()), "DROP: no ACK");
        assertEquals(drops + 1, p.stat("pkt4-receive-drop"));
        assertEquals(1, seen.size());
        List<Lease4> leases = seen.get(0).get("leases4");
        assertEquals(1, leases.size());
        assertEquals(offer.packet().yiaddr(), leases.get(0).address());
        assertEquals(List.of(), seen.get(0).get("deleted_leases4"));
        assertNotNull(p.engine.get(offer.packet().yiaddr()), "the lease was committed before the callout");
        // a NAK is committed with no lease
        assertNull(request(p, 13, Ipv4.of(203, 0, 113, 1)));
        assertEquals(List.of(), seen.get(1).get("leases4"));
    }

    @Test
    void pkt4SendSeesTheResponseCanChangeItAndDropOrSkipSuppressesIt() throws Exception {
        Pipeline p = pipeline();
        List<CalloutHandle> seen = new ArrayList<>();
        p.callouts.register(CalloutPoint.PKT4_SEND, h -> {
            seen.add(h);
            ((Dhcp4Packet) h.get("response4")).options().putHostname("from-hook");
        });
        Reply4 offer = discover(p, 14);
        assertEquals(1, seen.size());
        assertSame(offer.packet(), seen.get(0).get("response4"));
        assertEquals(0x100e, ((Dhcp4Packet) seen.get(0).get("query4")).xid());
        assertEquals("from-hook", Pipeline.decodeReply(p, offer).options().hostname(), "the change is sent");

        for (Status s : new Status[] {Status.SKIP, Status.DROP}) {
            Pipeline q = pipeline();
            q.callouts.register(CalloutPoint.PKT4_SEND, h -> h.status(s));
            assertNull(discover(q, 15), s + ": no OFFER");
            assertNull(request(q, 15, FIRST), s + ": no ACK");
            assertNotNull(q.engine.get(FIRST), s + ": the lease itself was granted");
        }
    }

    @Test
    void lease4ExpireSeesTheExpiredLeaseAndSkipKeepsItUntilTheNextCycle() throws Exception {
        Pipeline p = pipeline();
        Lease4 l = dora(p, 21);
        Lease4 other = dora(p, 22);
        List<CalloutHandle> seen = new ArrayList<>();
        p.callouts.register(CalloutPoint.LEASE4_EXPIRE, h -> {
            seen.add(h);
            if (((Lease4) h.get("lease4")).address() == l.address()) {
                h.status(Status.SKIP);
            }
        });
        long later = p.now.get() + 100_000;
        var skip = io.tui.dhcp.core.server.ExpireCallout.<Lease4>of(p.callouts,
                io.tui.dhcp.core.config.model.Family.V4, false);
        List<Lease4> reclaimed = p.engine.reclaim(later, 0, java.time.Duration.ZERO, skip);
        assertEquals(List.of(other.address()), reclaimed.stream().map(Lease4::address).toList());
        assertEquals(2, seen.size());
        assertEquals(Boolean.FALSE, seen.get(0).get("remove_lease"));
        assertEquals(LeaseState.DEFAULT, p.engine.get(l.address()).state(), "SKIP: not reclaimed");
        assertEquals(LeaseState.EXPIRED_RECLAIMED, p.engine.get(other.address()).state());
        assertEquals(1, p.stat("subnet[1].assigned-addresses"));
        // the next cycle asks again; without the callout it is reclaimed
        assertTrue(p.engine.reclaim(later, 0, java.time.Duration.ZERO, skip).isEmpty());
        assertEquals(3, seen.size());
        assertNull(io.tui.dhcp.core.server.ExpireCallout.of(new Callouts(), io.tui.dhcp.core.config.model.Family.V4,
                false), "nothing registered: no predicate");
        assertEquals(1, p.engine.reclaim(later, 0, java.time.Duration.ZERO, null).size());
        assertEquals(LeaseState.EXPIRED_RECLAIMED, p.engine.get(l.address()).state());
    }

    @TempDir
    Path dir;

    @Test
    void theServerCallsOutThroughTheAttachedManagementsCurrentCallouts() throws Exception {
        String text = """
            {"Dhcp4": {"valid-lifetime": 600,
              "lease-database": {"type": "memfile", "name": "%s"},
              "subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "pools": [{"pool": "192.0.2.10-192.0.2.20"}]}]}}"""
                .formatted(dir.resolve("leases4.csv"));
        ServerConfig config = new ConfigLoader(Family.V4, w -> { }).loadText(text, "test", null);
        Dhcp4Server server = Dhcp4Server.start(config,
                new Dhcp4Server.Options(67, 68, null, dir, false, Clock.systemUTC()));
        try {
            AtomicReference<Callouts> current = new AtomicReference<>();
            server.control().attach(io.tui.dhcp.core.testing.TestHooks.calloutsFrom(current::get));
            Dhcp4Packet q = query(DhcpMessageType.DHCPDISCOVER, 20);
            Pipeline codec = pipeline();
            Inbound4 in = new Inbound4(codec.encode(q), "veth0", SERVER, 0, 68, true);
            assertNotNull(server.handle(in).toCompletableFuture().get(5, TimeUnit.SECONDS), "no hooks loaded");
            Callouts dropping = new Callouts();
            dropping.register(CalloutPoint.PKT4_RECEIVE, h -> h.status(Status.DROP));
            current.set(dropping); // a (re)load swaps the management's callouts
            assertNull(server.handle(in).toCompletableFuture().get(5, TimeUnit.SECONDS), "the new hooks' DROP");
            current.set(new Callouts()); // reloaded without the hook
            assertNotNull(server.handle(in).toCompletableFuture().get(5, TimeUnit.SECONDS));
            // leases-reclaim asks lease4_expire too (nothing has expired here: the callout is not called)
            Callouts expiring = new Callouts();
            List<CalloutHandle> expired = record(expiring, CalloutPoint.LEASE4_EXPIRE, Status.SKIP);
            current.set(expiring);
            server.control().reclaimNow(true);
            assertTrue(expired.isEmpty());
        } finally {
            server.close();
        }
    }

    @Test
    void throwingCalloutsAtEveryPointDoNotBreakThePacketPath() throws Exception {
        Pipeline p = pipeline();
        List<CalloutPoint> called = new ArrayList<>();
        for (CalloutPoint point : CalloutPoint.values()) {
            p.callouts.register(point, h -> {
                called.add(point);
                throw new IllegalStateException("broken hook at " + point.keaName());
            });
        }
        Lease4 l = dora(p, 16);
        assertEquals(FIRST, l.address());
        assertEquals(LeaseState.DEFAULT, l.state());
        Reply4 ack = renew(p, 16, l.address());
        assertEquals(DhcpMessageType.DHCPACK, type(ack));
        assertTrue(called.containsAll(List.of(CalloutPoint.PKT4_RECEIVE, CalloutPoint.SUBNET4_SELECT,
                CalloutPoint.LEASE4_SELECT, CalloutPoint.LEASE4_RENEW, CalloutPoint.LEASES4_COMMITTED,
                CalloutPoint.PKT4_SEND)), called.toString());
        assertFalse(called.contains(CalloutPoint.PKT6_RECEIVE));
    }
}
