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

    /** One subnet with its engine pools, parallel to the configuration's lists. */
    public record SubnetPools(Subnet subnet, List<Pool6> na, List<PdPool> pd, Ip6Address first, Ip6Address last) {
        public SubnetPools {
            na = List.copyOf(na);
            pd = List.copyOf(pd);
        }

        public boolean contains(Ip6Address a) {
            return a.compareTo(first) >= 0 && a.compareTo(last) <= 0;
        }
    }

    private final ServerConfig config;
    private final Duid serverId;
    private final Classifier classifier;
    private final Map<Long, SubnetPools> subnets;
    private final Map<String, List<Long>> networks;
    private final Map<String, ClientClass> classes;

    public Dhcp6Runtime(ServerConfig config, Duid serverId) {
        this.config = config;
        this.serverId = serverId;
        List<Classifier.ClassDef> defs = new ArrayList<>();
        Map<String, ClientClass> byName = new LinkedHashMap<>();
        for (ClientClass c : config.clientClasses()) {
            defs.add(new Classifier.ClassDef(c.name(), c.test() == null ? null : c.test().ast(),
                    c.onlyInAdditionalList()));
            byName.putIfAbsent(c.name(), c);
        }
        this.classifier = new Classifier(defs);
        this.classes = Collections.unmodifiableMap(byName);
        Map<Long, SubnetPools> s = new LinkedHashMap<>();
        Map<String, List<Long>> n = new HashMap<>();
        for (Subnet sub : config.subnets()) {
            List<Pool6> na = new ArrayList<>();
            for (int i = 0; i < sub.pools().size(); i++) {
                var r = sub.pools().get(i).range();
                na.add(new Pool6(i, sub.id(), ip6(r.first()), ip6(r.last())));
            }
            List<PdPool> pd = new ArrayList<>();
            for (int i = 0; i < sub.pdPools().size(); i++) {
                var p = sub.pdPools().get(i);
                Prefix pre = p.prefix();
                pd.add(new PdPool(PD_POOL_FLAG | i, sub.id(), ip6(pre.first()), pre.length(), p.delegatedLength()));
            }
            s.put(sub.id(), new SubnetPools(sub, na, pd, ip6(sub.prefix().first()), ip6(sub.prefix().last())));
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

    public Classifier classifier() {
        return classifier;
    }

    /** Subnets in configuration order. */
    public Iterable<SubnetPools> subnets() {
        return subnets.values();
    }

    public SubnetPools subnet(long id) {
        return subnets.get(id);
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
            out.addAll(sp.na());
            out.addAll(sp.pd());
        }
        return out;
    }

    /** A config-layer IPv6 address as the wire type. */
    public static Ip6Address ip6(IpAddress a) {
        BigInteger v = a.value();
        return new Ip6Address(v.shiftRight(64).longValue(), v.longValue());
    }
}
