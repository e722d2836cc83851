package io.tui.dhcp.core.alloc;

import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A DHCPv4 client: hardware address and client identifier (either may be empty, not both). As Kea does with
 * {@code match-client-id} on, a lease that records a client identifier belongs to the client sending that identifier;
 * otherwise the hardware address decides.
 *
 * @param hwAddress the chaddr
 * @param clientId  option 61, or empty
 */
public record Client4(Bytes hwAddress, Bytes clientId) implements ClientIdentity<Lease4> {

    public Client4 {
        Objects.requireNonNull(hwAddress, "hwAddress");
        Objects.requireNonNull(clientId, "clientId");
        if (hwAddress.isEmpty() && clientId.isEmpty()) {
            throw new IllegalArgumentException("a client needs a hardware address or a client identifier");
        }
    }

    @Override
    public void keys(long subnetId, Consumer<LeaseKey> sink) {
        if (!clientId.isEmpty()) {
            sink.accept(new LeaseKey.ClientId4(clientId, subnetId));
        }
        if (!hwAddress.isEmpty()) {
            sink.accept(new LeaseKey.Hw4(hwAddress, subnetId));
        }
    }

    @Override
    public boolean owns(Lease4 lease) {
        if (!clientId.isEmpty() && !lease.clientId().isEmpty()) {
            return clientId.equals(lease.clientId());
        }
        return !hwAddress.isEmpty() && hwAddress.equals(lease.hwAddress());
    }
}
