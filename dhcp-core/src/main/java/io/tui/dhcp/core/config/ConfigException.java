package io.tui.dhcp.core.config;

import io.tui.dhcp.core.config.json.Position;
import java.util.List;

/**
 * A configuration that cannot be used: bad syntax, an unknown parameter, a wrong type or value, or a semantic
 * conflict. Every message names where the problem is, as {@code file:line:col}, when that is known.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> messages;

    public ConfigException(String message, Position where) {
        this(List.of(where == null ? message : message + " (" + where + ")"));
    }

    public ConfigException(List<String> messages) {
        super(String.join("\n", messages), null, false, false);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a config error needs a message");
        }
        this.messages = List.copyOf(messages);
    }

    /** Every problem found, each with its position; the first is the one a launcher prints first. */
    public List<String> messages() {
        return messages;
    }
}
