package io.tui.dhcp.lease.sql;

import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.ParseException;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Host reservations in Kea's {@code hosts}, {@code ipv6_reservations}, {@code dhcp4_options} and
 * {@code dhcp6_options} tables: what host_cmds needs (add, update, delete, get by identifier, address or hostname,
 * paging by host id). Each change is one transaction. A store over a {@code readonly} database refuses changes.
 *
 * <p>Like the lease services: blocking, for worker threads; {@link StoreUnavailableException} when the database
 * cannot be used.
 */
public final class SqlHostStore {
    /** Kea's option scope of host options. */
    private static final int SCOPE_HOST = 3;
    private static final String HOST_COLUMNS = "host_id, dhcp_identifier, dhcp_identifier_type, dhcp4_subnet_id,"
            + " dhcp6_subnet_id, ipv4_address, hostname, dhcp4_client_classes, dhcp6_client_classes,"
            + " dhcp4_next_server, dhcp4_server_hostname, dhcp4_boot_file_name, user_context, auth_key";

    private final SqlDatabase db;
    private final Dialect d;

    public SqlHostStore(SqlDatabase db) {
        this.db = db;
        this.d = db.dialect();
    }

    /** Whether changes are refused ({@code readonly}). */
    public boolean readonly() {
        return db.settings().readonly();
    }

    // ---- changes -------------------------------------------------------------------------------------------------

    /**
     * Adds a host; returns its new {@code host_id}, or -1 when a host with the same identifier is already in the
     * subnet, or (DHCPv4) the address is already reserved in the subnet.
     */
    public long add(SqlHost host) {
        writable();
        return db.transaction(c -> {
            if (host.dhcp4SubnetId() != null && host.ipv4Address() != null && host.ipv4Address() != 0) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT 1 FROM hosts WHERE ipv4_address = ? AND dhcp4_subnet_id = ? FOR UPDATE")) {
                    ps.setLong(1, Integer.toUnsignedLong(host.ipv4Address()));
                    ps.setLong(2, host.dhcp4SubnetId());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return -1L;
                        }
                    }
                }
            }
            if (find(c, host) != 0) {
                return -1L;
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO hosts (dhcp_identifier, dhcp_identifier_type,"
                    + " dhcp4_subnet_id, dhcp6_subnet_id, ipv4_address, hostname, dhcp4_client_classes,"
                    + " dhcp6_client_classes, dhcp4_next_server, dhcp4_server_hostname, dhcp4_boot_file_name,"
                    + " user_context, auth_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"host_id"})) {
                bindHost(ps, host);
                try {
                    ps.executeUpdate();
                } catch (SQLException e) {
                    if (d.isDuplicate(e)) {
                        return -1L;
                    }
                    throw e;
                }
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            insertChildren(c, id, host);
            return id;
        });
    }

    /**
     * Replaces the host with the same identifier in the same subnet (its reservations and options too); false
     * when there is none.
     */
    public boolean update(SqlHost host) {
        writable();
        return db.transaction(c -> {
            long id = find(c, host);
            if (id == 0) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE hosts SET dhcp_identifier = ?,"
                    + " dhcp_identifier_type = ?, dhcp4_subnet_id = ?, dhcp6_subnet_id = ?, ipv4_address = ?,"
                    + " hostname = ?, dhcp4_client_classes = ?, dhcp6_client_classes = ?, dhcp4_next_server = ?,"
                    + " dhcp4_server_hostname = ?, dhcp4_boot_file_name = ?, user_context = ?, auth_key = ?"
                    + " WHERE host_id = ?")) {
                int i = bindHost(ps, host);
                ps.setLong(i, id);
                ps.executeUpdate();
            }
            for (String t : List.of("ipv6_reservations", "dhcp4_options", "dhcp6_options")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t + " WHERE host_id = ?")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            }
            insertChildren(c, id, host);
            return true;
        });
    }

    /** Deletes the DHCPv4 host of an identifier in a subnet; false when there is none. */
    public boolean delete4(long subnetId, SqlHost.IdentifierType type, Bytes identifier) {
        return deleteWhere("dhcp4_subnet_id = ? AND dhcp_identifier_type = ? AND dhcp_identifier = ?",
                List.of(subnetId, type.code(), identifier.toArray()));
    }

    /** Deletes the DHCPv6 host of an identifier in a subnet; false when there is none. */
    public boolean delete6(long subnetId, SqlHost.IdentifierType type, Bytes identifier) {
        return deleteWhere("dhcp6_subnet_id = ? AND dhcp_identifier_type = ? AND dhcp_identifier = ?",
                List.of(subnetId, type.code(), identifier.toArray()));
    }

    /** Deletes the DHCPv4 host reserving {@code address} in a subnet; false when there is none. */
    public boolean deleteByAddress4(long subnetId, int address) {
        return deleteWhere("dhcp4_subnet_id = ? AND ipv4_address = ?",
                List.of(subnetId, Integer.toUnsignedLong(address)));
    }

    /** Deletes the DHCPv6 hosts reserving {@code address} (or prefix) in a subnet; false when there is none. */
    public boolean deleteByAddress6(long subnetId, Ip6Address address) {
        return deleteWhere("dhcp6_subnet_id = ? AND host_id IN (SELECT host_id FROM (SELECT host_id FROM"
                + " ipv6_reservations WHERE address = ?) AS r)", List.of(subnetId, address.toString()));
    }

    /** Deletes every host (tests, wipe); returns how many. */
    public long deleteAll() {
        writable();
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM hosts")) {
                return (long) ps.executeUpdate();
            }
        });
    }

    private boolean deleteWhere(String where, List<Object> params) {
        writable();
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM hosts WHERE " + where)) {
                SqlLeaseService.bindAll(ps, params);
                return ps.executeUpdate() > 0;
            }
        });
    }

    // ---- lookups -----------------------------------------------------------------------------------------------

    /** The DHCPv4 host of an identifier in a subnet (0: global). */
    public Optional<SqlHost> get4(long subnetId, SqlHost.IdentifierType type, Bytes identifier) {
        return first(load("dhcp4_subnet_id = ? AND dhcp_identifier_type = ? AND dhcp_identifier = ?",
                List.of(subnetId, type.code(), identifier.toArray()), 0));
    }

    /** The DHCPv6 host of an identifier in a subnet (0: global). */
    public Optional<SqlHost> get6(long subnetId, SqlHost.IdentifierType type, Bytes identifier) {
        return first(load("dhcp6_subnet_id = ? AND dhcp_identifier_type = ? AND dhcp_identifier = ?",
                List.of(subnetId, type.code(), identifier.toArray()), 0));
    }

    /** Every host of an identifier, in every subnet. */
    public List<SqlHost> getAll(SqlHost.IdentifierType type, Bytes identifier) {
        return load("dhcp_identifier_type = ? AND dhcp_identifier = ?", List.of(type.code(), identifier.toArray()),
                0);
    }

    /** The DHCPv4 hosts reserving {@code address}; {@code subnetId} null: in every subnet. */
    public List<SqlHost> byAddress4(Long subnetId, int address) {
        if (subnetId == null) {
            return load("ipv4_address = ?", List.of(Integer.toUnsignedLong(address)), 0);
        }
        return load("ipv4_address = ? AND dhcp4_subnet_id = ?", List.of(Integer.toUnsignedLong(address), subnetId),
                0);
    }

    /** The DHCPv6 hosts reserving {@code address} (or prefix); {@code subnetId} null: in every subnet. */
    public List<SqlHost> byAddress6(Long subnetId, Ip6Address address) {
        String in = "host_id IN (SELECT host_id FROM ipv6_reservations WHERE address = ?)";
        if (subnetId == null) {
            return load(in, List.of(address.toString()), 0);
        }
        return load(in + " AND dhcp6_subnet_id = ?", List.of(address.toString(), subnetId), 0);
    }

    /** Hosts whose hostname equals {@code hostname} case-insensitively; {@code subnetId} null: every subnet. */
    public List<SqlHost> byHostname(String hostname, Long subnetId, boolean v6) {
        String where = d.lowerHostname() + " = LOWER(?)";
        if (subnetId == null) {
            return load(where, List.of(hostname), 0);
        }
        return load(where + " AND " + (v6 ? "dhcp6_subnet_id" : "dhcp4_subnet_id") + " = ?",
                List.of(hostname, subnetId), 0);
    }

    /**
     * One page of hosts by host id, for {@code reservation-get-page}: hosts with {@code host_id > from} in a
     * subnet ({@code subnetId} null: every subnet of the family), at most {@code limit}. The next page starts
     * from the last host's id; {@code source-index} (which backend) is the caller's.
     */
    public List<SqlHost> page(boolean v6, Long subnetId, long from, int limit) {
        String col = v6 ? "dhcp6_subnet_id" : "dhcp4_subnet_id";
        if (subnetId == null) {
            return load(col + " IS NOT NULL AND host_id > ?", List.of(from), limit);
        }
        return load(col + " = ? AND host_id > ?", List.of(subnetId, from), limit);
    }

    /** The number of hosts. */
    public long count() {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM hosts");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    private void writable() {
        if (readonly()) {
            throw new SqlStoreException("the hosts database " + db.settings().describe() + " is read-only");
        }
    }

    /** The id of the stored host with the same identifier in the same subnet(s), or 0. */
    private long find(Connection c, SqlHost host) throws SQLException {
        String sql = "SELECT host_id FROM hosts WHERE dhcp_identifier_type = ? AND dhcp_identifier = ? AND "
                + (host.dhcp4SubnetId() != null ? "dhcp4_subnet_id = ?" : "dhcp6_subnet_id = ?") + " FOR UPDATE";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, host.identifierType().code());
            ps.setBytes(2, host.identifier().toArray());
            ps.setLong(3, host.dhcp4SubnetId() != null ? host.dhcp4SubnetId() : host.dhcp6SubnetId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private int bindHost(PreparedStatement ps, SqlHost h) throws SQLException {
        int i = 1;
        ps.setBytes(i++, h.identifier().toArray());
        ps.setInt(i++, h.identifierType().code());
        setLong(ps, i++, h.dhcp4SubnetId());
        setLong(ps, i++, h.dhcp6SubnetId());
        setLong(ps, i++, h.ipv4Address() == null ? null : Integer.toUnsignedLong(h.ipv4Address()));
        setText(ps, i++, h.hostname());
        setText(ps, i++, h.dhcp4ClientClasses());
        setText(ps, i++, h.dhcp6ClientClasses());
        setLong(ps, i++, h.nextServer() == null ? null : Integer.toUnsignedLong(h.nextServer()));
        setText(ps, i++, h.serverHostname());
        setText(ps, i++, h.bootFileName());
        setText(ps, i++, h.userContext());
        setText(ps, i++, h.authKey());
        return i;
    }

    private void insertChildren(Connection c, long id, SqlHost host) throws SQLException {
        if (!host.ipv6Reservations().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ipv6_reservations (address, prefix_len, type,"
                    + " dhcp6_iaid, host_id) VALUES (?, ?, ?, ?, ?)")) {
                for (SqlHost.Ipv6Reservation r : host.ipv6Reservations()) {
                    ps.setString(1, r.address().toString());
                    ps.setInt(2, r.prefixLength());
                    ps.setInt(3, r.type().code());
                    if (r.iaid() == null) {
                        ps.setNull(4, Types.INTEGER);
                    } else {
                        ps.setObject(4, d.uint32(r.iaid()));
                    }
                    ps.setLong(5, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        insertOptions(c, "dhcp4_options", id, host.options4());
        insertOptions(c, "dhcp6_options", id, host.options6());
    }

    private void insertOptions(Connection c, String table, long id, List<SqlHost.HostOption> options)
            throws SQLException {
        if (options.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (code, value, formatted_value,"
                + " space, persistent, dhcp_client_class, host_id, scope_id, user_context)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (SqlHost.HostOption o : options) {
                ps.setInt(1, o.code());
                if (o.value() == null) {
                    ps.setNull(2, Types.BINARY);
                } else {
                    ps.setBytes(2, o.value().toArray());
                }
                setText(ps, 3, o.formattedValue());
                setText(ps, 4, o.space());
                ps.setBoolean(5, o.persistent());
                setText(ps, 6, o.clientClass());
                ps.setLong(7, id);
                ps.setInt(8, SCOPE_HOST);
                setText(ps, 9, o.userContext());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private List<SqlHost> load(String where, List<Object> params, int limit) {
        return db.call(c -> {
            Map<Long, SqlHost> hosts = new LinkedHashMap<>();
            String sql = "SELECT " + HOST_COLUMNS + " FROM hosts WHERE " + where + " ORDER BY host_id"
                    + (limit > 0 ? " LIMIT " + limit : "");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                SqlLeaseService.bindAll(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SqlHost h = readHost(rs);
                        hosts.put(h.hostId(), h);
                    }
                }
            }
            if (hosts.isEmpty()) {
                return List.of();
            }
            String ids = String.join(", ", hosts.keySet().stream().map(String::valueOf).toList());
            Map<Long, List<SqlHost.Ipv6Reservation>> reservations = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT host_id, address, prefix_len, type, dhcp6_iaid"
                    + " FROM ipv6_reservations WHERE host_id IN (" + ids + ") ORDER BY reservation_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LeaseType type;
                    try {
                        type = LeaseType.fromCode(rs.getInt(4));
                    } catch (ParseException e) {
                        throw new SQLException("ipv6_reservations row has type " + rs.getInt(4), e);
                    }
                    long iaid = rs.getLong(5);
                    Long iaidOrNull = rs.wasNull() ? null : iaid & 0xffff_ffffL;
                    reservations.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(
                            new SqlHost.Ipv6Reservation(Ip6Address.parse(rs.getString(2)), rs.getInt(3), type,
                                    iaidOrNull));
                }
            }
            Map<Long, List<SqlHost.HostOption>> o4 = options(c, "dhcp4_options", ids);
            Map<Long, List<SqlHost.HostOption>> o6 = options(c, "dhcp6_options", ids);
            List<SqlHost> out = new ArrayList<>(hosts.size());
            for (SqlHost h : hosts.values()) {
                out.add(new SqlHost(h.hostId(), h.identifierType(), h.identifier(), h.dhcp4SubnetId(),
                        h.dhcp6SubnetId(), h.ipv4Address(), h.hostname(), h.dhcp4ClientClasses(),
                        h.dhcp6ClientClasses(), h.nextServer(), h.serverHostname(), h.bootFileName(), h.userContext(),
                        h.authKey(), reservations.getOrDefault(h.hostId(), List.of()),
                        o4.getOrDefault(h.hostId(), List.of()), o6.getOrDefault(h.hostId(), List.of())));
            }
            return out;
        });
    }

    private static Map<Long, List<SqlHost.HostOption>> options(Connection c, String table, String ids)
            throws SQLException {
        Map<Long, List<SqlHost.HostOption>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT host_id, code, value, formatted_value, space,"
                + " persistent, dhcp_client_class, user_context FROM " + table + " WHERE host_id IN (" + ids
                + ") ORDER BY option_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byte[] value = rs.getBytes(3);
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new SqlHost.HostOption(rs.getInt(2),
                        value == null ? null : Bytes.of(value), rs.getString(4), rs.getString(5), rs.getBoolean(6),
                        rs.getString(7), rs.getString(8)));
            }
        }
        return out;
    }

    private static SqlHost readHost(ResultSet rs) throws SQLException {
        return new SqlHost(rs.getLong(1), SqlHost.IdentifierType.fromCode(rs.getInt(3)), Bytes.of(rs.getBytes(2)),
                longOrNull(rs, 4), longOrNull(rs, 5), intOrNull(rs, 6), rs.getString(7), rs.getString(8),
                rs.getString(9), intOrNull(rs, 10), rs.getString(11), rs.getString(12), rs.getString(13),
                rs.getString(14), List.of(), List.of(), List.of());
    }

    private static Long longOrNull(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static Integer intOrNull(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : (int) v;
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static void setText(PreparedStatement ps, int i, String s) throws SQLException {
        if (s == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, s);
        }
    }

    private static Optional<SqlHost> first(List<SqlHost> hosts) {
        return hosts.isEmpty() ? Optional.empty() : Optional.of(hosts.get(0));
    }
}
