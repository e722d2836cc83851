package io.tui.dhcp.core.cli;

import io.tui.dhcp.core.config.ConfigException;
import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.hook.Hook;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * What both server launchers do with Kea's command line: version and build reports, {@code -t}/{@code -T} configuration
 * checks, and hand-over to a {@link Server} for {@code -c}. Exit codes follow Kea: 0 on success, 1 on a usage error or
 * a bad configuration.
 */
public final class Launcher {
    /** Runs the server with a checked configuration; returns the exit code. */
    @FunctionalInterface
    public interface Server {
        int serve(ServerConfig config, KeaCommandLine commandLine, PrintStream out, PrintStream err);
    }

    private final Family family;
    private final String program;
    private final String description;
    private final Server server;

    /**
     * @param program the command name in messages, such as {@code tui-dhcp4}
     * @param description such as {@code Tui DHCPv4 server}
     * @param server what {@code -c} runs, or null when this build cannot serve
     */
    public Launcher(Family family, String program, String description, Server server) {
        this.family = family;
        this.program = program;
        this.description = description;
        this.server = server;
    }

    public int run(String[] args, PrintStream out, PrintStream err) {
        KeaCommandLine cmd;
        try {
            cmd = KeaCommandLine.parse(args);
        } catch (UsageException e) {
            err.println(program + ": " + e.getMessage());
            err.println(description + ", version " + BuildInfo.load().version());
            err.println();
            err.print(KeaCommandLine.usage(program));
            return 1;
        }
        BuildInfo build = BuildInfo.load();
        switch (cmd.mode()) {
            case VERSION -> {
                out.println(build.version());
                return 0;
            }
            case EXTENDED_VERSION -> {
                out.println(build.version());
                out.println("linked with:");
                out.println("Java " + Runtime.version());
                out.println("Netty " + build.nettyVersion());
                out.println("Jackson " + build.jacksonVersion());
                return 0;
            }
            case BUILD_REPORT -> {
                out.println("Tui build configuration report");
                out.println("  Version:        " + build.version());
                out.println("  Server:         " + description);
                out.println("  Java release:   " + build.javaRelease());
                out.println("  Java runtime:   " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
                out.println("  Netty:          " + build.nettyVersion());
                out.println("  Jackson:        " + build.jacksonVersion());
                out.println("  Serving:        " + (server == null ? "not included in this build" : "included"));
                return 0;
            }
            default -> { }
        }
        List<String> warnings = new ArrayList<>();
        ServerConfig config;
        try {
            config = new ConfigLoader(family, warnings::add).loadFile(cmd.configFile());
            if (cmd.mode() == KeaCommandLine.Mode.CHECK_EXTENDED) {
                extraChecks(config, cmd.configFile());
            }
        } catch (ConfigException e) {
            printWarnings(warnings, err);
            for (String m : e.messages()) {
                err.println("Syntax check failed with: " + m);
            }
            return 1;
        }
        printWarnings(warnings, err);
        if (cmd.mode() != KeaCommandLine.Mode.SERVE) {
            return 0;
        }
        if (server == null) {
            err.println(program + ": serving is not implemented in this build; use -t FILE to check a configuration");
            return 1;
        }
        return server.serve(config, cmd, out, err);
    }

    private void printWarnings(List<String> warnings, PrintStream err) {
        for (String w : warnings) {
            err.println(program + ": WARN " + w);
        }
    }

    /**
     * {@code -T}: every hook library must be one Tui has. A hook is a Java module found with {@link ServiceLoader}
     * ({@link Hook}), selected by the basename of {@code library}: a Kea path such as
     * {@code /usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so} passes whether or not the file exists, and a
     * library no module provides fails. {@code -t} does not check hooks (Kea's example files name hooks Tui has not
     * got, such as libdhcp_ha.so, and still pass {@code -t}); starting the server loads them and fails the same way.
     */
    private static void extraChecks(ServerConfig config, Path file) throws ConfigException {
        Set<String> available = new TreeSet<>();
        for (Hook h : ServiceLoader.load(Hook.class, Launcher.class.getClassLoader())) {
            available.addAll(h.libraryNames());
        }
        List<String> problems = new ArrayList<>();
        for (Services.HookLibrary h : config.services().hooks()) {
            String lib = h.library();
            String base = lib.substring(lib.lastIndexOf('/') + 1);
            if (!available.contains(base)) {
                problems.add("hook library " + base + " is not available in Tui; available: "
                        + (available.isEmpty() ? "(none)" : String.join(", ", available)));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
