package io.tui.dhcp.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaseSanityTest {
    /** A lease of address {@code a} in subnet {@code s}; subnet N holds addresses N*100 .. N*100+99. */
    record L(int a, long s) {}

    static LeaseSanity.Outcome<L> run(String policy, List<String> warnings) {
        List<L> leases = List.of(new L(105, 1), new L(210, 1), new L(999, 3));
        return LeaseSanity.apply(policy, leases, L::s,
                (l, id) -> id >= 1 && id <= 3 && l.a() / 100 == id,
                l -> l.a() / 100 >= 1 && l.a() / 100 <= 3 ? l.a() / 100 : 0,
                (l, id) -> new L(l.a(), id), l -> Integer.toString(l.a()), warnings::add);
    }

    @Test
    void policies() {
        List<String> w = new ArrayList<>();
        var none = run("none", w);
        assertEquals(3, none.kept().size());
        assertEquals(0, w.size());
        var warn = run("warn", w);
        assertEquals(3, warn.kept().size());
        assertEquals(2, w.size());
        var fix = run("fix", w);
        assertEquals(List.of(new L(105, 1), new L(210, 2), new L(999, 3)), fix.kept());
        assertEquals(List.of(new L(210, 2)), fix.fixed());
        var fixDel = run("fix-del", w);
        assertEquals(List.of(new L(105, 1), new L(210, 2)), fixDel.kept());
        assertEquals(List.of(new L(999, 3)), fixDel.deleted());
        var del = run("del", w);
        assertEquals(List.of(new L(105, 1)), del.kept());
        assertEquals(2, del.deleted().size());
        assertEquals(3, run(null, w).kept().size(), "Kea's default is warn");
    }
}
