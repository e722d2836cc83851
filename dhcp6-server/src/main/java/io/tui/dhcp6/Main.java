package io.tui.dhcp6;

import io.tui.dhcp.core.cli.Launcher;
import io.tui.dhcp.core.config.model.Family;
import java.io.PrintStream;

/** The {@code tui-dhcp6} command: Kea's {@code kea-dhcp6} command line ({@code -t}, {@code -T}, {@code -v}, {@code -V}, {@code -W}, {@code -c}). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command in-process and returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        // Serving (-c) arrives with the server issue; until then the launcher reports it as not built.
        return new Launcher(Family.V6, "tui-dhcp6", "Tui DHCPv6 server", null).run(args, out, err);
    }
}
