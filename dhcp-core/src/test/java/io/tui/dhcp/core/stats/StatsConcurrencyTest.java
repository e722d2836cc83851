package io.tui.dhcp.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StatsConcurrencyTest {

    private final StatsRegistry stats = StatsRegistry.system();

    @Test
    void manyThreadsIncrementingWhileReadersObserveLoseNothing() throws Exception {
        int threads = 4;
        int perThread = 250_000;
        Statistic shared = stats.counter("pkt4-received");
        List<Statistic> own = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            own.add(stats.counter(StatNames.subnet(t + 1, "assigned-addresses")));
        }
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Statistic mine = own.get(t);
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        shared.increment();
                        mine.increment();
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }));
        }
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                start.await();
                while (workers.stream().anyMatch(Thread::isAlive)) {
                    JsonNode samples = stats.get("pkt4-received").get("pkt4-received");
                    if (samples != null) {
                        // Only increments: newest first means values never grow down the list.
                        long prev = Long.MAX_VALUE;
                        for (JsonNode s : samples) {
                            long v = s.get(0).asLong();
                            if (v > prev) {
                                throw new AssertionError("not newest first: " + samples);
                            }
                            prev = v;
                        }
                        if (samples.size() > 20) {
                            throw new AssertionError("over the count limit: " + samples.size());
                        }
                    }
                    stats.sample();
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        reader.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(new StatValue.IntegerValue((long) threads * perThread), shared.value());
        assertEquals((long) threads * perThread,
                stats.get("pkt4-received").get("pkt4-received").get(0).get(0).asLong());
        for (Statistic s : own) {
            assertEquals(new StatValue.IntegerValue(perThread), s.value());
        }
    }

    @Test
    void resetRacingIncrementsKeepsTheCountConsistent() throws Exception {
        Statistic c = stats.counter("c");
        int n = 200_000;
        Thread w = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < n; i++) {
                c.increment();
            }
        });
        while (w.isAlive()) {
            stats.reset("c");
        }
        w.join();
        stats.reset("c");
        for (int i = 0; i < 5; i++) {
            c.increment();
        }
        assertEquals(new StatValue.IntegerValue(5), c.value());
    }

    @Test
    void incrementOnAnExistingHandleAllocatesNothing() {
        Statistic c = stats.counter("pkt4-received");
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        for (int i = 0; i < 200_000; i++) {
            c.increment();
        }
        threads.getThreadAllocatedBytes(id);
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 1_000_000; i++) {
            c.increment();
            c.add(2);
            c.decrement();
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        // A million rounds allocating even one object each would be tens of megabytes.
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes");
        assertEquals(new StatValue.IntegerValue(200_000 + 2_000_000), c.value());
    }
}
