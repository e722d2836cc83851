package io.tui.dhcp.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.alloc.Allocation;
import io.tui.dhcp.core.alloc.AllocationEngine;
import io.tui.dhcp.core.alloc.AllocationRequest;
import io.tui.dhcp.core.alloc.AllocatorType;
import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.Lifetimes;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseStore;
import io.tui.dhcp.core.stats.StatsRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The engine's counters reach the registry under Kea's names, through a real engine. */
class StatsLeaseListenerTest {
    private static long value(StatsRegistry r, String name) {
        var node = r.get(name);
        assertTrue(node.has(name), name + " is not present");
        return node.get(name).get(0).get(0).asLong();
    }

    @Test
    void assignDeclineReclaimAndTotals() throws Exception {
        Runtime4 rt = SubnetSelector4Test.runtime("""
            {"Dhcp4": {"subnet4": [{"id": 5, "subnet": "192.0.2.0/24",
              "pools": [{"pool": "192.0.2.10-192.0.2.19"}, {"pool": "192.0.2.30-192.0.2.31"}],
              "reservations": [{"hw-address": "02:00:00:00:00:09", "ip-address": "192.0.2.200"}]}]}}""");
        StatsRegistry reg = StatsRegistry.system();
        StatsLeaseListener l = StatsLeaseListener.v4(reg);
        l.configure(rt);
        assertEquals(12, value(reg, "subnet[5].total-addresses"));
        assertEquals(10, value(reg, "subnet[5].pool[0].total-addresses"));
        assertEquals(2, value(reg, "subnet[5].pool[1].total-addresses"));
        assertEquals(0, value(reg, "subnet[5].assigned-addresses"));
        assertEquals(0, value(reg, "cumulative-assigned-addresses"));

        AllocationEngine<Lease4, Integer, Client4> engine = AllocationEngine.v4(LeaseStore.inMemory(),
                rt.enginePools(), AllocationEngine.Settings.of(AllocatorType.ITERATIVE), l);
        Client4 a = new Client4(Bytes.of(new byte[] {2, 0, 0, 0, 0, 1}), Bytes.EMPTY);
        Client4 b = new Client4(Bytes.of(new byte[] {2, 0, 0, 0, 0, 9}), Bytes.EMPTY);
        long now = 1_000_000;
        Allocation<Lease4> la = engine.allocate(new AllocationRequest<>(a, rt.subnet(5).pools().get(0).dynamic(),
                null, Lifetimes.of(100), "", false, now));
        Allocation<Lease4> lb = engine.allocate(new AllocationRequest<>(b,
                java.util.List.of(rt.subnet(5).reserved().get(0xC00002C8)), 0xC00002C8, Lifetimes.of(100), "", false,
                now));
        assertEquals(0xC00002C8, lb.lease().address());
        assertEquals(2, value(reg, "subnet[5].assigned-addresses"));
        assertEquals(1, value(reg, "subnet[5].pool[0].assigned-addresses"), "out-of-pool lease counts in no pool");
        assertEquals(2, value(reg, "cumulative-assigned-addresses"));
        assertEquals(1, value(reg, "subnet[5].pool[0].cumulative-assigned-addresses"));

        engine.decline(a, la.lease().address(), 10, now);
        assertEquals(1, value(reg, "subnet[5].declined-addresses"));
        assertEquals(1, value(reg, "declined-addresses"));
        assertEquals(2, value(reg, "subnet[5].assigned-addresses"), "declined still counts as assigned, as in Kea");

        engine.reclaim(now + 1000, 0, Duration.ZERO);
        assertEquals(0, value(reg, "subnet[5].declined-addresses"));
        assertEquals(1, value(reg, "subnet[5].reclaimed-declined-addresses"));
        assertEquals(2, value(reg, "subnet[5].reclaimed-leases"));
        assertEquals(2, value(reg, "reclaimed-leases"));
        assertEquals(0, value(reg, "subnet[5].assigned-addresses"));
    }
}
