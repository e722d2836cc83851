package io.tui.hooks.leasecmds;

import com.fasterxml.jackson.databind.JsonNode;
import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.lease.AddressText;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.v6.Ip6Address;

/**
 * Which lease {@code lease4-get}/{@code lease6-get}/{@code -del} (and lease6-bulk-apply's deletions) name: an
 * address (with a type for DHCPv6), or an identifier in a subnet (with an IAID for a DUID). Parsed with Kea's checks
 * and texts.
 *
 * @param address    the address for {@link Kind#ADDRESS}; null when {@code identifier-type} was {@code address}
 * @param type       the DHCPv6 lease type ({@code IA_NA} when not given)
 * @param updateDdns the {@code update-ddns} flag (accepted; Tui sends no DNS updates)
 */
public record LeaseQuery(Kind kind, IpAddress address, LeaseType type, long subnetId, long iaid, Bytes identifier,
                         boolean updateDdns) {

    /** How the lease is named. */
    public enum Kind { ADDRESS, HW_ADDRESS, CLIENT_ID, DUID }

    /** Parses the arguments; {@code v6} for the lease6 commands. */
    public static LeaseQuery parse(JsonNode args, boolean v6) throws CommandFailure {
        if (args == null || !args.isObject()) {
            throw CommandFailure.error("Parameters missing or are not a map.");
        }
        boolean updateDdns = false;
        JsonNode u = args.get("update-ddns");
        if (u != null) {
            if (!u.isBoolean()) {
                throw CommandFailure.error("'update-ddns' is not a boolean");
            }
            updateDdns = u.booleanValue();
        }
        LeaseType type = LeaseType.NA;
        JsonNode t = args.get("type");
        if (t != null) {
            if (!t.isTextual()) {
                throw CommandFailure.error("'type' parameter must be a string");
            }
            type = switch (t.textValue()) {
                case "IA_NA", "0" -> LeaseType.NA;
                case "IA_TA", "1" -> LeaseType.TA;
                case "IA_PD", "2" -> LeaseType.PD;
                // Kea accepts V4 here too; a DHCPv4 query ignores the type
                case "V4", "3" -> LeaseType.NA;
                default -> throw CommandFailure.error("Invalid lease type specified: " + t.textValue()
                        + ", only supported values are: IA_NA, IA_TA, IA_PD and V4");
            };
        }
        JsonNode a = args.get("ip-address");
        if (a != null) {
            if (!a.isTextual()) {
                throw CommandFailure.error("'ip-address' is not a string.");
            }
            IpAddress addr = Identifiers.address(a.textValue());
            if (addr.v6() != v6) {
                throw CommandFailure.error("Invalid " + (v6 ? "IPv6" : "IPv4") + " address specified: "
                        + a.textValue());
            }
            return new LeaseQuery(Kind.ADDRESS, addr, type, 0, 0, Bytes.EMPTY, updateDdns);
        }
        JsonNode sid = args.get("subnet-id");
        if (sid == null) {
            throw CommandFailure.error("Mandatory 'subnet-id' parameter missing.");
        }
        if (!sid.isIntegralNumber()) {
            throw CommandFailure.error("'subnet-id' parameter is not integer.");
        }
        long subnetId = sid.canConvertToLong() ? sid.longValue() : -1;
        long iaid = 0;
        JsonNode i = args.get("iaid");
        if (i != null) {
            if (!i.isIntegralNumber()) {
                throw CommandFailure.error("'iaid' parameter is not integer.");
            }
            iaid = i.canConvertToLong() ? i.longValue() : -1;
        }
        JsonNode it = args.get("identifier-type");
        JsonNode id = args.get("identifier");
        if (it == null || !it.isTextual()) {
            throw CommandFailure.error("No 'ip-address' provided and 'identifier-type' is either missing or not a "
                    + "string.");
        }
        if (id == null || !id.isTextual()) {
            throw CommandFailure.error("No 'ip-address' provided and 'identifier' is either missing or not a "
                    + "string.");
        }
        String ident = id.textValue();
        return switch (it.textValue()) {
            case "address" -> new LeaseQuery(Kind.ADDRESS, null, type, subnetId, iaid, Bytes.EMPTY, updateDdns);
            case "hw-address" -> new LeaseQuery(Kind.HW_ADDRESS, null, type, subnetId, iaid,
                    Identifiers.hwAddress(ident), updateDdns);
            case "client-id" -> new LeaseQuery(Kind.CLIENT_ID, null, type, subnetId, iaid,
                    Identifiers.clientId(ident), updateDdns);
            case "duid" -> new LeaseQuery(Kind.DUID, null, type, subnetId, iaid, Identifiers.duid(ident),
                    updateDdns);
            default -> throw CommandFailure.error("Incorrect identifier type: " + it.textValue()
                    + ", the only supported values are: address, hw-address, duid");
        };
    }

    /** An address key as text: dotted quad for {@code Integer}, RFC 5952 for {@link Ip6Address}. */
    static String text(Object key) {
        return key instanceof Integer i ? AddressText.formatV4(i) : String.valueOf(key);
    }
}
