package io.tui.dhcp6;

import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.Client6;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.hook.ServerControl;
import io.tui.dhcp.core.hook.ServerServices;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.stats.StatsRegistry;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.time.Clock;

/** A {@link Dhcp6Server}'s services as hooks and the built-in commands see them (always the current ones). */
record Dhcp6ServerServices(Dhcp6Server server) implements ServerServices {
    @Override
    public Family family() {
        return Family.V6;
    }

    @Override
    public ServerConfig config() {
        return server.config();
    }

    @Override
    public StatsRegistry stats() {
        return server.statistics();
    }

    @Override
    public Clock clock() {
        return server.options().clock();
    }

    @Override
    public LeaseService<Lease4, Integer, Client4> leases4() {
        throw new UnsupportedOperationException("a DHCPv6 server has no DHCPv4 leases");
    }

    @Override
    public LeaseService<Lease6, Ip6Address, Client6> leases6() {
        return server.leases();
    }

    @Override
    public ServerControl control() {
        return server.control();
    }
}
