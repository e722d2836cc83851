package io.tui.dhcp.core.stats;

import java.time.Duration;
import java.util.Objects;

/**
 * How many samples a statistic keeps: Kea keeps either a number of samples or the samples within an age of
 * the newest one, never both (setting one limit disables the other).
 */
public sealed interface SampleLimit {

    /** Kea's default: {@code statistic-default-sample-count} 20. */
    SampleLimit KEA_DEFAULT = new ByCount(20);

    /**
     * Keep at most {@code max} samples, the newest ones.
     *
     * @param max the sample count, at least 1
     */
    record ByCount(int max) implements SampleLimit {
        public ByCount {
            if (max < 1) {
                throw new IllegalArgumentException("max-samples must be at least 1: " + max);
            }
        }
    }

    /**
     * Keep the samples whose time is no more than {@code maxAge} before the newest sample's (Kea drops the
     * oldest sample while the newest minus the oldest exceeds the age; the newest sample always stays).
     *
     * @param maxAge the age, not negative
     */
    record ByAge(Duration maxAge) implements SampleLimit {
        public ByAge {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("duration must not be negative: " + maxAge);
            }
        }
    }
}
