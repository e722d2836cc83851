package io.tui.dhcp.lease.sql;

/** The DHCPv6 lease contract on PostgreSQL. */
class PgsqlLease6Test extends SqlLease6Contract {
    @Override
    Dialect dialect() {
        return Dialect.PGSQL;
    }
}
