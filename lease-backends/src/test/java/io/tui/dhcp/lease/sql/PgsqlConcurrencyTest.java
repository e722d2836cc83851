package io.tui.dhcp.lease.sql;

/** Two servers over one PostgreSQL database. */
class PgsqlConcurrencyTest extends SqlConcurrencyContract {
    @Override
    Dialect dialect() {
        return Dialect.PGSQL;
    }
}
