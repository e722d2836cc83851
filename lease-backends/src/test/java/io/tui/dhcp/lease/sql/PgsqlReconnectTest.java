package io.tui.dhcp.lease.sql;

/** Connection loss and reconnects on PostgreSQL. */
class PgsqlReconnectTest extends SqlReconnectContract {
    @Override
    Dialect dialect() {
        return Dialect.PGSQL;
    }
}
