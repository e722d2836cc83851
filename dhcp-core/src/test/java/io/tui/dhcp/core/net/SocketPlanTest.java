package io.tui.dhcp.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SocketPlanTest {
    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void freshReplacesRunningKeptIsUpdatedAndUnwantedIsDropped() {
        // eth0 is re-created, eth1 kept (with its new address), eth2 new, eth3 no longer wanted.
        SocketPlan<String, String> plan = SocketPlan.of(List.of("eth1=10.0.1.2", "eth0=10.0.0.1", "eth2=10.0.2.1"),
                w -> w.substring(0, 4), map("eth0", "fresh0", "eth2", "fresh2"),
                map("eth0", "old0", "eth1", "old1", "eth3", "old3"),
                (w, running) -> running + "@" + w.substring(5));
        assertEquals(List.of("eth1", "eth0", "eth2"), List.copyOf(plan.next().keySet()), "the wanted order");
        assertEquals(map("eth1", "old1@10.0.1.2", "eth0", "fresh0", "eth2", "fresh2"), plan.next());
        assertEquals(map("eth0", "old0"), plan.replaced());
        assertEquals(map("eth3", "old3"), plan.dropped());
        assertEquals(List.of("eth0", "eth3"), plan.closingKeys());
        assertEquals(List.of("old0", "old3"), plan.closing());
    }

    @Test
    void aWantedInterfaceWithNeitherSocketIsLeftOutAndUnwantedFreshSocketsAreNotTaken() {
        SocketPlan<String, String> plan = SocketPlan.of(List.of("eth0", "eth9"), w -> w, map("eth5", "fresh5"),
                map("eth0", "old0"), (w, running) -> running);
        assertEquals(map("eth0", "old0"), plan.next());
        assertEquals(Map.of(), plan.replaced());
        assertEquals(Map.of(), plan.dropped());
    }

    @Test
    void nothingWantedDropsEverything() {
        SocketPlan<String, String> plan = SocketPlan.of(List.<String>of(), w -> w, Map.of(),
                map("eth0", "old0", "eth1", "old1"), (w, running) -> running);
        assertEquals(Map.of(), plan.next());
        assertEquals(List.of("old0", "old1"), plan.closing());
    }
}
