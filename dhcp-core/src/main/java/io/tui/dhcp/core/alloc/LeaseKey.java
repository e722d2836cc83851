package io.tui.dhcp.core.alloc;

import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.LeaseType;
import java.util.Objects;

/** The client keys the lease index is searched by; each names one subnet. */
public sealed interface LeaseKey {

    /** A DHCPv4 client by hardware address in a subnet. */
    record Hw4(Bytes hwAddress, long subnetId) implements LeaseKey {
        public Hw4 {
            Objects.requireNonNull(hwAddress, "hwAddress");
        }
    }

    /** A DHCPv4 client by client identifier (option 61) in a subnet. */
    record ClientId4(Bytes clientId, long subnetId) implements LeaseKey {
        public ClientId4 {
            Objects.requireNonNull(clientId, "clientId");
        }
    }

    /** A DHCPv6 IA: DUID, IAID and lease type in a subnet. */
    record Ia6(Bytes duid, long iaid, LeaseType type, long subnetId) implements LeaseKey {
        public Ia6 {
            Objects.requireNonNull(duid, "duid");
            Objects.requireNonNull(type, "type");
        }
    }

    /** A DHCPv6 client by DUID in a subnet, any IA. */
    record Duid6(Bytes duid, long subnetId) implements LeaseKey {
        public Duid6 {
            Objects.requireNonNull(duid, "duid");
        }
    }
}
