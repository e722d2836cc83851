package io.tui.dhcp.lease.sql;

/** Two servers over one MariaDB database. */
class MysqlConcurrencyTest extends SqlConcurrencyContract {
    @Override
    Dialect dialect() {
        return Dialect.MYSQL;
    }
}
