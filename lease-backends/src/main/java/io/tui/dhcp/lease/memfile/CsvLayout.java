package io.tui.dhcp.lease.memfile;

import io.tui.dhcp.core.wire.ParseException;
import java.util.Arrays;
import java.util.List;

/**
 * Where each known column sits in a lease file, decided by the file's header line.
 *
 * <p>Kea's header names the columns; Tui reads any order, ignores unknown columns, and fills optional columns that
 * older or newer Kea versions lack with defaults. Required columns missing from the header make the file unreadable.
 *
 * @param header     the header line as read
 * @param fieldCount how many columns the header has (a row must have at least as many)
 * @param positions  for each of the codec's known columns, its position in a row, or -1 when absent
 */
public record CsvLayout(String header, int fieldCount, int[] positions) {

    public CsvLayout {
        positions = positions.clone();
    }

    /** Builds the layout of {@code headerLine} for a codec knowing {@code known} columns, of which the first
     * {@code required} must be present. */
    static CsvLayout parse(String headerLine, List<String> known, List<String> required) throws ParseException {
        CsvRow row = CsvRow.of(headerLine);
        int[] positions = new int[known.size()];
        Arrays.fill(positions, -1);
        for (int f = 0; f < row.fieldCount(); f++) {
            String name = row.text(f).trim();
            int k = known.indexOf(name);
            if (k >= 0) {
                if (positions[k] >= 0) {
                    throw new ParseException("header names column '" + name + "' twice");
                }
                positions[k] = f;
            }
        }
        for (String name : required) {
            if (positions[known.indexOf(name)] < 0) {
                throw new ParseException("header lacks column '" + name + "': " + headerLine);
            }
        }
        return new CsvLayout(headerLine, row.fieldCount(), positions);
    }

    /** The position of known column {@code k}, or -1. */
    int at(int k) {
        return positions[k];
    }

    @Override
    public int[] positions() {
        return positions.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CsvLayout other && header.equals(other.header);
    }

    @Override
    public int hashCode() {
        return header.hashCode();
    }
}
