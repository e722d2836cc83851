package io.tui.dhcp.core.server;

import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.hook.Callouts;
import io.tui.dhcp.core.hook.ServerControl.ConfigOutcome;
import java.util.List;

/**
 * A part of a running server that a configuration change must go through besides the DHCP runtime: the hook
 * modules and control sockets (the {@code management} module's {@code Management}). {@link ServerControlBase}
 * stages it before applying a new configuration and commits or aborts it after, so that a configuration whose hooks
 * cannot load is refused and the old one (hooks included) stays.
 */
public interface ConfigParticipant {

    /** What {@link #stage} prepared: made the running state by {@link #commit}, or dropped by {@link #abort}. */
    interface Staged {
        /** The server applied the configuration: switch over (never throws; problems are logged). */
        void commit();

        /** The server refused the configuration: drop what was prepared, keep the old state. */
        void abort();
    }

    /** The problems {@code next} has for this participant without preparing anything (config-test); empty if none. */
    List<String> check(ServerConfig next);

    /**
     * Prepares {@code next} (loads its hooks); throws {@link Refused} with the reasons when it cannot, leaving the
     * running state untouched.
     */
    Staged stage(ServerConfig next) throws Refused;

    /** libreload: the running configuration's hooks loaded anew; on failure the old ones stay. */
    ConfigOutcome reloadHooks();

    /**
     * The callouts of the hooks in force, or null when none are loaded. They change on every hook (re)load, so the
     * packet path asks for them per packet (through {@link ServerControlBase#callouts}).
     */
    default Callouts callouts() {
        return null;
    }

    /** A configuration this participant cannot take. */
    final class Refused extends Exception {
        private final List<String> errors;

        public Refused(List<String> errors) {
            super(String.join("; ", errors));
            this.errors = List.copyOf(errors);
        }

        public List<String> errors() {
            return errors;
        }
    }
}
