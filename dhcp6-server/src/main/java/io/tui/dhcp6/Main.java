package io.tui.dhcp6;

import io.tui.dhcp.core.cli.KeaCommandLine;
import io.tui.dhcp.core.cli.Launcher;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.stats.StatsRegistry;
import io.tui.dhcp6.proc.Dhcp6Processor;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/** The {@code tui-dhcp6} command: Kea's {@code kea-dhcp6} command line ({@code -t}, {@code -T}, {@code -v}, {@code -V}, {@code -W}, {@code -c}). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command in-process and returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new Launcher(Family.V6, "tui-dhcp6", "Tui DHCPv6 server", Main::serve).run(args, out, err);
    }

    /** {@code -c}: serves until SIGTERM/SIGINT, then closes the sockets and flushes the lease file. */
    static int serve(ServerConfig config, KeaCommandLine cmd, PrintStream out, PrintStream err) {
        Dhcp6Server.Settings d = Dhcp6Server.Settings.defaults();
        Dhcp6Server.Settings settings = new Dhcp6Server.Settings(cmd.serverPort() == 0 ? 547 : cmd.serverPort(),
                cmd.clientPort() == 0 ? 546 : cmd.clientPort(), d.threads(), d.allServers(), d.clock());
        Dhcp6Server server;
        try {
            server = Dhcp6Server.start(config, settings, StatsRegistry.system(), Dhcp6Processor.HostLookup.NONE);
        } catch (IOException | RuntimeException e) {
            err.println("tui-dhcp6: cannot start: " + e.getMessage());
            return 1;
        }
        out.println("tui-dhcp6: serving on " + Dhcp6Server.describe(server));
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "tui-dhcp6-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return 0;
    }
}
