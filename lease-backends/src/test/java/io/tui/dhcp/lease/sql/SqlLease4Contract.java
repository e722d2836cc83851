package io.tui.dhcp.lease.sql;

import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.lease.contract.LeaseService4Contract;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The DHCPv4 contract over one SQL database per test class (emptied before each test). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlLease4Contract extends LeaseService4Contract {
    private TestDatabase tdb;
    private SqlDatabase db;

    abstract Dialect dialect();

    @BeforeAll
    void createDatabase() {
        tdb = TestDatabase.create(dialect(), "l4");
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
    protected LeaseService<Lease4, Integer, Client4> open(List<Pool4> pools, LeaseStatsListener stats) {
        new SqlLeaseService4(db, pools, SqlLeaseService.Options.defaults(), LeaseStatsListener.NONE).wipe(0);
        return new SqlLeaseService4(db, pools, SqlLeaseService.Options.defaults(), stats);
    }
}
