package io.tui.dhcp.core.config.model;

import java.util.List;
import java.util.Map;

/**
 * The server-wide services of a configuration: sockets, databases, control channels, hooks, logging and timers.
 *
 * @param serverId the DHCPv6 server identifier settings, or null for DHCPv4
 */
public record Services(
        InterfacesConfig interfaces,
        Database leaseDatabase,
        List<Database> hostsDatabases,
        List<ControlSocket> controlSockets,
        List<HookLibrary> hooks,
        List<Logger> loggers,
        MultiThreading multiThreading,
        ExpiredLeasesProcessing expiredLeasesProcessing,
        SanityChecks sanityChecks,
        DhcpDdns dhcpDdns,
        ServerId serverId) {
    public Services {
        hostsDatabases = List.copyOf(hostsDatabases);
        controlSockets = List.copyOf(controlSockets);
        hooks = List.copyOf(hooks);
        loggers = List.copyOf(loggers);
    }

    /**
     * @param dhcpSocketType {@code raw} or {@code udp} (DHCPv4), null for DHCPv6
     * @param outboundInterface {@code same-as-inbound} or {@code use-routing} (DHCPv4), null for DHCPv6
     * @param reDetect whether a reconfiguration looks at the system's interfaces again (Kea's default: true)
     * @param serviceSocketsRequireAll {@code service-sockets-require-all} (DHCPv4), null when not given
     * @param serviceSocketsMaxRetries {@code service-sockets-max-retries} (DHCPv4), null when not given
     * @param serviceSocketsRetryWaitTime {@code service-sockets-retry-wait-time} in ms (DHCPv4), null when not given
     */
    public record InterfacesConfig(List<String> interfaces, String dhcpSocketType, String outboundInterface,
            boolean reDetect, Boolean serviceSocketsRequireAll, Long serviceSocketsMaxRetries,
            Long serviceSocketsRetryWaitTime, Map<String, Object> extras) {
        public InterfacesConfig {
            interfaces = List.copyOf(interfaces);
            extras = Extras.copy(extras);
        }

        /** Whether every socket must open (Kea's default: false, the server runs on those that opened). */
        public boolean requireAllSockets() {
            return Boolean.TRUE.equals(serviceSocketsRequireAll);
        }

        /** How often to retry a socket that does not open (Kea's default: 0). */
        public long socketRetries() {
            return serviceSocketsMaxRetries == null ? 0 : serviceSocketsMaxRetries;
        }

        /** Milliseconds between those retries (Kea's default: 5000). */
        public long socketRetryWaitMillis() {
            return serviceSocketsRetryWaitTime == null ? 5000 : serviceSocketsRetryWaitTime;
        }
    }

    /**
     * A lease or host database.
     *
     * @param persist memfile: write the lease file
     * @param lfcInterval memfile: seconds between lease file cleanups, 0 disables
     * @param parameters every other backend parameter (host, port, user, TLS files, timeouts ...), verbatim
     */
    public record Database(String type, String name, boolean persist, long lfcInterval,
            Map<String, Object> parameters, Map<String, Object> extras) {
        public Database {
            parameters = Extras.copy(parameters);
            extras = Extras.copy(extras);
        }

        /** An integer backend parameter (such as {@code max-row-errors}), or {@code dflt} when not given. */
        public long number(String key, long dflt) {
            return parameters.get(key) instanceof Number n ? n.longValue() : dflt;
        }

        /** A text backend parameter (such as {@code host}), or null when not given. */
        public String text(String key) {
            return parameters.get(key) instanceof String s ? s : null;
        }
    }

    /**
     * A control channel.
     *
     * @param type {@code unix}, {@code http} or {@code https}
     * @param name the unix socket path (unix)
     * @param address the listen address (http/https)
     * @param port the listen port (http/https), 0 when unset
     * @param parameters TLS files, authentication and headers, verbatim
     */
    public record ControlSocket(String type, String name, String address, int port, Map<String, Object> parameters,
            Map<String, Object> extras) {
        public ControlSocket {
            parameters = Extras.copy(parameters);
            extras = Extras.copy(extras);
        }
    }

    /** @param parameters the library's {@code parameters} map as plain values, or null when none was given */
    public record HookLibrary(String library, Object parameters, Map<String, Object> extras) {
        public HookLibrary {
            extras = Extras.copy(extras);
        }
    }

    public record Logger(String name, String severity, int debugLevel, List<OutputOption> outputs,
            Map<String, Object> extras) {
        public Logger {
            outputs = List.copyOf(outputs);
            extras = Extras.copy(extras);
        }
    }

    public record OutputOption(String output, boolean flush, long maxSize, long maxVersions, String pattern,
            Map<String, Object> extras) {
        public OutputOption {
            extras = Extras.copy(extras);
        }
    }

    /** @param threadPoolSize 0 means one per CPU */
    public record MultiThreading(boolean enabled, long threadPoolSize, long packetQueueSize) {}

    public record ExpiredLeasesProcessing(long reclaimTimerWaitTime, long flushReclaimedTimerWaitTime,
            long holdReclaimedTime, long maxReclaimLeases, long maxReclaimTime, long unwarnedReclaimCycles) {}

    public record SanityChecks(String leaseChecks, String extendedInfoChecks) {}

    public record DhcpDdns(boolean enableUpdates, IpAddress serverIp, int serverPort, IpAddress senderIp,
            int senderPort, long maxQueueSize, String ncrProtocol, String ncrFormat, Map<String, Object> extras) {
        public DhcpDdns {
            extras = Extras.copy(extras);
        }
    }

    /** DHCPv6 server DUID settings ({@code server-id}). */
    public record ServerId(String type, String identifier, long time, int htype, long enterpriseId, boolean persist,
            Map<String, Object> extras) {
        public ServerId {
            extras = Extras.copy(extras);
        }
    }
}
