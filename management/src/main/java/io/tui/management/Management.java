package io.tui.management;

import io.tui.control.BuiltinCommands;
import io.tui.control.BuiltinOptions;
import io.tui.control.CommandDispatcher;
import io.tui.control.ControlChannel;
import io.tui.control.ControlChannelException;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.hook.Callouts;
import io.tui.dhcp.core.hook.CommandRegistry;
import io.tui.dhcp.core.hook.HookException;
import io.tui.dhcp.core.hook.ServerControl.ConfigOutcome;
import io.tui.dhcp.core.hook.ServerServices;
import io.tui.dhcp.core.server.ConfigParticipant;
import io.tui.hooks.loader.HookLoader;
import io.tui.hooks.loader.LoadedHooks;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * How a running server (v4 or v6) is managed: its hook modules ({@code hooks-libraries}, through
 * {@link HookLoader}), the built-in and the hooks' commands in one {@link CommandRegistry}, and the control sockets
 * ({@code control-socket}/{@code control-sockets}, a {@link ControlChannel}). Attached to the server's control as its
 * {@link ConfigParticipant}, so config-set, config-reload and SIGHUP load the new configuration's hooks before the
 * server applies it (a library that fails refuses the configuration and the old hooks stay), then switch the hooks'
 * commands and callouts over and reconfigure the sockets (unchanged ones stay open); libreload reloads the running
 * configuration's hooks the same way.
 *
 * <pre>{@code
 * Management m = Management.start(server.services(), Management.Options.defaults(Family.V4));  // exit 1 on failure
 * server.control().attach(m);
 * ...
 * m.close();   // at shutdown, before the server closes
 * }</pre>
 */
public final class Management implements ConfigParticipant, AutoCloseable {

    /**
     * @param builtins   what the built-in commands need (version texts, whether config-get reveals secrets)
     * @param hookLoader where hook modules come from
     * @param channel    socket defaults and where relative TLS/credential names resolve
     */
    public record Options(BuiltinOptions builtins, HookLoader hookLoader, ControlChannel.Options channel) {
        public Options {
            Objects.requireNonNull(builtins, "builtins");
            Objects.requireNonNull(hookLoader, "hookLoader");
            Objects.requireNonNull(channel, "channel");
        }

        /** The build's texts, the hooks on this class path, names relative to {@code configFile}'s directory. */
        public static Options defaults(Family family, Path configFile) {
            return new Options(BuiltinOptions.defaults(family), new HookLoader(Management.class.getClassLoader()),
                    ControlChannel.Options.forConfigFile(configFile));
        }
    }

    private final ServerServices services;
    private final Options options;
    private final Logger log;
    private final CommandRegistry registry = new CommandRegistry();
    private volatile LoadedHooks hooks;
    private ControlChannel channel;

    private Management(ServerServices services, Options options) {
        this.services = services;
        this.options = options;
        this.log = Logger.getLogger(services.family() == Family.V6 ? "kea-dhcp6.hooks" : "kea-dhcp4.hooks");
    }

    /**
     * Loads the configuration's hooks, registers the commands and opens the control sockets.
     *
     * @throws ManagementException naming the hook library or socket that failed; nothing stays loaded or open
     */
    public static Management start(ServerServices services, Options options) throws ManagementException {
        Management m = new Management(Objects.requireNonNull(services), Objects.requireNonNull(options));
        ServerConfig config = services.config();
        try {
            m.hooks = options.hookLoader().load(config.services().hooks(), services);
        } catch (HookException e) {
            throw new ManagementException("cannot load the hook libraries: " + e.getMessage(), e);
        }
        try {
            BuiltinCommands.register(m.registry, services, options.builtins());
            m.hooks.exportTo(m.registry);
        } catch (IllegalStateException e) {
            m.hooks.unload();
            throw new ManagementException("cannot register the hooks' commands: " + e.getMessage(), e);
        }
        CommandDispatcher dispatcher = new CommandDispatcher(m.registry, m::callouts,
                services.family() == Family.V6 ? "dhcp6" : "dhcp4");
        try {
            m.channel = ControlChannel.start(config.services().controlSockets(), dispatcher, options.channel());
        } catch (ControlChannelException e) {
            m.hooks.unload();
            throw new ManagementException("cannot open the control socket: " + e.getMessage(), e);
        }
        m.log.info("HOOKS_LIBRARIES_LOADED " + m.hooks.libraries().size() + " hook libraries loaded, "
                + m.registry.names().size() + " commands, control sockets " + m.describeSockets());
        return m;
    }

    /** The command registry: built-ins and the loaded hooks' commands. */
    public CommandRegistry commands() {
        return registry;
    }

    /** The callouts of the hooks in force (they change on reload). */
    @Override
    public Callouts callouts() {
        LoadedHooks h = hooks;
        return h == null ? null : h.callouts();
    }

    /** The hooks in force. */
    public LoadedHooks hooks() {
        return hooks;
    }

    /** The UNIX control sockets open now. */
    public synchronized List<Path> unixSockets() {
        return channel == null ? List.of() : channel.unixPaths();
    }

    /** The HTTP/HTTPS control addresses bound now. */
    public synchronized List<InetSocketAddress> httpAddresses() {
        return channel == null ? List.of() : channel.httpAddresses();
    }

    private String describeSockets() {
        return "unix " + unixSockets() + ", http " + httpAddresses();
    }

    // ---- ConfigParticipant ---------------------------------------------------------------------------------------

    @Override
    public List<String> check(ServerConfig next) {
        return options.hookLoader().check(next.services().hooks());
    }

    @Override
    public Staged stage(ServerConfig next) throws Refused {
        LoadedHooks current = hooks;
        if (current != null && current.libraries().equals(next.services().hooks())) {
            return staged(null, next);   // same libraries and parameters: the loaded hooks stay
        }
        try {
            LoadedHooks loaded = options.hookLoader().load(next.services().hooks(), services);
            for (String name : loaded.commands().names()) {
                if (BuiltinCommands.NAMES.contains(name)) {
                    loaded.unload();
                    throw new Refused(List.of("a hook library registers the built-in command " + name));
                }
            }
            return staged(loaded, next);
        } catch (HookException e) {
            log.severe("HOOKS_LIBRARY_LOAD_FAIL " + e.getMessage() + "; the old configuration stays");
            throw new Refused(List.of(e.getMessage()));
        }
    }

    private Staged staged(LoadedHooks loaded, ServerConfig next) {
        return new Staged() {
            @Override
            public void commit() {
                if (loaded != null) {
                    try {
                        swap(loaded);
                    } catch (IllegalStateException e) {
                        log.severe("HOOKS_LIBRARY_LOAD_FAIL " + e.getMessage() + "; the old hooks stay");
                    }
                }
                reconfigureSockets(next);
            }

            @Override
            public void abort() {
                if (loaded != null) {
                    loaded.unload();
                }
            }
        };
    }

    @Override
    public ConfigOutcome reloadHooks() {
        try {
            swap(options.hookLoader().load(services.config().services().hooks(), services));
            log.info("HOOKS_LIBRARIES_RELOADED " + hooks.libraries().size() + " hook libraries reloaded");
            return new ConfigOutcome(true, List.of());
        } catch (HookException e) {
            log.severe("HOOKS_LIBRARY_RELOAD_FAIL " + e.getMessage() + "; the loaded hooks stay");
            return new ConfigOutcome(false, List.of(e.getMessage()));
        } catch (IllegalStateException e) {
            return new ConfigOutcome(false, List.of(e.getMessage()));
        }
    }

    /** Makes {@code next} the hooks in force: their commands replace the old ones', then the old set unloads. */
    private synchronized void swap(LoadedHooks next) {
        LoadedHooks old = hooks;
        if (old != null) {
            old.withdrawFrom(registry);
        }
        try {
            next.exportTo(registry);
        } catch (IllegalStateException e) {
            // a hook command that names a built-in: keep the old set
            next.unload();
            if (old != null) {
                old.exportTo(registry);
            }
            throw e;
        }
        hooks = next;
        if (old != null) {
            old.unload();
        }
    }

    private synchronized void reconfigureSockets(ServerConfig next) {
        if (channel == null) {
            return;
        }
        try {
            channel.reconfigure(next.services().controlSockets());
        } catch (ControlChannelException e) {
            log.severe("COMMAND_SOCKET_RECONFIGURE_FAIL " + e.getMessage() + "; the other control sockets serve");
        }
    }

    /** Closes the control sockets (commands in flight still get their answer) and unloads the hooks. */
    @Override
    public synchronized void close() {
        if (channel != null) {
            channel.close(Duration.ofSeconds(3));
            channel = null;
        }
        LoadedHooks h = hooks;
        if (h != null) {
            h.unload();
        }
    }
}
