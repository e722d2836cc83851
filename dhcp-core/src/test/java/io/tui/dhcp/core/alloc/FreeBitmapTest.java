package io.tui.dhcp.core.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FreeBitmapTest {

    /** Random claims and releases against a BitSet model; nextFree must always find the model's next free bit. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 63, 64, 65, 130, 4095, 4096, 4097, 65536, 262145})
    void matchesModel(int size) {
        FreeBitmap bitmap = new FreeBitmap(size, Probe.NONE);
        BitSet free = new BitSet(size);
        free.set(0, size);
        Random random = new Random(size);
        for (int op = 0; op < 20_000; op++) {
            int slot = random.nextInt(size);
            if (random.nextInt(3) > 0) {
                assertEquals(free.get(slot), bitmap.claim(slot));
                free.clear(slot);
            } else {
                assertEquals(!free.get(slot), bitmap.release(slot));
                free.set(slot);
            }
            int from = random.nextInt(size);
            int expected = free.nextSetBit(from);
            if (expected < 0) {
                expected = free.nextSetBit(0);
            }
            assertEquals(expected, bitmap.nextFree(from), "size " + size + " op " + op + " from " + from);
        }
    }

    @Test
    void fillsUpAndEmpties() {
        int size = 70_000;
        FreeBitmap bitmap = new FreeBitmap(size, Probe.NONE);
        for (int i = 0; i < size; i++) {
            assertEquals(i, bitmap.claimNext(0));
        }
        assertEquals(-1, bitmap.claimNext(0));
        assertEquals(-1, bitmap.nextFree(12345));
        assertTrue(bitmap.release(69_999));
        assertEquals(69_999, bitmap.nextFree(3));
        assertFalse(bitmap.release(69_999));
        assertTrue(bitmap.claim(69_999));
        assertFalse(bitmap.claim(69_999));
        assertEquals(-1, bitmap.nextFree(0));
    }

    /** Threads claim until the bitmap is full while others release and re-claim: every slot is owned once. */
    @Test
    void concurrentClaimsNeverShareASlot() throws Exception {
        int size = 1 << 16;
        FreeBitmap bitmap = new FreeBitmap(size, Probe.NONE);
        int threads = 8;
        ConcurrentLinkedQueue<Integer> claimed = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int seed = t;
            workers[t] = Thread.ofPlatform().start(() -> {
                Random random = new Random(seed);
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (true) {
                    int slot = bitmap.claimNext(random.nextInt(size));
                    if (slot < 0) {
                        return;
                    }
                    if (random.nextInt(10) == 0) {
                        bitmap.release(slot); // give it back; someone (maybe us) claims it again
                    } else {
                        claimed.add(slot);
                    }
                }
            });
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        BitSet seen = new BitSet(size);
        for (int slot : claimed) {
            assertFalse(seen.get(slot), "slot " + slot + " claimed twice");
            seen.set(slot);
        }
        assertEquals(size, seen.cardinality());
        assertEquals(-1, bitmap.nextFree(0));
    }
}
