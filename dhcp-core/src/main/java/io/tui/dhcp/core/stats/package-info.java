/**
 * Statistics: Tui's counterpart of Kea's StatsMgr, the model behind the {@code statistic-*} commands,
 * the {@code pkt4-*}/{@code pkt6-*} and {@code subnet[ID].*} counters and, later, the Prometheus exporter.
 *
 * <h2>Model (as Kea)</h2>
 * <ul>
 *   <li>A statistic is a name and a series of {@link io.tui.dhcp.core.stats.Sample samples}, newest first,
 *       each a value and the time it was recorded. Kea prints a sample as {@code [value, "YYYY-MM-DD
 *       HH:MM:SS.ffffff"]} in the process's local time ({@link io.tui.dhcp.core.stats.SampleClock}).</li>
 *   <li>{@link io.tui.dhcp.core.stats.StatKind Kinds}: integer (a JSON integer), float, duration
 *       ({@code "HH:MM:SS.ffffff"}), string, and Kea's 128-bit big integer for the totals of large IPv6
 *       pools.</li>
 *   <li>Each statistic keeps its samples by count (default 20, {@code statistic-default-sample-count}) or by
 *       age relative to its newest sample ({@code statistic-default-sample-age}); setting one limit disables
 *       the other ({@link io.tui.dhcp.core.stats.SampleLimit}). Limits apply at once when set.</li>
 *   <li>Reset replaces the history by one neutral sample (0, 0.0, duration 0, ""); remove deletes the
 *       statistic until it next changes; {@code get} of an unknown name gives {@code {}}.</li>
 * </ul>
 *
 * <h2>Hot path</h2>
 * Kea records a sample (value plus a clock reading) under a mutex on every change. Tui keeps the per-packet
 * cost to one {@link java.util.concurrent.atomic.LongAdder} update:
 * <ul>
 *   <li>A server takes a {@link io.tui.dhcp.core.stats.Statistic} handle once per name
 *       ({@link io.tui.dhcp.core.stats.StatsRegistry#counter(String)}, per subnet and pool at configuration
 *       time; {@link io.tui.dhcp.core.stats.ScopedCounter} bundles pool, subnet and global) and calls
 *       {@code increment()}: no registry lookup, no lock, no clock read, no allocation. The adder's striped
 *       cells keep threads that bump the same name off each other's cache lines; different names share
 *       nothing.</li>
 *   <li>The history is brought up to date lazily, under that one statistic's lock, whenever the statistic is
 *       observed or changed another way ({@code get}, {@code get-all}, snapshot, set, reset, remove, limit
 *       changes) and by {@link io.tui.dhcp.core.stats.StatsRegistry#sample()}, which the server calls from a
 *       timer. All changes made since the last observation are coalesced into one sample carrying the exact
 *       current value and the observation time. So {@code get} always shows Kea's shape: newest first, the
 *       newest sample the exact current value, within the count or age limit; what differs is that a burst of
 *       increments between two observations shows as one sample rather than one per increment, and its time is
 *       when it was observed (at most one sampler period after the change).</li>
 *   <li>Big integer, float, duration and string statistics are rare and are recorded eagerly, one sample per change, as in
 *       Kea.</li>
 * </ul>
 *
 * <h2>Handles and removal</h2>
 * Handles live as long as the registry. A removed integer statistic's handle stays valid: the statistic
 * reappears (starting from 0 plus the changes since removal, as Kea re-creates it) when it next changes.
 * Limitation: changes through the handle that add up to zero between two observations of a removed or new
 * statistic do not make it reappear. A name that is not present may be re-created with another kind; old
 * handles of the former kind are then detached.
 */
package io.tui.dhcp.core.stats;
