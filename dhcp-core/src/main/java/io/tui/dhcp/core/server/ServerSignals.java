package io.tui.dhcp.core.server;

import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.hook.ServerControl;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;
import sun.misc.Signal;

/** The signal side of a running server, the same for tui-dhcp4 and tui-dhcp6. */
public final class ServerSignals {
    private ServerSignals() {
    }

    /**
     * Handles SIGHUP (re-read the {@code -c} file; when it applies, the loggers follow the new {@code loggers}),
     * SIGTERM and SIGINT (shut down with exit value 0). A signal the process inherited as ignored is handled all the
     * same. Call it before the server says it is serving: until then a SIGHUP takes the JVM's default (shutdown).
     *
     * @param kea     Kea's program name, such as {@code kea-dhcp4} (logger root and message prefix)
     * @param logging the loggers in force; replaced after a reload that applied
     */
    public static void install(String kea, ServerControlBase control, Supplier<ServerConfig> config,
            boolean debug, AtomicReference<KeaLogging> logging, Logger log) {
        String tag = tag(kea);
        restoreIgnored(log, "HUP", 1);
        restoreIgnored(log, "INT", 2);
        restoreIgnored(log, "TERM", 15);
        try {
            Signal.handle(new Signal("HUP"), s -> Thread.ofPlatform().name("tui-" + tag.toLowerCase(
                    java.util.Locale.ROOT) + "-sighup").start(() -> {
                        ServerControl.ConfigOutcome o = control.reloadConfig();
                        if (o.ok()) {
                            KeaLogging next = KeaLogging.apply(config.get().services().loggers(), kea, debug);
                            logging.getAndSet(next).close();
                        }
                    }));
            Signal.handle(new Signal("TERM"), s -> control.shutdown(0));
            Signal.handle(new Signal("INT"), s -> control.shutdown(0));
        } catch (IllegalArgumentException e) {
            log.warning("signals cannot be handled here: " + e.getMessage());
        }
    }

    /** Waits until a shutdown is requested (a signal {@link #install} handles, or the shutdown command). */
    public static int awaitShutdown(String kea, ServerControlBase control, Logger log) {
        String tag = tag(kea);
        int exit = control.shutdownRequested().join();
        log.info(tag + "_SHUTDOWN_REQUEST shutting down");
        return exit;
    }

    private static String tag(String kea) {
        return kea.substring(kea.indexOf('-') + 1).toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * A signal inherited as ignored (nohup: SIGHUP; a script's background job: SIGINT) gets its default action back,
     * so the handler installed next takes effect, as Kea's do ({@link InheritedSignals}).
     */
    private static void restoreIgnored(Logger log, String name, int signo) {
        try {
            if (InheritedSignals.restoreDefault(signo)) {
                log.info("SIG" + name + " was inherited as ignored; handling it as Kea does");
            }
        } catch (RuntimeException | LinkageError e) {
            log.warning("SIG" + name + ": cannot read its inherited action (" + e.getMessage()
                    + "); if it is ignored, it stays ignored");
        }
    }
}
