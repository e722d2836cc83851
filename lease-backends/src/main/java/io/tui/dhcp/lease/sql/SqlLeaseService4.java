package io.tui.dhcp.lease.sql;

import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.Family4;
import io.tui.dhcp.core.alloc.LeaseKey;
import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.wire.ParseException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** DHCPv4 leases in Kea's {@code lease4} table. See {@link SqlLeaseService}. */
public final class SqlLeaseService4 extends SqlLeaseService<Lease4, Integer, Client4> {

    /**
     * A service over an open database.
     *
     * @param pools every pool requests will name
     */
    public SqlLeaseService4(SqlDatabase db, List<Pool4> pools, Options options, LeaseStatsListener stats) {
        super(db, new Family4(), pools, options, stats, false);
    }

    SqlLeaseService4(SqlDatabase db, List<Pool4> pools, Options options, LeaseStatsListener stats, boolean owns) {
        super(db, new Family4(), pools, options, stats, owns);
    }

    @Override
    String table() {
        return "lease4";
    }

    @Override
    String statTable() {
        return "lease4_stat";
    }

    @Override
    String statTypeColumn() {
        return null;
    }

    @Override
    String selectColumns() {
        return "address, hwaddr, client_id, valid_lifetime, " + d.epoch("expire")
                + ", subnet_id, fqdn_fwd, fqdn_rev, hostname, state, user_context, pool_id";
    }

    @Override
    List<String> columns() {
        return List.of("address", "hwaddr", "client_id", "valid_lifetime", "expire", "subnet_id", "fqdn_fwd",
                "fqdn_rev", "hostname", "state", "user_context", "pool_id");
    }

    @Override
    List<String> placeholders() {
        return List.of("?", "?", "?", "?", d.toTimestamp(), "?", "?", "?", "?", "?", "?", "?");
    }

    @Override
    Lease4 read(ResultSet rs) throws SQLException {
        LeaseState state;
        try {
            state = LeaseState.fromCode(rs.getLong(10));
        } catch (ParseException e) {
            throw new SQLException("lease4 row has an unknown state " + rs.getLong(10), e);
        }
        return new Lease4((int) rs.getLong(1), bytes(rs.getBytes(2)), bytes(rs.getBytes(3)), rs.getLong(4),
                rs.getLong(5), rs.getLong(6), rs.getBoolean(7), rs.getBoolean(8), text(rs.getString(9)), state,
                text(rs.getString(11)), rs.getLong(12));
    }

    @Override
    int bind(PreparedStatement ps, int i, Lease4 l) throws SQLException {
        ps.setLong(i++, Integer.toUnsignedLong(l.address()));
        setBytes(ps, i++, l.hwAddress());
        setBytes(ps, i++, l.clientId());
        ps.setLong(i++, l.validLifetime());
        ps.setLong(i++, d.clampEpoch(l.expire()));
        ps.setLong(i++, l.subnetId());
        ps.setBoolean(i++, l.fqdnFwd());
        ps.setBoolean(i++, l.fqdnRev());
        setText(ps, i++, l.hostname());
        ps.setLong(i++, l.state().code());
        setText(ps, i++, l.userContext());
        ps.setLong(i++, l.poolId());
        return i;
    }

    @Override
    String keyColumn() {
        return "address";
    }

    @Override
    Object keyParam(Integer address) {
        return Integer.toUnsignedLong(address);
    }

    @Override
    String orderColumn() {
        return "address";
    }

    @Override
    Object orderParam(Integer address) {
        return Integer.toUnsignedLong(address);
    }

    @Override
    Integer fromOrder(ResultSet rs, int column) throws SQLException {
        return (int) rs.getLong(column);
    }

    @Override
    String guard() {
        return "expire = " + d.toTimestamp() + " AND state = ? AND " + d.nullSafeEq("hwaddr") + " AND "
                + d.nullSafeEq("client_id");
    }

    @Override
    int bindGuard(PreparedStatement ps, int i, Lease4 seen) throws SQLException {
        ps.setLong(i++, d.clampEpoch(seen.expire()));
        ps.setLong(i++, seen.state().code());
        setBytes(ps, i++, seen.hwAddress());
        setBytes(ps, i++, seen.clientId());
        return i;
    }

    @Override
    String keyWhere(LeaseKey key, List<Object> params) {
        return switch (key) {
            case LeaseKey.Hw4 k -> {
                params.add(k.hwAddress().toArray());
                params.add(k.subnetId());
                yield "hwaddr = ? AND subnet_id = ?";
            }
            case LeaseKey.ClientId4 k -> {
                params.add(k.clientId().toArray());
                params.add(k.subnetId());
                yield "client_id = ? AND subnet_id = ?";
            }
            default -> throw new IllegalArgumentException("not a DHCPv4 lease key: " + key);
        };
    }

    @Override
    String clientWhere(Client4 client, List<Long> subnets, List<Object> params) {
        StringBuilder in = new StringBuilder("subnet_id IN (");
        for (int i = 0; i < subnets.size(); i++) {
            in.append(i == 0 ? "?" : ", ?");
            params.add(subnets.get(i));
        }
        in.append(")");
        if (client.clientId().isEmpty()) {
            params.add(client.hwAddress().toArray());
            return in + " AND hwaddr = ?";
        }
        if (client.hwAddress().isEmpty()) {
            params.add(client.clientId().toArray());
            return in + " AND client_id = ?";
        }
        params.add(client.clientId().toArray());
        params.add(client.hwAddress().toArray());
        return in + " AND (client_id = ? OR hwaddr = ?)";
    }

    @Override
    public List<Lease4> byHwAddress(Bytes hwAddress) {
        return byBytes("hwaddr", hwAddress);
    }

    @Override
    public List<Lease4> byClientId(Bytes clientId) {
        return byBytes("client_id", clientId);
    }

    static void setBytes(PreparedStatement ps, int i, Bytes b) throws SQLException {
        if (b.isEmpty()) {
            ps.setNull(i, Types.BINARY);
        } else {
            ps.setBytes(i, b.toArray());
        }
    }

    static void setText(PreparedStatement ps, int i, String s) throws SQLException {
        if (s.isEmpty()) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, s);
        }
    }
}
