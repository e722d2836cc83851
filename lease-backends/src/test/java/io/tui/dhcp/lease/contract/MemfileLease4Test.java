package io.tui.dhcp.lease.contract;

import io.tui.dhcp.core.alloc.AllocationEngine;
import io.tui.dhcp.core.alloc.AllocatorType;
import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.lease.memfile.MemfileOptions;
import io.tui.dhcp.lease.memfile.MemfileStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The DHCPv4 lease contract on the in-memory engine over a memfile lease file. */
class MemfileLease4Test extends LeaseService4Contract {
    @TempDir
    Path dir;

    @Override
    protected LeaseService<Lease4, Integer, Client4> open(List<Pool4> pools, LeaseStatsListener stats)
            throws Exception {
        MemfileStore<Lease4> store = MemfileStore.open4(MemfileOptions.persistent(dir.resolve("leases4.csv")));
        return AllocationEngine.v4(store, pools, AllocationEngine.Settings.of(AllocatorType.ITERATIVE), stats);
    }
}
