package io.tui.dhcp.core.testing;

import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.hook.CalloutHandle;
import io.tui.dhcp.core.hook.CalloutPoint;
import io.tui.dhcp.core.hook.Callouts;
import io.tui.dhcp.core.hook.ServerControl;
import io.tui.dhcp.core.server.ConfigParticipant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Hook pieces the servers' hook-point tests share. */
public final class TestHooks {
    private TestHooks() {}

    /** Records every handle seen at {@code point} and sets {@code status} on it. */
    public static List<CalloutHandle> record(Callouts c, CalloutPoint point, CalloutHandle.Status status) {
        List<CalloutHandle> seen = new ArrayList<>();
        c.register(point, h -> {
            seen.add(h);
            h.status(status);
        });
        return seen;
    }

    /**
     * A participant that accepts every configuration and whose hooks' callouts are whatever {@code callouts} gives
     * at the time (a test swaps them as a hook reload would).
     */
    public static ConfigParticipant calloutsFrom(Supplier<Callouts> callouts) {
        return new ConfigParticipant() {
            @Override
            public List<String> check(ServerConfig next) {
                return List.of();
            }

            @Override
            public Staged stage(ServerConfig next) {
                return new Staged() {
                    @Override
                    public void commit() { }

                    @Override
                    public void abort() { }
                };
            }

            @Override
            public ServerControl.ConfigOutcome reloadHooks() {
                return new ServerControl.ConfigOutcome(true, List.of());
            }

            @Override
            public Callouts callouts() {
                return callouts.get();
            }
        };
    }
}
