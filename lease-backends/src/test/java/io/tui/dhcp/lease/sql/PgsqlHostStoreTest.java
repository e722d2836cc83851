package io.tui.dhcp.lease.sql;

/** The host store on PostgreSQL. */
class PgsqlHostStoreTest extends SqlHostStoreContract {
    @Override
    Dialect dialect() {
        return Dialect.PGSQL;
    }
}
