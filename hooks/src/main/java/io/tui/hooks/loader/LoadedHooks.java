package io.tui.hooks.loader;

import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.hook.Callouts;
import io.tui.dhcp.core.hook.CommandHandler;
import io.tui.dhcp.core.hook.CommandRegistry;
import io.tui.dhcp.core.hook.CommandResponse;
import io.tui.dhcp.core.hook.Hook;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hooks of one configuration, loaded in {@code hooks-libraries} order, with the commands and callouts they
 * registered. The registries are this load's own: a reload builds a new {@code LoadedHooks} and the server swaps
 * its reference, so the old set keeps answering until the new one is complete. Thread-safe for lookups.
 */
public final class LoadedHooks implements AutoCloseable {
    private final List<Services.HookLibrary> libraries;
    private final List<Hook> hooks;
    private final CommandRegistry commands;
    private final Callouts callouts;
    private boolean unloaded;

    LoadedHooks(List<Services.HookLibrary> libraries, List<Hook> hooks, CommandRegistry commands,
            Callouts callouts) {
        this.libraries = List.copyOf(libraries);
        this.hooks = List.copyOf(hooks);
        this.commands = commands;
        this.callouts = callouts;
    }

    /** The {@code hooks-libraries} entries this set was loaded from. */
    public List<Services.HookLibrary> libraries() {
        return libraries;
    }

    /** The hook instances, in load order (no-op driver hooks included). */
    public List<Hook> hooks() {
        return hooks;
    }

    /** The commands the hooks registered. */
    public CommandRegistry commands() {
        return commands;
    }

    /** The callouts the hooks registered. */
    public Callouts callouts() {
        return callouts;
    }

    /** The handler of a hook command, if a loaded hook has it. */
    public Optional<CommandHandler> find(String command) {
        return commands.find(command);
    }

    /**
     * Registers every hook command into {@code target} (a server's registry of built-ins) as a handler that
     * delegates here; returns the names. A name {@code target} already has is an error (two owners).
     */
    public List<String> exportTo(CommandRegistry target) {
        List<String> done = new ArrayList<>();
        try {
            for (String name : commands.names()) {
                target.register(name, request -> commands.find(name)
                        .map(h -> h.handle(request))
                        .orElseGet(() -> CommandResponse.unsupported(name)));
                done.add(name);
            }
        } catch (IllegalStateException e) {
            done.forEach(target::unregister);
            throw e;
        }
        return done;
    }

    /** Removes what {@link #exportTo} registered in {@code target}. */
    public void withdrawFrom(CommandRegistry target) {
        commands.names().forEach(target::unregister);
    }

    /** Unloads every hook, last loaded first (libreload, reload, shutdown). Idempotent. */
    public synchronized void unload() {
        if (unloaded) {
            return;
        }
        unloaded = true;
        for (int i = hooks.size() - 1; i >= 0; i--) {
            try {
                hooks.get(i).unload();
            } catch (RuntimeException e) {
                // a hook that fails to unload must not keep the others loaded
            }
        }
    }

    public synchronized boolean isUnloaded() {
        return unloaded;
    }

    @Override
    public void close() {
        unload();
    }
}
