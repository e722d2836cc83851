package io.tui.dhcp.lease.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tui.dhcp.core.config.model.HostIdentifier;
import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.config.model.OptionData;
import io.tui.dhcp.core.config.model.Prefix;
import io.tui.dhcp.core.config.model.Reservation;
import io.tui.dhcp.core.host.Host;
import io.tui.dhcp.core.host.HostSource;
import io.tui.dhcp.core.host.IdentifierType;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.option.ResolvedOption;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's read-side host lookup ({@link HostSource}) over a {@link SqlHostStore}: DHCPv4 or DHCPv6 rows of
 * the hosts table as {@link Host}s. Options come with their stored wire value as the resolved payload; an option
 * stored with only a formatted value keeps it as {@code data} and has no resolved payload (the caller resolves it
 * against its option registry). Each call is one or more queries: the server may cache.
 */
public final class SqlHostSource implements HostSource {
    private final SqlHostStore store;
    private final boolean v6;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param v6 whether to answer with DHCPv6 reservations ({@code dhcp6_subnet_id}) instead of DHCPv4 ones
     */
    public SqlHostSource(SqlHostStore store, boolean v6) {
        this.store = store;
        this.v6 = v6;
    }

    @Override
    public Host get(long subnetId, IdentifierType type, io.tui.dhcp.core.lease.Bytes identifier) {
        SqlHost.IdentifierType t = SqlHost.IdentifierType.fromKeaName(type.keaName());
        return (v6 ? store.get6(subnetId, t, identifier) : store.get4(subnetId, t, identifier))
                .map(this::toHost).orElse(null);
    }

    @Override
    public List<Host> byAddress(long subnetId, IpAddress address) {
        if (address.v6() != v6) {
            return List.of();
        }
        List<SqlHost> rows = v6 ? store.byAddress6(subnetId, Ip6Address.of(bytes16(address.value())))
                : store.byAddress4(subnetId, address.value().intValue());
        return rows.stream().map(this::toHost).toList();
    }

    @Override
    public List<Host> bySubnet(long subnetId) {
        return store.page(v6, subnetId, 0, 0).stream().map(this::toHost).toList();
    }

    /** A stored host as the server's {@link Host} of this family. */
    public Host toHost(SqlHost h) {
        List<IpAddress> addresses = new ArrayList<>();
        List<Prefix> prefixes = new ArrayList<>();
        if (v6) {
            for (SqlHost.Ipv6Reservation r : h.ipv6Reservations()) {
                IpAddress a = new IpAddress(true, new BigInteger(1, r.address().toByteArray()));
                if (r.type() == LeaseType.PD) {
                    prefixes.add(new Prefix(a, r.prefixLength()));
                } else {
                    addresses.add(a);
                }
            }
        } else if (h.ipv4Address() != null && h.ipv4Address() != 0) {
            addresses.add(new IpAddress(false, BigInteger.valueOf(Integer.toUnsignedLong(h.ipv4Address()))));
        }
        String classes = v6 ? h.dhcp6ClientClasses() : h.dhcp4ClientClasses();
        List<String> classList = classes == null || classes.isBlank() ? List.of()
                : Arrays.stream(classes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<OptionData> options = new ArrayList<>();
        for (SqlHost.HostOption o : v6 ? h.options6() : h.options4()) {
            String space = o.space() == null ? (v6 ? "dhcp6" : "dhcp4") : o.space();
            ResolvedOption resolved = o.value() == null ? null
                    : new ResolvedOption(space, o.code(), "", o.value().toArray(), o.persistent(), false);
            options.add(new OptionData(null, o.code(), space, o.formattedValue(), o.formattedValue() != null,
                    o.persistent(), false, o.clientClass() == null ? List.of() : List.of(o.clientClass()),
                    context(o.userContext()), resolved));
        }
        IpAddress next = !v6 && h.nextServer() != null && h.nextServer() != 0
                ? new IpAddress(false, BigInteger.valueOf(Integer.toUnsignedLong(h.nextServer()))) : null;
        Reservation r = new Reservation(new HostIdentifier(h.identifierType().keaName(), h.identifier().toHex()),
                addresses, prefixes, h.hostname(), classList, options, next, v6 ? null : h.serverHostname(),
                v6 ? null : h.bootFileName(), context(h.userContext()));
        Long subnetOrNull = v6 ? h.dhcp6SubnetId() : h.dhcp4SubnetId();
        long subnet = subnetOrNull == null ? 0 : subnetOrNull;
        return new Host(subnet, IdentifierType.fromKea(h.identifierType().keaName()), h.identifier(), r);
    }

    /** {@code user-context} as plain values, under Kea's key (as the config layer keeps it), or nothing. */
    private Map<String, Object> context(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            out.put("user-context", json.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            out.put("user-context", text);
        }
        return out;
    }

    private static byte[] bytes16(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[16];
        int n = Math.min(16, raw.length);
        System.arraycopy(raw, raw.length - n, out, 16 - n, n);
        return out;
    }
}
