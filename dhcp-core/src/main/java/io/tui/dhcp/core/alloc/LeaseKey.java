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

        @Override
        public boolean equals(Object o) {
            return o instanceof Hw4 k && k.subnetId == subnetId && k.hwAddress.equals(hwAddress);
        }

        @Override
        public int hashCode() {
            return hwAddress.hashCode() * 31 + Long.hashCode(subnetId);
        }
    }

    /** A DHCPv4 client by client identifier (option 61) in a subnet. */
    record ClientId4(Bytes clientId, long subnetId) implements LeaseKey {
        public ClientId4 {
            Objects.requireNonNull(clientId, "clientId");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ClientId4 k && k.subnetId == subnetId && k.clientId.equals(clientId);
        }

        @Override
        public int hashCode() {
            return clientId.hashCode() * 37 + Long.hashCode(subnetId);
        }
    }

    /** A DHCPv6 IA: DUID, IAID and lease type in a subnet. */
    record Ia6(Bytes duid, long iaid, LeaseType type, long subnetId) implements LeaseKey {
        public Ia6 {
            Objects.requireNonNull(duid, "duid");
            Objects.requireNonNull(type, "type");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ia6 k && k.iaid == iaid && k.subnetId == subnetId && k.type == type
                    && k.duid.equals(duid);
        }

        @Override
        public int hashCode() {
            return ((duid.hashCode() * 31 + Long.hashCode(iaid)) * 31 + type.ordinal()) * 31 + Long.hashCode(subnetId);
        }
    }

    /** A DHCPv6 client by DUID in a subnet, any IA. */
    record Duid6(Bytes duid, long subnetId) implements LeaseKey {
        public Duid6 {
            Objects.requireNonNull(duid, "duid");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Duid6 k && k.subnetId == subnetId && k.duid.equals(duid);
        }

        @Override
        public int hashCode() {
            return duid.hashCode() * 41 + Long.hashCode(subnetId);
        }
    }
}
