package io.tui.dhcp.lease.memfile;

import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.ParseException;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.util.List;

/**
 * Kea's {@code leases6.csv} rows.
 *
 * <p>Kea 2.2 header: {@code address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,
 * fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context,hwtype,hwaddr_source}; Kea 2.4+ appends {@code pool_id}.
 * Columns up to {@code hostname} are required; the rest default to empty/0, with hwtype 1 (Ethernet) when a hwaddr
 * is present without a type. Kea writes hwtype and hwaddr_source empty when there is no hwaddr, and so does Tui.
 * The key is the address alone, as in Kea 2.2's memfile.
 */
public final class Lease6Codec implements LeaseCodec<Lease6, Ip6Address> {
    static final List<String> COLUMNS = List.of("address", "duid", "valid_lifetime", "expire", "subnet_id",
            "pref_lifetime", "lease_type", "iaid", "prefix_len", "fqdn_fwd", "fqdn_rev", "hostname", "hwaddr",
            "state", "user_context", "hwtype", "hwaddr_source", "pool_id");
    private static final List<String> REQUIRED = COLUMNS.subList(0, 12);
    private static final int ADDRESS = 0, DUID = 1, VALID = 2, EXPIRE = 3, SUBNET = 4, PREF = 5, TYPE = 6, IAID = 7,
            PREFIX_LEN = 8, FWD = 9, REV = 10, HOSTNAME = 11, HWADDR = 12, STATE = 13, USER_CONTEXT = 14,
            HWTYPE = 15, HWADDR_SOURCE = 16, POOL_ID = 17;
    private static final String HEADER_22 = String.join(",", COLUMNS.subList(0, 17));
    private static final String HEADER_POOL = String.join(",", COLUMNS);
    private static final long UINT32 = 0xffff_ffffL;

    private final UserContexts userContexts = new UserContexts();

    @Override
    public int family() {
        return 6;
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
    public Lease6 decode(CsvRow row, CsvLayout layout) throws ParseException {
        if (row.fieldCount() < layout.fieldCount()) {
            throw new ParseException("row has " + row.fieldCount() + " columns, the header " + layout.fieldCount());
        }
        Ip6Address address = row.ipv6(layout.at(ADDRESS), "address");
        Bytes duid = row.hex(layout.at(DUID), "duid");
        long valid = row.unsigned(layout.at(VALID), "valid_lifetime", UINT32);
        long expire = row.signed(layout.at(EXPIRE), "expire");
        long subnet = row.unsigned(layout.at(SUBNET), "subnet_id", UINT32);
        long pref = row.unsigned(layout.at(PREF), "pref_lifetime", UINT32);
        LeaseType type = LeaseType.fromCode(row.unsigned(layout.at(TYPE), "lease_type", UINT32));
        long iaid = row.unsigned(layout.at(IAID), "iaid", UINT32);
        int prefixLen = (int) row.unsigned(layout.at(PREFIX_LEN), "prefix_len", 128);
        boolean fwd = row.bool(layout.at(FWD), "fqdn_fwd");
        boolean rev = row.bool(layout.at(REV), "fqdn_rev");
        String hostname = row.unescaped(layout.at(HOSTNAME));
        Bytes hwaddr = layout.at(HWADDR) < 0 ? Bytes.EMPTY : row.hex(layout.at(HWADDR), "hwaddr");
        LeaseState state = layout.at(STATE) < 0 ? LeaseState.DEFAULT
                : LeaseState.fromCode(row.unsignedOr(layout.at(STATE), "state", UINT32, 0));
        String context = layout.at(USER_CONTEXT) < 0 ? "" : row.unescaped(layout.at(USER_CONTEXT));
        if (!context.isEmpty()) {
            userContexts.check(context);
        }
        int hwtype = layout.at(HWTYPE) < 0 ? 1 : (int) row.unsignedOr(layout.at(HWTYPE), "hwtype", 0xffff, 1);
        long hwSource = layout.at(HWADDR_SOURCE) < 0 ? 0
                : row.unsignedOr(layout.at(HWADDR_SOURCE), "hwaddr_source", UINT32, 0);
        long poolId = layout.at(POOL_ID) < 0 ? 0 : row.unsignedOr(layout.at(POOL_ID), "pool_id", UINT32, 0);
        return new Lease6(address, duid, valid, expire, subnet, pref, type, iaid, prefixLen, fwd, rev, hostname,
                hwaddr, state, context, hwtype, hwSource, poolId);
    }

    @Override
    public void encode(Lease6 l, boolean withPoolId, StringBuilder sb) {
        sb.append(l.address().toString());
        sb.append(',');
        l.duid().appendHex(sb);
        sb.append(',').append(l.validLifetime())
                .append(',').append(l.expire())
                .append(',').append(l.subnetId())
                .append(',').append(l.preferredLifetime())
                .append(',').append(l.type().code())
                .append(',').append(l.iaid())
                .append(',').append(l.prefixLength())
                .append(',').append(l.fqdnFwd() ? '1' : '0')
                .append(',').append(l.fqdnRev() ? '1' : '0')
                .append(',');
        KeaCsvText.appendEscaped(sb, l.hostname());
        sb.append(',');
        l.hwAddress().appendHex(sb);
        sb.append(',').append(l.state().code()).append(',');
        KeaCsvText.appendEscaped(sb, l.userContext());
        sb.append(',');
        if (!l.hwAddress().isEmpty()) {
            sb.append(l.hwType()).append(',').append(l.hwAddressSource());
        } else {
            sb.append(',');
        }
        if (withPoolId) {
            sb.append(',').append(l.poolId());
        }
    }

    @Override
    public Lease6 deletionOf(Lease6 lease) {
        return lease.withLifetimes(0, 0, lease.cltt());
    }

    @Override
    public boolean isDeletion(Lease6 lease) {
        return lease.validLifetime() == 0;
    }

    @Override
    public Ip6Address key(Lease6 lease) {
        return lease.address();
    }
}
