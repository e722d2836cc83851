package io.tui.dhcp.lease.sql;

/** The DHCPv4 lease contract on MariaDB (MySQL dialect). */
class MysqlLease4Test extends SqlLease4Contract {
    @Override
    Dialect dialect() {
        return Dialect.MYSQL;
    }
}
