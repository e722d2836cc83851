package io.tui.dhcp.lease.sql;

/** The DHCPv4 lease contract on PostgreSQL. */
class PgsqlLease4Test extends SqlLease4Contract {
    @Override
    Dialect dialect() {
        return Dialect.PGSQL;
    }
}
