package io.tui.dhcp.lease.memfile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Lease file cleanup (LFC) as Kea does it, in process.
 *
 * <ol>
 *   <li>Unless {@code .completed} or {@code .2} exists (an earlier cleanup was interrupted), the server moves the
 *       current file to {@code .2} and starts a new current file; appenders go on writing to the new file.</li>
 *   <li>The pid file {@code .pid} is written, so that another process (kea-lfc, or Kea or Tui starting up) sees a
 *       cleanup in progress.</li>
 *   <li>Unless {@code .completed} exists: {@code .1} (if any) and {@code .2} are replayed (last row per address wins,
 *       deletions drop the lease; expired and expired-reclaimed leases are kept, as kea-lfc keeps them) and the live
 *       leases are written to {@code .output}, which is forced to disk and renamed to {@code .completed}.</li>
 *   <li>{@code .1} and {@code .2} are removed and {@code .completed} is renamed to {@code .1}.</li>
 *   <li>The pid file is removed.</li>
 * </ol>
 * Every rename is atomic, and at every point the files loaded by {@link LeaseFiles#loadOrder()} hold every lease
 * exactly once in its newest form: a crash leaves either {@code .1}+{@code .2} (merge not finished) or
 * {@code .completed} (which replaces them) beside the current file. The output is always forced to disk before its
 * rename, whatever the fsync option, since losing it after {@code .1} and {@code .2} are gone would lose leases.
 *
 * @param <L> the lease type
 * @param <K> the key type
 */
public final class LeaseFileCleanup<L, K> {
    private final LeaseFiles files;
    private final LeaseCodec<L, K> codec;
    private final long maxRowErrors;
    private final boolean withPoolId;

    /**
     * @param maxRowErrors bad rows tolerated per input file (0 = unlimited); bad rows are dropped, as kea-lfc does
     * @param withPoolId   whether the output carries Kea 2.4+'s pool_id column
     */
    public LeaseFileCleanup(LeaseFiles files, LeaseCodec<L, K> codec, long maxRowErrors, boolean withPoolId) {
        this.files = files;
        this.codec = codec;
        this.maxRowErrors = maxRowErrors;
        this.withPoolId = withPoolId;
    }

    /**
     * Runs one cleanup.
     *
     * @param rotate moves the current file to {@code .2} and opens a new one (the appender's job); {@code null} to
     *               clean up the files as they are, as kea-lfc run by hand does
     */
    public CleanupReport run(Supplier<CompletableFuture<Void>> rotate) throws IOException, LeaseFileException {
        long start = System.nanoTime();
        boolean rotated = false;
        if (rotate != null && !Files.exists(files.finish()) && !Files.exists(files.copy())) {
            try {
                rotate.get().join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw e;
            }
            rotated = true;
        }
        files.writePid();
        try {
            boolean merged = false;
            long written = 0;
            LoadReport input = LoadReport.empty();
            if (!Files.exists(files.finish())) {
                Map<K, L> live = new LinkedHashMap<>();
                input = new LeaseFileLoader<>(codec, maxRowErrors).load(List.of(files.previous(), files.copy()), live);
                written = write(files.output(), live);
                Files.move(files.output(), files.finish(), StandardCopyOption.ATOMIC_MOVE);
                merged = true;
            }
            files.finishCleanup(true);
            return new CleanupReport(rotated, merged, written, input, Duration.ofNanos(System.nanoTime() - start));
        } finally {
            Files.deleteIfExists(files.pid());
        }
    }

    private long write(Path output, Map<K, L> leases) throws IOException {
        try (FileChannel ch = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             BufferedWriter out = new BufferedWriter(
                     new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8), 1 << 16)) {
            out.write(codec.header(withPoolId));
            out.write('\n');
            StringBuilder sb = new StringBuilder(256);
            for (L lease : leases.values()) {
                sb.setLength(0);
                codec.encode(lease, withPoolId, sb);
                sb.append('\n');
                out.append(sb);
            }
            out.flush();
            ch.force(false);
        }
        return leases.size();
    }
}
