package io.tui.dhcp6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.stats.SampleClock;
import io.tui.dhcp.core.stats.StatsRegistry;
import io.tui.dhcp.core.wire.v6.ClientIdOption;
import io.tui.dhcp.core.wire.v6.Dhcp6ClientMessage;
import io.tui.dhcp.core.wire.v6.Dhcp6Codec;
import io.tui.dhcp.core.wire.v6.Dhcp6Message;
import io.tui.dhcp.core.wire.v6.Dhcp6MessageType;
import io.tui.dhcp.core.wire.v6.Dhcp6Option;
import io.tui.dhcp.core.wire.v6.Dhcp6OptionCode;
import io.tui.dhcp.core.wire.v6.Dhcp6Options;
import io.tui.dhcp.core.wire.v6.Dhcp6StatusCode;
import io.tui.dhcp.core.wire.v6.Duid;
import io.tui.dhcp.core.wire.v6.IaNaOption;
import io.tui.dhcp.core.wire.v6.IaPdOption;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.core.wire.v6.Octets;
import io.tui.dhcp.core.wire.v6.OptionRequestOption;
import io.tui.dhcp.core.wire.v6.ServerIdOption;
import io.tui.dhcp6.proc.Dhcp6Processor;
import io.tui.dhcp6.proc.Received;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole server in-process (no sockets): lease file, restart, lock, reload, disable, expiry, reservations. */
class Dhcp6ServerTest {
    static final class MutableClock extends Clock {
        volatile Instant now = Instant.parse("2026-11-22T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static String config(Path dir, String subnets) {
        return """
                {"Dhcp6": {"interfaces-config": {"interfaces": []}, "data-directory": "%s",
                  "server-id": {"type": "LL", "identifier": "02:00:00:00:00:99"},
                  "lease-database": {"type": "memfile", "name": "%s/leases6.csv", "lfc-interval": 0},
                  "expired-leases-processing": {"reclaim-timer-wait-time": 0, "flush-reclaimed-timer-wait-time": 0},
                  "preferred-lifetime": 300, "valid-lifetime": 600,
                  "option-data": [{"name": "dns-servers", "data": "2001:db8::53"}],
                  "subnet6": [%s]}}
                """.formatted(dir, dir, subnets);
    }

    static final String SUBNET1 = """
            {"id": 1, "subnet": "2001:db8:1::/64", "interface": "eth1",
             "pools": [{"pool": "2001:db8:1::10-2001:db8:1::12"}],
             "pd-pools": [{"prefix": "2001:db8:8000::", "prefix-len": 48, "delegated-len": 56}]}
            """;

    final MutableClock clock = new MutableClock();
    final Dhcp6Codec codec = new Dhcp6Codec();

    Dhcp6Server start(Path dir, String subnets) throws Exception {
        ServerConfig c = new ConfigLoader(Family.V6, w -> { }).loadText(config(dir, subnets), "test", null);
        return Dhcp6Server.start(c, new Dhcp6Server.Options(0, 0, null, dir, false, false, clock),
                new StatsRegistry(SampleClock.system()));
    }

    static Duid duid(int n) {
        return new Duid.Ll(1, Octets.of((byte) 2, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) n));
    }

    Dhcp6ClientMessage send(Dhcp6Server s, Dhcp6MessageType type, int client, Dhcp6Option... extra) throws Exception {
        Dhcp6Options o = Dhcp6Options.of(new ClientIdOption(duid(client)));
        if (type != Dhcp6MessageType.SOLICIT && type != Dhcp6MessageType.REBIND
                && type != Dhcp6MessageType.CONFIRM && type != Dhcp6MessageType.INFORMATION_REQUEST) {
            o.add(new ServerIdOption(s.serverId()));
        }
        for (Dhcp6Option e : extra) {
            o.add(e);
        }
        Dhcp6Message q = new Dhcp6ClientMessage(type.code(), 7, o);
        ByteBuf b = Unpooled.buffer();
        codec.encode(q, b);
        int len = b.readableBytes();
        Dhcp6Processor.Result r = s.handle(codec.decode(b), new Received("eth1", List.of(),
                InetAddress.getByName("fe80::1"), 546, false), len);
        if (r == null || r.dropped()) {
            return null;
        }
        r.durable().toCompletableFuture().get();
        ByteBuf out = Unpooled.buffer();
        codec.encode(r.reply(), out);
        return (Dhcp6ClientMessage) codec.decode(out);
    }

    static Ip6Address addr(Dhcp6ClientMessage m) throws Exception {
        return m.options().iaNa().getFirst().options().addresses().getFirst().address();
    }

    static long stat(Dhcp6Server s, String name) {
        var n = s.statistics().get(name);
        return n.isEmpty() ? -1 : n.get(name).get(0).get(0).asLong();
    }

    @Test
    void leasesAndServerIdSurviveARestartAndTheLockKeepsASecondServerOut(@TempDir Path dir) throws Exception {
        Ip6Address a;
        Duid sid;
        try (Dhcp6Server s = start(dir, SUBNET1)) {
            a = addr(send(s, Dhcp6MessageType.REQUEST, 1, IaNaOption.of(1, 0, 0)));
            sid = s.serverId();
            assertEquals(new Duid.Ll(1, Octets.ofHex("02:00:00:00:00:99")), sid);
            assertTrue(Files.readString(dir.resolve("leases6.csv")).contains(a + ","));
            IOException e = assertThrows(IOException.class, () -> start(dir, SUBNET1).close());
            assertTrue(e.getMessage().contains("lock") || e.getMessage().contains("held")
                    || e.getMessage().contains("running"), e.getMessage());
        }
        try (Dhcp6Server s = start(dir, SUBNET1)) {
            assertEquals(sid, s.serverId());
            Lease6 l = s.leases().get(a);
            assertNotNull(l, "loaded from the lease file");
            assertEquals(LeaseState.DEFAULT, l.state());
            assertEquals(1, stat(s, "subnet[1].assigned-nas"));
            // the same client renews the same address
            var renew = send(s, Dhcp6MessageType.RENEW, 1, IaNaOption.of(1, 0, 0));
            assertEquals(a, addr(renew));
        }
    }

    @Test
    void reloadKeepsLeasesAcrossNewPoolsAndRefusesBadConfigs(@TempDir Path dir) throws Exception {
        try (Dhcp6Server s = start(dir, SUBNET1)) {
            Ip6Address a = addr(send(s, Dhcp6MessageType.REQUEST, 1, IaNaOption.of(1, 0, 0)));
            String bigger = SUBNET1.replace("2001:db8:1::12", "2001:db8:1::ff") + """
                    , {"id": 2, "subnet": "2001:db8:2::/64", "pools": [{"pool": "2001:db8:2::/120"}]}
                    """;
            var doc = new ObjectMapper().readTree(config(dir, bigger));
            assertTrue(s.control().setConfig(doc).ok());
            assertEquals(2, s.config().subnets().size());
            assertEquals(a, s.leases().get(a).address(), "the lease moved to the new engine");
            assertEquals(1, stat(s, "subnet[1].assigned-nas"), "assigned counted once after the hand-over");
            assertEquals(240, stat(s, "subnet[1].total-nas"));
            assertEquals(256, stat(s, "subnet[2].total-nas"));
            var bad = new ObjectMapper().readTree("{\"Dhcp6\": {\"subnet6\": [{\"id\": 1, \"subnet\": \"nonsense\"}]}}");
            assertFalse(s.control().setConfig(bad).ok());
            assertEquals(2, s.config().subnets().size(), "the old configuration stays");
            assertTrue(s.control().testConfig(doc).ok());
        }
    }

    @Test
    void disableStopsAnsweringUntilEnabled(@TempDir Path dir) throws Exception {
        try (Dhcp6Server s = start(dir, SUBNET1)) {
            s.control().disable("test", Duration.ZERO);
            assertFalse(s.control().enabled());
            assertNull(send(s, Dhcp6MessageType.SOLICIT, 1, IaNaOption.of(1, 0, 0)));
            s.control().enable("test");
            assertNotNull(send(s, Dhcp6MessageType.SOLICIT, 1, IaNaOption.of(1, 0, 0)));
            assertTrue(s.control().status().get("pid").asLong() > 0);
        }
    }

    @Test
    void expiredLeasesAreReclaimedAndCounted(@TempDir Path dir) throws Exception {
        try (Dhcp6Server s = start(dir, SUBNET1)) {
            Ip6Address a = addr(send(s, Dhcp6MessageType.REQUEST, 1, IaNaOption.of(1, 0, 0), IaPdOption.of(2, 0, 0)));
            clock.now = clock.now.plusSeconds(3600);
            s.control().reclaimNow(false);
            assertEquals(LeaseState.EXPIRED_RECLAIMED, s.leases().get(a).state());
            assertEquals(2, stat(s, "subnet[1].reclaimed-leases"));
            assertEquals(0, stat(s, "subnet[1].assigned-nas"));
            assertEquals(0, stat(s, "subnet[1].assigned-pds"));
            // affinity: the client comes back to its address
            assertEquals(a, addr(send(s, Dhcp6MessageType.REQUEST, 1, IaNaOption.of(1, 0, 0))));
        }
    }

    @Test
    void reservationsByDuidAndHwAddress(@TempDir Path dir) throws Exception {
        String subnet = SUBNET1.replace("\"pd-pools\"", """
                "reservations": [
                  {"duid": "00:03:00:01:02:00:00:00:00:01", "ip-addresses": ["2001:db8:1::11"],
                   "prefixes": ["2001:db8:7777:100::/56"], "hostname": "alpha.example",
                   "client-classes": ["gold"],
                   "option-data": [{"name": "dns-servers", "data": "2001:db8::abcd"}]},
                  {"hw-address": "02:00:00:00:00:02", "ip-addresses": ["2001:db8:1::99"]}
                ],
                "pd-pools\"""");
        try (Dhcp6Server s = start(dir, subnet)) {
            var r = send(s, Dhcp6MessageType.REQUEST, 1, IaNaOption.of(1, 0, 0), IaPdOption.of(2, 0, 0),
                    OptionRequestOption.of(Dhcp6OptionCode.DNS_SERVERS));
            assertEquals(Ip6Address.parse("2001:db8:1::11"), addr(r));
            assertEquals(Ip6Address.parse("2001:db8:7777:100::"),
                    r.options().iaPd().getFirst().options().prefixes().getFirst().prefix());
            assertEquals(Ip6Address.parse("2001:db8::abcd"), Ip6Address.of(Dhcp6Options.toRaw(
                    r.options().get(Dhcp6OptionCode.DNS_SERVERS)).payload()), "the reservation's option wins");
            assertEquals("alpha.example", s.leases().get(Ip6Address.parse("2001:db8:1::11")).hostname());
            // hw-address reservation (from the DUID-LL), out of the pool
            var hw = send(s, Dhcp6MessageType.REQUEST, 2, IaNaOption.of(1, 0, 0));
            assertEquals(Ip6Address.parse("2001:db8:1::99"), addr(hw));
            // the in-pool reserved ::11 is never given to anyone else: the pool ::10-::12 has two for the others
            var c3 = send(s, Dhcp6MessageType.REQUEST, 3, IaNaOption.of(1, 0, 0));
            var c4 = send(s, Dhcp6MessageType.REQUEST, 4, IaNaOption.of(1, 0, 0));
            var c5 = send(s, Dhcp6MessageType.REQUEST, 5, IaNaOption.of(1, 0, 0));
            assertEquals(List.of(Ip6Address.parse("2001:db8:1::10"), Ip6Address.parse("2001:db8:1::12")),
                    List.of(addr(c3), addr(c4)).stream().sorted().toList());
            assertEquals(Dhcp6StatusCode.NO_ADDRS_AVAIL.code(),
                    c5.options().iaNa().getFirst().options().statusCode().statusCode());
        }
    }

    @Test
    void leaseChecksFixOrDropAddressLeasesWhoseSubnetChangedInMemoryOnly(@TempDir Path dir) throws Exception {
        Ip6Address a;
        Ip6Address prefix;
        try (Dhcp6Server s = start(dir, SUBNET1)) {
            var r = send(s, Dhcp6MessageType.REQUEST, 1, IaNaOption.of(1, 0, 0), IaPdOption.of(2, 0, 0));
            a = addr(r);
            prefix = r.options().iaPd().getFirst().options().prefixes().getFirst().prefix();
        }
        String file = Files.readString(dir.resolve("leases6.csv"));
        String renumbered = SUBNET1.replace("\"id\": 1", "\"id\": 5");
        try (Dhcp6Server s = startWith(dir, renumbered, "warn")) {
            assertEquals(1, s.leases().get(a).subnetId(), "warn keeps the lease as it is");
        }
        try (Dhcp6Server s = startWith(dir, renumbered, "fix")) {
            assertEquals(5, s.leases().get(a).subnetId());
            assertEquals(1, stat(s, "subnet[5].assigned-nas"));
            assertEquals(1, s.leases().get(prefix).subnetId(), "Kea checks address leases, not prefixes");
        }
        try (Dhcp6Server s = startWith(dir, renumbered.replace("\"id\": 5", "\"id\": 6"), "del")) {
            assertNull(s.leases().get(a), "del drops it");
            assertNotNull(s.leases().get(prefix), "a delegated prefix outside the subnet's prefix is kept");
        }
        assertEquals(file, Files.readString(dir.resolve("leases6.csv")), "as in Kea, the lease file is left alone");
        try (Dhcp6Server s = startWith(dir, renumbered, "none")) {
            assertEquals(1, s.leases().get(a).subnetId(), "so the lease is back, as the file has it");
        }
        // config-set applies the new policy to the running leases (Kea reloads its lease file on reconfiguration)
        try (Dhcp6Server s = startWith(dir, renumbered, "warn")) {
            String fixDel = config(dir, renumbered).replace("\"preferred-lifetime\"",
                    "\"sanity-checks\": {\"lease-checks\": \"fix-del\"}, \"preferred-lifetime\"");
            assertTrue(s.control().setConfig(new ObjectMapper().readTree(fixDel)).ok());
            assertEquals(5, s.leases().get(a).subnetId());
            assertEquals(1, stat(s, "subnet[5].assigned-nas"));
        }
    }

    Dhcp6Server startWith(Path dir, String subnets, String leaseChecks) throws Exception {
        String text = config(dir, subnets).replace("\"preferred-lifetime\"",
                "\"sanity-checks\": {\"lease-checks\": \"" + leaseChecks + "\"}, \"preferred-lifetime\"");
        ServerConfig c = new ConfigLoader(Family.V6, w -> { }).loadText(text, "test", null);
        return Dhcp6Server.start(c, new Dhcp6Server.Options(0, 0, null, dir, false, false, clock),
                new StatsRegistry(SampleClock.system()));
    }

    @Test
    void datagramsParseFailuresAndReplyDestinations(@TempDir Path dir) throws Exception {
        try (Dhcp6Server s = start(dir, SUBNET1)) {
            Received direct = new Received("eth1", List.of(), InetAddress.getByName("fe80::1"), 546, false);
            List<java.net.InetSocketAddress> sentTo = new java.util.ArrayList<>();
            s.datagram(Unpooled.wrappedBuffer(new byte[] {12, 0, 1}), direct, (d, to) -> sentTo.add(to));
            assertEquals(1, stat(s, "pkt6-parse-failed"));
            assertEquals(1, stat(s, "pkt6-receive-drop"));
            assertTrue(sentTo.isEmpty());

            ByteBuf b = Unpooled.buffer();
            codec.encode(Dhcp6ClientMessage.of(Dhcp6MessageType.SOLICIT, 1, new ClientIdOption(duid(1)),
                    IaNaOption.of(1, 0, 0)), b);
            s.datagram(b, direct, (d, to) -> {
                sentTo.add(to);
                d.release();
            });
            Thread.sleep(200);
            assertEquals(List.of(new java.net.InetSocketAddress(InetAddress.getByName("fe80::1"), 546)), sentTo);

            var relayed = io.tui.dhcp.core.wire.v6.Dhcp6RelayMessage.of(Dhcp6MessageType.RELAY_FORW, 0,
                    Ip6Address.parse("2001:db8:1::1"), Ip6Address.parse("fe80::9"),
                    Dhcp6ClientMessage.of(Dhcp6MessageType.SOLICIT, 2, new ClientIdOption(duid(2))));
            Received relay = new Received(null, List.of(), InetAddress.getByName("2001:db8:ff::2"), 4000, true);
            assertEquals(547, s.destination(relayed, relay).getPort(), "relays get replies on 547");
            var withPort = io.tui.dhcp.core.wire.v6.Dhcp6RelayMessage.of(Dhcp6MessageType.RELAY_FORW, 0,
                    Ip6Address.parse("2001:db8:1::1"), Ip6Address.parse("fe80::9"),
                    Dhcp6ClientMessage.of(Dhcp6MessageType.SOLICIT, 2, new ClientIdOption(duid(2))),
                    io.tui.dhcp.core.wire.v6.RawOption.of(135, (byte) 0x0f, (byte) 0xa0));
            assertEquals(4000, s.destination(withPort, relay).getPort(), "RFC 8357 relay source port");
        }
        ServerConfig c = new ConfigLoader(Family.V6, w -> { }).loadText(config(dir, SUBNET1), "test", null);
        try (Dhcp6Server s = Dhcp6Server.start(c, new Dhcp6Server.Options(10547, 10546, null, dir, false, false,
                clock), new StatsRegistry(SampleClock.system()))) {
            var q = Dhcp6ClientMessage.of(Dhcp6MessageType.SOLICIT, 1, new ClientIdOption(duid(1)));
            assertEquals(10546, s.destination(q, new Received("eth1", List.of(), InetAddress.getByName("fe80::1"),
                    546, false)).getPort(), "-P");
            assertEquals(10547, s.options().port(), "-p");
        }
    }

    @Test
    void reservedPrefixesInsideAPdPoolGoOnlyToTheirHost(@TempDir Path dir) throws Exception {
        String subnet = """
                {"id": 1, "subnet": "2001:db8:1::/64", "interface": "eth1",
                 "pd-pools": [{"prefix": "2001:db8:8000::", "prefix-len": 54, "delegated-len": 56}],
                 "reservations": [{"duid": "00:03:00:01:02:00:00:00:00:01", "prefixes": ["2001:db8:8000:200::/56"]}]}
                """;
        try (Dhcp6Server s = start(dir, subnet)) {
            List<Ip6Address> others = new java.util.ArrayList<>();
            for (int c = 3; c <= 5; c++) {
                var r = send(s, Dhcp6MessageType.REQUEST, c, IaPdOption.of(1, 0, 0));
                others.add(r.options().iaPd().getFirst().options().prefixes().getFirst().prefix());
            }
            assertEquals(List.of(Ip6Address.parse("2001:db8:8000::"), Ip6Address.parse("2001:db8:8000:100::"),
                    Ip6Address.parse("2001:db8:8000:300::")), others.stream().sorted().toList());
            var full = send(s, Dhcp6MessageType.REQUEST, 6, IaPdOption.of(1, 0, 0));
            assertEquals(Dhcp6StatusCode.NO_PREFIX_AVAIL.code(),
                    full.options().iaPd().getFirst().options().statusCode().statusCode());
            var mine = send(s, Dhcp6MessageType.REQUEST, 1, IaPdOption.of(1, 0, 0));
            assertEquals(Ip6Address.parse("2001:db8:8000:200::"),
                    mine.options().iaPd().getFirst().options().prefixes().getFirst().prefix());
            assertEquals(4, stat(s, "subnet[1].assigned-pds"));
            assertEquals(4, stat(s, "subnet[1].pd-pool[0].assigned-pds"));
            assertEquals(4, stat(s, "subnet[1].total-pds"));
        }
    }

    @Test
    void theServerCallsOutThroughTheAttachedManagementsCurrentCallouts(@TempDir Path dir) throws Exception {
        try (Dhcp6Server s = start(dir, SUBNET1)) {
            java.util.concurrent.atomic.AtomicReference<io.tui.dhcp.core.hook.Callouts> current =
                    new java.util.concurrent.atomic.AtomicReference<>();
            s.control().attach(io.tui.dhcp.core.testing.TestHooks.calloutsFrom(current::get));
            assertNotNull(send(s, Dhcp6MessageType.SOLICIT, 1, IaNaOption.of(1, 0, 0)), "no hooks loaded");
            io.tui.dhcp.core.hook.Callouts dropping = new io.tui.dhcp.core.hook.Callouts();
            dropping.register(io.tui.dhcp.core.hook.CalloutPoint.PKT6_RECEIVE,
                    h -> h.status(io.tui.dhcp.core.hook.CalloutHandle.Status.DROP));
            current.set(dropping); // a (re)load swaps the management's callouts
            assertNull(send(s, Dhcp6MessageType.SOLICIT, 1, IaNaOption.of(1, 0, 0)), "the new hooks' DROP");
            current.set(new io.tui.dhcp.core.hook.Callouts()); // reloaded without the hook
            assertNotNull(send(s, Dhcp6MessageType.SOLICIT, 1, IaNaOption.of(1, 0, 0)));

            // lease6_expire on the reclaim timer and on leases-reclaim: SKIP keeps the lease until the next cycle
            Ip6Address a = addr(send(s, Dhcp6MessageType.REQUEST, 2, IaNaOption.of(1, 0, 0)));
            clock.now = clock.now.plus(Duration.ofDays(30));
            io.tui.dhcp.core.hook.Callouts expiring = new io.tui.dhcp.core.hook.Callouts();
            List<io.tui.dhcp.core.hook.CalloutHandle> seen = new java.util.ArrayList<>();
            expiring.register(io.tui.dhcp.core.hook.CalloutPoint.LEASE6_EXPIRE, h -> {
                seen.add(h);
                h.status(io.tui.dhcp.core.hook.CalloutHandle.Status.SKIP);
            });
            current.set(expiring);
            assertEquals(0, s.expiry().reclaimCycle());
            assertEquals(LeaseState.DEFAULT, s.leases().get(a).state(), "SKIP: not reclaimed");
            assertEquals(a, ((Lease6) seen.get(0).get("lease6")).address());
            assertEquals(Boolean.FALSE, seen.get(0).get("remove_lease"));
            s.control().reclaimNow(true);
            assertEquals(LeaseState.DEFAULT, s.leases().get(a).state(), "SKIP on leases-reclaim too");
            assertEquals(Boolean.TRUE, seen.get(seen.size() - 1).get("remove_lease"));
            current.set(null);
            assertEquals(1, s.expiry().reclaimCycle());
            assertEquals(LeaseState.EXPIRED_RECLAIMED, s.leases().get(a).state(), "without hooks: reclaimed");
        }
    }
}
