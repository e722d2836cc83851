package io.tui.dhcp.core.host;

import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.lease.Bytes;
import java.util.List;

/**
 * Where host reservations come from: the configuration ({@link ConfigHostSource}) today, a SQL host database later.
 * Implementations are thread-safe and answer from memory or a connection pool; they never return null lists.
 */
public interface HostSource {

    /** The reservation of one identifier in one subnet ({@code subnetId} 0: the global ones), or null. */
    Host get(long subnetId, IdentifierType type, Bytes identifier);

    /** Reservations of {@code address} in a subnet ({@code subnetId} 0: global), usually zero or one. */
    List<Host> byAddress(long subnetId, IpAddress address);

    /** Every reservation of one subnet ({@code subnetId} 0: the global ones), in configuration order. */
    List<Host> bySubnet(long subnetId);

    /** No reservations at all. */
    HostSource NONE = new HostSource() {
        @Override
        public Host get(long subnetId, IdentifierType type, Bytes identifier) {
            return null;
        }

        @Override
        public List<Host> byAddress(long subnetId, IpAddress address) {
            return List.of();
        }

        @Override
        public List<Host> bySubnet(long subnetId) {
            return List.of();
        }
    };
}
