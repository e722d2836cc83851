package io.tui.dhcp.core.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A test time source that moves only when told to. */
final class FakeClock implements InstantSource {
    private volatile Instant now;

    FakeClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }
}
