package io.tui.dhcp.lease.memfile;

import java.util.List;

/**
 * What loading a set of lease files found.
 *
 * @param files      one report per file read, in reading order
 * @param liveLeases how many leases were live at the end
 */
public record LoadReport(List<FileReport> files, long liveLeases) {
    public LoadReport {
        files = List.copyOf(files);
    }

    /** Bad rows over all files. */
    public long errorCount() {
        return files.stream().mapToLong(FileReport::errorCount).sum();
    }

    /** Rows read over all files. */
    public long rows() {
        return files.stream().mapToLong(FileReport::rows).sum();
    }

    /** An empty report (persist: false). */
    public static LoadReport empty() {
        return new LoadReport(List.of(), 0);
    }
}
