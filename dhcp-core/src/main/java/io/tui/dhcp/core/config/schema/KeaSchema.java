package io.tui.dhcp.core.config.schema;

import static io.tui.dhcp.core.config.schema.ParamType.ANY;
import static io.tui.dhcp.core.config.schema.ParamType.BOOL;
import static io.tui.dhcp.core.config.schema.ParamType.FREE_MAP;
import static io.tui.dhcp.core.config.schema.ParamType.REAL;
import static io.tui.dhcp.core.config.schema.ParamType.STR;
import static io.tui.dhcp.core.config.schema.ParamType.STRINGS;
import static io.tui.dhcp.core.config.schema.ParamType.U16;
import static io.tui.dhcp.core.config.schema.ParamType.U32;
import static io.tui.dhcp.core.config.schema.ParamType.U8;
import static io.tui.dhcp.core.config.schema.ParamType.map;
import static io.tui.dhcp.core.config.schema.ParamType.mapList;

import io.tui.dhcp.core.config.schema.Scope.Builder;

/**
 * Every parameter Kea 2.2 and 3.x accept in a DHCPv4 or DHCPv6 server configuration, per scope, each marked
 * implemented (mapped into the snapshot, or read verbatim from its scope's extras), kept verbatim, or known but not
 * implemented yet (kept verbatim, or mapped but without effect). Built from Kea's documentation and its example
 * configurations; Kea 2.2 spellings that 3.x renamed ({@code client-class}, {@code require-client-classes},
 * {@code only-if-required}, {@code reservation-mode}, {@code control-socket}, {@code output_options}) are accepted.
 */
public final class KeaSchema {
    private static final Scope ROOT4 = build(false);
    private static final Scope ROOT6 = build(true);

    private KeaSchema() {}

    /** The top level of a DHCPv4 configuration file ({@code Dhcp4}, legacy {@code Logging}, other daemons). */
    public static Scope root4() {
        return ROOT4;
    }

    public static Scope root6() {
        return ROOT6;
    }

    private static Builder common(Builder b) {
        return b.kept(STR, "comment").kept(FREE_MAP, "user-context");
    }

    private static Scope build(boolean v6) {
        String fam = v6 ? "6" : "4";

        Scope optionData = common(Scope.builder("option-data"))
                .impl(STR, "name", "space", "data")
                .impl(U32, "code")
                .impl(BOOL, "csv-format", "always-send", "never-send")
                .impl(STRINGS, "client-classes")
                .build();
        Scope optionDef = common(Scope.builder("option-def"))
                .impl(STR, "name", "type", "space", "record-types", "encapsulate")
                .impl(U32, "code")
                .impl(BOOL, "array")
                .build();
        Scope relay = Scope.builder("relay").impl(STR, "ip-address").impl(STRINGS, "ip-addresses").build();

        // Client classes.
        Builder cls = common(Scope.builder("client-classes"))
                .impl(STR, "name", "test")
                .impl(BOOL, "only-if-required", "only-in-additional-list")
                .impl(mapList(optionData), "option-data")
                .impl(mapList(optionDef), "option-def")
                .impl(U32, "valid-lifetime", "min-valid-lifetime", "max-valid-lifetime")
                .known(STR, "template-test");
        if (v6) {
            cls.impl(U32, "preferred-lifetime", "min-preferred-lifetime", "max-preferred-lifetime");
        } else {
            cls.impl(STR, "next-server", "server-hostname", "boot-file-name").known(U32, "offer-lifetime");
        }
        Scope clientClass = cls.build();

        // Reservations.
        Builder res = common(Scope.builder("reservations"))
                .impl(STR, "hw-address", "duid", "flex-id", "hostname")
                .impl(STRINGS, "client-classes")
                .impl(mapList(optionData), "option-data");
        if (v6) {
            res.impl(STRINGS, "ip-addresses", "prefixes").known(STRINGS, "excluded-prefixes");
        } else {
            res.impl(STR, "client-id", "circuit-id", "ip-address", "next-server", "server-hostname", "boot-file-name");
        }
        Scope reservation = res.build();

        // Pools.
        Builder pool = ddns(common(Scope.builder("pools")))
                .impl(STR, "pool", "client-class")
                .impl(STRINGS, "client-classes", "require-client-classes", "evaluate-additional-classes")
                .impl(mapList(optionData), "option-data");
        if (v6) {
            pool.known(U32, "pool-id");
        } else {
            pool.verbatim(U32, "pool-id");
        }
        Scope poolScope = pool.build();
        Scope pdPool = v6 ? common(Scope.builder("pd-pools"))
                .impl(STR, "prefix", "excluded-prefix", "client-class")
                .impl(U8, "prefix-len", "delegated-len", "excluded-prefix-len")
                .impl(STRINGS, "client-classes", "require-client-classes", "evaluate-additional-classes")
                .impl(mapList(optionData), "option-data")
                .known(U32, "pool-id")
                .build() : null;

        // Subnets and shared networks share the network-level parameters.
        Builder subnet = network(Scope.builder("subnet" + fam), v6, relay, optionData)
                .impl(U32, "id")
                .impl(STR, "subnet")
                .impl(mapList(poolScope), "pools")
                .impl(mapList(reservation), "reservations");
        if (v6) {
            subnet.impl(mapList(pdPool), "pd-pools");
        } else {
            subnet.known(STR, "4o6-interface", "4o6-interface-id", "4o6-subnet");
        }
        Scope subnetScope = subnet.build();
        Scope shared = network(Scope.builder("shared-networks"), v6, relay, optionData)
                .impl(STR, "name")
                .impl(mapList(subnetScope), "subnet" + fam)
                .build();

        // Services.
        Builder ifaces = common(Scope.builder("interfaces-config"))
                .impl(STRINGS, "interfaces")
                .impl(BOOL, "re-detect");
        if (!v6) {
            ifaces.impl(STR, "dhcp-socket-type", "outbound-interface")
                    .impl(BOOL, "service-sockets-require-all")
                    .impl(U32, "service-sockets-max-retries", "service-sockets-retry-wait-time");
        } else {
            ifaces.known(BOOL, "service-sockets-require-all")
                    .known(U32, "service-sockets-max-retries", "service-sockets-retry-wait-time");
        }
        Scope interfaces = ifaces.build();
        Scope database = common(Scope.builder("database"))
                .impl(STR, "type", "name")
                .impl(BOOL, "persist")
                // Tui's own (memfile): force each batch of lease rows to disk before the replies waiting for them
                .impl(BOOL, "fsync")
                .impl(U32, "lfc-interval")
                .impl(STR, "host", "user", "password", "on-fail", "trust-anchor", "cert-file", "key-file")
                .impl(U16, "port")
                .impl(BOOL, "readonly", "retry-on-startup")
                .impl(U32, "connect-timeout", "read-timeout", "write-timeout", "tcp-user-timeout",
                        "max-reconnect-tries", "reconnect-wait-time", "max-row-errors")
                // TLS details the SQL backends do not take (TLS is on with trust-anchor/cert-file), and Kea's
                // former Cassandra backend's parameters
                .known(STR, "cipher-list", "ssl-mode", "contact-points", "keyspace", "consistency",
                        "serial-consistency")
                .known(BOOL, "tcp-nodelay")
                .known(U32, "request-timeout", "tcp-keepalive")
                .build();
        Scope basicClient = common(Scope.builder("clients"))
                .impl(STR, "user", "password", "user-file", "password-file").build();
        Scope authentication = common(Scope.builder("authentication"))
                .impl(STR, "type", "realm", "directory")
                .impl(mapList(basicClient), "clients").build();
        Scope header = common(Scope.builder("http-headers")).impl(STR, "name", "value").build();
        Scope controlSocket = common(Scope.builder("control-socket"))
                .impl(STR, "socket-type", "socket-name", "socket-address")
                .impl(U16, "socket-port")
                .impl(STR, "trust-anchor", "cert-file", "key-file")
                .impl(BOOL, "cert-required")
                .impl(map(authentication), "authentication")
                .impl(mapList(header), "http-headers")
                // Tui's own: the UNIX socket file's mode ("0600"), and per-socket client bounds
                .impl(STR, "socket-mode")
                .impl(U32, "max-command-size", "command-timeout", "max-connections")
                .build();
        Scope hook = common(Scope.builder("hooks-libraries"))
                .impl(STR, "library")
                .kept(ANY, "parameters")
                .build();
        Scope output = common(Scope.builder("output-options"))
                .impl(STR, "output", "pattern")
                .impl(BOOL, "flush")
                .impl(U32, "maxsize", "maxver")
                .build();
        Scope logger = common(Scope.builder("loggers"))
                .impl(STR, "name", "severity")
                .impl(new ParamType.Int(0, 99), "debuglevel")
                .impl(mapList(output), "output-options", "output_options")
                .build();
        Scope multiThreading = common(Scope.builder("multi-threading"))
                .impl(BOOL, "enable-multi-threading")
                .impl(U32, "thread-pool-size", "packet-queue-size")
                .build();
        Scope expired = common(Scope.builder("expired-leases-processing"))
                .impl(U32, "reclaim-timer-wait-time", "flush-reclaimed-timer-wait-time", "hold-reclaimed-time",
                        "max-reclaim-leases", "max-reclaim-time", "unwarned-reclaim-cycles")
                .build();
        Scope sanity = common(Scope.builder("sanity-checks"))
                .impl(STR, "lease-checks")
                .knownTyped(STR, "fix", "extended-info-checks")
                .build();
        // Tui sends no name change requests: enable-updates true warns; the rest describes the connection to D2.
        Scope dhcpDdns = common(Scope.builder("dhcp-ddns"))
                .knownTyped(BOOL, false, "enable-updates")
                .impl(STR, "server-ip", "sender-ip", "ncr-protocol", "ncr-format")
                .impl(U16, "server-port", "sender-port")
                .impl(U32, "max-queue-size")
                // Kea 2.2 still accepts (and ignores) these former dhcp-ddns members.
                .known(STR, "qualifying-suffix", "replace-client-name", "generated-prefix", "hostname-char-set",
                        "hostname-char-replacement")
                .known(BOOL, "override-no-update", "override-client-update")
                .build();
        Scope compatibility = Scope.builder("compatibility")
                .known(BOOL, "lenient-option-parsing", "ignore-dhcp-server-identifier", "ignore-rai-link-selection",
                        "exclude-first-last-24")
                .build();
        Scope configControl = common(Scope.builder("config-control"))
                .known(mapList(database), "config-databases")
                .known(U32, "config-fetch-wait-time")
                .build();

        Builder g = network(Scope.builder("Dhcp" + fam), v6, relay, optionData)
                .impl(mapList(subnetScope), "subnet" + fam)
                .impl(mapList(shared), "shared-networks")
                .impl(mapList(clientClass), "client-classes")
                .impl(mapList(optionDef), "option-def")
                .impl(mapList(reservation), "reservations")
                .impl(map(interfaces), "interfaces-config")
                .impl(map(database), "lease-database", "hosts-database")
                .impl(mapList(database), "hosts-databases")
                .impl(map(controlSocket), "control-socket")
                .impl(mapList(controlSocket), "control-sockets")
                .impl(mapList(hook), "hooks-libraries")
                .impl(mapList(logger), "loggers")
                .impl(map(multiThreading), "multi-threading")
                .impl(map(expired), "expired-leases-processing")
                .impl(map(sanity), "sanity-checks")
                .impl(map(dhcpDdns), "dhcp-ddns")
                .impl(STR, "server-tag")
                .impl(U32, "decline-probation-period")
                .knownTyped(U16, 0L, "dhcp4o6-port")
                .impl(STRINGS, "host-reservation-identifiers")
                .impl(BOOL, "ip-reservations-unique")
                .known(BOOL, "early-global-reservations-lookup", "reservations-lookup-first")
                .known(U32, "parked-packet-limit", "statistic-default-sample-count", "statistic-default-sample-age")
                .known(FREE_MAP, "dhcp-queue-control")
                .known(map(compatibility), "compatibility")
                .known(map(configControl), "config-control");
        if (v6) {
            Scope serverId = common(Scope.builder("server-id"))
                    .impl(STR, "type", "identifier")
                    .impl(U32, "time", "enterprise-id")
                    .impl(U16, "htype")
                    .impl(BOOL, "persist")
                    .build();
            g.impl(map(serverId), "server-id")
                    .impl(STR, "data-directory")
                    .known(STRINGS, "mac-sources", "relay-supplied-options")
                    .known(BOOL, "allow-address-registration");
        } else {
            g.verbatim(BOOL, "echo-client-id").known(BOOL, "stash-agent-options");
        }
        Scope global = g.build();

        Scope logging = Scope.builder("Logging").impl(mapList(logger), "loggers").build();
        Builder root = Scope.builder("toplevel")
                .impl(map(global), "Dhcp" + fam)
                .impl(map(logging), "Logging");
        return root.build();
    }

    /** Parameters shared by the global scope, shared networks and subnets. */
    private static Builder network(Builder b, boolean v6, Scope relay, Scope optionData) {
        boolean global = b.scope().name().startsWith("Dhcp");
        if (!global) {
            b.impl(STR, "interface", "client-class")
                    .impl(STRINGS, "client-classes", "require-client-classes", "evaluate-additional-classes")
                    .impl(map(relay), "relay");
            if (v6) {
                b.impl(BOOL, "rapid-commit").impl(STR, "interface-id");
            }
        }
        common(ddns(b))
                .impl(U32, "valid-lifetime", "min-valid-lifetime", "max-valid-lifetime", "renew-timer", "rebind-timer")
                .impl(BOOL, "calculate-tee-times")
                .impl(REAL, "t1-percent", "t2-percent")
                .impl(STR, "reservation-mode")
                .impl(BOOL, "reservations-global", "reservations-in-subnet", "reservations-out-of-pool")
                .impl(mapList(optionData), "option-data")
                .known(BOOL, "store-extended-info")
                .known(REAL, "cache-threshold", "adaptive-lease-time-threshold")
                .known(U32, "cache-max-age");
        // The servers read the global allocator (for every pool); Kea's per-network choice is not implemented.
        if (global) {
            b.verbatim(STR, "allocator");
        } else {
            b.known(STR, "allocator");
        }
        if (v6) {
            b.impl(U32, "preferred-lifetime", "min-preferred-lifetime", "max-preferred-lifetime")
                    .known(STR, "pd-allocator");
        } else {
            b.impl(BOOL, "match-client-id", "authoritative")
                    .impl(STR, "next-server", "server-hostname", "boot-file-name")
                    .known(U32, "offer-lifetime")
                    // tui-dhcp4 qualifies the names it stores in leases with it (no DNS updates)
                    .verbatim(STR, "ddns-qualifying-suffix");
        }
        return b;
    }

    /** Dynamic DNS update parameters, known at global, shared-network, subnet and pool scope. */
    private static Builder ddns(Builder b) {
        return b.known(BOOL, "ddns-send-updates", "ddns-override-no-update", "ddns-override-client-update",
                        "ddns-update-on-renew", "ddns-use-conflict-resolution")
                .known(STR, "ddns-replace-client-name", "ddns-generated-prefix", "ddns-qualifying-suffix",
                        "ddns-conflict-resolution-mode", "hostname-char-set", "hostname-char-replacement")
                .known(REAL, "ddns-ttl-percent")
                .known(U32, "ddns-ttl", "ddns-ttl-min", "ddns-ttl-max");
    }
}
