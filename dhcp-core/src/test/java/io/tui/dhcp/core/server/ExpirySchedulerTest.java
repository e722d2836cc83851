package io.tui.dhcp.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.config.model.Services.ExpiredLeasesProcessing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ExpirySchedulerTest {
    @Test
    void timersPassTheSettingsAndWarnAfterUnwarnedCycles() throws Exception {
        List<String> calls = new ArrayList<>();
        CountDownLatch both = new CountDownLatch(2);
        ExpiryScheduler.Reclaimer r = new ExpiryScheduler.Reclaimer() {
            @Override
            public synchronized int reclaim(long now, int max, Duration maxTime) {
                calls.add("reclaim " + now + " " + max + " " + maxTime.toMillis());
                both.countDown();
                return max;
            }

            @Override
            public synchronized int flush(long now, long hold, int max) {
                calls.add("flush " + now + " " + hold);
                both.countDown();
                return 0;
            }
        };
        Logger log = Logger.getLogger("test.expiry." + System.nanoTime());
        List<String> warnings = new ArrayList<>();
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        log.setUseParentHandlers(false);
        var exec = Executors.newSingleThreadScheduledExecutor();
        Clock clock = Clock.fixed(Instant.ofEpochSecond(5000), ZoneOffset.UTC);
        try (ExpiryScheduler s = new ExpiryScheduler(exec, clock, r, log)) {
            s.start(new ExpiredLeasesProcessing(1, 1, 3600, 100, 250, 2));
            assertTrue(both.await(5, TimeUnit.SECONDS));
            s.close();
            synchronized (r) {
                assertTrue(calls.contains("reclaim 5000 100 250"), calls.toString());
                assertTrue(calls.contains("flush 5000 3600"), calls.toString());
            }
            s.start(new ExpiredLeasesProcessing(0, 0, 3600, 100, 250, 2));
            s.close();
            s.start(new ExpiredLeasesProcessing(0, 0, 3600, 100, 250, 2));
            s.reclaimCycle();
            s.reclaimCycle();
            assertEquals(1, warnings.stream().filter(w -> w.contains("RECLAMATION_SLOW")).count(), warnings.toString());
        } finally {
            exec.shutdownNow();
        }
    }
}
