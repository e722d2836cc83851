package io.tui.dhcp.core.cli;

import java.nio.file.Path;

/**
 * Kea's server command line, shared by both launchers:
 * {@code -[v|V|W] [-d] [-{c|t|T} cfgfile] [-p number] [-P number]}.
 *
 * @param mode what to do
 * @param configFile the file of {@code -c}, {@code -t} or {@code -T}; null for the version modes
 * @param debug {@code -d}
 * @param serverPort {@code -p}, or 0 for the standard port
 * @param clientPort {@code -P}, or 0 for the standard port
 */
public record KeaCommandLine(Mode mode, Path configFile, boolean debug, int serverPort, int clientPort) {

    public enum Mode {
        /** {@code -c}: run the server. */
        SERVE,
        /** {@code -t}: check the configuration and exit. */
        CHECK,
        /** {@code -T}: check the configuration with extra checks (hook library files) and exit. */
        CHECK_EXTENDED,
        /** {@code -v}: print the version and exit. */
        VERSION,
        /** {@code -V}: print the extended version and exit. */
        EXTENDED_VERSION,
        /** {@code -W}: print the build configuration report and exit. */
        BUILD_REPORT
    }

    /** Parses arguments the way Kea's getopt loop does (options may be bundled, {@code -tFILE} works too). */
    public static KeaCommandLine parse(String[] args) throws UsageException {
        Mode mode = null;
        Path file = null;
        boolean debug = false;
        int serverPort = 0;
        int clientPort = 0;
        int i = 0;
        while (i < args.length) {
            String a = args[i];
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-") || a.length() < 2) {
                break;
            }
            for (int k = 1; k < a.length(); k++) {
                char o = a.charAt(k);
                switch (o) {
                    case 'v', 'V', 'W' -> {
                        // Kea prints the version and exits as soon as it meets the flag.
                        Mode m = o == 'v' ? Mode.VERSION : o == 'V' ? Mode.EXTENDED_VERSION : Mode.BUILD_REPORT;
                        return new KeaCommandLine(m, null, debug, serverPort, clientPort);
                    }
                    case 'd' -> debug = true;
                    case 'c', 't', 'T', 'p', 'P' -> {
                        String value;
                        if (k + 1 < a.length()) {
                            value = a.substring(k + 1);
                        } else if (i + 1 < args.length) {
                            value = args[++i];
                        } else {
                            throw new UsageException("option requires an argument -- '" + o + "'");
                        }
                        k = a.length();
                        switch (o) {
                            case 'c' -> mode = Mode.SERVE;
                            case 't' -> mode = Mode.CHECK;
                            case 'T' -> mode = Mode.CHECK_EXTENDED;
                            default -> { }
                        }
                        if (o == 'c' || o == 't' || o == 'T') {
                            file = Path.of(value);
                        } else if (o == 'p') {
                            serverPort = port(value, "server");
                        } else {
                            clientPort = port(value, "client");
                        }
                    }
                    default -> throw new UsageException("invalid option -- '" + o + "'");
                }
            }
            i++;
        }
        if (i < args.length) {
            throw new UsageException("extraneous command line information");
        }
        if (mode == null) {
            throw new UsageException("Configuration file not specified.");
        }
        return new KeaCommandLine(mode, file, debug, serverPort, clientPort);
    }

    private static int port(String value, String which) throws UsageException {
        try {
            int p = Integer.parseInt(value);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("Failed to parse " + which + " port number: [" + value + "], 1-65535 allowed.");
    }

    /** Kea's usage text, for {@code program} (such as {@code tui-dhcp4}). */
    public static String usage(String program) {
        return "Usage: " + program + " -[v|V|W] [-d] [-{c|t|T} cfgfile] [-p number] [-P number]\n"
                + "  -v: print version number and exit\n"
                + "  -V: print extended version and exit\n"
                + "  -W: display the configuration report and exit\n"
                + "  -d: debug mode with extra verbosity (former -v)\n"
                + "  -c file: specify configuration file\n"
                + "  -t file: check the configuration file syntax and exit\n"
                + "  -T file: check the configuration file doing hooks load and extra checks and exit\n"
                + "  -p number: specify non-standard server port number 1-65535 (useful for testing only)\n"
                + "  -P number: specify non-standard client port number 1-65535 (useful for testing only)\n";
    }
}
