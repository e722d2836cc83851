package io.tui.dhcp6.proc;

import static io.tui.dhcp6.proc.Dhcp6Harness.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tui.dhcp.core.wire.v6.ClientIdOption;
import io.tui.dhcp.core.wire.v6.Dhcp6ClientMessage;
import io.tui.dhcp.core.wire.v6.Dhcp6MessageType;
import io.tui.dhcp.core.wire.v6.Duid;
import io.tui.dhcp.core.wire.v6.IaNaOption;
import io.tui.dhcp.core.wire.v6.IaPdOption;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.core.wire.v6.Octets;
import io.tui.dhcp.core.wire.v6.ServerIdOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many threads through one pipeline and engine: every lease unique, the pools filled exactly. */
class Dhcp6ConcurrencyTest {
    @Test
    void concurrentClientsNeverShareAnAddressOrPrefix() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness("""
                "interfaces-config": {"interfaces": ["eth1"]},
                "subnet6": [{"id": 1, "subnet": "2001:db8:1::/64", "interface": "eth1",
                  "pools": [{"pool": "2001:db8:1::1000-2001:db8:1::13ff"}],
                  "pd-pools": [{"prefix": "2001:db8:8000::", "prefix-len": 46, "delegated-len": 56}]}]
                """);
        int threads = 8;
        int perThread = 160; // 1280 clients for 1024 addresses and 1024 prefixes
        Set<Ip6Address> addresses = ConcurrentHashMap.newKeySet();
        Set<Ip6Address> prefixes = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            ts.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        int c = base + i;
                        var cid = new ClientIdOption(new Duid.Ll(1, Octets.of((byte) 2, (byte) 1, (byte) 0,
                                (byte) 0, (byte) (c >> 8), (byte) c)));
                        h.send(msg(Dhcp6MessageType.SOLICIT, c, cid, IaNaOption.of(1, 0, 0), IaPdOption.of(2, 0, 0)));
                        var r = (Dhcp6ClientMessage) h.send(msg(Dhcp6MessageType.REQUEST, c, cid,
                                new ServerIdOption(Dhcp6Harness.SERVER_ID), IaNaOption.of(1, 0, 0),
                                IaPdOption.of(2, 0, 0)));
                        var na = r.options().iaNa().getFirst().options().addresses();
                        if (na.isEmpty()) {
                            refused.incrementAndGet();
                        } else if (!addresses.add(na.getFirst().address())) {
                            duplicates.incrementAndGet();
                        }
                        var pd = r.options().iaPd().getFirst().options().prefixes();
                        if (!pd.isEmpty() && !prefixes.add(pd.getFirst().prefix())) {
                            duplicates.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        go.countDown();
        for (Thread t : ts) {
            t.join();
        }
        assertEquals(List.of(), errors);
        assertEquals(0, duplicates.get());
        assertEquals(1024, addresses.size());
        assertEquals(1024, prefixes.size());
        assertEquals(threads * perThread - 1024, refused.get());
        assertEquals(1024, h.stat("subnet[1].assigned-nas"));
        assertEquals(1024, h.stat("subnet[1].assigned-pds"));
    }
}
