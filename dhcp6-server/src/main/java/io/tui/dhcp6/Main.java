package io.tui.dhcp6;

import io.tui.dhcp.core.cli.KeaCommandLine;
import io.tui.dhcp.core.cli.Launcher;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.server.InstanceLock;
import io.tui.dhcp.core.server.KeaLogging;
import io.tui.dhcp.core.server.ServerSignals;
import io.tui.dhcp.core.stats.StatsRegistry;
import io.tui.management.Management;
import io.tui.management.ManagementException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The {@code tui-dhcp6} command: Kea's {@code kea-dhcp6} command line ({@code -t}, {@code -T}, {@code -v}, {@code -V},
 * {@code -W}, {@code -c}, {@code -d}, {@code -p}, {@code -P}). With {@code -c} it serves until SIGTERM or SIGINT (or
 * the shutdown command), reloading the file on SIGHUP.
 */
public final class Main {
    private static final Logger LOG = Logger.getLogger("kea-dhcp6.dhcp6");

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command in-process and returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new Launcher(Family.V6, "tui-dhcp6", "Tui DHCPv6 server", Main::serve).run(args, out, err);
    }

    /** {@code -c}: serves the checked configuration until asked to stop; returns the exit code. */
    static int serve(ServerConfig config, KeaCommandLine cmd, PrintStream out, PrintStream err) {
        AtomicReference<KeaLogging> logging = new AtomicReference<>(
                KeaLogging.apply(config.services().loggers(), "kea-dhcp6", cmd.debug()));
        Path pidDir = InstanceLock.pidDirectory(System.getenv(), Path.of("/run/kea"));
        Dhcp6Server server;
        Management management;
        try {
            server = Dhcp6Server.start(config, new Dhcp6Server.Options(cmd.serverPort(), cmd.clientPort(),
                    cmd.configFile(), pidDir, true, true, Clock.systemUTC()), StatsRegistry.system());
            try {
                management = Management.start(server.services(),
                        Management.Options.defaults(Family.V6, cmd.configFile()));
                server.control().attach(management);
            } catch (ManagementException | RuntimeException e) {
                server.close();
                throw new IOException(e.getMessage(), e);
            }
        } catch (IOException | RuntimeException e) {
            err.println("tui-dhcp6: cannot start: " + e.getMessage());
            logging.get().close();
            return 1;
        }
        ServerSignals.install("kea-dhcp6", server.control(), server::config, cmd.debug(), logging, LOG);
        out.println("tui-dhcp6: serving on " + Dhcp6Server.describe(server));
        out.flush();
        int exit = ServerSignals.awaitShutdown("kea-dhcp6", server.control(), LOG);
        management.close();
        server.close();
        logging.get().close();
        return exit;
    }
}
