package io.tui.dhcp.core.server;

import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Subnet;
import io.tui.dhcp.core.lease.Lease4;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Kea's {@code sanity-checks} {@code lease-checks} policy for the leases of a memfile lease file, applied when they
 * are loaded: at start and, since Kea reloads its lease file on every reconfiguration, on every reload. A lease is
 * consistent when the subnet its subnet-id names exists and holds its address; Kea checks DHCPv4 leases and DHCPv6
 * address leases, not delegated prefixes. An inconsistent lease is handled as the policy says:
 *
 * <ul>
 *   <li>{@code none}: no check.</li>
 *   <li>{@code warn} (Kea's default): logged, kept as it is.</li>
 *   <li>{@code fix}: moved to the subnet Kea selects for its address ({@link ServerConfig#selectSubnet}); kept as
 *       it is (logged) when there is none.</li>
 *   <li>{@code fix-del}: moved, or dropped when there is no such subnet.</li>
 *   <li>{@code del}: dropped.</li>
 * </ul>
 *
 * As in Kea, the check changes the leases in memory only: the lease file keeps the rows as they are (a later
 * change of the lease appends its new row), so a lease dropped under one configuration comes back at the next start
 * under a configuration where it fits. Log messages are Kea's ({@code DHCPSRV_LEASE_SANITY_*}).
 */
public final class LeaseSanity {
    private LeaseSanity() {}

    /** What the check needs to know about one family's leases and the running configuration's subnets. */
    public interface Leases<L> {
        /** Whether the check looks at {@code lease} at all (Kea does not check delegated prefixes). */
        default boolean checked(L lease) {
            return true;
        }

        long subnetId(L lease);

        /** Whether the subnet with id {@code subnetId} exists and holds the lease's address. */
        boolean fits(long subnetId, L lease);

        IpAddress address(L lease);

        /** The lease with another subnet-id. */
        L withSubnetId(L lease, long subnetId);
    }

    /**
     * What the check did.
     *
     * @param kept    the leases to use, in their order, fixed ones included (in their new form)
     * @param fixed   the leases whose subnet-id changed (in their new form)
     * @param dropped the leases dropped
     */
    public record Outcome<L>(List<L> kept, List<L> fixed, List<L> dropped) {
        /** Whether the check moved or dropped a lease. */
        public boolean changed() {
            return !fixed.isEmpty() || !dropped.isEmpty();
        }
    }

    /** The {@code lease-checks} policy of {@code config} (Kea's default {@code warn} when not given). */
    public static String policy(ServerConfig config) {
        var sc = config.services().sanityChecks();
        return sc == null || sc.leaseChecks() == null ? "warn" : sc.leaseChecks();
    }

    /** Whether {@code config}'s policy checks anything ({@code none} does not). */
    public static boolean enabled(ServerConfig config) {
        return !policy(config).equals("none");
    }

    /**
     * Applies {@code config}'s policy to {@code leases}.
     *
     * @param log receives Kea's messages: {@code DHCPSRV_LEASE_SANITY_FAIL} (warning), {@code _FIXED} and
     *            {@code _FAIL_DISCARD} (info)
     */
    public static <L> Outcome<L> apply(ServerConfig config, Collection<L> leases, Leases<L> family,
            BiConsumer<Level, String> log) {
        String policy = policy(config);
        List<L> kept = new ArrayList<>(leases.size());
        List<L> fixed = new ArrayList<>();
        List<L> dropped = new ArrayList<>();
        if (policy.equals("none")) {
            kept.addAll(leases);
            return new Outcome<>(kept, fixed, dropped);
        }
        for (L l : leases) {
            long id = family.subnetId(l);
            if (!family.checked(l) || family.fits(id, l)) {
                kept.add(l);
                continue;
            }
            IpAddress address = family.address(l);
            Subnet holder = config.selectSubnet(address);
            long to = holder == null ? 0 : holder.id();
            String why = to != 0 ? "the lease should have subnet-id " + to
                    : "the lease IP address did not belong to a configured subnet";
            String fail = "The lease " + address + " with subnet-id " + id + " failed subnet-id checks (" + why + ")";
            switch (policy) {
                case "fix", "fix-del" -> {
                    if (to != 0) {
                        L m = family.withSubnetId(l, to);
                        kept.add(m);
                        fixed.add(m);
                        log.accept(Level.INFO, "DHCPSRV_LEASE_SANITY_FIXED The lease " + address + " with subnet-id "
                                + id + " failed subnet-id checks, but was corrected to subnet-id " + to + ".");
                    } else if (policy.equals("fix-del")) {
                        dropped.add(l);
                        log.accept(Level.INFO, "DHCPSRV_LEASE_SANITY_FAIL_DISCARD " + fail + " and was dropped.");
                    } else {
                        kept.add(l);
                        log.accept(Level.WARNING, "DHCPSRV_LEASE_SANITY_FAIL " + fail + ".");
                    }
                }
                case "del" -> {
                    dropped.add(l);
                    log.accept(Level.INFO, "DHCPSRV_LEASE_SANITY_FAIL_DISCARD " + fail + " and was dropped.");
                }
                default -> {
                    kept.add(l);
                    log.accept(Level.WARNING, "DHCPSRV_LEASE_SANITY_FAIL " + fail + ".");
                }
            }
        }
        return new Outcome<>(kept, fixed, dropped);
    }

    /**
     * The check of {@code config} as a lease backend applies it to the leases it loads or hands over, logging to
     * {@code log}; null when the policy is {@code none}.
     */
    public static <L> Function<Collection<L>, Outcome<L>> of(ServerConfig config, Leases<L> family, Logger log) {
        return enabled(config) ? leases -> apply(config, leases, family, log::log) : null;
    }

    /** The check over DHCPv4 leases and the subnets of {@code rt}. */
    public static Leases<Lease4> v4(Runtime4 rt) {
        return new Leases<>() {
            @Override
            public long subnetId(Lease4 lease) {
                return lease.subnetId();
            }

            @Override
            public boolean fits(long subnetId, Lease4 lease) {
                Subnet4Runtime s = rt.subnet(subnetId);
                return s != null && s.contains(lease.address());
            }

            @Override
            public IpAddress address(Lease4 lease) {
                return new IpAddress(false, BigInteger.valueOf(lease.address() & 0xffff_ffffL));
            }

            @Override
            public Lease4 withSubnetId(Lease4 lease, long subnetId) {
                return lease.withSubnetId(subnetId);
            }
        };
    }
}
