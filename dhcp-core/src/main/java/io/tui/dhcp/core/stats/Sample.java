package io.tui.dhcp.core.stats;

import java.util.Objects;

/**
 * One recorded sample of a statistic: the value and when it was recorded, in microseconds since the epoch.
 *
 * @param value the value
 * @param epochMicros the recording time, microseconds since 1970-01-01T00:00Z
 */
public record Sample(StatValue value, long epochMicros) {
    public Sample {
        Objects.requireNonNull(value, "value");
    }
}
