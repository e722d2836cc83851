package io.tui.dhcp4.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.hook.ServerControl;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.server.ServerControlBase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * {@link ServerControl} of a {@link Dhcp4Server}: the shared {@link ServerControlBase} (config-set/test/reload,
 * dhcp-disable/enable, shutdown, status-get, libreload through the attached management) over this server's
 * configuration, leases and worker pool. Thread-safe.
 */
public final class Dhcp4ServerControl extends ServerControlBase {
    private final Dhcp4Server server;

    Dhcp4ServerControl(Dhcp4Server server) {
        super(Family.V4, Logger.getLogger("kea-dhcp4.dhcp4"));
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
        return server.started();
    }

    @Override
    protected Instant lastReloadAt() {
        return server.lastReload();
    }

    @Override
    protected int threadPoolSize(Services.MultiThreading mt) {
        var w = server.workers();
        return w != null ? w.getCorePoolSize() : (int) mt.threadPoolSize();
    }

    /** Failed when the server should listen on interfaces and has no socket open (none could be opened). */
    @Override
    protected ObjectNode socketStatus() {
        boolean wanted = server.options().openSockets() && !server.config().services().interfaces().interfaces()
                .isEmpty();
        return wanted && server.endpoints().isEmpty()
                ? failedSockets(List.of("no DHCPv4 socket is open on " + server.config().services().interfaces()
                        .interfaces()))
                : super.socketStatus();
    }

    @Override
    public void reclaimNow(boolean remove) {
        reclaim(server.leases(), clock().instant().getEpochSecond(), remove, Lease4::address, Lease4::state);
    }
}
