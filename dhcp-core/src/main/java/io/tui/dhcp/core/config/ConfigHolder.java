package io.tui.dhcp.core.config;

import io.tui.dhcp.core.config.model.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the running configuration snapshot. The hot path calls {@link #current()} (one volatile read, no lock);
 * {@code config-set} and SIGHUP call {@link #apply} or {@link #reload}, which swap the snapshot atomically when the new
 * configuration is valid and keep the old one otherwise.
 */
public final class ConfigHolder {
    private final ConfigLoader loader;
    private final AtomicReference<ServerConfig> current;

    /** Outcome of a reconfiguration: the snapshot now running, and the errors when the new one was refused. */
    public record Result(boolean applied, ServerConfig running, List<String> errors) {
        public Result {
            errors = List.copyOf(errors);
        }
    }

    public ConfigHolder(ConfigLoader loader, ServerConfig initial) {
        this.loader = loader;
        this.current = new AtomicReference<>(Objects.requireNonNull(initial));
    }

    public ServerConfig current() {
        return current.get();
    }

    /** Validates {@code text} (named {@code name} in messages) and, if it is good, makes it the running snapshot. */
    public Result apply(String text, String name, Path includeBase) {
        try {
            return swap(loader.loadText(text, name, includeBase));
        } catch (ConfigException e) {
            return new Result(false, current.get(), e.messages());
        }
    }

    /** Validates an already parsed document (such as a {@code config-set} argument) and swaps it in when valid. */
    public Result apply(io.tui.dhcp.core.config.json.JsonValue document) {
        try {
            return swap(loader.load(document));
        } catch (ConfigException e) {
            return new Result(false, current.get(), e.messages());
        }
    }

    /** Re-reads a file (SIGHUP) and swaps it in when valid. */
    public Result reload(Path file) {
        try {
            return swap(loader.loadFile(file));
        } catch (ConfigException e) {
            return new Result(false, current.get(), e.messages());
        }
    }

    private Result swap(ServerConfig next) {
        current.set(next);
        return new Result(true, next, List.of());
    }
}
