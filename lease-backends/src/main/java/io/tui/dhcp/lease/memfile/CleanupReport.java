package io.tui.dhcp.lease.memfile;

import java.time.Duration;

/**
 * What one lease file cleanup did.
 *
 * @param rotated       whether the current file was moved to {@code .2} (false when an earlier, interrupted
 *                      cleanup had left {@code .2} or {@code .completed})
 * @param merged        whether {@code .1} and {@code .2} were merged (false when {@code .completed} was left)
 * @param leasesWritten leases in the new {@code .1}
 * @param input         what reading {@code .1} and {@code .2} found (empty when not merged)
 * @param took          how long it took
 */
public record CleanupReport(boolean rotated, boolean merged, long leasesWritten, LoadReport input, Duration took) {
}
