package io.tui.dhcp.lease.sql;

/** The host store on MariaDB. */
class MysqlHostStoreTest extends SqlHostStoreContract {
    @Override
    Dialect dialect() {
        return Dialect.MYSQL;
    }
}
