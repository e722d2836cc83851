package io.tui.dhcp.lease.memfile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Kea's memfile {@code lease-database} settings that the file layer uses.
 *
 * @param name         the lease file (Kea's {@code name}); ignored when not persisting
 * @param persist      whether leases are written to disk at all (Kea's {@code persist}, default true)
 * @param fsync        whether each batch of rows is forced to disk before its callers are told; Tui's addition,
 *                     off by default because Kea does not fsync lease rows
 * @param maxRowErrors bad rows tolerated per file when loading (Kea's {@code max-row-errors}, 0 = unlimited)
 * @param lfcInterval  how often a lease file cleanup runs (Kea's {@code lfc-interval}); zero for never
 * @param writePoolId  whether new files get Kea 2.4+'s pool_id column; off by default so Kea 2.2 can read them
 */
public record MemfileOptions(Path name, boolean persist, boolean fsync, long maxRowErrors, Duration lfcInterval,
                             boolean writePoolId) {

    public MemfileOptions {
        Objects.requireNonNull(lfcInterval, "lfcInterval");
        if (persist) {
            Objects.requireNonNull(name, "name");
        }
        if (maxRowErrors < 0) {
            throw new IllegalArgumentException("maxRowErrors < 0");
        }
        if (lfcInterval.isNegative()) {
            throw new IllegalArgumentException("lfcInterval < 0");
        }
    }

    /** Kea's defaults for a persistent lease file: no fsync, unlimited row errors, no periodic cleanup. */
    public static MemfileOptions persistent(Path name) {
        return new MemfileOptions(name, true, false, 0, Duration.ZERO, false);
    }

    /** {@code persist: false}: leases live in memory only. */
    public static MemfileOptions inMemory() {
        return new MemfileOptions(null, false, false, 0, Duration.ZERO, false);
    }

    public MemfileOptions withFsync(boolean on) {
        return new MemfileOptions(name, persist, on, maxRowErrors, lfcInterval, writePoolId);
    }

    public MemfileOptions withMaxRowErrors(long max) {
        return new MemfileOptions(name, persist, fsync, max, lfcInterval, writePoolId);
    }

    public MemfileOptions withLfcInterval(Duration interval) {
        return new MemfileOptions(name, persist, fsync, maxRowErrors, interval, writePoolId);
    }

    public MemfileOptions withWritePoolId(boolean on) {
        return new MemfileOptions(name, persist, fsync, maxRowErrors, lfcInterval, on);
    }
}
