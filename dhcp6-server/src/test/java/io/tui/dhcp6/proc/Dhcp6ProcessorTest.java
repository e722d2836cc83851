package io.tui.dhcp6.proc;

import static io.tui.dhcp6.proc.Dhcp6Harness.cid;
import static io.tui.dhcp6.proc.Dhcp6Harness.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.alloc.LeaseKey;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.v6.Dhcp6ClientMessage;
import io.tui.dhcp.core.wire.v6.Dhcp6Message;
import io.tui.dhcp.core.wire.v6.Dhcp6MessageType;
import io.tui.dhcp.core.wire.v6.Dhcp6OptionCode;
import io.tui.dhcp.core.wire.v6.Dhcp6RelayMessage;
import io.tui.dhcp.core.wire.v6.Dhcp6StatusCode;
import io.tui.dhcp.core.wire.v6.IaAddressOption;
import io.tui.dhcp.core.wire.v6.IaNaOption;
import io.tui.dhcp.core.wire.v6.IaPdOption;
import io.tui.dhcp.core.wire.v6.IaPrefixOption;
import io.tui.dhcp.core.wire.v6.InterfaceIdOption;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.core.wire.v6.Octets;
import io.tui.dhcp.core.wire.v6.OptionRequestOption;
import io.tui.dhcp.core.wire.v6.PdExcludeOption;
import io.tui.dhcp.core.wire.v6.RapidCommitOption;
import io.tui.dhcp.core.wire.v6.ServerIdOption;
import io.tui.dhcp.core.wire.v6.StatusCodeOption;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class Dhcp6ProcessorTest {
    static final String BASE = """
            "interfaces-config": {"interfaces": ["eth1"]},
            "preferred-lifetime": 3000, "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
            "option-data": [{"name": "dns-servers", "data": "2001:db8::53"},
                            {"name": "domain-search", "data": "example.org", "always-send": true}],
            "subnet6": [
              {"id": 1, "subnet": "2001:db8:1::/64", "interface": "eth1",
               "pools": [{"pool": "2001:db8:1::100-2001:db8:1::1ff"}],
               "pd-pools": [{"prefix": "2001:db8:8000::", "prefix-len": 48, "delegated-len": 56},
                            {"prefix": "2001:db8:9000::", "prefix-len": 48, "delegated-len": 60,
                             "excluded-prefix": "2001:db8:9000:8::", "excluded-prefix-len": 64}]},
              {"id": 2, "subnet": "2001:db8:2::/64", "interface-id": "port-7",
               "pools": [{"pool": "2001:db8:2::100-2001:db8:2::1ff"}]},
              {"id": 3, "subnet": "2001:db8:3::/64", "relay": {"ip-addresses": ["2001:db8:ffff::3"]},
               "pools": [{"pool": "2001:db8:3::100-2001:db8:3::101"}]}
            ]
            """;

    static IaNaOption ia(int iaid) {
        return IaNaOption.of(iaid, 0, 0);
    }

    static IaPdOption pd(int iaid) {
        return IaPdOption.of(iaid, 0, 0);
    }

    static ServerIdOption sid() {
        return new ServerIdOption(Dhcp6Harness.SERVER_ID);
    }

    static int status(Dhcp6ClientMessage m) throws Exception {
        StatusCodeOption s = m.options().statusCode();
        return s == null ? 0 : s.statusCode();
    }

    static int iaStatus(IaNaOption ia) throws Exception {
        StatusCodeOption s = ia.options().statusCode();
        return s == null ? 0 : s.statusCode();
    }

    static int pdStatus(IaPdOption ia) throws Exception {
        StatusCodeOption s = ia.options().statusCode();
        return s == null ? 0 : s.statusCode();
    }

    static Ip6Address addr(Dhcp6ClientMessage m, int i) throws Exception {
        return m.options().iaNa().get(i).options().addresses().getFirst().address();
    }

    static IaPrefixOption prefix(Dhcp6ClientMessage m, int i) throws Exception {
        return m.options().iaPd().get(i).options().prefixes().getFirst();
    }

    static boolean inRange(Ip6Address a, String lo, String hi) {
        return a.compareTo(Ip6Address.parse(lo)) >= 0 && a.compareTo(Ip6Address.parse(hi)) <= 0;
    }

    @Test
    void solicitAdvertiseThenRequestReplyWithAddressAndPrefix() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        var adv = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.SOLICIT, 0x1234, cid(1), ia(7), pd(8),
                OptionRequestOption.of(23)));
        assertEquals(Dhcp6MessageType.ADVERTISE.code(), adv.typeCode());
        assertEquals(0x1234, adv.transactionId());
        assertEquals(Dhcp6Harness.SERVER_ID, adv.options().serverId());
        assertEquals(Dhcp6Harness.clientDuid(1), adv.options().clientId());
        IaNaOption na = adv.options().iaNa().getFirst();
        assertEquals(7, na.iaid());
        assertEquals(1000, na.t1());
        assertEquals(2000, na.t2());
        IaAddressOption a = na.options().addresses().getFirst();
        assertTrue(inRange(a.address(), "2001:db8:1::100", "2001:db8:1::1ff"), a.address().toString());
        assertEquals(3000, a.preferredLifetime());
        assertEquals(4000, a.validLifetime());
        IaPrefixOption p = prefix(adv, 0);
        assertEquals(56, p.prefixLength());
        assertTrue(inRange(p.prefix(), "2001:db8:8000::", "2001:db8:8000:ff00::"), p.prefix().toString());
        assertNotNull(adv.options().get(Dhcp6OptionCode.DNS_SERVERS), "requested option");
        assertNotNull(adv.options().get(Dhcp6OptionCode.DOMAIN_LIST), "always-send option");
        assertTrue(h.engine.find(new LeaseKey.Ia6(Bytes.of(Dhcp6Harness.clientDuid(1).toOctets().toByteArray()),
                7, LeaseType.NA, 1)).isEmpty(), "an ADVERTISE writes no lease");

        var reply = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.REQUEST, 0x1235, cid(1), sid(),
                IaNaOption.of(7, 0, 0, IaAddressOption.of(a.address(), 0, 0)),
                IaPdOption.of(8, 0, 0, IaPrefixOption.of(p.prefix(), 56, 0, 0))));
        assertEquals(Dhcp6MessageType.REPLY.code(), reply.typeCode());
        assertEquals(a.address(), addr(reply, 0));
        assertEquals(p.prefix(), prefix(reply, 0).prefix());
        Lease6 lease = h.engine.get(a.address());
        assertNotNull(lease);
        assertEquals(LeaseState.DEFAULT, lease.state());
        assertEquals(1, lease.subnetId());
        assertEquals(4000, lease.validLifetime());
        assertEquals(LeaseType.PD, h.engine.get(p.prefix()).type());
        assertEquals(1, h.stat("subnet[1].assigned-nas"));
        assertEquals(1, h.stat("subnet[1].assigned-pds"));
        assertEquals(1, h.stat("subnet[1].pool[0].assigned-nas"));
        assertEquals(1, h.stat("subnet[1].pd-pool[0].assigned-pds"));
        assertEquals(1, h.stat("subnet[1].cumulative-assigned-nas"));
        assertEquals(256, h.stat("subnet[1].total-nas"));
        assertEquals(256 + 4096, h.stat("subnet[1].total-pds"));
        assertEquals(1, h.stat("pkt6-solicit-received"));
        assertEquals(1, h.stat("pkt6-request-received"));
        assertEquals(1, h.stat("pkt6-advertise-sent"));
        assertEquals(1, h.stat("pkt6-reply-sent"));
        assertEquals(2, h.stat("pkt6-received"));
        assertEquals(2, h.stat("pkt6-sent"));
    }

    @Test
    void rapidCommitAnswersSolicitWithReply() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE.replace("\"interface\": \"eth1\",",
                "\"interface\": \"eth1\", \"rapid-commit\": true,"));
        var reply = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.SOLICIT, 1, cid(1), ia(1),
                new RapidCommitOption()));
        assertEquals(Dhcp6MessageType.REPLY.code(), reply.typeCode());
        assertTrue(reply.options().hasRapidCommit());
        assertNotNull(h.engine.get(addr(reply, 0)), "rapid commit writes the lease");
        // without rapid-commit on the subnet the same SOLICIT gets an ADVERTISE
        Dhcp6Harness plain = new Dhcp6Harness(BASE);
        var adv = (Dhcp6ClientMessage) plain.send(msg(Dhcp6MessageType.SOLICIT, 1, cid(1), ia(1),
                new RapidCommitOption()));
        assertEquals(Dhcp6MessageType.ADVERTISE.code(), adv.typeCode());
        assertFalse(adv.options().hasRapidCommit());
    }

    @Test
    void severalIasGetSeveralLeases() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        var reply = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.SOLICIT, 1, cid(1), ia(1), ia(2), pd(3), pd(4)));
        assertEquals(2, reply.options().iaNa().size());
        assertEquals(2, reply.options().iaPd().size());
        assertNotEquals(addr(reply, 0), addr(reply, 1));
        assertNotEquals(prefix(reply, 0).prefix(), prefix(reply, 1).prefix());
        var req = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.REQUEST, 2, cid(1), sid(), ia(1), ia(2), pd(3),
                pd(4)));
        assertEquals(addr(reply, 0), addr(req, 0), "the offer is what REQUEST gets");
        assertEquals(addr(reply, 1), addr(req, 1));
        assertEquals(2, h.stat("subnet[1].assigned-nas"));
        assertEquals(2, h.stat("subnet[1].assigned-pds"));
    }

    @Test
    void renewExtendsRebindExtendsReleaseAndDecline() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        var r = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.REQUEST, 1, cid(1), sid(), ia(1), pd(2)));
        Ip6Address a = addr(r, 0);
        Ip6Address p = prefix(r, 0).prefix();
        var renew = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.RENEW, 2, cid(1), sid(),
                IaNaOption.of(1, 0, 0, IaAddressOption.of(a, 0, 0)),
                IaPdOption.of(2, 0, 0, IaPrefixOption.of(p, 56, 0, 0))));
        assertEquals(a, addr(renew, 0));
        assertEquals(4000, renew.options().iaNa().getFirst().options().addresses().getFirst().validLifetime());
        assertEquals(p, prefix(renew, 0).prefix());
        // a RENEW listing an address that is not the client's: its own lease plus the other with lifetimes 0
        Ip6Address foreign = Ip6Address.parse("2001:db8:1::1ff");
        var renew2 = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.RENEW, 3, cid(1), sid(),
                IaNaOption.of(1, 0, 0, IaAddressOption.of(a, 0, 0), IaAddressOption.of(foreign, 0, 0))));
        List<IaAddressOption> got = renew2.options().iaNa().getFirst().options().addresses();
        assertEquals(2, got.size());
        assertEquals(a, got.get(0).address());
        assertEquals(foreign, got.get(1).address());
        assertEquals(0, got.get(1).validLifetime());
        // a prefix the client may no longer use comes back with lifetimes 0 and the length it sent
        Ip6Address foreignPrefix = Ip6Address.parse("2001:db8:8000:ff00::");
        var renewPd = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.RENEW, 31, cid(1), sid(),
                IaPdOption.of(2, 0, 0, IaPrefixOption.of(p, 56, 0, 0), IaPrefixOption.of(foreignPrefix, 56, 0, 0))));
        List<IaPrefixOption> gotPd = renewPd.options().iaPd().getFirst().options().prefixes();
        assertEquals(p, gotPd.get(0).prefix());
        assertEquals(foreignPrefix, gotPd.get(1).prefix());
        assertEquals(56, gotPd.get(1).prefixLength());
        assertEquals(0, gotPd.get(1).validLifetime());
        var rebind = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.REBIND, 4, cid(1),
                IaNaOption.of(1, 0, 0, IaAddressOption.of(a, 0, 0))));
        assertEquals(Dhcp6MessageType.REPLY.code(), rebind.typeCode());
        assertEquals(a, addr(rebind, 0));
        assertEquals(3, h.stat("pkt6-renew-received"));
        assertEquals(1, h.stat("pkt6-rebind-received"));

        var rel = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.RELEASE, 5, cid(1), sid(),
                IaNaOption.of(1, 0, 0, IaAddressOption.of(a, 0, 0))));
        assertEquals(0, status(rel));
        assertEquals(0, iaStatus(rel.options().iaNa().getFirst()));
        assertEquals(LeaseState.EXPIRED_RECLAIMED, h.engine.get(a).state());
        assertEquals(0, h.stat("subnet[1].assigned-nas"));
        var again = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.RELEASE, 6, cid(1), sid(),
                IaNaOption.of(1, 0, 0, IaAddressOption.of(a, 0, 0))));
        assertEquals(Dhcp6StatusCode.NO_BINDING.code(), iaStatus(again.options().iaNa().getFirst()));
        // a RENEW of an IA that has no lease any more gets a fresh one (as Kea), NoBinding only when none is free
        var renew3 = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.RENEW, 7, cid(2), sid(), ia(9)));
        assertEquals(0, iaStatus(renew3.options().iaNa().getFirst()));

        Ip6Address d = addr(renew3, 0);
        var dec = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.DECLINE, 8, cid(2), sid(),
                IaNaOption.of(9, 0, 0, IaAddressOption.of(d, 0, 0))));
        assertEquals(0, iaStatus(dec.options().iaNa().getFirst()));
        assertEquals(LeaseState.DECLINED, h.engine.get(d).state());
        assertEquals(86400, h.engine.get(d).validLifetime(), "Kea's default decline-probation-period");
        assertEquals(1, h.stat("subnet[1].declined-addresses"));
        assertEquals(1, h.stat("declined-addresses"));
        assertEquals(1, h.stat("pkt6-decline-received"));
        var dec2 = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.DECLINE, 9, cid(3), sid(),
                IaNaOption.of(9, 0, 0, IaAddressOption.of(d, 0, 0))));
        assertEquals(Dhcp6StatusCode.NO_BINDING.code(), iaStatus(dec2.options().iaNa().getFirst()));
    }

    @Test
    void confirmChecksTheLink() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        var on = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.CONFIRM, 1, cid(1),
                IaNaOption.of(1, 0, 0, IaAddressOption.of(Ip6Address.parse("2001:db8:1::5"), 0, 0))));
        assertEquals(Dhcp6MessageType.REPLY.code(), on.typeCode());
        assertEquals(0, status(on));
        var off = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.CONFIRM, 2, cid(1),
                IaNaOption.of(1, 0, 0, IaAddressOption.of(Ip6Address.parse("2001:db8:1::5"), 0, 0),
                        IaAddressOption.of(Ip6Address.parse("2001:db8:77::5"), 0, 0))));
        assertEquals(Dhcp6StatusCode.NOT_ON_LINK.code(), status(off));
        assertNull(h.send(msg(Dhcp6MessageType.CONFIRM, 3, cid(1), ia(1))), "CONFIRM without addresses");
    }

    @Test
    void serverIdAndClientIdRules() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        assertNull(h.send(msg(Dhcp6MessageType.REQUEST, 1, cid(1), ia(1))), "REQUEST without server id");
        assertNull(h.send(msg(Dhcp6MessageType.REQUEST, 1, cid(1), ia(1),
                new ServerIdOption(Dhcp6Harness.clientDuid(99)))), "REQUEST for another server");
        assertNull(h.send(msg(Dhcp6MessageType.SOLICIT, 1, cid(1), sid(), ia(1))), "SOLICIT with a server id");
        assertNull(h.send(msg(Dhcp6MessageType.SOLICIT, 1, ia(1))), "SOLICIT without client id");
        assertNull(h.send(msg(Dhcp6MessageType.ADVERTISE, 1, cid(1))), "an ADVERTISE is not for servers");
        assertEquals(5, h.stat("pkt6-receive-drop"));
        assertEquals(1, h.stat("pkt6-advertise-received"));
    }

    @Test
    void exhaustedPoolAnswersNoAddrsAvailAndCounts() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        Received rx = new Received(null, List.of(), InetAddress.getByName("2001:db8:ffff::3"), 547, false);
        for (int c = 1; c <= 2; c++) {
            var r = (Dhcp6ClientMessage) unwrap(h.send(relay(msg(Dhcp6MessageType.REQUEST, c, cid(c), sid(), ia(1)),
                    "2001:db8:ffff::3", null), rx));
            assertEquals(0, iaStatus(r.options().iaNa().getFirst()));
            assertTrue(inRange(addr(r, 0), "2001:db8:3::100", "2001:db8:3::101"));
        }
        var r = (Dhcp6ClientMessage) unwrap(h.send(relay(msg(Dhcp6MessageType.REQUEST, 3, cid(3), sid(), ia(1), pd(2)),
                "2001:db8:ffff::3", null), rx));
        assertEquals(Dhcp6StatusCode.NO_ADDRS_AVAIL.code(), iaStatus(r.options().iaNa().getFirst()));
        assertEquals(Dhcp6StatusCode.NO_PREFIX_AVAIL.code(), pdStatus(r.options().iaPd().getFirst()));
        assertEquals(2, h.stat("v6-allocation-fail"));
        assertEquals(1, h.stat("v6-allocation-fail-subnet"));
        assertEquals(1, h.stat("v6-allocation-fail-no-pools"));
        assertEquals(2, h.stat("subnet[3].v6-allocation-fail"));
    }

    static Dhcp6RelayMessage relay(Dhcp6Message inner, String link, String ifaceId) {
        return ifaceId == null
                ? Dhcp6RelayMessage.of(Dhcp6MessageType.RELAY_FORW, 0, Ip6Address.parse(link),
                        Ip6Address.parse("fe80::1"), inner)
                : Dhcp6RelayMessage.of(Dhcp6MessageType.RELAY_FORW, 0, Ip6Address.parse(link),
                        Ip6Address.parse("fe80::1"), inner, new InterfaceIdOption(Octets.ofUtf8(ifaceId)));
    }

    static Dhcp6Message unwrap(Dhcp6Message m) {
        return m.innermost();
    }

    @Test
    void relayedQueriesSelectSubnetsAndGetRelayRepliesWithInterfaceId() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        Received rx = new Received(null, List.of(), InetAddress.getByName("2001:db8:ffff::9"), 547, true);
        // link-address inside subnet 1
        var r1 = h.send(relay(msg(Dhcp6MessageType.SOLICIT, 1, cid(1), ia(1)), "2001:db8:1::1", null), rx);
        assertEquals(Dhcp6MessageType.RELAY_REPL.code(), r1.typeCode());
        assertTrue(inRange(addr(r1.innermost(), 0), "2001:db8:1::100", "2001:db8:1::1ff"));
        // interface-id wins over the link address, and is echoed back
        var r2 = (Dhcp6RelayMessage) h.send(relay(msg(Dhcp6MessageType.SOLICIT, 2, cid(2), ia(1)), "2001:db8:1::1",
                "port-7"), rx);
        assertEquals(Octets.ofUtf8("port-7"), r2.interfaceId());
        assertEquals(Ip6Address.parse("2001:db8:1::1"), r2.linkAddress());
        assertEquals(Ip6Address.parse("fe80::1"), r2.peerAddress());
        assertTrue(inRange(addr(r2.innermost(), 0), "2001:db8:2::100", "2001:db8:2::1ff"));
        // nested: the relay closest to the client (inner) carries the interface-id; both layers come back
        var nested = Dhcp6RelayMessage.of(Dhcp6MessageType.RELAY_FORW, 1, Ip6Address.parse("2001:db8:ffff::9"),
                Ip6Address.parse("fe80::2"), relay(msg(Dhcp6MessageType.SOLICIT, 3, cid(3), ia(1)), "::", "port-7"));
        var r3 = (Dhcp6RelayMessage) h.send(nested, rx);
        assertEquals(1, r3.hopCount());
        var inner = (Dhcp6RelayMessage) r3.relayedMessage();
        assertEquals(Octets.ofUtf8("port-7"), inner.interfaceId());
        assertNull(r3.interfaceId());
        assertTrue(inRange(addr(r3.innermost(), 0), "2001:db8:2::100", "2001:db8:2::1ff"));
        // the relay's address listed in subnet 3's relay ip-addresses
        var r4 = h.send(relay(msg(Dhcp6MessageType.SOLICIT, 4, cid(4), ia(1)), "2001:db8:ffff::3", null), rx);
        assertTrue(inRange(addr(r4.innermost(), 0), "2001:db8:3::100", "2001:db8:3::101"));
        // an unknown link: no subnet, NoAddrsAvail
        var r5 = h.send(relay(msg(Dhcp6MessageType.SOLICIT, 5, cid(5), ia(1)), "2001:db8:77::1", null), rx);
        assertEquals(Dhcp6StatusCode.NO_ADDRS_AVAIL.code(),
                iaStatus(((Dhcp6ClientMessage) r5.innermost()).options().iaNa().getFirst()));
    }

    @Test
    void directClientsSelectBySubnetInterfaceOrInterfaceAddress() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE.replace("\"interface\": \"eth1\",", ""));
        Received viaAddress = new Received("eth9", List.of(Ip6Address.parse("2001:db8:2::1")),
                InetAddress.getByName("fe80::a00:1"), 546, false);
        var r = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.SOLICIT, 1, cid(1), ia(1)), viaAddress);
        assertTrue(inRange(addr(r, 0), "2001:db8:2::100", "2001:db8:2::1ff"));
        Received nothing = new Received("eth9", List.of(), InetAddress.getByName("fe80::a00:1"), 546, false);
        var none = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.SOLICIT, 1, cid(1), ia(1)), nothing);
        assertEquals(Dhcp6StatusCode.NO_ADDRS_AVAIL.code(), iaStatus(none.options().iaNa().getFirst()));
    }

    @Test
    void hintsAndPrefixLengthHints() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        Ip6Address want = Ip6Address.parse("2001:db8:1::1a0");
        var r = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.SOLICIT, 1, cid(1),
                IaNaOption.of(1, 0, 0, IaAddressOption.of(want, 0, 0)),
                IaPdOption.of(2, 0, 0, IaPrefixOption.of(Ip6Address.UNSPECIFIED, 60, 0, 0))));
        assertEquals(want, addr(r, 0));
        IaPrefixOption p = prefix(r, 0);
        assertEquals(60, p.prefixLength(), "the pool delegating /60 is tried first");
        assertTrue(inRange(p.prefix(), "2001:db8:9000::", "2001:db8:9000:fff0::"));
        Ip6Address wantPrefix = Ip6Address.parse("2001:db8:8000:4200::");
        var r2 = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.SOLICIT, 2, cid(2),
                IaPdOption.of(2, 0, 0, IaPrefixOption.of(wantPrefix, 56, 0, 0))));
        assertEquals(wantPrefix, prefix(r2, 0).prefix());
    }

    @Test
    void excludedPrefixWhenAsked() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        var r = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.SOLICIT, 1, cid(1),
                IaPdOption.of(2, 0, 0, IaPrefixOption.of(Ip6Address.UNSPECIFIED, 60, 0, 0)),
                OptionRequestOption.of(Dhcp6OptionCode.PD_EXCLUDE)));
        IaPrefixOption p = prefix(r, 0);
        PdExcludeOption ex = p.options().get(Dhcp6OptionCode.PD_EXCLUDE, PdExcludeOption.class);
        assertNotNull(ex);
        assertEquals(64, ex.prefixLength());
        Ip6Address excluded = ex.excludedPrefix(p);
        // the excluded /64 is the delegated /60 with the configured excluded-prefix's bits 60..63 (8)
        assertEquals(Dhcp6Processor.excludedFor(p.prefix(), 60, Ip6Address.parse("2001:db8:9000:8::")), excluded);
        assertEquals(p.prefix().high() | 8, excluded.high());
        // not asked: no option
        var plain = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.SOLICIT, 2, cid(2),
                IaPdOption.of(2, 0, 0, IaPrefixOption.of(Ip6Address.UNSPECIFIED, 60, 0, 0))));
        assertNull(prefix(plain, 0).options().get(Dhcp6OptionCode.PD_EXCLUDE));
    }

    @Test
    void optionsFollowOroAlwaysSendAndClassScope() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE.replace("\"subnet6\"", """
                "client-classes": [{"name": "sol", "test": "pkt6.msgtype == 1",
                                    "option-data": [{"name": "dns-servers", "data": "2001:db8::5353"}]}],
                "subnet6\""""));
        var noOro = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.REQUEST, 1, cid(1), sid(), ia(1)));
        assertNull(noOro.options().get(Dhcp6OptionCode.DNS_SERVERS), "not requested");
        assertNotNull(noOro.options().get(Dhcp6OptionCode.DOMAIN_LIST), "always-send");
        var withOro = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.REQUEST, 2, cid(1), sid(), ia(1),
                OptionRequestOption.of(Dhcp6OptionCode.DNS_SERVERS)));
        assertEquals(Ip6Address.parse("2001:db8::53"),
                Ip6Address.of(io.tui.dhcp.core.wire.v6.Dhcp6Options.toRaw(
                        withOro.options().get(Dhcp6OptionCode.DNS_SERVERS)).payload()), "global value");
        var sol = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.SOLICIT, 3, cid(2), ia(1),
                OptionRequestOption.of(Dhcp6OptionCode.DNS_SERVERS)));
        assertEquals(Ip6Address.parse("2001:db8::5353"),
                Ip6Address.of(io.tui.dhcp.core.wire.v6.Dhcp6Options.toRaw(
                        sol.options().get(Dhcp6OptionCode.DNS_SERVERS)).payload()), "class value beats global");
        assertTrue(h.last.classes().contains("sol"));
        assertTrue(h.last.classes().contains("ALL"));
    }

    @Test
    void informationRequestGetsOptionsOnly() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        var r = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.INFORMATION_REQUEST, 1, cid(1),
                OptionRequestOption.of(Dhcp6OptionCode.DNS_SERVERS)));
        assertEquals(Dhcp6MessageType.REPLY.code(), r.typeCode());
        assertNotNull(r.options().get(Dhcp6OptionCode.DNS_SERVERS));
        assertTrue(r.options().iaNa().isEmpty());
        assertEquals(1, h.stat("pkt6-infrequest-received"));
    }

    @Test
    void unicastWithoutServerUnicastOptionGetsUseMulticast() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE);
        Received uni = new Received("eth1", List.of(), InetAddress.getByName("fe80::a00:1"), 546, true);
        var r = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.REQUEST, 1, cid(1), sid(), ia(1)), uni);
        assertEquals(Dhcp6StatusCode.USE_MULTICAST.code(), status(r));
        assertTrue(r.options().iaNa().isEmpty());
        assertEquals(Dhcp6Harness.SERVER_ID, r.options().serverId());
        assertEquals(Dhcp6Harness.clientDuid(1), r.options().clientId());
        assertNull(r.options().get(Dhcp6OptionCode.DOMAIN_LIST), "nothing but the status");
        assertNull(h.send(msg(Dhcp6MessageType.SOLICIT, 2, cid(1), ia(1)), uni), "SOLICIT by unicast is dropped");
        Dhcp6Harness withUnicast = new Dhcp6Harness(BASE.replace("{\"name\": \"dns-servers\"",
                "{\"name\": \"unicast\", \"data\": \"2001:db8:1::1\"}, {\"name\": \"dns-servers\""));
        var ok = (Dhcp6ClientMessage) withUnicast.send(msg(Dhcp6MessageType.REQUEST, 1, cid(1), sid(), ia(1)), uni);
        assertEquals(0, status(ok));
        assertEquals(1, ok.options().iaNa().size());
    }

    @Test
    void lifetimesClampToMinMaxWhenTheClientHints() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(BASE.replace("\"valid-lifetime\": 4000,",
                "\"valid-lifetime\": 4000, \"min-valid-lifetime\": 3500, \"max-valid-lifetime\": 5000,"
                        + " \"min-preferred-lifetime\": 2000, \"max-preferred-lifetime\": 3200,"));
        var r = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.SOLICIT, 1, cid(1),
                IaNaOption.of(1, 0, 0, IaAddressOption.of(Ip6Address.UNSPECIFIED, 9000, 9000))));
        IaAddressOption a = r.options().iaNa().getFirst().options().addresses().getFirst();
        assertEquals(5000, a.validLifetime());
        assertEquals(3200, a.preferredLifetime());
        var low = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.SOLICIT, 2, cid(2),
                IaNaOption.of(1, 0, 0, IaAddressOption.of(Ip6Address.UNSPECIFIED, 10, 10))));
        IaAddressOption b = low.options().iaNa().getFirst().options().addresses().getFirst();
        assertEquals(3500, b.validLifetime());
        assertEquals(2000, b.preferredLifetime());
    }

    @Test
    void classesRestrictSubnetsAndPools() throws Exception {
        String body = """
                "interfaces-config": {"interfaces": ["eth1"]},
                "client-classes": [{"name": "gold", "test": "relay6[0].option[18].text == 'gold'"}],
                "subnet6": [
                  {"id": 10, "subnet": "2001:db8:10::/64", "interface-id": "gold", "client-class": "gold",
                   "pools": [{"pool": "2001:db8:10::10-2001:db8:10::10"},
                             {"pool": "2001:db8:10::20-2001:db8:10::20", "client-class": "nobody"}]}
                ]
                """;
        Dhcp6Harness h = new Dhcp6Harness(body);
        Received rx = new Received(null, List.of(), InetAddress.getByName("2001:db8:ffff::9"), 547, true);
        var gold = h.send(relay(msg(Dhcp6MessageType.REQUEST, 1, cid(1), sid(), ia(1)), "::", "gold"), rx);
        assertEquals(Ip6Address.parse("2001:db8:10::10"), addr((Dhcp6ClientMessage) gold.innermost(), 0));
        assertTrue(h.last.classes().contains("gold"));
        var second = h.send(relay(msg(Dhcp6MessageType.REQUEST, 2, cid(2), sid(), ia(1)), "::", "gold"), rx);
        assertEquals(Dhcp6StatusCode.NO_ADDRS_AVAIL.code(),
                iaStatus(((Dhcp6ClientMessage) second.innermost()).options().iaNa().getFirst()),
                "the other pool is for class nobody");
        assertEquals(1, h.stat("v6-allocation-fail-subnet"));
    }

    @Test
    void vendorClassAndRelayRemoteIdClassify() throws Exception {
        String body = """
                "interfaces-config": {"interfaces": ["eth1"]},
                "client-classes": [{"name": "by-remote-id", "test": "relay6[0].option[37].hex == 0x0000000901020304"}],
                "subnet6": [
                  {"id": 20, "subnet": "2001:db8:20::/64", "client-class": "VENDOR_CLASS_tui-box",
                   "interface-id": "shared", "pools": [{"pool": "2001:db8:20::10-2001:db8:20::10"}]},
                  {"id": 21, "subnet": "2001:db8:21::/64", "client-class": "by-remote-id",
                   "interface-id": "shared", "pools": [{"pool": "2001:db8:21::10-2001:db8:21::10"}]}
                ]
                """;
        Dhcp6Harness h = new Dhcp6Harness(body);
        Received rx = new Received(null, List.of(), InetAddress.getByName("2001:db8:ffff::9"), 547, true);
        var vendor = new io.tui.dhcp.core.wire.v6.VendorClassOption(4491, List.of(Octets.ofUtf8("tui-box")));
        var r1 = h.send(relay(msg(Dhcp6MessageType.SOLICIT, 1, cid(1), ia(1), vendor), "::", "shared"), rx);
        assertEquals(Ip6Address.parse("2001:db8:20::10"), addr((Dhcp6ClientMessage) r1.innermost(), 0));
        assertTrue(h.last.classes().contains("VENDOR_CLASS_tui-box"));
        var remoteId = io.tui.dhcp.core.wire.v6.RawOption.of(Dhcp6OptionCode.REMOTE_ID,
                (byte) 0, (byte) 0, (byte) 0, (byte) 9, (byte) 1, (byte) 2, (byte) 3, (byte) 4);
        var withRemote = Dhcp6RelayMessage.of(Dhcp6MessageType.RELAY_FORW, 0, Ip6Address.UNSPECIFIED,
                Ip6Address.parse("fe80::1"), msg(Dhcp6MessageType.SOLICIT, 2, cid(2), ia(1)),
                new InterfaceIdOption(Octets.ofUtf8("shared")), remoteId);
        var r2 = h.send(withRemote, rx);
        assertEquals(Ip6Address.parse("2001:db8:21::10"), addr((Dhcp6ClientMessage) r2.innermost(), 0));
        assertTrue(h.last.classes().contains("by-remote-id"));
        var none = h.send(relay(msg(Dhcp6MessageType.SOLICIT, 3, cid(3), ia(1)), "::", "shared"), rx);
        assertEquals(Dhcp6StatusCode.NO_ADDRS_AVAIL.code(),
                iaStatus(((Dhcp6ClientMessage) none.innermost()).options().iaNa().getFirst()), "no class, no subnet");
    }
}
