package io.tui.dhcp.core.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What the built-in control commands ask of a running server. Implementations are thread-safe. */
public interface ServerControl {

    /** The outcome of a configuration change: applied, or refused with the reasons (the old config stays). */
    record ConfigOutcome(boolean ok, List<String> errors) {
        public ConfigOutcome {
            errors = List.copyOf(errors);
        }
    }

    /** The file given with {@code -c}, or null when started without one (tests). */
    Path configFile();

    /** Validates and applies a whole document ({@code {"Dhcp4": {…}}}): config-set. Keeps the old config on failure. */
    ConfigOutcome setConfig(JsonNode document);

    /** Validates a document without applying it: config-test. */
    ConfigOutcome testConfig(JsonNode document);

    /** Re-reads the {@code -c} file and applies it: config-reload and SIGHUP. */
    ConfigOutcome reloadConfig();

    /** dhcp-disable: stops answering clients, until {@link #enable} from the same origin or {@code maxPeriod}. */
    void disable(String origin, Duration maxPeriod);

    /** dhcp-enable. */
    void enable(String origin);

    /** Whether the server answers clients. */
    boolean enabled();

    /** leases-reclaim: reclaims every expired lease now; {@code remove} deletes them instead of keeping them. */
    void reclaimNow(boolean remove);

    /** shutdown: stops serving and exits with {@code exitValue} once in-flight work is done. */
    void shutdown(int exitValue);

    /** libreload: unloads and loads the hooks again with the current parameters. */
    ConfigOutcome reloadHooks();

    /**
     * status-get's arguments: {@code pid}, {@code uptime}, {@code reload} (seconds), {@code multi-threading-enabled},
     * {@code thread-pool-size}, {@code packet-queue-size}, {@code sockets} ({@code {"status": "ready"}} and so on).
     */
    ObjectNode status();

    /** The server tag (server-tag-get), empty when none is configured. */
    String serverTag();
}
