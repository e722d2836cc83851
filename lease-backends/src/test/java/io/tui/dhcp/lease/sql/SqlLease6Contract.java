package io.tui.dhcp.lease.sql;

import io.tui.dhcp.core.alloc.Client6;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.Pool;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.lease.contract.LeaseService6Contract;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The DHCPv6 contract over one SQL database per test class (emptied before each test). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlLease6Contract extends LeaseService6Contract {
    private TestDatabase tdb;
    private SqlDatabase db;

    abstract Dialect dialect();

    @BeforeAll
    void createDatabase() {
        tdb = TestDatabase.create(dialect(), "l6");
        db = tdb.open(4);
    }

    @AfterAll
    void dropDatabase() throws Exception {
        if (db != null) {
            db.close();
        }
        if (tdb != null) {
            tdb.close();
        }
    }

    @Override
    protected LeaseService<Lease6, Ip6Address, Client6> open(List<Pool<Ip6Address>> pools, LeaseStatsListener stats) {
        new SqlLeaseService6(db, pools, SqlLeaseService.Options.defaults(), LeaseStatsListener.NONE).wipe(0);
        return new SqlLeaseService6(db, pools, SqlLeaseService.Options.defaults(), stats);
    }
}
