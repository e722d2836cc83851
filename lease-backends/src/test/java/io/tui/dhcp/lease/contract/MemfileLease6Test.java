package io.tui.dhcp.lease.contract;

import io.tui.dhcp.core.alloc.AllocationEngine;
import io.tui.dhcp.core.alloc.AllocatorType;
import io.tui.dhcp.core.alloc.Client6;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.Pool;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.lease.memfile.MemfileOptions;
import io.tui.dhcp.lease.memfile.MemfileStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The DHCPv6 lease contract on the in-memory engine over a memfile lease file. */
class MemfileLease6Test extends LeaseService6Contract {
    @TempDir
    Path dir;

    @Override
    protected LeaseService<Lease6, Ip6Address, Client6> open(List<Pool<Ip6Address>> pools, LeaseStatsListener stats)
            throws Exception {
        MemfileStore<Lease6> store = MemfileStore.open6(MemfileOptions.persistent(dir.resolve("leases6.csv")));
        return AllocationEngine.v6(store, pools, AllocationEngine.Settings.of(AllocatorType.ITERATIVE), stats);
    }
}
