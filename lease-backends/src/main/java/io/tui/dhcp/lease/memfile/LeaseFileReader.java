package io.tui.dhcp.lease.memfile;

import io.tui.dhcp.core.wire.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the rows of one lease file to a callback, one reused line buffer, no string per field.
 *
 * <p>The first line is the header and decides the column order ({@link CsvLayout}); an unreadable header makes the
 * file unusable. Blank lines are skipped (as Kea 2.2 does). A bad row is counted and reported with its line number;
 * once the count exceeds {@code maxRowErrors} (0 = unlimited, as Kea's max-row-errors) reading stops with a
 * {@link LeaseFileException}. Lines longer than {@link #MAX_LINE} bytes are bad rows and are skipped without being
 * held in memory.
 *
 * @param <L> the lease type
 */
public final class LeaseFileReader<L> {
    /** The longest line accepted, in bytes. */
    public static final int MAX_LINE = 1 << 20;
    /** How many bad rows a report lists in detail (all are counted). */
    public static final int MAX_REPORTED_ERRORS = 100;

    /** Receives each lease read, in file order. */
    @FunctionalInterface
    public interface Sink<L> {
        void accept(L lease);
    }

    private final LeaseCodec<L, ?> codec;
    private final long maxRowErrors;

    public LeaseFileReader(LeaseCodec<L, ?> codec, long maxRowErrors) {
        if (maxRowErrors < 0) {
            throw new IllegalArgumentException("maxRowErrors < 0");
        }
        this.codec = codec;
        this.maxRowErrors = maxRowErrors;
    }

    /** Reads {@code file}, passing every good row to {@code sink}. */
    public FileReport read(Path file, Sink<L> sink) throws IOException, LeaseFileException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Pass(file, sink).run(in);
        }
    }

    private final class Pass {
        private final Path file;
        private final Sink<L> sink;
        private final CsvRow row = new CsvRow();
        private final List<RowError> errors = new ArrayList<>();
        private CsvLayout layout;
        private long line;
        private long rows;
        private long deletions;
        private long errorCount;

        Pass(Path file, Sink<L> sink) {
            this.file = file;
            this.sink = sink;
        }

        FileReport run(InputStream in) throws IOException, LeaseFileException {
            byte[] buf = new byte[256 * 1024];
            int len = 0;
            int scan = 0;
            boolean skipping = false;
            boolean endsWithNewline = true;
            while (true) {
                int n = in.read(buf, len, buf.length - len);
                if (n < 0) {
                    if (len > 0) {
                        endsWithNewline = false;
                        if (skipping) {
                            line++;
                        } else {
                            line(buf, 0, len);
                        }
                    }
                    break;
                }
                len += n;
                int start = 0;
                for (int i = scan; i < len; i++) {
                    if (buf[i] == '\n') {
                        if (skipping) {
                            skipping = false;
                            line++;
                        } else {
                            line(buf, start, i);
                        }
                        start = i + 1;
                    }
                }
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, len - start);
                    len -= start;
                }
                scan = len;
                if (len > MAX_LINE) {
                    if (!skipping) {
                        error(line + 1, "line longer than " + MAX_LINE + " bytes");
                    }
                    skipping = true;
                    len = 0;
                    scan = 0;
                } else if (len == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
            }
            return new FileReport(file, layout == null ? "" : layout.header(), rows, deletions, errorCount, errors,
                    endsWithNewline);
        }

        private void line(byte[] buf, int from, int to) throws LeaseFileException {
            line++;
            if (to > from && buf[to - 1] == '\r') {
                to--;
            }
            if (to == from) {
                return;
            }
            if (layout == null) {
                String header = new String(buf, from, to - from, StandardCharsets.UTF_8);
                try {
                    layout = codec.layout(header);
                } catch (ParseException e) {
                    throw new LeaseFileException("lease file " + file + " has no usable header: " + e.getMessage());
                }
                return;
            }
            L lease;
            try {
                row.split(buf, from, to);
                lease = codec.decode(row, layout);
            } catch (ParseException | RuntimeException e) {
                error(line, e.getMessage());
                return;
            }
            rows++;
            if (codec.isDeletion(lease)) {
                deletions++;
            }
            sink.accept(lease);
        }

        private void error(long at, String message) throws LeaseFileException {
            errorCount++;
            RowError error = new RowError(file, at, message);
            if (errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(error);
            }
            if (maxRowErrors > 0 && errorCount > maxRowErrors) {
                throw new LeaseFileException("lease file " + file + ": " + errorCount
                        + " bad rows exceed max-row-errors " + maxRowErrors + "; first: " + errors.getFirst()
                        + (errors.size() > 1 ? "; last: " + error : ""));
            }
        }
    }
}
