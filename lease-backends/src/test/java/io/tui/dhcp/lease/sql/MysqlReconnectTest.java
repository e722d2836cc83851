package io.tui.dhcp.lease.sql;

/** Connection loss and reconnects on MySQL. */
class MysqlReconnectTest extends SqlReconnectContract {
    @Override
    Dialect dialect() {
        return Dialect.MYSQL;
    }
}
