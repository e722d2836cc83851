package io.tui.dhcp.lease.memfile;

import static io.tui.dhcp.lease.memfile.TestLeases.lease4;
import static io.tui.dhcp.lease.memfile.TestLeases.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.lease.Lease4;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseFileLoaderTest {
    private static final String H4 =
            "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context";

    @TempDir
    Path dir;

    private Path file(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return p;
    }

    private LoadReport load(long maxErrors, Map<Integer, Lease4> into, Path... files)
            throws IOException, LeaseFileException {
        return new LeaseFileLoader<>(new Lease4Codec(), maxErrors).load(List.of(files), into);
    }

    @Test
    void lastRowWinsAndDeletionsRemove() throws Exception {
        Path f = file("l4",
                H4,
                "192.0.2.1,01:02:03:04:05:06,,4000,1000,1,0,0,first,0,",
                "192.0.2.2,01:02:03:04:05:07,,4000,1000,1,0,0,two,0,",
                "192.0.2.1,01:02:03:04:05:06,,4000,2000,1,0,0,second,0,",
                "192.0.2.2,01:02:03:04:05:07,,0,1000,1,0,0,two,0,",
                "192.0.2.3,01:02:03:04:05:08,,4000,1000,1,0,0,reclaimed,2,",
                "192.0.2.4,01:02:03:04:05:09,,0,1000,1,0,0,deleted-before-added,0,",
                "192.0.2.5,01:02:03:04:05:0a,,4000,1000,1,0,0,gone,0,",
                "192.0.2.5,01:02:03:04:05:0a,,0,1000,1,0,0,gone,0,",
                "192.0.2.5,01:02:03:04:05:0b,,4000,3000,1,0,0,back,0,");
        Map<Integer, Lease4> m = new HashMap<>();
        LoadReport r = load(0, m, f);
        assertEquals(3, m.size(), m.toString());
        assertEquals("second", m.get(v4("192.0.2.1")).hostname());
        assertFalse(m.containsKey(v4("192.0.2.2")));
        assertEquals("reclaimed", m.get(v4("192.0.2.3")).hostname(), "expired-reclaimed leases stay");
        assertFalse(m.containsKey(v4("192.0.2.4")));
        assertEquals("back", m.get(v4("192.0.2.5")).hostname());
        assertEquals(9, r.rows());
        assertEquals(3, r.files().getFirst().deletions());
        assertEquals(3, r.liveLeases());
        assertEquals(0, r.errorCount());
    }

    @Test
    void laterFilesOverrideEarlierOnes() throws Exception {
        Path one = file("l4.1", H4, "192.0.2.1,01:02:03:04:05:06,,4000,1000,1,0,0,old,0,",
                "192.0.2.2,01:02:03:04:05:07,,4000,1000,1,0,0,kept,0,");
        Path two = file("l4.2", H4, "192.0.2.1,01:02:03:04:05:06,,4000,2000,1,0,0,new,0,");
        Path cur = file("l4", H4, "192.0.2.2,01:02:03:04:05:07,,0,1000,1,0,0,kept,0,");
        Map<Integer, Lease4> m = new HashMap<>();
        LoadReport r = load(0, m, one, two, cur, dir.resolve("missing"));
        assertEquals(3, r.files().size(), "missing files are skipped");
        assertEquals(1, m.size());
        assertEquals("new", m.get(v4("192.0.2.1")).hostname());
    }

    @Test
    void badRowsAreCountedWithLineNumbers() throws Exception {
        Path f = file("l4",
                H4,
                "192.0.2.1,01:02:03:04:05:06,,4000,1000,1,0,0,ok,0,",
                "garbage",
                "",
                "192.0.2.2,01:02:03:04:05:06,,4000,1000,1,0,0,ok,7,",
                "192.0.2.3,01:02:03:04:05:06,,4000,1000,1,0,0,ok,0,");
        Map<Integer, Lease4> m = new HashMap<>();
        LoadReport r = load(0, m, f);
        assertEquals(2, m.size());
        FileReport fr = r.files().getFirst();
        assertEquals(2, fr.errorCount());
        assertEquals(3, fr.errors().get(0).line());
        assertEquals(5, fr.errors().get(1).line(), "blank lines count as lines");
        assertTrue(fr.errors().get(1).message().contains("state"), fr.errors().get(1).message());
    }

    @Test
    void maxRowErrorsFailsOnlyWhenExceededAsKea() throws Exception {
        // Kea 2.2 with max-row-errors 2 starts on a file with two bad rows and refuses with 1.
        Path f = file("l4", H4, "bad1", "192.0.2.1,01:02:03:04:05:06,,4000,1000,1,0,0,ok,0,", "bad2");
        assertEquals(2, load(2, new HashMap<>(), f).errorCount());
        assertEquals(2, load(0, new HashMap<>(), f).errorCount(), "0 means unlimited");
        LeaseFileException e = assertThrows(LeaseFileException.class, () -> load(1, new HashMap<>(), f));
        assertTrue(e.getMessage().contains("max-row-errors 1"), e.getMessage());
        assertTrue(e.getMessage().contains(":2:"), "names the first bad line: " + e.getMessage());
    }

    @Test
    void unusableHeaderFailsTheLoad() throws Exception {
        Path f = file("l4", "address,hwaddr,valid_lifetime", "192.0.2.1,01:02,4000");
        LeaseFileException e = assertThrows(LeaseFileException.class, () -> load(0, new HashMap<>(), f));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    @Test
    void emptyFileAndHeaderOnlyFileHoldNoLeases() throws Exception {
        Path empty = dir.resolve("empty");
        Files.createFile(empty);
        Path header = file("header", H4);
        Map<Integer, Lease4> m = new HashMap<>();
        LoadReport r = load(0, m, empty, header);
        assertEquals(0, m.size());
        assertEquals("", r.files().get(0).header());
        assertEquals(H4, r.files().get(1).header());
    }

    @Test
    void crlfLineEndsAndUnterminatedLastLine() throws Exception {
        Path f = dir.resolve("crlf");
        Files.writeString(f, H4 + "\r\n192.0.2.1,01:02:03:04:05:06,,4000,1000,1,0,0,a,0,\r\n"
                + "192.0.2.2,01:02:03:04:05:06,,4000,1000,1,0,0,b,0,");
        Map<Integer, Lease4> m = new HashMap<>();
        LoadReport r = load(0, m, f);
        assertEquals(2, m.size());
        assertEquals("a", m.get(v4("192.0.2.1")).hostname());
        assertFalse(r.files().getFirst().endsWithNewline());
    }

    @Test
    void tornLastRowIsABadRow() throws Exception {
        Path f = dir.resolve("torn");
        Files.writeString(f, H4 + "\n192.0.2.1,01:02:03:04:05:06,,4000,1000,1,0,0,a,0,\n192.0.2.2,01:02:03:0");
        Map<Integer, Lease4> m = new HashMap<>();
        LoadReport r = load(0, m, f);
        assertEquals(1, m.size());
        assertEquals(1, r.errorCount());
        assertEquals(3, r.files().getFirst().errors().getFirst().line());
    }

    @Test
    void overlongLineIsSkippedWithoutBeingHeld() throws Exception {
        Path f = dir.resolve("long");
        String huge = "192.0.2.9,01:02:03:04:05:06,,4000,1000,1,0,0," + "x".repeat(3 * LeaseFileReader.MAX_LINE)
                + ",0,";
        Files.writeString(f, H4 + "\n" + huge + "\n192.0.2.1,01:02:03:04:05:06,,4000,1000,1,0,0,a,0,\n");
        Map<Integer, Lease4> m = new HashMap<>();
        LoadReport r = load(0, m, f);
        assertEquals(1, m.size());
        assertEquals(1, r.errorCount());
        assertEquals(2, r.files().getFirst().errors().getFirst().line());
        assertTrue(m.containsKey(v4("192.0.2.1")));
    }

    @Test
    void manyRowsAcrossBufferBoundaries() throws Exception {
        Path f = dir.resolve("many");
        List<Lease4> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            rows.add(lease4(i, i % 3 == 0 ? "host-" + i + ",x" : ""));
        }
        TestLeases.writeRows4(f, rows);
        Map<Integer, Lease4> m = new HashMap<>();
        load(0, m, f);
        assertEquals(20_000, m.size());
        for (Lease4 l : rows) {
            assertEquals(l, m.get(l.address()));
        }
    }
}
