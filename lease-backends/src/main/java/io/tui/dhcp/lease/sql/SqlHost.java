package io.tui.dhcp.lease.sql;

import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.util.List;
import java.util.Objects;

/**
 * One row of Kea's {@code hosts} table with its IPv6 reservations and options: a host reservation as the SQL host
 * store keeps it. Nullable fields are null when the column is NULL; text fields may hold any characters.
 *
 * @param hostId            Kea's {@code host_id} (0 for a host not yet added)
 * @param identifierType    the identifier's type
 * @param identifier        the identifier's bytes
 * @param dhcp4SubnetId     the DHCPv4 subnet (0: global), or null when the host is not a DHCPv4 reservation
 * @param dhcp6SubnetId     the DHCPv6 subnet (0: global), or null
 * @param ipv4Address       the reserved IPv4 address (big-endian int), or null
 * @param hostname          the reserved hostname, or null
 * @param dhcp4ClientClasses comma-separated classes, or null
 * @param dhcp6ClientClasses comma-separated classes, or null
 * @param nextServer        siaddr (big-endian int), or null
 * @param serverHostname    sname, or null
 * @param bootFileName      file, or null
 * @param userContext       user context JSON text, or null
 * @param authKey           the reconfigure key (hex), or null
 * @param ipv6Reservations  reserved addresses and prefixes
 * @param options4          DHCPv4 options of the host
 * @param options6          DHCPv6 options of the host
 */
public record SqlHost(long hostId, IdentifierType identifierType, Bytes identifier, Long dhcp4SubnetId,
        Long dhcp6SubnetId, Integer ipv4Address, String hostname, String dhcp4ClientClasses,
        String dhcp6ClientClasses, Integer nextServer, String serverHostname, String bootFileName, String userContext,
        String authKey, List<Ipv6Reservation> ipv6Reservations, List<HostOption> options4,
        List<HostOption> options6) {

    public SqlHost {
        Objects.requireNonNull(identifierType, "identifierType");
        Objects.requireNonNull(identifier, "identifier");
        if (identifier.isEmpty() || identifier.length() > 128) {
            throw new IllegalArgumentException("host identifier must be 1..128 bytes, not " + identifier.length());
        }
        if (dhcp4SubnetId == null && dhcp6SubnetId == null) {
            throw new IllegalArgumentException("a host needs a DHCPv4 or a DHCPv6 subnet id (0: global)");
        }
        ipv6Reservations = List.copyOf(ipv6Reservations);
        options4 = List.copyOf(options4);
        options6 = List.copyOf(options6);
    }

    /** A DHCPv4 host with an identifier, subnet and address, and nothing else. */
    public static SqlHost v4(IdentifierType type, Bytes identifier, long subnetId, Integer address, String hostname) {
        return new SqlHost(0, type, identifier, subnetId, null, address, hostname, null, null, null, null, null, null,
                null, List.of(), List.of(), List.of());
    }

    /** A DHCPv6 host with an identifier, subnet and reservations, and nothing else. */
    public static SqlHost v6(IdentifierType type, Bytes identifier, long subnetId, List<Ipv6Reservation> reservations,
            String hostname) {
        return new SqlHost(0, type, identifier, null, subnetId, null, hostname, null, null, null, null, null, null,
                null, reservations, List.of(), List.of());
    }

    /** This host with another id (as stored). */
    public SqlHost withHostId(long id) {
        return new SqlHost(id, identifierType, identifier, dhcp4SubnetId, dhcp6SubnetId, ipv4Address, hostname,
                dhcp4ClientClasses, dhcp6ClientClasses, nextServer, serverHostname, bootFileName, userContext, authKey,
                ipv6Reservations, options4, options6);
    }

    /** Kea's host identifier types, with Kea's numbers ({@code host_identifier_type}). */
    public enum IdentifierType {
        HW_ADDRESS(0, "hw-address"), DUID(1, "duid"), CIRCUIT_ID(2, "circuit-id"), CLIENT_ID(3, "client-id"),
        FLEX_ID(4, "flex-id");

        private final int code;
        private final String keaName;

        IdentifierType(int code, String keaName) {
            this.code = code;
            this.keaName = keaName;
        }

        public int code() {
            return code;
        }

        public String keaName() {
            return keaName;
        }

        public static IdentifierType fromCode(int code) {
            for (IdentifierType t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown host identifier type " + code);
        }

        public static IdentifierType fromKeaName(String name) {
            for (IdentifierType t : values()) {
                if (t.keaName.equals(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown host identifier type '" + name + "'");
        }
    }

    /**
     * One {@code ipv6_reservations} row.
     *
     * @param type NA (address) or PD (prefix)
     * @param iaid the IAID, or null
     */
    public record Ipv6Reservation(Ip6Address address, int prefixLength, LeaseType type, Long iaid) {
        public Ipv6Reservation {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(type, "type");
            if (prefixLength < 0 || prefixLength > 128) {
                throw new IllegalArgumentException("prefix length " + prefixLength);
            }
        }
    }

    /**
     * One host option ({@code dhcp4_options}/{@code dhcp6_options} row with {@code scope_id} 3, host).
     *
     * @param value          the option's wire data, or null
     * @param formattedValue Kea's {@code data} text, or null
     * @param space          the option space, or null
     * @param clientClass    the class the option is for, or null
     * @param userContext    user context JSON text, or null
     */
    public record HostOption(int code, Bytes value, String formattedValue, String space, boolean persistent,
            String clientClass, String userContext) {}
}
