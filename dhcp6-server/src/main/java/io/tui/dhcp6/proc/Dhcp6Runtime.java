package io.tui.dhcp6.proc;

import io.tui.dhcp.core.alloc.PdPool;
import io.tui.dhcp.core.alloc.Pool;
import io.tui.dhcp.core.alloc.Pool6;
import io.tui.dhcp.core.classify.Classifier;
import io.tui.dhcp.core.config.model.ClientClass;
import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.config.model.Prefix;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Subnet;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.server.LeaseSanity;
import io.tui.dhcp.core.wire.v6.Duid;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the DHCPv6 pipeline reads for one configuration: the snapshot, the server DUID, the classifier, and each
 * subnet's pools adapted to the allocation engine's {@link Pool6}/{@link PdPool}. Immutable.
 *
 * <p>Engine pool ids: an address pool's id is its index in the subnet's {@code pools} (Kea's {@code pool[N]}); a
 * prefix pool's id is {@link #PD_POOL_FLAG} plus its index in {@code pd-pools} (Kea's {@code pd-pool[N]}), so the
 * statistics listener, which only sees subnet and pool id, can tell them apart.
 */
public final class Dhcp6Runtime {
    /** Marks a prefix pool's engine id. */
    public static final long PD_POOL_FLAG = 0x8000_0000L;

    /** Engine pool id of an address reserved outside every pool (counted at subnet level only). */
    public static final long OUT_OF_POOL_ID = 0x7FFF_FFFFL;

    /**
     * One configured address pool at run time.
     *
     * @param config  the pool as configured (options, client classes)
     * @param range   the whole range with its Kea pool id (statistics)
     * @param dynamic the range minus the addresses reserved to hosts, in pieces carrying the pool's id: what any
     *                client may be given
     */
    public record NaPool(io.tui.dhcp.core.config.model.Pool config, Pool6 range, List<Pool6> dynamic) {
        public NaPool {
            dynamic = List.copyOf(dynamic);
        }
    }

    /**
     * One configured prefix pool at run time.
     *
     * @param config  the pd-pool as configured
     * @param range   the whole pool with its Kea pool id (statistics)
     * @param dynamic the pool minus the prefixes reserved to hosts, as aligned sub-pools carrying the pool's id
     */
    public record PdRange(io.tui.dhcp.core.config.model.PdPool config, PdPool range, List<PdPool> dynamic) {
        public PdRange {
            dynamic = List.copyOf(dynamic);
        }
    }

    /**
     * One subnet with its engine pools; {@code na} and {@code pd} are parallel to the configuration's lists.
     *
     * @param reservedNa single-address engine pools of the addresses reserved to hosts in this subnet; only the
     *                   reserved client's requests name them
     * @param reservedPd single-prefix engine pools of prefixes reserved to hosts (inside a pd-pool they carry its id)
     */
    public record SubnetPools(Subnet subnet, List<NaPool> na, List<PdRange> pd, Map<Ip6Address, Pool6> reservedNa,
            Map<Ip6Address, PdPool> reservedPd, Ip6Address first, Ip6Address last) {
        public SubnetPools {
            na = List.copyOf(na);
            pd = List.copyOf(pd);
            reservedNa = Map.copyOf(reservedNa);
            reservedPd = Map.copyOf(reservedPd);
        }

        public boolean contains(Ip6Address a) {
            return a.compareTo(first) >= 0 && a.compareTo(last) <= 0;
        }

        /** The configured address pool holding {@code a}, or null. */
        public NaPool naPoolOf(Ip6Address a) {
            for (NaPool p : na) {
                if (p.range().contains(a)) {
                    return p;
                }
            }
            return null;
        }
    }

    private final ServerConfig config;
    private final Duid serverId;
    private final byte[] serverIdBytes;
    private final Classifier classifier;
    private final Map<Long, SubnetPools> subnets;
    private final Map<String, List<Long>> networks;
    private final Map<String, ClientClass> classes;
    private final io.tui.dhcp.core.host.HostLookup hosts;

    public Dhcp6Runtime(ServerConfig config, Duid serverId) {
        this(config, serverId, new io.tui.dhcp.core.host.ConfigHostSource(config));
    }

    /** A runtime whose host lookup asks {@code hostSource} (the configuration's reservations, then host databases). */
    public Dhcp6Runtime(ServerConfig config, Duid serverId, io.tui.dhcp.core.host.HostSource hostSource) {
        this.config = config;
        this.serverId = serverId;
        this.serverIdBytes = serverId.toOctets().toByteArray();
        List<Classifier.ClassDef> defs = new ArrayList<>();
        Map<String, ClientClass> byName = new LinkedHashMap<>();
        for (ClientClass c : config.clientClasses()) {
            defs.add(new Classifier.ClassDef(c.name(), c.test() == null ? null : c.test().ast(),
                    c.onlyInAdditionalList()));
            byName.putIfAbsent(c.name(), c);
        }
        this.classifier = new Classifier(defs);
        List<String> order = new ArrayList<>();
        for (String t : config.settings().hostReservationIdentifiers()) {
            if (t.equals("duid") || t.equals("hw-address") || t.equals("flex-id")) {
                order.add(t);
            }
        }
        if (order.isEmpty()) {
            order = List.of("hw-address", "duid");
        }
        this.hosts = new io.tui.dhcp.core.host.HostLookup(hostSource, order);
        this.classes = Collections.unmodifiableMap(byName);
        Map<Long, SubnetPools> s = new LinkedHashMap<>();
        Map<String, List<Long>> n = new HashMap<>();
        for (Subnet sub : config.subnets()) {
            java.util.TreeSet<Ip6Address> reservedAddrs = new java.util.TreeSet<>();
            List<Prefix> reservedPrefixes = new ArrayList<>();
            for (var r : sub.reservations()) {
                for (IpAddress a : r.addresses()) {
                    reservedAddrs.add(ip6(a));
                }
                reservedPrefixes.addAll(r.prefixes());
            }
            List<NaPool> na = new ArrayList<>();
            Map<Ip6Address, Pool6> reservedNa = new HashMap<>();
            for (int i = 0; i < sub.pools().size(); i++) {
                var r = sub.pools().get(i).range();
                Pool6 range = new Pool6(i, sub.id(), ip6(r.first()), ip6(r.last()));
                List<Pool6> dynamic = new ArrayList<>();
                Ip6Address from = range.first();
                for (Ip6Address res : reservedAddrs.subSet(range.first(), true, range.last(), true)) {
                    reservedNa.put(res, new Pool6(i, sub.id(), res, res));
                    if (res.compareTo(from) > 0) {
                        dynamic.add(new Pool6(i, sub.id(), from, minus1(res)));
                    }
                    from = plus1(res);
                    if (from == null) {
                        break;
                    }
                }
                if (from != null && from.compareTo(range.last()) <= 0) {
                    dynamic.add(new Pool6(i, sub.id(), from, range.last()));
                }
                na.add(new NaPool(sub.pools().get(i), range, dynamic));
            }
            for (Ip6Address res : reservedAddrs) {
                reservedNa.putIfAbsent(res, new Pool6(OUT_OF_POOL_ID, sub.id(), res, res));
            }
            List<PdRange> pd = new ArrayList<>();
            Map<Ip6Address, PdPool> reservedPd = new HashMap<>();
            for (int i = 0; i < sub.pdPools().size(); i++) {
                var p = sub.pdPools().get(i);
                Prefix pre = p.prefix();
                PdPool range = new PdPool(PD_POOL_FLAG | i, sub.id(), ip6(pre.first()), pre.length(),
                        p.delegatedLength());
                java.util.Set<Ip6Address> inside = new java.util.HashSet<>();
                for (Prefix rp : reservedPrefixes) {
                    Ip6Address a = ip6(rp.first());
                    if (rp.length() == p.delegatedLength() && range.contains(a) && !reservedPd.containsKey(a)) {
                        inside.add(a);
                        reservedPd.put(a, new PdPool(range.id(), sub.id(), a, rp.length(), rp.length()));
                    }
                }
                List<PdPool> dynamic = new ArrayList<>();
                split(range, inside, dynamic);
                pd.add(new PdRange(p, range, dynamic));
            }
            for (Prefix rp : reservedPrefixes) {
                Ip6Address a = ip6(rp.first());
                reservedPd.putIfAbsent(a, new PdPool(PD_POOL_FLAG | OUT_OF_POOL_ID, sub.id(), a, rp.length(),
                        rp.length()));
            }
            s.put(sub.id(), new SubnetPools(sub, na, pd, reservedNa, reservedPd, ip6(sub.prefix().first()),
                    ip6(sub.prefix().last())));
            if (sub.sharedNetwork() != null) {
                n.computeIfAbsent(sub.sharedNetwork(), k -> new ArrayList<>()).add(sub.id());
            }
        }
        this.subnets = Collections.unmodifiableMap(s);
        n.replaceAll((k, v) -> List.copyOf(v));
        this.networks = Map.copyOf(n);
    }

    public ServerConfig config() {
        return config;
    }

    public Duid serverId() {
        return serverId;
    }

    /** The server DUID's wire bytes (what a client's server identifier option must hold). */
    public byte[] serverIdBytes() {
        return serverIdBytes.clone();
    }

    /** Whether {@code options} carries this server's identifier. */
    public boolean isServerId(io.tui.dhcp.core.wire.v6.Dhcp6Options options) {
        return options.payloadEquals(io.tui.dhcp.core.wire.v6.Dhcp6OptionCode.SERVERID, serverIdBytes);
    }

    public Classifier classifier() {
        return classifier;
    }

    /** Kea's host reservation lookup over the configuration's reservations (v6 identifiers: duid, hw-address). */
    public io.tui.dhcp.core.host.HostLookup hosts() {
        return hosts;
    }

    /** Subnets in configuration order. */
    public Iterable<SubnetPools> subnets() {
        return subnets.values();
    }

    public SubnetPools subnet(long id) {
        return subnets.get(id);
    }

    /** Kea's {@code lease-checks} over this runtime's subnets: address leases are checked, delegated prefixes not. */
    public LeaseSanity.Leases<Lease6> leaseSanity() {
        return new LeaseSanity.Leases<>() {
            @Override
            public boolean checked(Lease6 lease) {
                return lease.type() == LeaseType.NA;
            }

            @Override
            public long subnetId(Lease6 lease) {
                return lease.subnetId();
            }

            @Override
            public boolean fits(long subnetId, Lease6 lease) {
                SubnetPools sp = subnet(subnetId);
                return sp != null && sp.contains(lease.address());
            }

            @Override
            public IpAddress address(Lease6 lease) {
                return new IpAddress(true, new BigInteger(1, lease.address().toByteArray()));
            }

            @Override
            public Lease6 withSubnetId(Lease6 lease, long subnetId) {
                return lease.withSubnetId(subnetId);
            }
        };
    }

    /** A class definition by name, or null. */
    public ClientClass clientClass(String name) {
        return classes.get(name);
    }

    /** The selected subnet first, then the other subnets of its shared network in configuration order. */
    public List<SubnetPools> network(SubnetPools selected) {
        String name = selected.subnet().sharedNetwork();
        if (name == null) {
            return List.of(selected);
        }
        List<SubnetPools> out = new ArrayList<>();
        out.add(selected);
        for (long id : networks.getOrDefault(name, List.of())) {
            if (id != selected.subnet().id()) {
                out.add(subnets.get(id));
            }
        }
        return out;
    }

    /** Every engine pool of every subnet (what the allocation engine is built with). */
    public List<Pool<Ip6Address>> enginePools() {
        List<Pool<Ip6Address>> out = new ArrayList<>();
        for (SubnetPools sp : subnets.values()) {
            for (NaPool p : sp.na()) {
                out.addAll(p.dynamic());
            }
            out.addAll(sp.reservedNa().values());
            for (PdRange p : sp.pd()) {
                out.addAll(p.dynamic());
            }
            out.addAll(sp.reservedPd().values());
        }
        return out;
    }

    /**
     * {@code pool} minus the delegated prefixes in {@code reserved}, as aligned pools: a pool holding none is kept
     * whole; one holding some is halved (one bit longer) until the halves are single prefixes.
     */
    static void split(PdPool pool, java.util.Set<Ip6Address> reserved, List<PdPool> out) {
        boolean any = false;
        for (Ip6Address r : reserved) {
            if (pool.contains(r)) {
                any = true;
                break;
            }
        }
        if (!any) {
            out.add(pool);
            return;
        }
        if (pool.prefixLength() == pool.delegatedLength()) {
            return; // the reserved prefix itself
        }
        int len = pool.prefixLength() + 1;
        Ip6Address low = pool.prefix();
        int bit = 128 - len; // the bit that tells the halves apart, counted from the right
        Ip6Address high = bit >= 64 ? new Ip6Address(low.high() | (1L << (bit - 64)), low.low())
                : new Ip6Address(low.high(), low.low() | (1L << bit));
        split(new PdPool(pool.id(), pool.subnetId(), low, len, pool.delegatedLength()), reserved, out);
        split(new PdPool(pool.id(), pool.subnetId(), high, len, pool.delegatedLength()), reserved, out);
    }

    private static Ip6Address plus1(Ip6Address a) {
        long lo = a.low() + 1;
        long hi = lo == 0 ? a.high() + 1 : a.high();
        return lo == 0 && hi == 0 ? null : new Ip6Address(hi, lo);
    }

    private static Ip6Address minus1(Ip6Address a) {
        long lo = a.low() - 1;
        long hi = a.low() == 0 ? a.high() - 1 : a.high();
        return new Ip6Address(hi, lo);
    }

    /** A config-layer IPv6 address as the wire type. */
    public static Ip6Address ip6(IpAddress a) {
        BigInteger v = a.value();
        return new Ip6Address(v.shiftRight(64).longValue(), v.longValue());
    }
}
