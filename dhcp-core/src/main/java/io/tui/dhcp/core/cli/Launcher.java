package io.tui.dhcp.core.cli;

import io.tui.dhcp.core.config.ConfigException;
import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Services;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /** Kea 3.x loads its MySQL and PostgreSQL backends as these hook libraries; Tui has them built in. */
    private static final java.util.Set<String> BUILT_IN_HOOKS = java.util.Set.of("libdhcp_pgsql.so",
            "libdhcp_mysql.so");

    /** {@code -T}: every hook library file must exist and be readable (relative names from the config's directory). */
    private static void extraChecks(ServerConfig config, Path file) throws ConfigException {
        List<String> problems = new ArrayList<>();
        Path base = file.toAbsolutePath().getParent();
        for (Services.HookLibrary h : config.services().hooks()) {
            Path lib = Path.of(h.library());
            Path name = lib.getFileName();
            if (name != null && BUILT_IN_HOOKS.contains(name.toString())) {
                continue; // Kea 3.x's database drivers: built into Tui (lease-backends' SqlBackends.isBuiltInHook)
            }
            Path resolved = lib.isAbsolute() || base == null ? lib : base.resolve(lib);
            if (!Files.isReadable(resolved)) {
                problems.add("hook library " + h.library() + " cannot be read");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
