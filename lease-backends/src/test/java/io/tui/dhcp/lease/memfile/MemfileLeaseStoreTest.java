package io.tui.dhcp.lease.memfile;

import static io.tui.dhcp.lease.memfile.TestLeases.lease4;
import static io.tui.dhcp.lease.memfile.TestLeases.lease6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.Lease6;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemfileLeaseStoreTest {
    @TempDir
    Path dir;

    private Path name() {
        return dir.resolve("leases4.csv");
    }

    private MemfileLeaseStore<Lease4, Integer> open() throws Exception {
        return MemfileLeaseStore.open4(MemfileOptions.persistent(name()));
    }

    private Set<String> filesInDir() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void persistFalseWritesNothing() throws Exception {
        try (MemfileLeaseStore<Lease4, Integer> s = MemfileLeaseStore.open4(MemfileOptions.inMemory())) {
            assertTrue(s.write(lease4(1, "a")).isDone());
            assertTrue(s.delete(lease4(1, "a")).isDone());
            assertFalse(s.cleanup().get().merged());
            assertTrue(s.takeLoadedLeases().isEmpty());
            assertNull(s.files());
        }
        assertEquals(Set.of(), filesInDir());
    }

    @Test
    void writesDeletesAndReopens() throws Exception {
        try (MemfileLeaseStore<Lease4, Integer> s = open()) {
            assertTrue(s.takeLoadedLeases().isEmpty());
            CompletableFuture.allOf(s.write(lease4(1, "a")), s.write(lease4(2, "b")), s.write(lease4(3, "c")),
                    s.write(lease4(2, "b2")), s.delete(lease4(3, "c"))).get(10, TimeUnit.SECONDS);
        }
        try (MemfileLeaseStore<Lease4, Integer> s = open()) {
            Map<Integer, Lease4> m = s.takeLoadedLeases();
            assertEquals(Map.of(lease4(1, "").address(), lease4(1, "a"), lease4(2, "").address(), lease4(2, "b2")), m);
            assertTrue(s.takeLoadedLeases().isEmpty(), "handed over once");
            assertEquals(5, s.loadReport().rows());
        }
    }

    @Test
    void cleanupEndToEndWhileAppendersRun() throws Exception {
        Map<Integer, Lease4> expected = new HashMap<>();
        try (MemfileLeaseStore<Lease4, Integer> s = open()) {
            for (int i = 0; i < 2000; i++) {
                s.write(lease4(i, "v0"));
                expected.put(lease4(i, "").address(), lease4(i, "v0"));
            }
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            List<Map<Integer, Lease4>> last = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                last.add(new HashMap<>());
                writers.add(Thread.ofPlatform().start(() -> {
                    int round = 0;
                    while (!stop.get() || round < 3) {
                        round++;
                        // Each thread owns the addresses n % 4 == id, so per-address order is the thread's order.
                        for (int n = id; n < 2000; n += 4) {
                            Lease4 l = lease4(n, "t" + id + "r" + round);
                            if ((n + round) % 7 == 0) {
                                s.delete(l).join();
                                last.get(id).put(l.address(), null);
                            } else {
                                s.write(l).join();
                                last.get(id).put(l.address(), l);
                            }
                        }
                    }
                }));
            }
            List<CleanupReport> reports = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                reports.add(s.cleanup().get(60, TimeUnit.SECONDS));
            }
            stop.set(true);
            for (Thread w : writers) {
                w.join();
            }
            for (Map<Integer, Lease4> m : last) {
                m.forEach((k, v) -> {
                    if (v == null) {
                        expected.remove(k);
                    } else {
                        expected.put(k, v);
                    }
                });
            }
            assertTrue(reports.stream().allMatch(CleanupReport::rotated));
            assertTrue(reports.stream().allMatch(CleanupReport::merged));
            assertEquals(Set.of("leases4.csv", "leases4.csv.1"), filesInDir());
            // .1 holds each live lease once: no deletion rows, no duplicates.
            List<String> previous = Files.readAllLines(s.files().previous());
            assertEquals(reports.getLast().leasesWritten() + 1, previous.size());
            assertTrue(previous.stream().skip(1).noneMatch(line -> line.split(",")[3].equals("0")));
        }
        try (MemfileLeaseStore<Lease4, Integer> s = open()) {
            assertEquals(expected, s.takeLoadedLeases());
        }
    }

    @Test
    void cleanupOfAnIdleStoreKeepsEverything() throws Exception {
        try (MemfileLeaseStore<Lease4, Integer> s = open()) {
            s.write(lease4(1, "a")).join();
            s.cleanup().get();
            s.cleanup().get();
            CleanupReport third = s.cleanup().get();
            assertEquals(1, third.leasesWritten());
        }
        try (MemfileLeaseStore<Lease4, Integer> s = open()) {
            assertEquals(Map.of(lease4(1, "").address(), lease4(1, "a")), s.takeLoadedLeases());
        }
    }

    @Test
    void periodicCleanupRuns() throws Exception {
        try (MemfileLeaseStore<Lease4, Integer> s = MemfileLeaseStore.open4(
                MemfileOptions.persistent(name()).withLfcInterval(java.time.Duration.ofMillis(50)))) {
            s.write(lease4(1, "a")).join();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(s.files().previous()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(Files.exists(s.files().previous()));
            assertTrue(s.lastCleanup().get(30, TimeUnit.SECONDS).merged());
        }
    }

    // ---- Recovery from every state a crash during cleanup can leave. ----
    // History: .1 = {A1, B1, C1} (the last cleanup's result); .2 (rotated) = {A2, B deleted, D1};
    // current = {C deleted, E1, D2}. The truth is {A2, D2, E1}: B and C must not come back.

    private static final Lease4 A1 = lease4(1, "A1");
    private static final Lease4 A2 = lease4(1, "A2");
    private static final Lease4 B1 = lease4(2, "B1");
    private static final Lease4 C1 = lease4(3, "C1");
    private static final Lease4 D1 = lease4(4, "D1");
    private static final Lease4 D2 = lease4(4, "D2");
    private static final Lease4 E1 = lease4(5, "E1");

    private void writePrevious() throws Exception {
        TestLeases.writeRows4(dir.resolve("leases4.csv.1"), List.of(A1, B1, C1));
    }

    private void writeCopy() throws Exception {
        Lease4Codec codec = new Lease4Codec();
        TestLeases.writeRows4(dir.resolve("leases4.csv.2"), List.of(A2, codec.deletionOf(B1), D1));
    }

    private void writeCurrent() throws Exception {
        Lease4Codec codec = new Lease4Codec();
        TestLeases.writeRows4(name(), List.of(codec.deletionOf(C1), E1, D2));
    }

    private void writeCompleted() throws Exception {
        TestLeases.writeRows4(dir.resolve("leases4.csv.completed"), List.of(A2, C1, D1));
    }

    private void assertRecovers(Set<String> before, boolean withCurrent) throws Exception {
        assertEquals(before, filesInDir());
        Map<Integer, Lease4> truth = new HashMap<>();
        for (Lease4 l : withCurrent ? List.of(A2, D2, E1) : List.of(A2, C1, D1)) {
            truth.put(l.address(), l);
        }
        try (MemfileLeaseStore<Lease4, Integer> s = open()) {
            assertEquals(truth, s.takeLoadedLeases(), "loaded after crash with " + before);
            s.cleanup().get(30, TimeUnit.SECONDS);
            assertEquals(Set.of("leases4.csv", "leases4.csv.1"), filesInDir());
        }
        try (MemfileLeaseStore<Lease4, Integer> s = open()) {
            assertEquals(truth, s.takeLoadedLeases(), "after the next cleanup, from " + before);
        }
    }

    @Test
    void crashAfterRotationBeforeNewCurrentFile() throws Exception {
        writePrevious();
        writeCopy();
        assertRecovers(Set.of("leases4.csv.1", "leases4.csv.2"), false);
    }

    @Test
    void crashAfterRotationBeforeMerge() throws Exception {
        writePrevious();
        writeCopy();
        writeCurrent();
        Files.writeString(dir.resolve("leases4.csv.pid"), "2147483646\n"); // no such process
        assertRecovers(Set.of("leases4.csv", "leases4.csv.1", "leases4.csv.2", "leases4.csv.pid"), true);
    }

    @Test
    void crashDuringMerge() throws Exception {
        writePrevious();
        writeCopy();
        writeCurrent();
        Files.writeString(dir.resolve("leases4.csv.output"), new Lease4Codec().header(false)
                + "\n10.0.0.1,02:00:00:00:00:01,01:02:00:00:00:00:01,4000,1795336269,1,0,0,A2,0,\n10.0.0.");
        assertRecovers(Set.of("leases4.csv", "leases4.csv.1", "leases4.csv.2", "leases4.csv.output"), true);
    }

    @Test
    void crashAfterOutputBecameCompleted() throws Exception {
        writePrevious();
        writeCopy();
        writeCompleted();
        writeCurrent();
        assertRecovers(Set.of("leases4.csv", "leases4.csv.1", "leases4.csv.2", "leases4.csv.completed"), true);
    }

    @Test
    void crashAfterPreviousWasRemoved() throws Exception {
        writeCopy();
        writeCompleted();
        writeCurrent();
        assertRecovers(Set.of("leases4.csv", "leases4.csv.2", "leases4.csv.completed"), true);
    }

    @Test
    void crashAfterCopyWasRemoved() throws Exception {
        writeCompleted();
        writeCurrent();
        assertRecovers(Set.of("leases4.csv", "leases4.csv.completed"), true);
    }

    @Test
    void cleanStateAfterCompletion() throws Exception {
        TestLeases.writeRows4(dir.resolve("leases4.csv.1"), List.of(A2, C1, D1));
        writeCurrent();
        assertRecovers(Set.of("leases4.csv", "leases4.csv.1"), true);
    }

    @Test
    void refusesToLoadWhileAnotherProcessCleansUp() throws Exception {
        writeCurrent();
        // A live process named kea-lfc (a copy of sleep) holds the pid file.
        Path fakeLfc = dir.resolve("bin").resolve("kea-lfc");
        Files.createDirectories(fakeLfc.getParent());
        Files.copy(Path.of("/bin/sleep"), fakeLfc);
        fakeLfc.toFile().setExecutable(true);
        Process lfc = new ProcessBuilder(fakeLfc.toString(), "30").start();
        try {
            Files.writeString(dir.resolve("leases4.csv.pid"), lfc.pid() + "\n");
            LeaseFileException e = assertThrows(LeaseFileException.class, this::open);
            assertTrue(e.getMessage().contains(Long.toString(lfc.pid())), e.getMessage());
            assertTrue(Files.exists(dir.resolve("leases4.csv.pid")));
        } finally {
            lfc.destroyForcibly().waitFor();
        }
        Files.delete(fakeLfc);
        Files.delete(fakeLfc.getParent());
    }

    @Test
    void pidReusedByAnUnrelatedProgramIsStale() throws Exception {
        writeCurrent();
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(dir.resolve("leases4.csv.pid"), sleeper.pid() + "\n");
            try (MemfileLeaseStore<Lease4, Integer> s = open()) {
                assertEquals(2, s.takeLoadedLeases().size());
                assertTrue(s.recoveryActions().getFirst().contains("stale"), s.recoveryActions().toString());
            }
            assertFalse(Files.exists(dir.resolve("leases4.csv.pid")));
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
    }

    @Test
    void tooManyBadRowsFailTheOpen() throws Exception {
        Files.writeString(name(), new Lease4Codec().header(false) + "\nbad\nworse\n");
        assertThrows(LeaseFileException.class,
                () -> MemfileLeaseStore.open4(MemfileOptions.persistent(name()).withMaxRowErrors(1)));
        try (MemfileLeaseStore<Lease4, Integer> s =
                     MemfileLeaseStore.open4(MemfileOptions.persistent(name()).withMaxRowErrors(2))) {
            assertEquals(2, s.loadReport().errorCount());
        }
    }

    @Test
    void foreignHeaderIsMovedAsideNotAppendedTo() throws Exception {
        Files.writeString(name(), "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname\n"
                + "10.0.0.1,02:00:00:00:00:01,,4000,1795336269,1,0,0,old-schema\n");
        try (MemfileLeaseStore<Lease4, Integer> s = open()) {
            assertEquals("old-schema", s.takeLoadedLeases().get(A1.address()).hostname());
            s.write(B1).join();
            assertEquals(new Lease4Codec().header(false), Files.readAllLines(name()).getFirst());
            assertTrue(Files.exists(s.files().copy()));
        }
        try (MemfileLeaseStore<Lease4, Integer> s = open()) {
            assertEquals(Set.of(A1.address(), B1.address()), s.takeLoadedLeases().keySet());
            s.cleanup().get();
        }
        try (MemfileLeaseStore<Lease4, Integer> s = open()) {
            assertEquals(Set.of(A1.address(), B1.address()), s.takeLoadedLeases().keySet());
        }
    }

    @Test
    void appendsToAKea24FileKeepItsPoolIdColumn() throws Exception {
        Lease4Codec codec = new Lease4Codec();
        Files.writeString(name(), codec.header(true) + "\n10.0.0.1,02:00:00:00:00:01,,4000,1795336269,1,0,0,p,0,,7\n");
        Lease4 withPool = new Lease4(B1.address(), B1.hwAddress(), B1.clientId(), 4000, 1795336269L, 1, false, false,
                "q", B1.state(), "", 9);
        try (MemfileLeaseStore<Lease4, Integer> s = open()) {
            assertEquals(7, s.takeLoadedLeases().get(A1.address()).poolId());
            s.write(withPool).join();
        }
        try (MemfileLeaseStore<Lease4, Integer> s = open()) {
            assertEquals(withPool, s.takeLoadedLeases().get(B1.address()));
        }
    }

    @Test
    void dhcpv6StoreRoundTrip() throws Exception {
        Path f = dir.resolve("leases6.csv");
        try (MemfileLeaseStore<Lease6, Ip6Address> s = MemfileLeaseStore.open6(MemfileOptions.persistent(f))) {
            for (int i = 0; i < 100; i++) {
                s.write(lease6(i, "h" + i + ",x"));
            }
            s.delete(lease6(5, "")).join();
            s.cleanup().get();
            s.write(lease6(6, "new")).join();
        }
        try (MemfileLeaseStore<Lease6, Ip6Address> s = MemfileLeaseStore.open6(MemfileOptions.persistent(f))) {
            Map<Ip6Address, Lease6> m = s.takeLoadedLeases();
            assertEquals(99, m.size());
            assertEquals(lease6(6, "new"), m.get(lease6(6, "").address()));
            assertEquals(lease6(7, "h7,x"), m.get(lease6(7, "").address()));
            assertFalse(m.containsKey(lease6(5, "").address()));
        }
    }
}
