package io.tui.dhcp.lease.memfile;

import java.nio.file.Path;
import java.util.List;

/**
 * What reading one lease file found.
 *
 * @param file             the file
 * @param header           its header line, or empty for an empty file
 * @param rows             rows read successfully (including deletions)
 * @param deletions        rows that deleted a lease (valid lifetime 0)
 * @param errorCount       bad rows, all counted
 * @param errors           the first {@link LeaseFileReader#MAX_REPORTED_ERRORS} bad rows, with line numbers
 * @param endsWithNewline  false when the last line is unterminated (a write torn by a crash)
 */
public record FileReport(Path file, String header, long rows, long deletions, long errorCount,
                         List<RowError> errors, boolean endsWithNewline) {
    public FileReport {
        errors = List.copyOf(errors);
    }
}
