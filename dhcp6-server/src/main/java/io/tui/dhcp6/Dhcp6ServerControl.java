package io.tui.dhcp6;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.hook.ServerControl;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.server.ServerControlBase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * {@link ServerControl} of a {@link Dhcp6Server}: the shared {@link ServerControlBase} (config-set/test/reload,
 * dhcp-disable/enable, shutdown, status-get, libreload through the attached management) over this server's
 * configuration, leases and sockets. Thread-safe.
 */
public final class Dhcp6ServerControl extends ServerControlBase {
    private final Dhcp6Server server;

    Dhcp6ServerControl(Dhcp6Server server) {
        super(Family.V6, Logger.getLogger("kea-dhcp6.dhcp6"));
        this.server = server;
    }

    @Override
    public Path configFile() {
        return server.options().configFile();
    }

    @Override
    protected ServerConfig current() {
        return server.config();
    }

    @Override
    protected String apply(ServerConfig next) {
        return server.apply(next);
    }

    @Override
    protected Clock clock() {
        return server.options().clock();
    }

    @Override
    protected Instant startedAt() {
        return server.startedAt();
    }

    @Override
    protected Instant lastReloadAt() {
        return server.lastReload();
    }

    @Override
    protected ObjectNode socketStatus() {
        return server.sockets() != null || !server.options().openSockets() ? super.socketStatus()
                : failedSockets(List.of("the DHCPv6 sockets are not open"));
    }

    @Override
    public void reclaimNow(boolean remove) {
        reclaim(server.leases(), clock().instant().getEpochSecond(), remove, Lease6::address, Lease6::state);
    }
}
