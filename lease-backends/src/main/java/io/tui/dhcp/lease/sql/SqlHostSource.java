package io.tui.dhcp.lease.sql;

import io.tui.dhcp.core.config.model.HostIdentifier;
import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.config.model.Prefix;
import io.tui.dhcp.core.config.model.Reservation;
import io.tui.dhcp.core.host.Host;
import io.tui.dhcp.core.host.HostSource;
import io.tui.dhcp.core.host.IdentifierType;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code hosts-database} as a {@link HostSource} of one family: the server's host lookup asks it (after the
 * configuration's reservations) on the packet's worker thread. Reserved addresses, prefixes, hostname, client classes
 * and the DHCPv4 boot fields are read; host options from the database are not applied yet.
 */
public final class SqlHostSource implements HostSource {
    /** Hosts read per query by {@link #bySubnet}. */
    private static final int PAGE = 1000;

    private final SqlHostStore store;
    private final boolean v6;

    public SqlHostSource(SqlHostStore store, boolean v6) {
        this.store = store;
        this.v6 = v6;
    }

    @Override
    public Host get(long subnetId, IdentifierType type, Bytes identifier) {
        SqlHost.IdentifierType t = SqlHost.IdentifierType.fromKeaName(type.keaName());
        return (v6 ? store.get6(subnetId, t, identifier) : store.get4(subnetId, t, identifier))
                .map(h -> toHost(h, v6)).orElse(null);
    }

    @Override
    public List<Host> byAddress(long subnetId, IpAddress address) {
        if (address.v6() != v6) {
            return List.of();
        }
        List<SqlHost> rows = v6 ? store.byAddress6(subnetId, Ip6Address.of(bytes16(address.value())))
                : store.byAddress4(subnetId, address.value().intValue());
        return rows.stream().map(h -> toHost(h, v6)).toList();
    }

    @Override
    public List<Host> bySubnet(long subnetId) {
        List<Host> out = new ArrayList<>();
        long from = 0;
        while (true) {
            List<SqlHost> page = store.page(v6, subnetId, from, PAGE);
            for (SqlHost h : page) {
                out.add(toHost(h, v6));
            }
            if (page.size() < PAGE) {
                return out;
            }
            from = page.getLast().hostId();
        }
    }

    /** A database host as the server's reservation model. */
    static Host toHost(SqlHost h, boolean v6) {
        List<IpAddress> addresses = new ArrayList<>();
        List<Prefix> prefixes = new ArrayList<>();
        if (!v6 && h.ipv4Address() != null && h.ipv4Address() != 0) {
            addresses.add(v4(h.ipv4Address()));
        }
        if (v6) {
            for (SqlHost.Ipv6Reservation r : h.ipv6Reservations()) {
                IpAddress a = new IpAddress(true, new BigInteger(1, r.address().toByteArray()));
                if (r.type() == LeaseType.PD) {
                    prefixes.add(new Prefix(a, r.prefixLength()));
                } else {
                    addresses.add(a);
                }
            }
        }
        String classes = v6 ? h.dhcp6ClientClasses() : h.dhcp4ClientClasses();
        List<String> classList = new ArrayList<>();
        if (classes != null) {
            for (String c : classes.split(",")) {
                if (!c.isBlank()) {
                    classList.add(c.strip());
                }
            }
        }
        Reservation r = new Reservation(new HostIdentifier(h.identifierType().keaName(), h.identifier().toHex()),
                addresses, prefixes, h.hostname(), classList, List.of(),
                v6 || h.nextServer() == null ? null : v4(h.nextServer()), v6 ? null : h.serverHostname(),
                v6 ? null : h.bootFileName(), Map.of());
        IdentifierType type = IdentifierType.fromKea(h.identifierType().keaName());
        long subnet = v6 ? h.dhcp6SubnetId() : h.dhcp4SubnetId();
        return new Host(subnet, type, h.identifier(), r);
    }

    private static IpAddress v4(int a) {
        return new IpAddress(false, BigInteger.valueOf(Integer.toUnsignedLong(a)));
    }

    private static byte[] bytes16(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[16];
        int n = Math.min(16, raw.length);
        System.arraycopy(raw, raw.length - n, out, 16 - n, n);
        return out;
    }
}
