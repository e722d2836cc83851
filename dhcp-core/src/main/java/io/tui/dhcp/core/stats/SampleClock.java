package io.tui.dhcp.core.stats;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Where sample times come from and how Kea prints them: local time (Kea formats with {@code localtime_r}),
 * {@code YYYY-MM-DD HH:MM:SS.ffffff}, microseconds always six digits.
 *
 * @param source the time source (a fixed or stepping one in tests)
 * @param zone the zone samples are printed in; Kea uses the process's local zone
 */
public record SampleClock(InstantSource source, ZoneId zone) {

    private static final DateTimeFormatter KEA_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    public SampleClock {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(zone, "zone");
    }

    /** The system clock printed in the JVM's default zone, as Kea prints in the process's local zone. */
    public static SampleClock system() {
        return new SampleClock(InstantSource.system(), ZoneId.systemDefault());
    }

    /** Now, in microseconds since the epoch. */
    public long nowMicros() {
        Instant now = source.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1000);
    }

    /** A sample time as Kea prints it, e.g. {@code 2019-07-30 10:11:19.498739}. */
    public String format(long epochMicros) {
        Instant instant = Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS);
        return KEA_FORMAT.format(LocalDateTime.ofInstant(instant, zone));
    }
}
