package io.tui.dhcp.lease.sql;

/** The DHCPv6 lease contract on MariaDB (MySQL dialect). */
class MysqlLease6Test extends SqlLease6Contract {
    @Override
    Dialect dialect() {
        return Dialect.MYSQL;
    }
}
