package io.tui.dhcp.lease.memfile;

import java.nio.file.Path;

/**
 * A row that could not be read.
 *
 * @param file    the lease file
 * @param line    the 1-based line number in the file (the header is line 1; Kea's log counts rows after the
 *                header, so Kea's "row 21" is line 22)
 * @param message what was wrong
 */
public record RowError(Path file, long line, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
