package io.tui.dhcp.core.hook;

import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.Client6;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.stats.StatsRegistry;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.time.Clock;

/**
 * The running server's services, as hooks and built-in commands see them. The server builds one and passes it in;
 * nothing is looked up globally.
 */
public interface ServerServices {
    Family family();

    /** The configuration in force now (it changes on config-set, config-reload and SIGHUP). */
    ServerConfig config();

    StatsRegistry stats();

    Clock clock();

    /** The v4 leases; throws {@link UnsupportedOperationException} on a DHCPv6 server. */
    LeaseService<Lease4, Integer, Client4> leases4();

    /** The v6 leases; throws {@link UnsupportedOperationException} on a DHCPv4 server. */
    LeaseService<Lease6, Ip6Address, Client6> leases6();

    /** Service control for the built-in commands. */
    ServerControl control();
}
