package io.tui.dhcp6.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.alloc.PdPool;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Dhcp6RuntimeTest {
    @Test
    void aPdPoolMinusReservedPrefixesIsCutIntoAlignedPools() {
        PdPool pool = new PdPool(7, 1, Ip6Address.parse("2001:db8::"), 40, 56);
        Ip6Address r1 = Ip6Address.parse("2001:db8:0:1200::");
        Ip6Address r2 = Ip6Address.parse("2001:db8:ff:ff00::");
        List<PdPool> out = new ArrayList<>();
        Dhcp6Runtime.split(pool, Set.of(r1, r2), out);
        long slots = 0;
        for (PdPool p : out) {
            slots += p.size();
            assertEquals(7, p.id());
            assertFalse(p.contains(r1));
            assertFalse(p.contains(r2));
            assertTrue(pool.contains(p.prefix()));
        }
        assertEquals(pool.size() - 2, slots, "every other prefix is still in a piece");
        for (int i = 0; i < out.size(); i++) {
            for (int j = i + 1; j < out.size(); j++) {
                assertFalse(out.get(i).contains(out.get(j).prefix()) || out.get(j).contains(out.get(i).prefix()));
            }
        }
        List<PdPool> whole = new ArrayList<>();
        Dhcp6Runtime.split(pool, Set.of(Ip6Address.parse("2001:db9::")), whole);
        assertEquals(List.of(pool), whole, "a pool without reservations stays whole");
    }
}
