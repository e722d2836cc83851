package io.tui.dhcp.lease.memfile;

import static io.tui.dhcp.lease.memfile.TestLeases.lease4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.lease.Lease4;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseFileAppenderTest {
    @TempDir
    Path dir;

    private LeaseFileAppender<Lease4> open(Path file, boolean fsync) throws Exception {
        return new LeaseFileAppender<>(file, new Lease4Codec(), false, fsync, Thread.ofPlatform().factory());
    }

    @Test
    void newFileGetsTheKea22Header() throws Exception {
        Path f = dir.resolve("leases4.csv");
        try (LeaseFileAppender<Lease4> a = open(f, false)) {
            a.append(lease4(1, "one")).get(10, TimeUnit.SECONDS);
            // The row is in the file (the OS) as soon as the future completes, before close.
            List<String> lines = Files.readAllLines(f);
            assertEquals(new Lease4Codec().header(false), lines.get(0));
            assertEquals(2, lines.size());
        }
    }

    @Test
    void groupCommitUnderManyThreadsLosesAndInterleavesNothing() throws Exception {
        for (boolean fsync : new boolean[] {false, true}) {
            Path f = dir.resolve("leases4-" + fsync + ".csv");
            int threads = 16;
            int perThread = fsync ? 300 : 2000;
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            long rows;
            long batches;
            try (LeaseFileAppender<Lease4> a = open(f, fsync)) {
                for (int t = 0; t < threads; t++) {
                    int base = t * perThread;
                    workers.add(Thread.ofPlatform().start(() -> {
                        try {
                            go.await();
                            List<CompletableFuture<Void>> mine = new ArrayList<>();
                            // as a packet thread does: rows held over a batch of 50, written when it is released
                            a.hold();
                            for (int i = 0; i < perThread; i++) {
                                // Long, comma-laden hostnames make torn or interleaved rows visible to the parser.
                                mine.add(a.append(lease4(base + i, "host-" + (base + i) + ",a&b," + "z".repeat(i % 97))));
                                if (i % 50 == 49) {
                                    a.release();
                                    mine.getLast().get(10, TimeUnit.SECONDS);
                                    a.hold();
                                }
                            }
                            a.release();
                            CompletableFuture.allOf(mine.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                        } catch (InterruptedException | ExecutionException | java.util.concurrent.TimeoutException e) {
                            failures.add(e);
                        }
                    }));
                }
                go.countDown();
                for (Thread w : workers) {
                    w.join();
                }
                rows = a.rowsWritten();
                batches = a.batchesWritten();
            }
            assertEquals(List.of(), failures);
            assertEquals((long) threads * perThread, rows);
            assertTrue(batches < rows, "rows were grouped: " + rows + " rows in " + batches + " writes");
            Map<Integer, Lease4> back = TestLeases.load4(f);
            assertEquals(threads * perThread, back.size());
            for (int n = 0; n < threads * perThread; n++) {
                Lease4 l = back.get(lease4(n, "").address());
                assertEquals("host-" + n + ",a&b," + "z".repeat((n % perThread) % 97), l.hostname());
            }
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            assertEquals(threads * perThread + 1, lines.size());
            Set<String> unique = new HashSet<>(lines);
            assertEquals(lines.size(), unique.size());
        }
    }

    @Test
    void heldRowsWaitForReleaseAndCompleteOnTheReleasingThread() throws Exception {
        Path f = dir.resolve("held.csv");
        try (LeaseFileAppender<Lease4> a = open(f, false)) {
            a.hold();
            CompletableFuture<Void> one = a.append(lease4(1, "one"));
            CompletableFuture<Void> two = a.append(lease4(2, "two"));
            Thread[] completedOn = new Thread[1];
            two.thenRun(() -> completedOn[0] = Thread.currentThread());
            assertFalse(one.isDone());
            assertEquals(1, Files.readAllLines(f).size(), "only the header before the release");
            long batches = a.batchesWritten();
            a.release();
            assertTrue(one.isDone() && two.isDone());
            assertEquals(batches + 1, a.batchesWritten(), "both rows in one write");
            assertEquals(Thread.currentThread(), completedOn[0]);
            assertEquals(3, Files.readAllLines(f).size());
            // not holding any more: written at once
            a.append(lease4(3, "three")).get(0, TimeUnit.SECONDS);
        }
    }

    @Test
    void aThreadThatDoesNotHoldWritesTheRowsHeldBeforeItsOwn() throws Exception {
        // a packet thread holds the ACK's row of an address; a control command deletes that lease meanwhile: the
        // file must say ACK then delete, in that order, as the index did
        Path f = dir.resolve("order-held.csv");
        try (LeaseFileAppender<Lease4> a = open(f, false)) {
            a.hold();
            CompletableFuture<Void> ack = a.append(lease4(5, "ack"));
            CompletableFuture<Void> deleted = CompletableFuture.supplyAsync(
                    () -> a.append(new Lease4Codec().deletionOf(lease4(5, "ack"))), Thread::startVirtualThread)
                    .get(10, TimeUnit.SECONDS);
            deleted.get(10, TimeUnit.SECONDS);
            assertTrue(ack.isDone(), "written with the command's row");
            a.release();
        }
        List<String> lines = Files.readAllLines(f);
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).contains(",ack,"), lines.get(1));
        assertFalse(TestLeases.load4(f).containsKey(lease4(5, "").address()), "the delete row is last");
    }

    @Test
    void rowsOfOneThreadKeepTheirOrder() throws Exception {
        Path f = dir.resolve("order.csv");
        try (LeaseFileAppender<Lease4> a = open(f, false)) {
            for (int i = 0; i < 1000; i++) {
                a.append(lease4(7, "v" + i));
            }
        }
        assertEquals("v999", TestLeases.load4(f).get(lease4(7, "").address()).hostname());
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < 1000; i++) {
            assertTrue(lines.get(i + 1).contains(",v" + i + ","), lines.get(i + 1));
        }
    }

    @Test
    void appendAfterCloseFails() throws Exception {
        Path f = dir.resolve("closed.csv");
        LeaseFileAppender<Lease4> a = open(f, false);
        a.close();
        CompletableFuture<Void> late = a.append(lease4(1, ""));
        assertThrows(ExecutionException.class, () -> late.get(5, TimeUnit.SECONDS));
    }

    @Test
    void reopeningAppendsAndRepairsATornLastLine() throws Exception {
        Path f = dir.resolve("torn.csv");
        try (LeaseFileAppender<Lease4> a = open(f, false)) {
            a.append(lease4(1, "one")).join();
        }
        Files.writeString(f, "10.0.0.2,02:00:00", java.nio.file.StandardOpenOption.APPEND);
        try (LeaseFileAppender<Lease4> a = open(f, false)) {
            a.append(lease4(3, "three")).join();
        }
        List<String> lines = Files.readAllLines(f);
        assertEquals(4, lines.size());
        assertEquals("10.0.0.2,02:00:00", lines.get(2));
        Map<Integer, Lease4> back = TestLeases.load4(f);
        assertEquals(Set.of(lease4(1, "").address(), lease4(3, "").address()), back.keySet());
        assertEquals(1, new LeaseFileLoader<>(new Lease4Codec(), 0)
                .load(List.of(f), new java.util.HashMap<>()).errorCount());
    }

    @Test
    void rotationMovesTheFileBetweenBatches() throws Exception {
        Path f = dir.resolve("rot.csv");
        Path moved = dir.resolve("rot.csv.2");
        try (LeaseFileAppender<Lease4> a = open(f, false)) {
            CompletableFuture<Void> before = a.append(lease4(1, "before"));
            CompletableFuture<Void> rotated = a.rotateTo(moved);
            CompletableFuture<Void> after = a.append(lease4(2, "after"));
            CompletableFuture.allOf(before, rotated, after).get(10, TimeUnit.SECONDS);
        }
        assertEquals(Set.of(lease4(1, "").address()), TestLeases.load4(moved).keySet());
        assertEquals(Set.of(lease4(2, "").address()), TestLeases.load4(f).keySet());
        assertEquals(new Lease4Codec().header(false), Files.readAllLines(f).getFirst());
    }
}
