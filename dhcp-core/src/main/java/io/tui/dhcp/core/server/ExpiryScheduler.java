package io.tui.dhcp.core.server;

import io.tui.dhcp.core.config.model.Services.ExpiredLeasesProcessing;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Kea's {@code expired-leases-processing} timers: every {@code reclaim-timer-wait-time} seconds (after the previous
 * cycle ended) up to {@code max-reclaim-leases} leases are reclaimed within {@code max-reclaim-time} ms; every
 * {@code flush-reclaimed-timer-wait-time} seconds reclaimed leases older than {@code hold-reclaimed-time} are deleted.
 * A zero wait time disables that timer. After {@code unwarned-reclaim-cycles} consecutive cycles that left expired
 * leases behind, a warning is logged. Family-neutral: the {@link Reclaimer} is the server's lease service.
 */
public final class ExpiryScheduler implements AutoCloseable {

    /** What the timers call; a v4 or v6 lease service. */
    public interface Reclaimer {
        /** Reclaims at most {@code max} (0: no limit) leases expired before {@code now}; returns how many. */
        int reclaim(long now, int max, Duration maxTime);

        /** Deletes at most {@code max} reclaimed leases older than {@code hold} seconds; returns how many. */
        int flush(long now, long hold, int max);
    }

    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final Reclaimer reclaimer;
    private final Logger log;
    private ScheduledFuture<?> reclaimTask;
    private ScheduledFuture<?> flushTask;
    private int incompleteCycles;
    private ExpiredLeasesProcessing settings;

    public ExpiryScheduler(ScheduledExecutorService executor, Clock clock, Reclaimer reclaimer, Logger log) {
        this.executor = executor;
        this.clock = clock;
        this.reclaimer = reclaimer;
        this.log = log;
    }

    /** (Re)starts the timers with new settings. */
    public synchronized void start(ExpiredLeasesProcessing elp) {
        stopTimers();
        this.settings = elp;
        if (elp.reclaimTimerWaitTime() > 0) {
            reclaimTask = executor.scheduleWithFixedDelay(this::reclaimCycle, elp.reclaimTimerWaitTime(),
                    elp.reclaimTimerWaitTime(), TimeUnit.SECONDS);
        }
        if (elp.flushReclaimedTimerWaitTime() > 0) {
            flushTask = executor.scheduleWithFixedDelay(this::flushCycle, elp.flushReclaimedTimerWaitTime(),
                    elp.flushReclaimedTimerWaitTime(), TimeUnit.SECONDS);
        }
    }

    /** One reclaim cycle as the timer runs it; returns how many leases were reclaimed. */
    public int reclaimCycle() {
        ExpiredLeasesProcessing elp;
        synchronized (this) {
            elp = settings;
        }
        if (elp == null) {
            return 0;
        }
        try {
            int max = (int) Math.min(Integer.MAX_VALUE, elp.maxReclaimLeases());
            int n = reclaimer.reclaim(clock.instant().getEpochSecond(), max, Duration.ofMillis(elp.maxReclaimTime()));
            synchronized (this) {
                if (max > 0 && n >= max) {
                    incompleteCycles++;
                    if (elp.unwarnedReclaimCycles() > 0 && incompleteCycles >= elp.unwarnedReclaimCycles()) {
                        log.warning("ALLOC_ENGINE_V4_LEASES_RECLAMATION_SLOW expired leases still exist after "
                                + incompleteCycles + " reclamation cycles");
                        incompleteCycles = 0;
                    }
                } else {
                    incompleteCycles = 0;
                }
            }
            if (n > 0) {
                log.fine("reclaimed " + n + " expired leases");
            }
            return n;
        } catch (RuntimeException e) {
            log.log(Level.SEVERE, "lease reclamation failed", e);
            return 0;
        }
    }

    /** One flush cycle as the timer runs it; returns how many leases were deleted. */
    public int flushCycle() {
        ExpiredLeasesProcessing elp;
        synchronized (this) {
            elp = settings;
        }
        if (elp == null) {
            return 0;
        }
        try {
            return reclaimer.flush(clock.instant().getEpochSecond(), elp.holdReclaimedTime(), 0);
        } catch (RuntimeException e) {
            log.log(Level.SEVERE, "flushing reclaimed leases failed", e);
            return 0;
        }
    }

    private void stopTimers() {
        if (reclaimTask != null) {
            reclaimTask.cancel(false);
            reclaimTask = null;
        }
        if (flushTask != null) {
            flushTask.cancel(false);
            flushTask = null;
        }
    }

    @Override
    public synchronized void close() {
        stopTimers();
    }

    /** A reclaimer over suppliers, for servers whose lease service is swapped on reconfiguration. */
    public static Reclaimer of(Supplier<Reclaimer> current) {
        return new Reclaimer() {
            @Override
            public int reclaim(long now, int max, Duration maxTime) {
                return current.get().reclaim(now, max, maxTime);
            }

            @Override
            public int flush(long now, long hold, int max) {
                return current.get().flush(now, hold, max);
            }
        };
    }
}
