package io.tui.dhcp.core.host;

import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.config.model.Reservation;
import io.tui.dhcp.core.lease.Bytes;
import java.util.Objects;

/**
 * One host reservation as the server looks it up: where it applies ({@code subnetId} 0 for a global reservation),
 * the identifier it matches, and what it reserves (address, hostname, classes, options, boot fields).
 *
 * @param subnetId    the subnet the reservation belongs to, or 0 for a global reservation
 * @param type        the identifier type
 * @param identifier  the identifier bytes (for {@code client-id}: option 61's whole value, type byte included)
 * @param reservation what is reserved
 */
public record Host(long subnetId, IdentifierType type, Bytes identifier, Reservation reservation) {
    public Host {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(reservation, "reservation");
    }

    /** Whether this is a global reservation. */
    public boolean global() {
        return subnetId == 0;
    }

    /** The reserved IPv4 address as a big-endian int, or null when the reservation holds none. */
    public Integer ipv4() {
        for (IpAddress a : reservation.addresses()) {
            if (!a.v6()) {
                return a.value().intValue();
            }
        }
        return null;
    }
}
