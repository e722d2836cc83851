package io.tui.dhcp.lease.memfile;

import io.tui.dhcp.core.wire.ParseException;

/**
 * Reads and writes one family's lease rows in Kea's memfile CSV format.
 *
 * <p>Tui writes Kea 2.2's header (no {@code pool_id} column) so that Kea 2.2, the oldest Kea Tui must interoperate
 * with, reads its files; it reads files with Kea 2.4+/3.x's {@code pool_id} column too, and appends to such a file in
 * its own layout. A row with valid lifetime 0 is a deletion, as Kea writes it.
 *
 * @param <L> the lease type
 * @param <K> the key a lease file is indexed by (the address: the last row for an address wins)
 */
public sealed interface LeaseCodec<L, K> permits Lease4Codec, Lease6Codec {

    /** 4 or 6, as kea-lfc's {@code -4}/{@code -6}. */
    int family();

    /** The header line Tui writes: Kea 2.2's, or with {@code pool_id} appended as Kea 2.4+ writes it. */
    String header(boolean withPoolId);

    /** The layout of a file whose first line is {@code headerLine}. */
    CsvLayout layout(String headerLine) throws ParseException;

    /** Whether rows can be appended to a file with this header, and if so, in which form: {@code null} when the
     * layout is not one Tui writes, else whether it has {@code pool_id}. */
    default Boolean writableForm(String headerLine) {
        if (headerLine.equals(header(false))) {
            return Boolean.FALSE;
        }
        if (headerLine.equals(header(true))) {
            return Boolean.TRUE;
        }
        return null;
    }

    /** Decodes one row. */
    L decode(CsvRow row, CsvLayout layout) throws ParseException;

    /** Appends the row for {@code lease}, without a line end. */
    void encode(L lease, boolean withPoolId, StringBuilder sb);

    /** The row Kea writes when it deletes {@code lease}: the same lease with valid lifetime 0 (and for DHCPv6
     * preferred lifetime 0), expiring at its cltt. */
    L deletionOf(L lease);

    /** Whether a row deletes its lease (valid lifetime 0). */
    boolean isDeletion(L lease);

    /** The key of {@code lease}: its address. */
    K key(L lease);
}
