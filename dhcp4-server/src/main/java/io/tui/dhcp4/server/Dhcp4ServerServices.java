package io.tui.dhcp4.server;

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

/** {@link ServerServices} of a running {@link Dhcp4Server}: always the current configuration and leases. */
public final class Dhcp4ServerServices implements ServerServices {
    private final Dhcp4Server server;

    public Dhcp4ServerServices(Dhcp4Server server) {
        this.server = server;
    }

    @Override
    public Family family() {
        return Family.V4;
    }

    @Override
    public ServerConfig config() {
        return server.config();
    }

    @Override
    public StatsRegistry stats() {
        return server.stats();
    }

    @Override
    public Clock clock() {
        return server.options().clock();
    }

    @Override
    public LeaseService<Lease4, Integer, Client4> leases4() {
        return server.leases();
    }

    @Override
    public LeaseService<Lease6, Ip6Address, Client6> leases6() {
        throw new UnsupportedOperationException("a DHCPv4 server has no v6 leases");
    }

    @Override
    public ServerControl control() {
        return server.control();
    }
}
