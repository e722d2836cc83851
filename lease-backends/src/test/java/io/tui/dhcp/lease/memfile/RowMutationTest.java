package io.tui.dhcp.lease.memfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.wire.ParseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input ends in a ParseException (or a counted bad row), never in an unchecked exception: Kea-written rows
 * mutated at random (fixed seed) must decode or fail cleanly, and a file of such rows must load.
 */
class RowMutationTest {
    private static final byte[] ALPHABET = ",:.&#x0123456789abcdefABCDEF-\r\n{}\"[] z\u00ff".getBytes(
            StandardCharsets.ISO_8859_1);

    @TempDir
    Path dir;

    private static <L> int mutate(LeaseCodec<L, ?> codec, String header, List<String> rows, long seed)
            throws ParseException {
        CsvLayout layout = codec.layout(header);
        Random random = new Random(seed);
        int decoded = 0;
        CsvRow row = new CsvRow();
        for (int i = 0; i < 100_000; i++) {
            byte[] b = rows.get(random.nextInt(rows.size())).getBytes(StandardCharsets.UTF_8);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(b.length);
                switch (random.nextInt(3)) {
                    case 0 -> b[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                    case 1 -> b = java.util.Arrays.copyOf(b, at); // truncate
                    default -> {
                        byte[] longer = new byte[b.length + 1];
                        System.arraycopy(b, 0, longer, 0, at);
                        longer[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                        System.arraycopy(b, at, longer, at + 1, b.length - at);
                        b = longer;
                    }
                }
                if (b.length == 0) {
                    b = new byte[] {','};
                }
            }
            try {
                row.split(b, 0, b.length);
                codec.decode(row, layout);
                decoded++;
            } catch (ParseException expected) {
                // the only allowed failure
            }
        }
        return decoded;
    }

    @Test
    void mutatedKeaRowsFailOnlyWithParseException() throws Exception {
        Path res = Path.of(getClass().getResource("/kea22/leases4.csv").toURI()).getParent();
        List<String> v4 = Files.readAllLines(res.resolve("leases4.csv"));
        List<String> v6 = Files.readAllLines(res.resolve("leases6.csv"));
        int ok4 = mutate(new Lease4Codec(), v4.getFirst(), v4.subList(1, v4.size()), 4);
        int ok6 = mutate(new Lease6Codec(), v6.getFirst(), v6.subList(1, v6.size()), 6);
        // Some mutations (a hostname byte, a hex digit) still give valid rows; most do not.
        assertTrue(ok4 > 1000 && ok4 < 100_000, "v4 decoded " + ok4);
        assertTrue(ok6 > 1000 && ok6 < 100_000, "v6 decoded " + ok6);
    }

    @Test
    void randomBytesLoadAsCountedBadRows() throws Exception {
        Random random = new Random(42);
        byte[] junk = new byte[1 << 20];
        random.nextBytes(junk);
        Path f = dir.resolve("junk.csv");
        Files.write(f, (new Lease4Codec().header(false) + "\n").getBytes(StandardCharsets.US_ASCII));
        Files.write(f, junk, java.nio.file.StandardOpenOption.APPEND);
        LoadReport r = new LeaseFileLoader<>(new Lease4Codec(), 0).load(List.of(f), new HashMap<>());
        long newlines = 0;
        for (byte b : junk) {
            if (b == '\n') {
                newlines++;
            }
        }
        assertEquals(0, r.rows());
        assertTrue(r.errorCount() > newlines / 2, r.errorCount() + " bad rows of about " + newlines);
    }
}
