package io.tui.dhcp.core.alloc;

import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseType;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A DHCPv6 IA of a client: DUID, IAID and lease type (NA or PD), plus the hardware address if the server knows it.
 *
 * @param duid      the client's DUID
 * @param iaid      the IAID
 * @param type      NA, TA or PD
 * @param hwAddress hardware address, or empty
 */
public record Client6(Bytes duid, long iaid, LeaseType type, Bytes hwAddress) implements ClientIdentity<Lease6> {

    public Client6 {
        Objects.requireNonNull(duid, "duid");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hwAddress, "hwAddress");
        if (duid.isEmpty()) {
            throw new IllegalArgumentException("a DHCPv6 client needs a DUID");
        }
    }

    @Override
    public void keys(long subnetId, Consumer<LeaseKey> sink) {
        sink.accept(new LeaseKey.Ia6(duid, iaid, type, subnetId));
    }

    @Override
    public boolean owns(Lease6 lease) {
        return lease.iaid() == iaid && lease.type() == type && duid.equals(lease.duid());
    }
}
