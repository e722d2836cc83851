package io.tui.dhcp4.server;

import static io.tui.dhcp4.server.Pipeline.SERVER;
import static io.tui.dhcp4.server.Pipeline.query;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.wire.v4.ClientFqdn;
import io.tui.dhcp.core.wire.v4.Dhcp4Packet;
import io.tui.dhcp.core.wire.v4.DhcpMessageType;
import io.tui.dhcp.core.wire.v4.Ipv4;
import io.tui.dhcp.core.wire.v4.RelayAgentInfo;
import io.tui.dhcp.core.wire.v4.SubOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every message path of the v4 pipeline, through real config, engine and codec. */
class Dhcp4ProcessorTest {
    static final String CONFIG = """
        {"Dhcp4": {
          "valid-lifetime": 4000, "min-valid-lifetime": 1000, "max-valid-lifetime": 8000,
          "renew-timer": 1000, "rebind-timer": 2000,
          "decline-probation-period": 600,
          "authoritative": false,
          "ddns-qualifying-suffix": "example.org",
          "option-data": [
            {"name": "domain-name-servers", "data": "192.0.2.53"},
            {"name": "ntp-servers", "data": "192.0.2.123"},
            {"name": "time-offset", "data": "100", "always-send": true},
            {"name": "domain-search", "data": "example.org", "never-send": true}
          ],
          "client-classes": [
            {"name": "pxe", "test": "substring(option[60].hex,0,9) == 'PXEClient'",
             "next-server": "192.0.2.69", "boot-file-name": "pxelinux.0",
             "option-data": [{"name": "ntp-servers", "data": "192.0.2.124"}]}
          ],
          "subnet4": [
            {"id": 1, "subnet": "192.0.2.0/24", "interface": "veth0",
             "pools": [{"pool": "192.0.2.10-192.0.2.19",
                        "option-data": [{"name": "routers", "data": "192.0.2.254"}]}],
             "option-data": [{"name": "routers", "data": "192.0.2.1"}, {"name": "domain-name", "data": "example.org"}],
             "reservations": [
               {"hw-address": "02:00:00:00:00:63", "ip-address": "192.0.2.99", "hostname": "reserved",
                "option-data": [{"name": "domain-name-servers", "data": "192.0.2.99"}]},
               {"hw-address": "02:00:00:00:00:64", "ip-address": "192.0.2.15"}]},
            {"id": 2, "subnet": "198.51.100.0/24", "authoritative": true, "calculate-tee-times": true,
             "pools": [{"pool": "198.51.100.10-198.51.100.11"}]}
          ]
        }}""";

    private static Dhcp4Packet prl(Dhcp4Packet q, int... codes) {
        byte[] b = new byte[codes.length];
        for (int i = 0; i < codes.length; i++) {
            b[i] = (byte) codes[i];
        }
        q.options().put(55, b);
        return q;
    }

    private Lease4 getLease(Pipeline p, int client, String hostname) throws Exception {
        Reply4 offer = p.direct(prl(query(DhcpMessageType.DHCPDISCOVER, client), 1, 3, 6, 42));
        Dhcp4Packet req = prl(query(DhcpMessageType.DHCPREQUEST, client), 1, 3, 6, 42);
        req.options().putServerIdentifier(SERVER).putIpv4(50, offer.packet().yiaddr());
        if (hostname != null) {
            req.options().putHostname(hostname);
        }
        Reply4 ack = p.direct(req);
        assertEquals(DhcpMessageType.DHCPACK, ack.packet().options().messageType());
        return p.engine.get(ack.packet().yiaddr());
    }

    @Test
    void discoverGetsAnOfferWithInheritedFilteredOptionsAndNothingIsWritten() throws Exception {
        Pipeline p = new Pipeline(CONFIG);
        Reply4 r = p.direct(prl(query(DhcpMessageType.DHCPDISCOVER, 1), 1, 3, 6, 42, 15, 119));
        Dhcp4Packet offer = Pipeline.decodeReply(p, r);
        assertEquals(DhcpMessageType.DHCPOFFER, offer.options().messageType());
        assertEquals(Ipv4.of(192, 0, 2, 10), offer.yiaddr());
        assertEquals(SERVER, offer.options().serverIdentifier().getAsInt());
        assertEquals(4000, offer.options().leaseTime().getAsLong());
        assertEquals(1000, offer.options().renewalTime().getAsLong());
        assertEquals(2000, offer.options().rebindingTime().getAsLong());
        assertEquals(0xffffff00, offer.options().ipv4(1, 0));
        assertEquals(Ipv4.of(192, 0, 2, 254), offer.options().ipv4(3, 0), "pool routers beat subnet routers");
        assertEquals(Ipv4.of(192, 0, 2, 53), offer.options().ipv4(6, 0), "global DNS");
        assertEquals(Ipv4.of(192, 0, 2, 123), offer.options().ipv4(42, 0), "requested NTP");
        assertEquals("example.org", offer.options().string(15));
        assertTrue(offer.options().contains(2), "always-send time-offset");
        assertFalse(offer.options().contains(119), "never-send domain-search");
        assertEquals(Reply4.Route.LINK_LAYER, r.route(), "no address, no broadcast flag: layer 2 to yiaddr");
        assertEquals(offer.yiaddr(), r.destination());
        assertArrayEquals(Pipeline.mac(1), r.mac());
        assertNull(p.engine.get(offer.yiaddr()), "an offer is not a lease");
        assertEquals(1, p.stat("pkt4-received"));
        assertEquals(1, p.stat("pkt4-discover-received"));
    }

    @Test
    void requestSelectingAcksAndWritesTheLeaseWithItsHostname() throws Exception {
        Pipeline p = new Pipeline(CONFIG);
        Lease4 l = getLease(p, 2, "Laptop");
        assertEquals(Ipv4.of(192, 0, 2, 10), l.address());
        assertEquals(LeaseState.DEFAULT, l.state());
        assertEquals(4000, l.validLifetime());
        assertEquals("laptop.example.org", l.hostname(), "qualified with ddns-qualifying-suffix");
        assertEquals(1, l.subnetId());
        assertEquals(1, p.stat("subnet[1].assigned-addresses"));
        assertEquals(1, p.stat("subnet[1].pool[0].assigned-addresses"));
        assertEquals(1, p.stat("cumulative-assigned-addresses"));
    }

    @Test
    void aRequestForAnotherServerIsDroppedAndTheBroadcastFlagIsHonoured() throws Exception {
        Pipeline p = new Pipeline(CONFIG);
        Dhcp4Packet req = query(DhcpMessageType.DHCPREQUEST, 3);
        req.options().putServerIdentifier(Ipv4.of(192, 0, 2, 250)).putIpv4(50, Ipv4.of(192, 0, 2, 10));
        assertNull(p.direct(req));
        assertEquals(1, p.stat("pkt4-receive-drop"));
        Dhcp4Packet d = query(DhcpMessageType.DHCPDISCOVER, 3);
        d.broadcast(true);
        Reply4 r = p.direct(d);
        assertEquals(Reply4.Route.BROADCAST, r.route());
        assertEquals(0xffffffff, r.destination());
        assertEquals(68, r.port());
    }

    @Test
    void initRebootFollowsTheAuthoritativeRules() throws Exception {
        Pipeline p = new Pipeline(CONFIG);
        Lease4 l = getLease(p, 4, null);
        Dhcp4Packet ok = query(DhcpMessageType.DHCPREQUEST, 4);
        ok.options().putIpv4(50, l.address());
        assertEquals(DhcpMessageType.DHCPACK, p.direct(ok).packet().options().messageType());
        Dhcp4Packet offLink = query(DhcpMessageType.DHCPREQUEST, 4);
        offLink.options().putIpv4(50, Ipv4.of(10, 0, 0, 5));
        Reply4 nak = p.direct(offLink);
        assertEquals(DhcpMessageType.DHCPNAK, nak.packet().options().messageType(), "not on the client's link");
        assertEquals(Reply4.Route.BROADCAST, nak.route());
        Dhcp4Packet taken = query(DhcpMessageType.DHCPREQUEST, 5);
        taken.options().putIpv4(50, l.address());
        assertNull(p.direct(taken), "unknown client, not authoritative: silent");
        // an authoritative subnet NAKs an unknown client asking for a taken address, and ACKs a free one
        Dhcp4Packet relayed = query(DhcpMessageType.DHCPREQUEST, 6);
        relayed.giaddr(Ipv4.of(198, 51, 100, 1));
        relayed.options().putIpv4(50, Ipv4.of(198, 51, 100, 10));
        Reply4 ack = p.send(new Inbound4(p.encode(relayed), "veth0", SERVER, Ipv4.of(198, 51, 100, 1), 67, false));
        assertEquals(DhcpMessageType.DHCPACK, ack.packet().options().messageType());
        assertEquals(Reply4.Route.RELAY, ack.route());
        assertEquals(67, ack.port());
        Dhcp4Packet other = query(DhcpMessageType.DHCPREQUEST, 7);
        other.giaddr(Ipv4.of(198, 51, 100, 1));
        other.options().putIpv4(50, Ipv4.of(198, 51, 100, 10));
        Reply4 nak2 = p.send(new Inbound4(p.encode(other), "veth0", SERVER, Ipv4.of(198, 51, 100, 1), 67, false));
        assertEquals(DhcpMessageType.DHCPNAK, nak2.packet().options().messageType());
        assertTrue(nak2.packet().broadcast(), "a NAK through a relay has the broadcast bit");
    }

    @Test
    void renewingUnicastsToCiaddrAndMovesTheExpiry() throws Exception {
        Pipeline p = new Pipeline(CONFIG);
        Lease4 l = getLease(p, 8, null);
        p.now.addAndGet(1000);
        Dhcp4Packet renew = query(DhcpMessageType.DHCPREQUEST, 8);
        renew.ciaddr(l.address());
        Reply4 r = p.send(new Inbound4(p.encode(renew), "veth0", SERVER, l.address(), 68, false));
        assertEquals(DhcpMessageType.DHCPACK, r.packet().options().messageType());
        assertEquals(Reply4.Route.UNICAST, r.route());
        assertEquals(l.address(), r.destination());
        assertEquals(l.address(), r.packet().ciaddr());
        assertEquals(l.expire() + 1000, p.engine.get(l.address()).expire());
        // rebinding (broadcast) for a lease that is not the client's: NAK
        Dhcp4Packet rebind = query(DhcpMessageType.DHCPREQUEST, 9);
        rebind.ciaddr(l.address());
        Reply4 nak = p.direct(rebind);
        assertEquals(DhcpMessageType.DHCPNAK, nak.packet().options().messageType());
    }

    @Test
    void releaseKeepsAffinityAndDeclineHoldsTheAddress() throws Exception {
        Pipeline p = new Pipeline(CONFIG);
        Lease4 l = getLease(p, 10, null);
        Dhcp4Packet rel = query(DhcpMessageType.DHCPRELEASE, 10);
        rel.ciaddr(l.address());
        rel.options().putServerIdentifier(SERVER);
        assertNull(p.send(new Inbound4(p.encode(rel), "veth0", SERVER, l.address(), 68, false)));
        assertEquals(LeaseState.EXPIRED_RECLAIMED, p.engine.get(l.address()).state());
        assertEquals(0, p.stat("subnet[1].assigned-addresses"));
        assertEquals(1, p.stat("pkt4-release-received"));
        Lease4 again = getLease(p, 10, null);
        assertEquals(l.address(), again.address(), "affinity: the same address comes back");

        Dhcp4Packet dec = query(DhcpMessageType.DHCPDECLINE, 10);
        dec.options().putServerIdentifier(SERVER).putIpv4(50, again.address());
        assertNull(p.direct(dec));
        Lease4 declined = p.engine.get(again.address());
        assertEquals(LeaseState.DECLINED, declined.state());
        assertEquals(p.now.get() + 600, declined.expire());
        assertEquals(1, p.stat("subnet[1].declined-addresses"));
        assertNotEquals(again.address(), getLease(p, 11, null).address());
    }

    @Test
    void informGetsOptionsWithoutALease() throws Exception {
        Pipeline p = new Pipeline(CONFIG);
        Dhcp4Packet inf = prl(query(DhcpMessageType.DHCPINFORM, 12), 6, 42);
        inf.ciaddr(Ipv4.of(192, 0, 2, 200));
        Reply4 r = p.send(new Inbound4(p.encode(inf), "veth0", SERVER, Ipv4.of(192, 0, 2, 200), 68, false));
        assertEquals(DhcpMessageType.DHCPACK, r.packet().options().messageType());
        assertEquals(0, r.packet().yiaddr());
        assertEquals(Ipv4.of(192, 0, 2, 200), r.packet().ciaddr());
        assertFalse(r.packet().options().contains(51));
        assertTrue(r.packet().options().contains(42));
        assertEquals(Reply4.Route.UNICAST, r.route());
        assertEquals(0, p.engine.count());
    }

    @Test
    void relayedDiscoverEchoesOption82AndGoesToTheRelay() throws Exception {
        Pipeline p = new Pipeline(CONFIG);
        Dhcp4Packet d = query(DhcpMessageType.DHCPDISCOVER, 13);
        d.giaddr(Ipv4.of(198, 51, 100, 1));
        d.hops(1);
        RelayAgentInfo rai = RelayAgentInfo.of(List.of(new SubOption(1, "eth1:7".getBytes()),
                new SubOption(2, new byte[] {1, 2, 3})));
        d.options().putRelayAgentInfo(rai);
        Reply4 r = p.send(new Inbound4(p.encode(d), "veth0", SERVER, Ipv4.of(198, 51, 100, 1), 67, false));
        assertEquals(Reply4.Route.RELAY, r.route());
        assertEquals(Ipv4.of(198, 51, 100, 1), r.destination());
        assertEquals(Ipv4.of(198, 51, 100, 10), r.packet().yiaddr());
        assertArrayEquals(rai.encode(), r.packet().options().get(82), "option 82 echoed unchanged");
        assertEquals(1000, r.packet().options().renewalTime().getAsLong(), "configured timers beat calculation");
    }

    @Test
    void reservationsGetTheirAddressOptionsAndHostnameAndInPoolReservedAddressesAreSkipped() throws Exception {
        Pipeline p = new Pipeline(CONFIG);
        Lease4 l = getLease(p, 0x63, null);
        assertEquals(Ipv4.of(192, 0, 2, 99), l.address(), "out-of-pool reservation");
        assertEquals("reserved.example.org", l.hostname());
        Reply4 offer = p.direct(prl(query(DhcpMessageType.DHCPDISCOVER, 0x63), 6));
        assertEquals(Ipv4.of(192, 0, 2, 99), offer.packet().options().ipv4(6, 0), "reservation options win");
        for (int i = 20; i < 29; i++) {
            assertNotEquals(Ipv4.of(192, 0, 2, 15), getLease(p, i, null).address(), "reserved to another client");
        }
        assertEquals(Ipv4.of(192, 0, 2, 15), getLease(p, 0x64, null).address(), "in-pool reservation");
    }

    @Test
    void teeTimesAreCalculatedWhenNoTimerIsConfigured() throws Exception {
        Pipeline p = new Pipeline("""
            {"Dhcp4": {"valid-lifetime": 4000, "calculate-tee-times": true, "t1-percent": 0.25,
              "subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "pools": [{"pool": "192.0.2.10-192.0.2.19"}]}]}}""");
        Dhcp4Packet offer = p.direct(query(DhcpMessageType.DHCPDISCOVER, 1)).packet();
        assertEquals(1000, offer.options().renewalTime().getAsLong());
        assertEquals(3500, offer.options().rebindingTime().getAsLong());
    }

    @Test
    void initRebootWithAnotherAddressThanTheClientsLeaseIsNaked() throws Exception {
        Pipeline p = new Pipeline(CONFIG);
        Lease4 l = getLease(p, 32, null);
        Dhcp4Packet other = query(DhcpMessageType.DHCPREQUEST, 32);
        other.options().putIpv4(50, l.address() + 1);
        assertEquals(DhcpMessageType.DHCPNAK, p.direct(other).packet().options().messageType());
        assertEquals(l.address(), p.engine.get(l.address()).address(), "the lease stays");
        // SELECTING another address moves the client (Kea): the old lease goes
        Dhcp4Packet move = query(DhcpMessageType.DHCPREQUEST, 32);
        move.options().putServerIdentifier(SERVER).putIpv4(50, Ipv4.of(192, 0, 2, 18));
        assertEquals(DhcpMessageType.DHCPACK, p.direct(move).packet().options().messageType());
        assertNull(p.engine.get(l.address()));
    }

    @Test
    void bootpIsServedWithTheBootpHookAndAdditionalClassesAddOptions() throws Exception {
        Pipeline p = new Pipeline("""
            {"Dhcp4": {"hooks-libraries": [{"library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_bootp.so"}],
              "client-classes": [{"name": "late", "only-if-required": true, "test": "pkt4.mac == 0x020000000021",
                                  "option-data": [{"name": "ntp-servers", "data": "192.0.2.77"}]}],
              "subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "interface": "veth0", "match-client-id": false,
                "pools": [{"pool": "192.0.2.10-192.0.2.19", "require-client-classes": ["late"]}]}]}}""");
        Dhcp4Packet bootp = new Dhcp4Packet();
        bootp.hardwareAddress(1, Pipeline.mac(0x20));
        bootp.broadcast(true);
        Reply4 r = p.direct(bootp);
        assertNotNull(r);
        assertFalse(r.packet().options().contains(53), "a BOOTREPLY has no message type");
        assertEquals(Ipv4.of(192, 0, 2, 10), r.packet().yiaddr());
        assertEquals(0xffffffffL, p.engine.get(r.packet().yiaddr()).validLifetime(), "BOOTP leases do not expire");
        Dhcp4Packet d = prl(query(DhcpMessageType.DHCPDISCOVER, 0x21), 42);
        assertEquals(Ipv4.of(192, 0, 2, 77), p.direct(d).packet().options().ipv4(42, 0), "required class evaluated");
        Dhcp4Packet d2 = prl(query(DhcpMessageType.DHCPDISCOVER, 0x22), 42);
        assertFalse(p.direct(d2).packet().options().contains(42));
        // match-client-id false: a new client identifier does not make a new client
        Dhcp4Packet a = query(DhcpMessageType.DHCPDISCOVER, 0x23);
        a.options().put(61, new byte[] {1, 9, 9});
        Dhcp4Packet b = query(DhcpMessageType.DHCPDISCOVER, 0x23);
        b.options().put(61, new byte[] {1, 8, 8});
        assertEquals(p.direct(a).packet().yiaddr(), p.direct(b).packet().yiaddr());
    }

    @Test
    void classesAddOptionsAndBootFields() throws Exception {
        Pipeline p = new Pipeline(CONFIG);
        Dhcp4Packet d = prl(query(DhcpMessageType.DHCPDISCOVER, 30), 42);
        d.options().putString(60, "PXEClient:Arch:00000");
        Reply4 r = p.direct(d);
        assertEquals(Ipv4.of(192, 0, 2, 69), r.packet().siaddr());
        assertEquals("pxelinux.0", r.packet().fileString());
        assertEquals(Ipv4.of(192, 0, 2, 124), r.packet().options().ipv4(42, 0), "class beats global");
    }

    @Test
    void lifetimesClampAndFqdnIsStored() throws Exception {
        Pipeline p = new Pipeline(CONFIG);
        Dhcp4Packet d = query(DhcpMessageType.DHCPDISCOVER, 31);
        d.options().putLeaseTime(100_000);
        assertEquals(8000, p.direct(d).packet().options().leaseTime().getAsLong());
        d.options().putLeaseTime(10);
        assertEquals(1000, p.direct(d).packet().options().leaseTime().getAsLong());
        Dhcp4Packet req = query(DhcpMessageType.DHCPREQUEST, 31);
        req.options().putServerIdentifier(SERVER).putIpv4(50, Ipv4.of(192, 0, 2, 10))
                .putClientFqdn(ClientFqdn.ofWireName(ClientFqdn.FLAG_S, 0, 0, "Host1"));
        Reply4 ack = p.direct(req);
        assertEquals("host1.example.org.", p.engine.get(ack.packet().yiaddr()).hostname());
        ClientFqdn back = ack.packet().options().clientFqdn();
        assertNotNull(back);
        assertTrue(back.n(), "no DNS updates: N set");
        assertEquals("host1.example.org.", back.nameText());
    }

    @Test
    void malformedPacketsAreCountedAndDisabledServiceDrops() throws Exception {
        Pipeline p = new Pipeline(CONFIG);
        assertNull(p.send(new Inbound4(new byte[] {1, 2, 3}, "veth0", SERVER, 0, 68, true)));
        assertEquals(1, p.stat("pkt4-parse-failed"));
        assertEquals(1, p.stat("pkt4-receive-drop"));
        Dhcp4Packet bootp = new Dhcp4Packet();
        bootp.hardwareAddress(1, Pipeline.mac(40));
        assertNull(p.direct(bootp), "BOOTP without the bootp hook");
        p.enabled.set(false);
        assertNull(p.direct(query(DhcpMessageType.DHCPDISCOVER, 41)));
        assertEquals(3, p.stat("pkt4-receive-drop"));
        p.enabled.set(true);
        assertNotNull(p.direct(query(DhcpMessageType.DHCPDISCOVER, 41)));
    }

    @Test
    void exhaustionCountsAllocationFailures() throws Exception {
        Pipeline p = new Pipeline(CONFIG);
        for (int i = 0; i < 3; i++) {
            Dhcp4Packet d = query(DhcpMessageType.DHCPREQUEST, 50 + i);
            d.giaddr(Ipv4.of(198, 51, 100, 1));
            d.options().putIpv4(50, Ipv4.of(198, 51, 100, 10 + i));
            p.send(new Inbound4(p.encode(d), "veth0", SERVER, Ipv4.of(198, 51, 100, 1), 67, false));
        }
        Dhcp4Packet d = query(DhcpMessageType.DHCPDISCOVER, 60);
        d.giaddr(Ipv4.of(198, 51, 100, 1));
        assertNull(p.send(new Inbound4(p.encode(d), "veth0", SERVER, Ipv4.of(198, 51, 100, 1), 67, false)));
        assertEquals(1, p.stat("v4-allocation-fail"));
        assertEquals(1, p.stat("v4-allocation-fail-subnet"));
        assertEquals(1, p.stat("subnet[2].v4-allocation-fail"));
    }
}
