package io.tui.dhcp4;

import io.tui.dhcp.core.cli.KeaCommandLine;
import io.tui.dhcp.core.cli.Launcher;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.server.InstanceLock;
import io.tui.dhcp.core.server.KeaLogging;
import io.tui.dhcp.core.server.ServerSignals;
import io.tui.dhcp4.server.Dhcp4Server;
import io.tui.management.Management;
import io.tui.management.ManagementException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The {@code tui-dhcp4} command: Kea's {@code kea-dhcp4} command line ({@code -t}, {@code -T}, {@code -v},
 * {@code -V}, {@code -W}, {@code -c}, {@code -d}, {@code -p}, {@code -P}). With {@code -c} it serves until SIGTERM or
 * SIGINT (or the shutdown command), reloading the file on SIGHUP.
 */
public final class Main {
    private static final Logger LOG = Logger.getLogger("kea-dhcp4.dhcp4");

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command in-process and returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new Launcher(Family.V4, "tui-dhcp4", "Tui DHCPv4 server", Main::serve).run(args, out, err);
    }

    /** {@code -c}: serves the checked configuration until asked to stop; returns the exit code. */
    static int serve(ServerConfig config, KeaCommandLine cmd, PrintStream out, PrintStream err) {
        // Netty would pick SLF4J (on the class path for the SQL backends, without a provider) and warn; Tui logs
        // through java.util.logging. Netty keeps its logger factory process-wide, so the launcher sets it.
        io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
        AtomicReference<KeaLogging> logging = new AtomicReference<>(
                KeaLogging.apply(config.services().loggers(), "kea-dhcp4", cmd.debug()));
        Path pidDir = InstanceLock.pidDirectory(System.getenv(), Path.of("/run/kea"));
        Dhcp4Server server;
        try {
            int serverPort = cmd.serverPort() == 0 ? 67 : cmd.serverPort();
            int clientPort = cmd.clientPort() == 0 ? 68 : cmd.clientPort();
            server = Dhcp4Server.start(config, new Dhcp4Server.Options(serverPort, clientPort,
                    cmd.configFile(), pidDir, true, Clock.systemUTC()));
        } catch (IOException e) {
            err.println("tui-dhcp4: " + e.getMessage());
            logging.get().close();
            return 1;
        }
        Management management;
        try {
            management = Management.start(server.services(), Management.Options.defaults(Family.V4,
                    cmd.configFile()));
            server.control().attach(management);
        } catch (ManagementException | RuntimeException e) {
            err.println("tui-dhcp4: " + e.getMessage());
            server.close();
            logging.get().close();
            return 1;
        }
        ServerSignals.install("kea-dhcp4", server.control(), server::config, cmd.debug(), logging, LOG);
        int exit = ServerSignals.awaitShutdown("kea-dhcp4", server.control(), LOG);
        management.close();
        server.close();
        logging.get().close();
        return exit;
    }
}
