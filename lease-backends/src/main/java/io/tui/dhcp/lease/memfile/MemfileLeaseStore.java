package io.tui.dhcp.lease.memfile;

import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.Lease6;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The file side of Kea's memfile lease database for one family: recovery and loading at open, an appender for every
 * change, and lease file cleanup on a background thread. The in-memory index lives elsewhere: it takes the loaded
 * leases with {@link #takeLoadedLeases()} and calls {@link #write}/{@link #delete} for every change.
 *
 * <p>Opening (persist on): {@link LeaseFiles#recover} repairs what a crash left behind, the files are replayed in
 * {@link LeaseFiles#loadOrder()}, and the current file is opened for appending. If the current file's header is not
 * one Tui writes (an older or newer Kea layout), it is first moved aside to {@code .2} (a cleanup is run first if a
 * {@code .2} already exists) so that rows are never appended under a foreign header.
 *
 * <p>With {@code persist: false} nothing touches the disk: writes complete at once and cleanup does nothing.
 *
 * <p>Callers must order changes to one address themselves (the index does): rows for one address are written in
 * the order {@link #write} is called.
 *
 * @param <L> the lease type
 * @param <K> the key (address) type
 */
public final class MemfileLeaseStore<L, K> implements AutoCloseable {
    private final LeaseCodec<L, K> codec;
    private final MemfileOptions options;
    private final LeaseFiles files;
    private final LeaseFileAppender<L> appender;
    private final LeaseFileCleanup<L, K> cleanup;
    private final ScheduledExecutorService background;
    private final LoadReport loadReport;
    private final List<String> recovery;
    private final AtomicReference<CompletableFuture<CleanupReport>> running = new AtomicReference<>();
    private Map<K, L> loaded;

    private MemfileLeaseStore(LeaseCodec<L, K> codec, MemfileOptions options) throws IOException, LeaseFileException {
        this.codec = codec;
        this.options = options;
        if (!options.persist()) {
            files = null;
            appender = null;
            cleanup = null;
            background = null;
            loadReport = LoadReport.empty();
            recovery = List.of();
            loaded = new HashMap<>();
            return;
        }
        files = new LeaseFiles(options.name());
        recovery = files.recover(options.fsync());
        Map<K, L> leases = new HashMap<>();
        LoadReport report = new LeaseFileLoader<>(codec, options.maxRowErrors()).load(files.loadOrder(), leases);
        String header = report.files().stream().filter(f -> f.file().equals(files.current()))
                .map(FileReport::header).findFirst().orElse("");
        Boolean form = header.isEmpty() ? Boolean.valueOf(options.writePoolId()) : codec.writableForm(header);
        String tag = "tui-lease" + codec.family();
        ThreadFactory daemon = Thread.ofPlatform().daemon().name(tag + "-lfc").factory();
        cleanup = new LeaseFileCleanup<>(files, codec, options.maxRowErrors(), options.writePoolId());
        if (form == null) {
            // A foreign header: move the file aside so that it is merged by a cleanup, and start a new one.
            if (Files.exists(files.copy()) || Files.exists(files.finish())) {
                cleanup.run(null);
            }
            Files.move(files.current(), files.copy(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            form = options.writePoolId();
        }
        loadReport = report;
        loaded = leases;
        appender = new LeaseFileAppender<>(files.current(), codec, form, options.fsync(),
                Thread.ofPlatform().daemon().name(tag + "-writer").factory());
        background = Executors.newSingleThreadScheduledExecutor(daemon);
        long every = options.lfcInterval().toMillis();
        if (every > 0) {
            background.scheduleWithFixedDelay(this::periodicCleanup, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Opens the DHCPv4 lease file named in {@code options} (or none, with persist off). */
    public static MemfileLeaseStore<Lease4, Integer> open4(MemfileOptions options)
            throws IOException, LeaseFileException {
        return new MemfileLeaseStore<>(new Lease4Codec(), options);
    }

    /** Opens the DHCPv6 lease file named in {@code options} (or none, with persist off). */
    public static MemfileLeaseStore<Lease6, Ip6Address> open6(MemfileOptions options)
            throws IOException, LeaseFileException {
        return new MemfileLeaseStore<>(new Lease6Codec(), options);
    }

    /** Opens a store with any codec. */
    public static <L, K> MemfileLeaseStore<L, K> open(LeaseCodec<L, K> codec, MemfileOptions options)
            throws IOException, LeaseFileException {
        return new MemfileLeaseStore<>(codec, options);
    }

    /** The live leases loaded at open, keyed by address; handed over once (later calls return an empty map). */
    public synchronized Map<K, L> takeLoadedLeases() {
        Map<K, L> out = loaded;
        loaded = new HashMap<>();
        return out;
    }

    /** What loading found: per file rows, bad rows with line numbers. */
    public LoadReport loadReport() {
        return loadReport;
    }

    /** What recovery at open repaired (empty when the files were clean). */
    public List<String> recoveryActions() {
        return recovery;
    }

    /** The lease files, or null with persist off. */
    public LeaseFiles files() {
        return files;
    }

    public MemfileOptions options() {
        return options;
    }

    /** Records a new or updated lease; completes once its row is written (and forced, with fsync on). */
    public CompletableFuture<Void> write(L lease) {
        return appender == null ? CompletableFuture.completedFuture(null) : appender.append(lease);
    }

    /** The calling thread's rows wait until {@link #releaseWrites} (fsync off; see {@link LeaseFileAppender#hold}). */
    public void holdWrites() {
        if (appender != null) {
            appender.hold();
        }
    }

    /** Writes the rows held back, one system call, and completes their futures on the calling thread. */
    public void releaseWrites() {
        if (appender != null) {
            appender.release();
        }
    }

    /** Records the deletion of {@code lease} (Kea's row: the lease with valid lifetime 0). */
    public CompletableFuture<Void> delete(L lease) {
        return appender == null ? CompletableFuture.completedFuture(null)
                : appender.append(codec.deletionOf(lease));
    }

    /**
     * Starts a lease file cleanup on the background thread, or returns the one already running. Appenders are not
     * blocked: only the move of the current file happens on the writer thread, between two batches.
     */
    public CompletableFuture<CleanupReport> cleanup() {
        if (cleanup == null) {
            return CompletableFuture.completedFuture(
                    new CleanupReport(false, false, 0, LoadReport.empty(), java.time.Duration.ZERO));
        }
        return claim(next -> {
            try {
                background.execute(() -> runInto(next));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                next.completeExceptionally(new IOException("lease store is closed", e));
            }
        });
    }

    /** The periodic cleanup: runs on the background thread itself (submitting and waiting would deadlock). */
    private void periodicCleanup() {
        claim(this::runInto);
    }

    /** Makes a new cleanup the running one and starts it, unless one is running already. */
    private CompletableFuture<CleanupReport> claim(java.util.function.Consumer<CompletableFuture<CleanupReport>> start) {
        while (true) {
            CompletableFuture<CleanupReport> current = running.get();
            if (current != null && !current.isDone()) {
                return current;
            }
            CompletableFuture<CleanupReport> next = new CompletableFuture<>();
            if (running.compareAndSet(current, next)) {
                start.accept(next);
                return next;
            }
        }
    }

    /**
     * The latest cleanup, started by {@link #cleanup()} or by the {@code lfc-interval} timer, or null if none ran
     * yet; lets a server log the outcome of periodic cleanups.
     */
    public CompletableFuture<CleanupReport> lastCleanup() {
        return running.get();
    }

    private void runInto(CompletableFuture<CleanupReport> result) {
        try {
            result.complete(cleanup.run(() -> appender.rotateTo(files.copy())));
        } catch (IOException | LeaseFileException | RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** Rows written by the appender so far. */
    public long rowsWritten() {
        return appender == null ? 0 : appender.rowsWritten();
    }

    /** Write batches so far (rows / batches = group commit factor). */
    public long batchesWritten() {
        return appender == null ? 0 : appender.batchesWritten();
    }

    /** Lets a running cleanup finish, writes what is queued, and closes the file. */
    @Override
    public void close() throws IOException {
        if (background != null) {
            background.shutdown();
            try {
                if (!background.awaitTermination(5, TimeUnit.MINUTES)) {
                    background.shutdownNow();
                }
            } catch (InterruptedException e) {
                background.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        if (appender != null) {
            appender.close();
        }
    }
}
