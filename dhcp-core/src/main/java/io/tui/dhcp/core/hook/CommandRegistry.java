package io.tui.dhcp.core.hook;

import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The commands of one running server: built-ins and those hooks registered. Thread-safe. */
public final class CommandRegistry {
    private final Map<String, CommandHandler> handlers = new ConcurrentHashMap<>();

    /** Registers {@code name}; a second registration of the same name fails (two hooks must not claim one). */
    public void register(String name, CommandHandler handler) {
        if (handlers.putIfAbsent(name, handler) != null) {
            throw new IllegalStateException("command " + name + " is already registered");
        }
    }

    public void unregister(String name) {
        handlers.remove(name);
    }

    public Optional<CommandHandler> find(String name) {
        return Optional.ofNullable(handlers.get(name));
    }

    /** Every registered name, sorted (list-commands). */
    public SortedSet<String> names() {
        return new TreeSet<>(handlers.keySet());
    }
}
