package io.tui.dhcp.core.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ExpiryOrderTest {

    private static List<String> all(ExpiryOrder<Integer> order) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<Long, Integer>> it = order.iterator(); it.hasNext(); ) {
            Map.Entry<Long, Integer> e = it.next();
            out.add(e.getKey() + ":" + e.getValue());
        }
        return out;
    }

    @Test
    void secondsInOrderAndInsertionOrderWithinASecond() {
        ExpiryOrder<Integer> order = new ExpiryOrder<>();
        order.add(20, 1);
        order.add(10, 2);
        order.add(20, 3);
        order.add(5, 4);
        order.add(10, 5);
        assertEquals(List.of("5:4", "10:2", "10:5", "20:1", "20:3"), all(order));
        assertEquals(5, order.size());
    }

    @Test
    void removalByNodeFromHeadMiddleAndTailDropsEmptySeconds() {
        ExpiryOrder<Integer> order = new ExpiryOrder<>();
        ExpiryOrder.Node<Integer> a = order.add(10, 1);
        ExpiryOrder.Node<Integer> b = order.add(10, 2);
        ExpiryOrder.Node<Integer> c = order.add(10, 3);
        ExpiryOrder.Node<Integer> d = order.add(11, 4);
        order.remove(b);
        assertEquals(List.of("10:1", "10:3", "11:4"), all(order));
        order.remove(a);
        order.remove(c);
        assertEquals(List.of("11:4"), all(order));
        order.remove(c); // twice: ignored
        order.remove(d);
        assertEquals(List.of(), all(order));
        assertEquals(0, order.size());
        // a second emptied and used again
        order.add(10, 9);
        assertEquals(List.of("10:9"), all(order));
    }

    @Test
    void matchesAReferenceModelOverRandomChanges() {
        Random random = new Random(42);
        ExpiryOrder<Integer> order = new ExpiryOrder<>();
        Map<Integer, ExpiryOrder.Node<Integer>> nodes = new java.util.HashMap<>();
        TreeMap<Long, List<Integer>> model = new TreeMap<>();
        for (int step = 0; step < 20_000; step++) {
            int address = random.nextInt(500);
            ExpiryOrder.Node<Integer> old = nodes.remove(address);
            if (old != null) {
                order.remove(old);
                model.get(old.second).remove((Integer) address);
                if (model.get(old.second).isEmpty()) {
                    model.remove(old.second);
                }
            }
            if (random.nextInt(4) != 0) {
                long second = random.nextInt(300);
                nodes.put(address, order.add(second, address));
                model.computeIfAbsent(second, s -> new ArrayList<>()).add(address);
            }
        }
        List<String> expected = new ArrayList<>();
        model.forEach((s, list) -> list.forEach(a -> expected.add(s + ":" + a)));
        assertEquals(expected, all(order));
        assertEquals(expected.size(), order.size());
    }

    @Test
    void iterationWhileAnotherThreadMovesEntriesSeesEveryUntouchedEntryOnce() throws Exception {
        ExpiryOrder<Integer> order = new ExpiryOrder<>();
        // stable entries at even addresses, spread over many seconds; odd addresses keep moving
        for (int a = 0; a < 10_000; a += 2) {
            order.add(a / 10, a);
        }
        List<ExpiryOrder.Node<Integer>> moving = new ArrayList<>();
        for (int a = 1; a < 10_000; a += 2) {
            moving.add(order.add(a / 10, a));
        }
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Thread mover = new Thread(() -> {
            Random random = new Random(7);
            started.countDown();
            while (!stop.get()) {
                int i = random.nextInt(moving.size());
                ExpiryOrder.Node<Integer> n = moving.get(i);
                order.remove(n);
                moving.set(i, order.add(random.nextInt(1000), n.address));
            }
        });
        mover.start();
        started.await();
        try {
            for (int round = 0; round < 20; round++) {
                Set<Integer> seen = new HashSet<>();
                long last = Long.MIN_VALUE;
                for (Iterator<Map.Entry<Long, Integer>> it = order.iterator(); it.hasNext(); ) {
                    Map.Entry<Long, Integer> e = it.next();
                    if (e.getValue() % 2 == 0) {
                        assertTrue(seen.add(e.getValue()), "stable entry repeated: " + e);
                        assertTrue(e.getKey() >= last, "out of order: " + e + " after " + last);
                        last = e.getKey();
                    }
                }
                assertEquals(5_000, seen.size(), "every stable entry, once");
            }
        } finally {
            stop.set(true);
            mover.join();
        }
        assertFalse(mover.isAlive());
    }
}
