/**
 * Kea's memfile lease files: the file layer of Tui's memfile lease database.
 *
 * <ul>
 *   <li>{@link io.tui.dhcp.lease.memfile.MemfileLeaseStore}: the entry point. Opening recovers from a crash
 *       ({@link io.tui.dhcp.lease.memfile.LeaseFiles#recover}), replays the files into a map of live leases and opens
 *       the current file for appending; {@code write}/{@code delete} append one row each and return a future that
 *       completes once the row is written (group commit); {@code cleanup} runs a lease file cleanup in the
 *       background. {@code persist: false} touches no file.</li>
 *   <li>{@link io.tui.dhcp.lease.memfile.Lease4Codec}, {@link io.tui.dhcp.lease.memfile.Lease6Codec}: Kea's CSV
 *       rows. Tui writes Kea 2.2's header (no {@code pool_id}) so Kea 2.2 reads its files, and reads any column
 *       order, Kea 1.x's shorter schemas and Kea 2.4+/3.x's {@code pool_id}. Text columns use Kea's
 *       {@code &#xNN} escaping (see {@link io.tui.dhcp.lease.memfile.KeaCsvText}).</li>
 *   <li>{@link io.tui.dhcp.lease.memfile.LeaseFileReader} and {@link io.tui.dhcp.lease.memfile.LeaseFileLoader}:
 *       streaming reads, last row per address wins, valid lifetime 0 deletes, bad rows counted against
 *       max-row-errors with line numbers.</li>
 *   <li>{@link io.tui.dhcp.lease.memfile.LeaseFileAppender}: one writer thread, one write (and optional fdatasync)
 *       per batch of queued rows. fsync is off by default, as Kea does not fsync.</li>
 *   <li>{@link io.tui.dhcp.lease.memfile.LeaseFileCleanup}: Kea's LFC protocol ({@code .1}, {@code .2},
 *       {@code .output}, {@code .completed}, {@code .pid}) in process; its output is what kea-lfc 2.2 writes for the
 *       same input.</li>
 * </ul>
 *
 * <p>Behaviour checked against Debian's Kea 2.2 (see {@code KeaInteropTest}, {@code KeaLiveTest} and the samples in
 * {@code src/test/resources/kea22}): Kea lower-cases hostnames and re-serialises user contexts with sorted keys when
 * it reads a lease; Tui keeps both as written.
 */
package io.tui.dhcp.lease.memfile;
