package io.tui.dhcp.core.config;

import static io.tui.dhcp.core.config.Json.bool;
import static io.tui.dhcp.core.config.Json.child;
import static io.tui.dhcp.core.config.Json.extras;
import static io.tui.dhcp.core.config.Json.lng;
import static io.tui.dhcp.core.config.Json.obj;
import static io.tui.dhcp.core.config.Json.objs;
import static io.tui.dhcp.core.config.Json.others;
import static io.tui.dhcp.core.config.Json.keyPos;
import static io.tui.dhcp.core.config.Json.pos;
import static io.tui.dhcp.core.config.Json.str;
import static io.tui.dhcp.core.config.Json.strings;

import io.tui.dhcp.core.config.json.JsonValue.JsonObject;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.config.schema.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the server-wide {@link Services} of a schema-checked {@code Dhcp4}/{@code Dhcp6} map: interfaces, lease and
 * host databases, control sockets, hook libraries, loggers, multi-threading, lease reclamation, sanity checks,
 * dhcp-ddns and (DHCPv6) the server identifier, each with Kea's defaults.
 */
final class ServicesBuilder {
    private final boolean v6;
    private final Scope globalScope;

    ServicesBuilder(Family family, Scope globalScope) {
        this.v6 = family.v6();
        this.globalScope = globalScope;
    }

    Services build(JsonObject g) throws ConfigException {
        JsonObject ic = obj(g, "interfaces-config");
        Scope ics = child(globalScope, "interfaces-config");
        Services.InterfacesConfig interfaces;
        if (ic == null) {
            interfaces = new Services.InterfacesConfig(List.of(), v6 ? null : "raw", v6 ? null : "same-as-inbound",
                    true, null, null, null, Map.of());
        } else {
            String socketType = v6 ? null : str(ic, "dhcp-socket-type", "raw");
            if (socketType != null && !socketType.equals("raw") && !socketType.equals("udp")) {
                throw new ConfigException("unsupported 'dhcp-socket-type' value '" + socketType
                        + "', expected raw or udp", pos(ic, "dhcp-socket-type"));
            }
            String outbound = v6 ? null : str(ic, "outbound-interface", "same-as-inbound");
            if (outbound != null && !outbound.equals("same-as-inbound") && !outbound.equals("use-routing")) {
                throw new ConfigException("unsupported 'outbound-interface' value '" + outbound
                        + "', expected same-as-inbound or use-routing", pos(ic, "outbound-interface"));
            }
            List<String> names = strings(ic, "interfaces");
            // DHCPv4 acts on the service-sockets-* parameters; for DHCPv6 they are known only (kept in extras)
            interfaces = new Services.InterfacesConfig(names == null ? List.of() : names, socketType, outbound,
                    bool(ic, "re-detect", true), v6 ? null : bool(ic, "service-sockets-require-all"),
                    v6 ? null : lng(ic, "service-sockets-max-retries"),
                    v6 ? null : lng(ic, "service-sockets-retry-wait-time"), extras(ic, ics));
        }

        Scope dbs = child(globalScope, "lease-database");
        JsonObject ld = obj(g, "lease-database");
        Services.Database lease = ld == null
                ? new Services.Database("memfile", null, true, 3600, Map.of(), Map.of())
                : database(ld, dbs, true);
        List<Services.Database> hosts = new ArrayList<>();
        // Kea accepts both spellings together; the single one comes first.
        if (obj(g, "hosts-database") != null) {
            hosts.add(database(obj(g, "hosts-database"), dbs, false));
        }
        for (JsonObject h : objs(g, "hosts-databases")) {
            hosts.add(database(h, dbs, false));
        }

        Scope css = child(globalScope, "control-socket");
        List<Services.ControlSocket> sockets = new ArrayList<>();
        if (g.has("control-socket") && g.has("control-sockets")) {
            throw new ConfigException("only one of 'control-socket' and 'control-sockets' may be used",
                    keyPos(g, "control-socket"));
        }
        if (obj(g, "control-socket") != null) {
            sockets.add(controlSocket(obj(g, "control-socket"), css));
        }
        for (JsonObject cs : objs(g, "control-sockets")) {
            sockets.add(controlSocket(cs, css));
        }

        Scope hs = child(globalScope, "hooks-libraries");
        List<Services.HookLibrary> hooks = new ArrayList<>();
        for (JsonObject h : objs(g, "hooks-libraries")) {
            String lib = str(h, "library");
            if (lib == null || lib.isEmpty()) {
                throw new ConfigException("missing parameter 'library'", h.position());
            }
            hooks.add(new Services.HookLibrary(lib, h.has("parameters") ? h.get("parameters").toPlain() : null,
                    extrasWithout(h, hs, "parameters")));
        }

        List<Services.Logger> loggers = loggers(g, child(globalScope, "loggers"));

        JsonObject mt = obj(g, "multi-threading");
        Services.MultiThreading multi = mt == null
                ? new Services.MultiThreading(true, 0, 64)
                : new Services.MultiThreading(bool(mt, "enable-multi-threading", true),
                        lng(mt, "thread-pool-size", 0), lng(mt, "packet-queue-size", 64));

        JsonObject el = obj(g, "expired-leases-processing");
        JsonObject e = el == null ? new JsonObject(Map.of(), g.position()) : el;
        Services.ExpiredLeasesProcessing expired = new Services.ExpiredLeasesProcessing(
                lng(e, "reclaim-timer-wait-time", 10), lng(e, "flush-reclaimed-timer-wait-time", 25),
                lng(e, "hold-reclaimed-time", 3600), lng(e, "max-reclaim-leases", 100),
                lng(e, "max-reclaim-time", 250), lng(e, "unwarned-reclaim-cycles", 5));

        JsonObject sc = obj(g, "sanity-checks");
        String leaseChecks = sc == null ? "warn" : str(sc, "lease-checks", "warn");
        String infoChecks = sc == null ? "fix" : str(sc, "extended-info-checks", "fix");
        if (!Set.of("none", "warn", "fix", "fix-del", "del").contains(leaseChecks)) {
            throw new ConfigException("Unsupported 'lease-checks' value: " + leaseChecks
                    + ", supported values are: none, warn, fix, fix-del, del", pos(sc, "lease-checks"));
        }
        if (!Set.of("none", "fix", "strict", "pedantic").contains(infoChecks)) {
            throw new ConfigException("Unsupported 'extended-info-checks' value: " + infoChecks
                    + ", supported values are: none, fix, strict, pedantic", pos(sc, "extended-info-checks"));
        }

        JsonObject dd = obj(g, "dhcp-ddns");
        if (dd != null && !dd.has("enable-updates")) {
            throw new ConfigException("missing parameter 'enable-updates'", dd.position());
        }
        JsonObject d = dd == null ? new JsonObject(Map.of(), g.position()) : dd;
        Services.DhcpDdns ddns = new Services.DhcpDdns(bool(d, "enable-updates", false),
                anyAddress(d, "server-ip", "127.0.0.1"), (int) lng(d, "server-port", 53001),
                anyAddress(d, "sender-ip", "0.0.0.0"), (int) lng(d, "sender-port", 0),
                lng(d, "max-queue-size", 1024), str(d, "ncr-protocol", "UDP"), str(d, "ncr-format", "JSON"),
                dd == null ? Map.of() : extras(dd, child(globalScope, "dhcp-ddns")));
        if (ddns.serverIp().v6() != ddns.senderIp().v6()) {
            throw new ConfigException("D2ClientConfig error: address family mismatch: server-ip: " + ddns.serverIp()
                    + " is: IPv" + (ddns.serverIp().v6() ? "6" : "4") + " while sender-ip: " + ddns.senderIp()
                    + " is: IPv" + (ddns.senderIp().v6() ? "6" : "4"), d.position());
        }
        if (!ddns.ncrProtocol().equals("UDP") && !ddns.ncrProtocol().equals("TCP")) {
            throw new ConfigException("ncr-protocol must be UDP or TCP, not " + ddns.ncrProtocol(),
                    pos(d, "ncr-protocol"));
        }
        if (!ddns.ncrFormat().equals("JSON")) {
            throw new ConfigException("ncr-format must be JSON, not " + ddns.ncrFormat(), pos(d, "ncr-format"));
        }

        Services.ServerId serverId = null;
        if (v6) {
            JsonObject si = obj(g, "server-id");
            JsonObject s = si == null ? new JsonObject(Map.of(), g.position()) : si;
            String type = str(s, "type", "LLT");
            if (!Set.of("LLT", "EN", "LL").contains(type)) {
                throw new ConfigException("unsupported server-id type '" + type + "', expected LLT, EN or LL",
                        pos(s, "type"));
            }
            String ident = str(s, "identifier", "");
            if (!ident.isEmpty() && HexText.bytes(ident) == null) {
                throw new ConfigException("server-id identifier '" + ident + "' is not hex", pos(s, "identifier"));
            }
            serverId = new Services.ServerId(type, ident, lng(s, "time", 0), (int) lng(s, "htype", 0),
                    lng(s, "enterprise-id", 0), bool(s, "persist", true),
                    si == null ? Map.of() : extras(si, child(globalScope, "server-id")));
        }

        return new Services(interfaces, lease, hosts, sockets, hooks, loggers, multi, expired,
                new Services.SanityChecks(leaseChecks, infoChecks), ddns, serverId);
    }

    private static Map<String, Object> extrasWithout(JsonObject o, Scope scope, String key) {
        Map<String, Object> m = extras(o, scope);
        m.remove(key);
        return m;
    }

    private static IpAddress anyAddress(JsonObject o, String key, String dflt) throws ConfigException {
        String text = str(o, key, dflt);
        IpAddress a = IpAddress.parseAny(text);
        if (a == null) {
            throw new ConfigException("'" + text + "' is not a valid IP address for " + key, pos(o, key));
        }
        return a;
    }

    private static Services.Database database(JsonObject d, Scope scope, boolean lease) throws ConfigException {
        String type = str(d, "type");
        if (type == null) {
            throw new ConfigException("database access parameters must include the keyword 'type' to determine"
                    + " type of database to be accessed", d.position());
        }
        Set<String> known = lease ? Set.of("memfile", "mysql", "postgresql")
                : Set.of("mysql", "postgresql", "memfile");
        if (!known.contains(type)) {
            throw new ConfigException("unknown backend database type: " + type, pos(d, "type"));
        }
        String onFail = str(d, "on-fail");
        if (onFail != null && !Set.of("stop-retry-exit", "serve-retry-exit", "serve-retry-continue").contains(onFail)) {
            throw new ConfigException("unsupported value '" + onFail + "' for on-fail, expecting stop-retry-exit or"
                    + " serve-retry-exit or serve-retry-continue", pos(d, "on-fail"));
        }
        return new Services.Database(type, str(d, "name"), bool(d, "persist", true), lng(d, "lfc-interval", 3600),
                others(d, scope, "type", "name", "persist", "lfc-interval"), extras(d, scope));
    }

    private static Services.ControlSocket controlSocket(JsonObject c, Scope scope) throws ConfigException {
        String type = str(c, "socket-type", "unix");
        switch (type) {
            case "unix" -> {
                if (str(c, "socket-name") == null) {
                    throw new ConfigException("missing parameter 'socket-name'", c.position());
                }
            }
            case "http", "https" -> { }
            default -> throw new ConfigException("unsupported 'socket-type' '" + type
                    + "' not 'unix', 'http' or 'https'", pos(c, "socket-type"));
        }
        return new Services.ControlSocket(type, str(c, "socket-name"), str(c, "socket-address"),
                (int) lng(c, "socket-port", 0),
                others(c, scope, "socket-type", "socket-name", "socket-address", "socket-port"), extras(c, scope));
    }

    private List<Services.Logger> loggers(JsonObject g, Scope scope) throws ConfigException {
        List<Services.Logger> out = new ArrayList<>();
        Scope os = child(scope, "output-options");
        for (JsonObject l : objs(g, "loggers")) {
            String name = str(l, "name");
            if (name == null) {
                throw new ConfigException("missing parameter 'name'", l.position());
            }
            String severity = str(l, "severity", "INFO");
            if (!Set.of("FATAL", "ERROR", "WARN", "INFO", "DEBUG", "NONE").contains(severity)) {
                throw new ConfigException("unsupported value '" + severity + "' of 'severity', expected one of "
                        + "FATAL, ERROR, WARN, INFO, DEBUG, NONE", pos(l, "severity"));
            }
            if (l.has("output-options") && l.has("output_options")) {
                throw new ConfigException("use only one of 'output-options' and 'output_options'",
                        keyPos(l, "output_options"));
            }
            List<Services.OutputOption> outputs = new ArrayList<>();
            String key = l.has("output_options") ? "output_options" : "output-options";
            for (JsonObject o : objs(l, key)) {
                if (str(o, "output") == null) {
                    throw new ConfigException("missing parameter 'output'", o.position());
                }
                outputs.add(new Services.OutputOption(str(o, "output"), bool(o, "flush", true),
                        lng(o, "maxsize", 10240000), lng(o, "maxver", 1), str(o, "pattern", ""), extras(o, os)));
            }
            out.add(new Services.Logger(name, severity, (int) lng(l, "debuglevel", 0), outputs, extras(l, scope)));
        }
        return out;
    }
}
