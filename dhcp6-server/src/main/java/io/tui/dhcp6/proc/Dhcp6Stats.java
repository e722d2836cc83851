package io.tui.dhcp6.proc;

import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.PdPool;
import io.tui.dhcp.core.alloc.Pool6;
import io.tui.dhcp.core.stats.ScopedCounter;
import io.tui.dhcp.core.stats.StatKind;
import io.tui.dhcp.core.stats.StatNames;
import io.tui.dhcp.core.stats.Statistic;
import io.tui.dhcp.core.stats.StatsRegistry;
import io.tui.dhcp.core.wire.v6.Dhcp6MessageType;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kea's DHCPv6 statistics: {@code pkt6-*} per message type, {@code v6-allocation-fail*}, and the lease counters per
 * subnet and pool ({@code total-nas}, {@code assigned-nas}, {@code total-pds}, {@code assigned-pds},
 * {@code declined-addresses}, {@code reclaimed-declined-addresses}, {@code reclaimed-leases},
 * {@code cumulative-assigned-nas}/{@code -pds}). Also the allocation engine's {@link LeaseStatsListener}.
 * Handles are taken once; the per-packet cost is one adder update per counter.
 */
public final class Dhcp6Stats implements LeaseStatsListener {
    private final StatsRegistry registry;
    private final Statistic[] received = new Statistic[256];
    private final Statistic[] sent = new Statistic[256];
    private final Statistic pktReceived;
    private final Statistic pktSent;
    private final Statistic unknownReceived;
    private final Statistic parseFailed;
    private final Statistic receiveDrop;
    private final Map<Long, PoolStats> pools = new ConcurrentHashMap<>();
    private final Map<Long, SubnetStats> subnets = new ConcurrentHashMap<>();

    /** One pool's lease counters (pool, subnet and, where Kea keeps them, global). */
    private record PoolStats(ScopedCounter assigned, ScopedCounter declined, ScopedCounter cumulative,
            ScopedCounter reclaimed, ScopedCounter reclaimedDeclined) {}

    /** One subnet's allocation failure counters. */
    private record SubnetStats(Statistic fail, Statistic failSharedNetwork, Statistic failSubnet,
            Statistic failNoPools, Statistic failClasses) {}

    public Dhcp6Stats(StatsRegistry registry) {
        this.registry = registry;
        pktReceived = zero("pkt6-received");
        pktSent = zero("pkt6-sent");
        unknownReceived = zero("pkt6-unknown-received");
        parseFailed = zero("pkt6-parse-failed");
        receiveDrop = zero("pkt6-receive-drop");
        String[][] rx = {{"solicit", "1"}, {"advertise", "2"}, {"request", "3"}, {"reply", "7"}, {"renew", "5"},
            {"rebind", "6"}, {"release", "8"}, {"decline", "9"}, {"infrequest", "11"}, {"dhcpv4-query", "20"},
            {"dhcpv4-response", "21"}};
        for (String[] r : rx) {
            received[Integer.parseInt(r[1])] = zero("pkt6-" + r[0] + "-received");
        }
        sent[Dhcp6MessageType.ADVERTISE.code()] = zero("pkt6-advertise-sent");
        sent[Dhcp6MessageType.REPLY.code()] = zero("pkt6-reply-sent");
        sent[Dhcp6MessageType.DHCPV4_RESPONSE.code()] = zero("pkt6-dhcpv4-response-sent");
        for (String n : new String[] {"v6-allocation-fail", "v6-allocation-fail-shared-network",
            "v6-allocation-fail-subnet", "v6-allocation-fail-no-pools", "v6-allocation-fail-classes",
            "cumulative-assigned-nas", "cumulative-assigned-pds", "declined-addresses",
            "reclaimed-declined-addresses", "reclaimed-leases"}) {
            zero(n);
        }
    }

    private Statistic zero(String name) {
        Statistic s = registry.counter(name);
        if (registry.get(name).isEmpty()) {
            s.set(0);
        }
        return s;
    }

    public StatsRegistry registry() {
        return registry;
    }

    // ---- packets

    /** A datagram arrived and decoded; {@code type} is the innermost message type. */
    public void received(int type) {
        pktReceived.increment();
        Statistic s = type >= 0 && type < 256 ? received[type] : null;
        (s != null ? s : unknownReceived).increment();
    }

    public void parseFailed() {
        pktReceived.increment();
        parseFailed.increment();
    }

    public void dropped() {
        receiveDrop.increment();
    }

    public void sent(int type) {
        pktSent.increment();
        Statistic s = type >= 0 && type < 256 ? sent[type] : null;
        if (s != null) {
            s.increment();
        }
    }

    // ---- configuration

    /** Creates the per-subnet and per-pool counters of a configuration and sets the totals. */
    public void configure(Dhcp6Runtime runtime) {
        for (Dhcp6Runtime.SubnetPools sp : runtime.subnets()) {
            long id = sp.subnet().id();
            BigInteger totalNa = BigInteger.ZERO;
            for (Dhcp6Runtime.NaPool np : sp.na()) {
                Pool6 p = np.range();
                BigInteger size = size(p.first(), p.last());
                totalNa = totalNa.add(size);
                setTotal(StatNames.pool(id, p.id(), StatNames.TOTAL_NAS), size);
                pool(id, p.id());
            }
            BigInteger totalPd = BigInteger.ZERO;
            for (Dhcp6Runtime.PdRange pr : sp.pd()) {
                PdPool p = pr.range();
                BigInteger size = BigInteger.ONE.shiftLeft(p.delegatedLength() - p.prefixLength());
                totalPd = totalPd.add(size);
                setTotal(StatNames.pdPool(id, p.id() & ~Dhcp6Runtime.PD_POOL_FLAG, StatNames.TOTAL_PDS), size);
                pool(id, p.id());
            }
            setTotal(StatNames.subnet(id, StatNames.TOTAL_NAS), totalNa);
            setTotal(StatNames.subnet(id, StatNames.TOTAL_PDS), totalPd);
            pool(id, Dhcp6Runtime.OUT_OF_POOL_ID);
            pool(id, Dhcp6Runtime.PD_POOL_FLAG | Dhcp6Runtime.OUT_OF_POOL_ID);
            subnet(id);
        }
    }

    /**
     * Zeroes the assigned and declined gauges before a rebuilt allocation engine counts its leases again (a
     * reconfiguration that changed the pools).
     */
    public void resetLeaseGauges(Dhcp6Runtime runtime) {
        for (PoolStats p : pools.values()) {
            for (ScopedCounter c : new ScopedCounter[] {p.assigned(), p.declined()}) {
                if (c.pool() != null) {
                    c.pool().set(0);
                }
                c.subnet().set(0);
                if (c.global() != null) {
                    c.global().set(0);
                }
            }
        }
    }

    private void setTotal(String name, BigInteger value) {
        if (value.bitLength() < 63) {
            registry.set(name, value.longValue());
        } else {
            registry.handle(name, StatKind.BIG_INTEGER).set(value);
        }
    }

    private static BigInteger size(Ip6Address first, Ip6Address last) {
        return toBig(last).subtract(toBig(first)).add(BigInteger.ONE);
    }

    private static BigInteger toBig(Ip6Address a) {
        return new BigInteger(1, a.toByteArray());
    }

    private PoolStats pool(long subnetId, long rawPoolId) {
        long key = subnetId * 0x1_0000_0000L + (rawPoolId & 0xffff_ffffL);
        return pools.computeIfAbsent(key, k -> {
            boolean pd = rawPoolId >= 0 && (rawPoolId & Dhcp6Runtime.PD_POOL_FLAG) != 0;
            long index = rawPoolId & ~Dhcp6Runtime.PD_POOL_FLAG;
            long poolId = rawPoolId < 0 || index == Dhcp6Runtime.OUT_OF_POOL_ID ? -1 : rawPoolId;
            String assigned = pd ? StatNames.ASSIGNED_PDS : StatNames.ASSIGNED_NAS;
            String cumulative = pd ? "cumulative-assigned-pds" : "cumulative-assigned-nas";
            return new PoolStats(
                    counter(subnetId, poolId, pd, index, assigned, false),
                    counter(subnetId, poolId, pd, index, StatNames.DECLINED_ADDRESSES, true),
                    counter(subnetId, poolId, pd, index, cumulative, true),
                    counter(subnetId, poolId, pd, index, StatNames.RECLAIMED_LEASES, true),
                    counter(subnetId, poolId, pd, index, StatNames.RECLAIMED_DECLINED_ADDRESSES, true));
        });
    }

    private ScopedCounter counter(long subnetId, long poolId, boolean pd, long index, String name, boolean global) {
        Statistic p = poolId < 0 ? null : registry.counter(pd ? StatNames.pdPool(subnetId, index, name)
                : StatNames.pool(subnetId, index, name));
        Statistic s = registry.counter(StatNames.subnet(subnetId, name));
        for (Statistic x : new Statistic[] {p, s}) {
            if (x != null && registry.get(x.name()).isEmpty()) {
                x.set(0);
            }
        }
        return new ScopedCounter(p, s, global ? registry.counter(name) : null);
    }

    private SubnetStats subnet(long subnetId) {
        return subnets.computeIfAbsent(subnetId, id -> new SubnetStats(
                zero(StatNames.subnet(id, "v6-allocation-fail")),
                zero(StatNames.subnet(id, "v6-allocation-fail-shared-network")),
                zero(StatNames.subnet(id, "v6-allocation-fail-subnet")),
                zero(StatNames.subnet(id, "v6-allocation-fail-no-pools")),
                zero(StatNames.subnet(id, "v6-allocation-fail-classes"))));
    }

    /** Why an allocation failed. */
    public enum Failure { SHARED_NETWORK, SUBNET, NO_POOLS, CLASSES }

    /** An IA got no lease in subnet {@code subnetId} (0 when no subnet was selected). */
    public void allocationFailed(long subnetId, Failure why) {
        registry.counter("v6-allocation-fail").increment();
        String suffix = switch (why) {
            case SHARED_NETWORK -> "-shared-network";
            case SUBNET -> "-subnet";
            case NO_POOLS -> "-no-pools";
            case CLASSES -> "-classes";
        };
        registry.counter("v6-allocation-fail" + suffix).increment();
        if (subnetId > 0) {
            SubnetStats s = subnet(subnetId);
            s.fail.increment();
            (switch (why) {
                case SHARED_NETWORK -> s.failSharedNetwork;
                case SUBNET -> s.failSubnet;
                case NO_POOLS -> s.failNoPools;
                case CLASSES -> s.failClasses;
            }).increment();
        }
    }

    // ---- LeaseStatsListener

    @Override
    public void assigned(long subnetId, long poolId, long delta) {
        pool(subnetId, poolId).assigned.add(delta);
    }

    @Override
    public void declined(long subnetId, long poolId, long delta) {
        pool(subnetId, poolId).declined.add(delta);
    }

    @Override
    public void cumulativeAssigned(long subnetId, long poolId) {
        pool(subnetId, poolId).cumulative.increment();
    }

    @Override
    public void reclaimed(long subnetId, long poolId, boolean declined) {
        PoolStats p = pool(subnetId, poolId);
        p.reclaimed.increment();
        if (declined) {
            p.reclaimedDeclined.increment();
        }
    }
}
