package io.tui.dhcp.core.server;

import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.classify.Classifier;
import io.tui.dhcp.core.config.model.ClientClass;
import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.config.model.Pool;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.SharedNetwork;
import io.tui.dhcp.core.config.model.Subnet;
import io.tui.dhcp.core.host.Host;
import io.tui.dhcp.core.host.HostLookup;
import io.tui.dhcp.core.host.HostSource;
import io.tui.dhcp.core.option.OptionRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A validated DHCPv4 {@link ServerConfig} translated into what the packet path reads: subnets with their engine pools
 * (reserved addresses cut out of the dynamic ranges), shared networks, the classifier, the host lookup and the option
 * registry. Immutable; built once per configuration and swapped whole.
 */
public final class Runtime4 {
    /** The pool id of the engine pools of out-of-pool reserved addresses (they count in no pool's statistics). */
    public static final long OUT_OF_POOL_ID = 0xFFFF_FFFFL;

    private final ServerConfig config;
    private final List<Subnet4Runtime> subnets;
    private final Map<Long, Subnet4Runtime> byId;
    private final Map<String, List<Subnet4Runtime>> sharedNetworks;
    private final Map<String, SharedNetwork> sharedNetworkConfigs;
    private final Map<String, ClientClass> classes;
    private final Classifier classifier;
    private final HostLookup hosts;
    private final OptionRegistry registry;
    private final List<Pool4> enginePools;

    private Runtime4(ServerConfig config, HostSource hostSource) {
        this.config = config;
        this.hosts = new HostLookup(hostSource, config.settings().hostReservationIdentifiers());
        this.registry = config.optionRegistry();
        List<Subnet4Runtime> list = new ArrayList<>();
        Map<Long, Subnet4Runtime> ids = new LinkedHashMap<>();
        Map<String, List<Subnet4Runtime>> shared = new LinkedHashMap<>();
        List<Pool4> engine = new ArrayList<>();
        List<Host> globalHosts = hostSource.bySubnet(0);
        for (Subnet s : config.subnets()) {
            Subnet4Runtime r = subnet(s, hostSource.bySubnet(s.id()), globalHosts);
            list.add(r);
            ids.put(s.id(), r);
            if (s.sharedNetwork() != null) {
                shared.computeIfAbsent(s.sharedNetwork(), k -> new ArrayList<>()).add(r);
            }
            for (Pool4Runtime p : r.pools()) {
                engine.addAll(p.dynamic());
            }
            engine.addAll(r.reserved().values());
        }
        this.subnets = List.copyOf(list);
        this.byId = Map.copyOf(ids);
        Map<String, List<Subnet4Runtime>> sharedCopy = new HashMap<>();
        shared.forEach((k, v) -> sharedCopy.put(k, List.copyOf(v)));
        this.sharedNetworks = Map.copyOf(sharedCopy);
        Map<String, SharedNetwork> snc = new HashMap<>();
        for (SharedNetwork n : config.sharedNetworks()) {
            snc.put(n.name(), n);
        }
        this.sharedNetworkConfigs = Map.copyOf(snc);
        Map<String, ClientClass> cls = new LinkedHashMap<>();
        List<Classifier.ClassDef> defs = new ArrayList<>();
        for (ClientClass c : config.clientClasses()) {
            cls.putIfAbsent(c.name(), c);
            defs.add(new Classifier.ClassDef(c.name(), c.test() == null ? null : c.test().ast(),
                    c.onlyInAdditionalList()));
        }
        this.classes = java.util.Collections.unmodifiableMap(cls);
        this.classifier = new Classifier(defs);
        this.enginePools = List.copyOf(engine);
    }

    /** Builds the runtime view of {@code config} with reservations from {@code hosts}. */
    public static Runtime4 build(ServerConfig config, HostSource hosts) {
        if (config.family().v6()) {
            throw new IllegalArgumentException("a DHCPv6 configuration");
        }
        return new Runtime4(config, hosts);
    }

    private static Subnet4Runtime subnet(Subnet s, List<Host> subnetHosts, List<Host> globalHosts) {
        int network = s.prefix().first().value().intValue();
        int length = s.prefix().length();
        int mask = length == 0 ? 0 : -1 << (32 - length);
        // Addresses reserved to hosts: subnet reservations, and global ones whose address lies in the subnet.
        TreeSet<Integer> reservedAddresses = new TreeSet<>(Integer::compareUnsigned);
        for (Host h : subnetHosts) {
            Integer a = h.ipv4();
            if (a != null && (a & mask) == network) {
                reservedAddresses.add(a);
            }
        }
        for (Host h : globalHosts) {
            Integer a = h.ipv4();
            if (a != null && (a & mask) == network) {
                reservedAddresses.add(a);
            }
        }
        List<Pool4Runtime> pools = new ArrayList<>();
        Map<Integer, Pool4> reserved = new HashMap<>();
        int index = 0;
        for (Pool p : s.pools()) {
            long poolId = p.extras().get("pool-id") instanceof Number n ? n.longValue() : index;
            index++;
            int first = p.range().first().value().intValue();
            int last = p.range().last().value().intValue();
            Pool4 range = new Pool4(poolId, s.id(), first, last);
            List<Pool4> dynamic = new ArrayList<>();
            int start = first;
            boolean open = true;
            for (Integer a : reservedAddresses.subSet(first, true, last, true)) {
                reserved.put(a, new Pool4(poolId, s.id(), a, a));
                if (Integer.compareUnsigned(a, start) > 0 && open) {
                    dynamic.add(new Pool4(poolId, s.id(), start, a - 1));
                }
                if (a == last) {
                    open = false;
                } else {
                    start = a + 1;
                }
            }
            if (open) {
                dynamic.add(new Pool4(poolId, s.id(), start, last));
            }
            pools.add(new Pool4Runtime(p, range, dynamic));
        }
        for (Integer a : reservedAddresses) {
            if (!reserved.containsKey(a)) {
                reserved.put(a, new Pool4(OUT_OF_POOL_ID, s.id(), a, a));
            }
        }
        return new Subnet4Runtime(s, network, length, pools, reserved);
    }

    public ServerConfig config() {
        return config;
    }

    /** Every subnet, in configuration order. */
    public List<Subnet4Runtime> subnets() {
        return subnets;
    }

    /** The subnet with {@code id}, or null. */
    public Subnet4Runtime subnet(long id) {
        return byId.get(id);
    }

    /** The subnet whose prefix holds {@code address}, or null (no class check). */
    public Subnet4Runtime subnetContaining(int address) {
        for (Subnet4Runtime s : subnets) {
            if (s.contains(address)) {
                return s;
            }
        }
        return null;
    }

    /** The subnets of a shared network in configuration order (empty for an unknown name). */
    public List<Subnet4Runtime> sharedNetwork(String name) {
        return sharedNetworks.getOrDefault(name, List.of());
    }

    /** A shared network's configuration, or null. */
    public SharedNetwork sharedNetworkConfig(String name) {
        return name == null ? null : sharedNetworkConfigs.get(name);
    }

    /** Configured client classes by name, in configuration order. */
    public Map<String, ClientClass> classes() {
        return classes;
    }

    public Classifier classifier() {
        return classifier;
    }

    public HostLookup hosts() {
        return hosts;
    }

    public OptionRegistry registry() {
        return registry;
    }

    /** Every pool the allocation engine must know: dynamic pieces and reserved single addresses. */
    public List<Pool4> enginePools() {
        return enginePools;
    }

    /** Whether {@code address} is one of the configured IPv4 relay addresses of a subnet or its shared network. */
    static boolean hasRelay(List<IpAddress> relays, int address) {
        if (relays == null) {
            return false;
        }
        for (IpAddress a : relays) {
            if (!a.v6() && a.value().intValue() == address) {
                return true;
            }
        }
        return false;
    }
}
