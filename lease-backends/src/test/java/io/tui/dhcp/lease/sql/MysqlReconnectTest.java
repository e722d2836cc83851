package io.tui.dhcp.lease.sql;

/** Connection loss and reconnects on MariaDB. */
class MysqlReconnectTest extends SqlReconnectContract {
    @Override
    Dialect dialect() {
        return Dialect.MYSQL;
    }
}
