package io.tui.dhcp.lease.memfile;

import io.tui.dhcp.core.lease.AddressText;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.wire.ParseException;
import java.util.List;

/**
 * Kea's {@code leases4.csv} rows.
 *
 * <p>Kea 2.2 header: {@code address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,
 * state,user_context}; Kea 2.4+ appends {@code pool_id}. Columns from {@code address} to {@code hostname} are
 * required (Kea 1.0's schema); {@code state}, {@code user_context} and {@code pool_id} default to 0, empty and 0.
 * As Kea 2.2 does, a row with an empty hwaddr is rejected unless the lease is declined.
 */
public final class Lease4Codec implements LeaseCodec<Lease4, Integer> {
    static final List<String> COLUMNS = List.of("address", "hwaddr", "client_id", "valid_lifetime", "expire",
            "subnet_id", "fqdn_fwd", "fqdn_rev", "hostname", "state", "user_context", "pool_id");
    private static final List<String> REQUIRED = COLUMNS.subList(0, 9);
    private static final int ADDRESS = 0, HWADDR = 1, CLIENT_ID = 2, VALID = 3, EXPIRE = 4, SUBNET = 5, FWD = 6,
            REV = 7, HOSTNAME = 8, STATE = 9, USER_CONTEXT = 10, POOL_ID = 11;
    private static final String HEADER_22 = String.join(",", COLUMNS.subList(0, 11));
    private static final String HEADER_POOL = String.join(",", COLUMNS);
    private static final long UINT32 = 0xffff_ffffL;

    private final UserContexts userContexts = new UserContexts();

    @Override
    public int family() {
        return 4;
    }

    @Override
    public String header(boolean withPoolId) {
        return withPoolId ? HEADER_POOL : HEADER_22;
    }

    @Override
    public CsvLayout layout(String headerLine) throws ParseException {
        return CsvLayout.parse(headerLine, COLUMNS, REQUIRED);
    }

    @Override
    public Lease4 decode(CsvRow row, CsvLayout layout) throws ParseException {
        if (row.fieldCount() < layout.fieldCount()) {
            throw new ParseException("row has " + row.fieldCount() + " columns, the header " + layout.fieldCount());
        }
        int address = row.ipv4(layout.at(ADDRESS), "address");
        Bytes hwaddr = row.hex(layout.at(HWADDR), "hwaddr");
        Bytes clientId = row.hex(layout.at(CLIENT_ID), "client_id");
        long valid = row.unsigned(layout.at(VALID), "valid_lifetime", UINT32);
        long expire = row.signed(layout.at(EXPIRE), "expire");
        long subnet = row.unsigned(layout.at(SUBNET), "subnet_id", UINT32);
        boolean fwd = row.bool(layout.at(FWD), "fqdn_fwd");
        boolean rev = row.bool(layout.at(REV), "fqdn_rev");
        String hostname = row.unescaped(layout.at(HOSTNAME));
        LeaseState state = layout.at(STATE) < 0 ? LeaseState.DEFAULT
                : LeaseState.fromCode(row.unsignedOr(layout.at(STATE), "state", UINT32, 0));
        String context = layout.at(USER_CONTEXT) < 0 ? "" : row.unescaped(layout.at(USER_CONTEXT));
        if (!context.isEmpty()) {
            userContexts.check(context);
        }
        long poolId = layout.at(POOL_ID) < 0 ? 0 : row.unsignedOr(layout.at(POOL_ID), "pool_id", UINT32, 0);
        if (hwaddr.isEmpty() && state != LeaseState.DECLINED) {
            throw new ParseException("hwaddr is empty in a lease that is not declined");
        }
        return new Lease4(address, hwaddr, clientId, valid, expire, subnet, fwd, rev, hostname, state, context,
                poolId);
    }

    @Override
    public void encode(Lease4 l, boolean withPoolId, StringBuilder sb) {
        AddressText.appendV4(sb, l.address());
        sb.append(',');
        l.hwAddress().appendHex(sb);
        sb.append(',');
        l.clientId().appendHex(sb);
        sb.append(',').append(l.validLifetime())
                .append(',').append(l.expire())
                .append(',').append(l.subnetId())
                .append(',').append(l.fqdnFwd() ? '1' : '0')
                .append(',').append(l.fqdnRev() ? '1' : '0')
                .append(',');
        KeaCsvText.appendEscaped(sb, l.hostname());
        sb.append(',').append(l.state().code()).append(',');
        KeaCsvText.appendEscaped(sb, l.userContext());
        if (withPoolId) {
            sb.append(',').append(l.poolId());
        }
    }

    @Override
    public Lease4 deletionOf(Lease4 lease) {
        return lease.withLifetime(0, lease.cltt());
    }

    @Override
    public boolean isDeletion(Lease4 lease) {
        return lease.validLifetime() == 0;
    }

    @Override
    public Integer key(Lease4 lease) {
        return lease.address();
    }
}
