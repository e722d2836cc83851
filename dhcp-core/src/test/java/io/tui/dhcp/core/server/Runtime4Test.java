package io.tui.dhcp.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.wire.v4.Ipv4;
import java.util.List;
import org.junit.jupiter.api.Test;

class Runtime4Test {
    @Test
    void reservedAddressesAreCutOutOfTheDynamicPoolAndGetSingleAddressPools() throws Exception {
        Runtime4 rt = SubnetSelector4Test.runtime("""
            {"Dhcp4": {"subnet4": [{"id": 7, "subnet": "192.0.2.0/24",
              "pools": [{"pool": "192.0.2.10-192.0.2.20"}, {"pool": "192.0.2.100-192.0.2.101", "pool-id": 9}],
              "reservations": [
                {"hw-address": "02:00:00:00:00:01", "ip-address": "192.0.2.10"},
                {"hw-address": "02:00:00:00:00:02", "ip-address": "192.0.2.15"},
                {"hw-address": "02:00:00:00:00:03", "ip-address": "192.0.2.200"}]}],
             "reservations": [{"client-id": "01:02:00:00:00:00:09", "ip-address": "192.0.2.101"}]}}""");
        Subnet4Runtime s = rt.subnet(7);
        Pool4Runtime p0 = s.pools().get(0);
        assertEquals(new Pool4(0, 7, Ipv4.of(192, 0, 2, 10), Ipv4.of(192, 0, 2, 20)), p0.range());
        assertEquals(List.of(new Pool4(0, 7, Ipv4.of(192, 0, 2, 11), Ipv4.of(192, 0, 2, 14)),
                new Pool4(0, 7, Ipv4.of(192, 0, 2, 16), Ipv4.of(192, 0, 2, 20))), p0.dynamic());
        Pool4Runtime p1 = s.pools().get(1);
        assertEquals(9, p1.range().id(), "pool-id from the config");
        assertEquals(List.of(new Pool4(9, 7, Ipv4.of(192, 0, 2, 100), Ipv4.of(192, 0, 2, 100))), p1.dynamic(),
                "a global reservation's address in the subnet is cut out too");
        assertEquals(new Pool4(0, 7, Ipv4.of(192, 0, 2, 15), Ipv4.of(192, 0, 2, 15)),
                s.reserved().get(Ipv4.of(192, 0, 2, 15)));
        assertEquals(Runtime4.OUT_OF_POOL_ID, s.reserved().get(Ipv4.of(192, 0, 2, 200)).id());
        assertEquals(4, s.reserved().size());
        assertEquals(3 + 4, rt.enginePools().size());
        assertTrue(rt.enginePools().containsAll(s.reserved().values()));
    }
}
