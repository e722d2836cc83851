package io.tui.control;

import io.tui.dhcp.core.config.model.Services;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The control sockets of one running server. Built from the configuration's {@code control-socket} /
 * {@code control-sockets} entries, all answering through one {@link CommandDispatcher}; every client is served off
 * the packet path (a virtual thread per connection, bounded by {@link Limits}). {@link #reconfigure} keeps the
 * sockets whose settings did not change and replaces the rest, as a config reload needs.
 *
 * <pre>{@code
 * CommandRegistry commands = new CommandRegistry();
 * BuiltinCommands.register(commands, services, BuiltinOptions.defaults(Family.V4));
 * CommandDispatcher dispatcher = new CommandDispatcher(commands, callouts, "dhcp4");
 * ControlChannel channel = ControlChannel.start(config.services().controlSockets(), dispatcher,
 *         ControlChannel.Options.forConfigFile(configFile));
 * ...
 * channel.reconfigure(newConfig.services().controlSockets());
 * channel.close();
 * }</pre>
 */
public final class ControlChannel implements AutoCloseable {

    /**
     * @param baseDir  where relative TLS and credential file names resolve (the configuration file's directory)
     * @param defaults limits for entries that set none
     * @param maxBufferedBytes bytes of commands held in memory at once across every socket; beyond it large
     *                 commands are refused (result 1 on UNIX, 503 on HTTP) rather than exhausting the heap
     */
    public record Options(Path baseDir, Limits defaults, long maxBufferedBytes) {
        /** 128 MiB of commands in memory at once, across every socket. */
        public static final long DEFAULT_MAX_BUFFERED = 128L << 20;

        public Options {
            Objects.requireNonNull(baseDir, "baseDir");
            Objects.requireNonNull(defaults, "defaults");
            if (maxBufferedBytes < defaults.maxCommandSize()) {
                throw new IllegalArgumentException("maxBufferedBytes must hold at least one command");
            }
        }

        public Options(Path baseDir, Limits defaults) {
            this(baseDir, defaults, Math.max(DEFAULT_MAX_BUFFERED, defaults.maxCommandSize()));
        }

        /** Relative names resolve beside {@code configFile} (or in the working directory when null). */
        public static Options forConfigFile(Path configFile) {
            Path dir = configFile == null ? Path.of("").toAbsolutePath()
                    : configFile.toAbsolutePath().normalize().getParent();
            return new Options(dir, Limits.DEFAULT);
        }
    }

    private final CommandDispatcher dispatcher;
    private final Options options;
    private final ScheduledThreadPoolExecutor watchdog;
    private final ByteBudget budget;
    private final List<Listener> listeners = new ArrayList<>();
    private boolean closed;

    private ControlChannel(CommandDispatcher dispatcher, Options options) {
        this.dispatcher = dispatcher;
        this.options = options;
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tui-control-watchdog");
            t.setDaemon(true);
            return t;
        });
        this.watchdog.setRemoveOnCancelPolicy(true);
        this.budget = new ByteBudget(options.maxBufferedBytes());
    }

    /** Opens every socket of {@code sockets}; on any failure closes those opened and throws. */
    public static ControlChannel start(List<Services.ControlSocket> sockets, CommandDispatcher dispatcher,
            Options options) throws ControlChannelException {
        ControlChannel c = new ControlChannel(Objects.requireNonNull(dispatcher), Objects.requireNonNull(options));
        try {
            c.reconfigure(sockets);
        } catch (ControlChannelException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** {@link #start(List, CommandDispatcher, Options)} with names relative to the working directory. */
    public static ControlChannel start(List<Services.ControlSocket> sockets, CommandDispatcher dispatcher)
            throws ControlChannelException {
        return start(sockets, dispatcher, Options.forConfigFile(null));
    }

    /**
     * Makes the open sockets those of {@code sockets}: unchanged ones stay open (their clients are not cut off),
     * removed ones stop accepting (their connections in flight still finish, so it may be called from within a
     * command such as config-set), new or changed ones open. All settings are checked before anything changes; when opening
     * a new socket fails the channel keeps what it could open and throws.
     */
    public synchronized void reconfigure(List<Services.ControlSocket> sockets) throws ControlChannelException {
        if (closed) {
            throw new IllegalStateException("control channel closed");
        }
        List<SocketSettings> wanted = new ArrayList<>();
        for (Services.ControlSocket cs : sockets) {
            SocketSettings s = SocketSettings.of(cs, options.baseDir(), options.defaults());
            if (wanted.contains(s)) {
                continue;
            }
            wanted.add(s);
        }
        List<Listener> keep = new ArrayList<>();
        for (Listener l : listeners) {
            if (wanted.contains(l.settings())) {
                keep.add(l);
            } else {
                l.close(true);
            }
        }
        listeners.retainAll(keep);
        ControlChannelException failure = null;
        for (SocketSettings s : wanted) {
            boolean have = false;
            for (Listener l : keep) {
                have |= l.settings().equals(s);
            }
            if (have) {
                continue;
            }
            try {
                listeners.add(s.unix() ? UnixListener.open(s, dispatcher, watchdog, budget)
                        : HttpListener.open(s, dispatcher, watchdog, budget));
            } catch (ControlChannelException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The UNIX socket paths open now. */
    public synchronized List<Path> unixPaths() {
        List<Path> out = new ArrayList<>();
        for (Listener l : listeners) {
            if (l instanceof UnixListener u) {
                out.add(u.path());
            }
        }
        return out;
    }

    /** The HTTP/HTTPS addresses bound now (real ports, also when 0 was configured). */
    public synchronized List<InetSocketAddress> httpAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (Listener l : listeners) {
            if (l instanceof HttpListener h) {
                out.add(h.address());
            }
        }
        return out;
    }

    public CommandDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }

    /**
     * Closes every socket, letting the connections in flight finish their answer for up to {@code grace} (as the
     * client of a {@code shutdown} command needs: the process exits once this returns); with a zero grace they are
     * cut off at once.
     */
    public void close(Duration grace) {
        List<Listener> closing;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closing = new ArrayList<>(listeners);
            listeners.clear();
        }
        boolean graceful = !grace.isZero() && !grace.isNegative();
        for (Listener l : closing) {
            l.close(graceful);
        }
        long end = System.nanoTime() + (graceful ? grace.toNanos() : 0);
        while (graceful && System.nanoTime() < end && closing.stream().anyMatch(l -> l.inFlight() > 0)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        watchdog.shutdownNow();
    }
}
