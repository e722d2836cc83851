package io.tui.dhcp.lease.sql;

import static io.tui.dhcp.lease.sql.SqlLeaseService4.setBytes;
import static io.tui.dhcp.lease.sql.SqlLeaseService4.setText;

import io.tui.dhcp.core.alloc.Client6;
import io.tui.dhcp.core.alloc.Family6;
import io.tui.dhcp.core.alloc.LeaseKey;
import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.Pool;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.ParseException;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * DHCPv6 leases (addresses and prefixes) in Kea's {@code lease6} table. The primary key is Kea's text
 * {@code address}; {@code binaddr} (16 bytes) orders addresses for paging and pool scans. See
 * {@link SqlLeaseService}.
 */
public final class SqlLeaseService6 extends SqlLeaseService<Lease6, Ip6Address, Client6> {

    /**
     * A service over an open database.
     *
     * @param pools every address and prefix pool requests will name
     */
    public SqlLeaseService6(SqlDatabase db, List<? extends Pool<Ip6Address>> pools, Options options,
            LeaseStatsListener stats) {
        super(db, new Family6(), pools, options, stats, false);
    }

    SqlLeaseService6(SqlDatabase db, List<? extends Pool<Ip6Address>> pools, Options options,
            LeaseStatsListener stats, boolean owns) {
        super(db, new Family6(), pools, options, stats, owns);
    }

    @Override
    String table() {
        return "lease6";
    }

    @Override
    String statTable() {
        return "lease6_stat";
    }

    @Override
    String statTypeColumn() {
        return "lease_type";
    }

    @Override
    String selectColumns() {
        return "address, duid, valid_lifetime, " + d.epoch("expire") + ", subnet_id, pref_lifetime, lease_type, iaid,"
                + " prefix_len, fqdn_fwd, fqdn_rev, hostname, hwaddr, hwtype, hwaddr_source, state, user_context,"
                + " pool_id";
    }

    @Override
    List<String> columns() {
        return List.of("address", "duid", "valid_lifetime", "expire", "subnet_id", "pref_lifetime", "lease_type",
                "iaid", "prefix_len", "fqdn_fwd", "fqdn_rev", "hostname", "hwaddr", "hwtype", "hwaddr_source",
                "state", "user_context", "pool_id", "binaddr");
    }

    @Override
    List<String> placeholders() {
        return List.of("?", "?", "?", d.toTimestamp(), "?", "?", "?", "?", "?", "?", "?", "?", "?", "?", "?", "?",
                "?", "?", "?");
    }

    @Override
    Lease6 read(ResultSet rs) throws SQLException {
        LeaseState state;
        LeaseType type;
        try {
            state = LeaseState.fromCode(rs.getLong(16));
            type = LeaseType.fromCode(rs.getLong(7));
        } catch (ParseException e) {
            throw new SQLException("lease6 row " + rs.getString(1) + ": " + e.getMessage(), e);
        }
        Bytes hw = bytes(rs.getBytes(13));
        return new Lease6(Ip6Address.parse(rs.getString(1)), bytes(rs.getBytes(2)), rs.getLong(3), rs.getLong(4),
                rs.getLong(5), rs.getLong(6), type, rs.getLong(8) & 0xffff_ffffL, rs.getInt(9), rs.getBoolean(10),
                rs.getBoolean(11), text(rs.getString(12)), hw, state, text(rs.getString(17)),
                hw.isEmpty() ? 0 : rs.getInt(14) & 0xffff, hw.isEmpty() ? 0 : rs.getLong(15) & 0xffff,
                rs.getLong(18));
    }

    @Override
    int bind(PreparedStatement ps, int i, Lease6 l) throws SQLException {
        ps.setString(i++, l.address().toString());
        setBytes(ps, i++, l.duid());
        ps.setLong(i++, l.validLifetime());
        ps.setLong(i++, d.clampEpoch(l.expire()));
        ps.setLong(i++, l.subnetId());
        ps.setLong(i++, l.preferredLifetime());
        ps.setInt(i++, l.type().code());
        ps.setObject(i++, d.uint32(l.iaid()));
        ps.setInt(i++, l.prefixLength());
        ps.setBoolean(i++, l.fqdnFwd());
        ps.setBoolean(i++, l.fqdnRev());
        setText(ps, i++, l.hostname());
        setBytes(ps, i++, l.hwAddress());
        ps.setInt(i++, d == Dialect.PGSQL ? (short) l.hwType() : l.hwType());
        ps.setLong(i++, d == Dialect.PGSQL ? (short) l.hwAddressSource() : l.hwAddressSource());
        ps.setLong(i++, l.state().code());
        setText(ps, i++, l.userContext());
        ps.setLong(i++, l.poolId());
        ps.setBytes(i++, l.address().toByteArray());
        return i;
    }

    @Override
    String keyColumn() {
        return "address";
    }

    @Override
    Object keyParam(Ip6Address address) {
        return address.toString();
    }

    @Override
    String orderColumn() {
        return "binaddr";
    }

    @Override
    Object orderParam(Ip6Address address) {
        return address.toByteArray();
    }

    @Override
    Ip6Address fromOrder(ResultSet rs, int column) throws SQLException {
        return Ip6Address.of(rs.getBytes(column));
    }

    @Override
    String guard() {
        return "expire = " + d.toTimestamp() + " AND state = ? AND " + d.nullSafeEq("duid")
                + " AND iaid = ? AND lease_type = ?";
    }

    @Override
    int bindGuard(PreparedStatement ps, int i, Lease6 seen) throws SQLException {
        ps.setLong(i++, d.clampEpoch(seen.expire()));
        ps.setLong(i++, seen.state().code());
        setBytes(ps, i++, seen.duid());
        ps.setObject(i++, d.uint32(seen.iaid()));
        ps.setInt(i++, seen.type().code());
        return i;
    }

    @Override
    String keyWhere(LeaseKey key, List<Object> params) {
        return switch (key) {
            case LeaseKey.Ia6 k -> {
                params.add(k.duid().toArray());
                params.add(d.uint32(k.iaid()));
                params.add(k.type().code());
                params.add(k.subnetId());
                yield "duid = ? AND iaid = ? AND lease_type = ? AND subnet_id = ? AND state <> 1";
            }
            case LeaseKey.Duid6 k -> {
                params.add(k.duid().toArray());
                params.add(k.subnetId());
                yield "duid = ? AND subnet_id = ? AND state <> 1";
            }
            default -> throw new IllegalArgumentException("not a DHCPv6 lease key: " + key);
        };
    }

    @Override
    String clientWhere(Client6 client, List<Long> subnets, List<Object> params) {
        StringBuilder in = new StringBuilder("subnet_id IN (");
        for (int i = 0; i < subnets.size(); i++) {
            in.append(i == 0 ? "?" : ", ?");
            params.add(subnets.get(i));
        }
        in.append(")");
        params.add(client.duid().toArray());
        params.add(d.uint32(client.iaid()));
        params.add(client.type().code());
        return in + " AND duid = ? AND iaid = ? AND lease_type = ?";
    }

    @Override
    public List<Lease6> byHwAddress(Bytes hwAddress) {
        return byBytes("hwaddr", hwAddress);
    }

    @Override
    public List<Lease6> byClientId(Bytes duid) {
        return byBytes("duid", duid);
    }
}
