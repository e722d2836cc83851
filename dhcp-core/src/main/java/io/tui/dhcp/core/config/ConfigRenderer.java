package io.tui.dhcp.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tui.dhcp.core.config.model.ClientClass;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.NetworkParams;
import io.tui.dhcp.core.config.model.OptionData;
import io.tui.dhcp.core.config.model.OptionDef;
import io.tui.dhcp.core.config.model.PdPool;
import io.tui.dhcp.core.config.model.Pool;
import io.tui.dhcp.core.config.model.Reservation;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.config.model.SharedNetwork;
import io.tui.dhcp.core.config.model.Subnet;
import io.tui.dhcp.core.config.model.Triplet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a snapshot back to Kea JSON, as {@code config-get} returns it: global parameters with their defaults
 * filled in, every scope's own parameters, and every kept or not-yet-implemented parameter verbatim. Loading the
 * output again yields an equal snapshot.
 */
public final class ConfigRenderer {
    /** Keys come out sorted at every level, as Kea's own config-get prints them. */
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** The whole document, {@code {"Dhcp4": {...}}} or {@code {"Dhcp6": {...}}}, as plain maps and lists. */
    public Map<String, Object> toMap(ServerConfig c) {
        boolean v6 = c.family() == Family.V6;
        Map<String, Object> g = new LinkedHashMap<>();
        params(g, c.global(), v6);
        g.remove("rapid-commit"); // a subnet-level default only; Kea has no global rapid-commit
        ServerConfig.GlobalSettings s = c.settings();
        g.put("decline-probation-period", s.declineProbationPeriod());
        g.put("dhcp4o6-port", s.dhcp4o6Port());
        g.put("server-tag", s.serverTag());
        g.put("host-reservation-identifiers", s.hostReservationIdentifiers());
        g.put("ip-reservations-unique", s.ipReservationsUnique());
        if (s.dataDirectory() != null) {
            g.put("data-directory", s.dataDirectory());
        }
        services(g, c.services(), v6);
        g.put("option-def", optionDefs(c.optionDefs()));
        g.put("option-data", options(c.options()));
        List<Object> classes = new ArrayList<>();
        for (ClientClass cc : c.clientClasses()) {
            classes.add(clientClass(cc, v6));
        }
        g.put("client-classes", classes);
        List<Object> subnets = new ArrayList<>();
        for (Subnet sub : c.subnets()) {
            if (sub.sharedNetwork() == null) {
                subnets.add(subnet(sub, v6));
            }
        }
        g.put(c.family().subnetKey(), subnets);
        List<Object> networks = new ArrayList<>();
        for (SharedNetwork n : c.sharedNetworks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", n.name());
            params(m, n.declared(), v6);
            classes(m, n.clientClasses(), n.additionalClasses());
            m.put("option-data", options(n.options()));
            List<Object> members = new ArrayList<>();
            for (long id : n.subnetIds()) {
                members.add(subnet(c.subnet(id), v6));
            }
            m.put(c.family().subnetKey(), members);
            m.putAll(n.extras());
            networks.add(m);
        }
        g.put("shared-networks", networks);
        g.put("reservations", reservations(c.reservations(), v6));
        g.putAll(c.extras());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(c.family().rootKey(), g);
        return root;
    }

    /** The document as indented JSON text. */
    public String toJson(ServerConfig c) {
        try {
            return mapper.writeValueAsString(toMap(c));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps always serialise", e);
        }
    }

    private static void params(Map<String, Object> m, NetworkParams p, boolean v6) {
        triplet(m, "valid-lifetime", p.valid());
        if (v6) {
            triplet(m, "preferred-lifetime", p.preferred());
        }
        put(m, "renew-timer", p.renewTimer());
        put(m, "rebind-timer", p.rebindTimer());
        put(m, "calculate-tee-times", p.calculateTeeTimes());
        put(m, "t1-percent", p.t1Percent());
        put(m, "t2-percent", p.t2Percent());
        put(m, "match-client-id", p.matchClientId());
        put(m, "authoritative", p.authoritative());
        put(m, "next-server", p.nextServer() == null ? null : p.nextServer().toString());
        put(m, "server-hostname", p.serverHostname());
        put(m, "boot-file-name", p.bootFileName());
        put(m, "reservations-global", p.reservationsGlobal());
        put(m, "reservations-in-subnet", p.reservationsInSubnet());
        put(m, "reservations-out-of-pool", p.reservationsOutOfPool());
        put(m, "interface", p.iface());
        put(m, "interface-id", p.interfaceId());
        put(m, "rapid-commit", p.rapidCommit());
        if (p.relayAddresses() != null) {
            m.put("relay", Map.of("ip-addresses", texts(p.relayAddresses())));
        }
    }

    private static void triplet(Map<String, Object> m, String name, Triplet t) {
        if (t != null) {
            m.put(name, t.value());
            m.put("min-" + name, t.min());
            m.put("max-" + name, t.max());
        }
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static List<String> texts(List<?> items) {
        List<String> out = new ArrayList<>();
        for (Object o : items) {
            out.add(o.toString());
        }
        return out;
    }

    private static void classes(Map<String, Object> m, List<String> allowed, List<String> additional) {
        if (!allowed.isEmpty()) {
            m.put("client-classes", allowed);
        }
        if (!additional.isEmpty()) {
            m.put("evaluate-additional-classes", additional);
        }
    }

    private static Map<String, Object> subnet(Subnet s, boolean v6) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("subnet", s.prefix().toString());
        params(m, s.declared(), v6);
        classes(m, s.clientClasses(), s.additionalClasses());
        List<Object> pools = new ArrayList<>();
        for (Pool p : s.pools()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("pool", p.range().toString());
            classes(pm, p.clientClasses(), p.additionalClasses());
            pm.put("option-data", options(p.options()));
            pm.putAll(p.extras());
            pools.add(pm);
        }
        m.put("pools", pools);
        if (v6) {
            List<Object> pd = new ArrayList<>();
            for (PdPool p : s.pdPools()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("prefix", p.prefix().address().toString());
                pm.put("prefix-len", p.prefix().length());
                pm.put("delegated-len", p.delegatedLength());
                if (p.excludedPrefix() != null) {
                    pm.put("excluded-prefix", p.excludedPrefix().address().toString());
                    pm.put("excluded-prefix-len", p.excludedPrefix().length());
                }
                classes(pm, p.clientClasses(), p.additionalClasses());
                pm.put("option-data", options(p.options()));
                pm.putAll(p.extras());
                pd.add(pm);
            }
            m.put("pd-pools", pd);
        }
        m.put("option-data", options(s.options()));
        m.put("reservations", reservations(s.reservations(), v6));
        m.putAll(s.extras());
        return m;
    }

    private static List<Object> reservations(List<Reservation> list, boolean v6) {
        List<Object> out = new ArrayList<>();
        for (Reservation r : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(r.identifier().type(), r.identifier().hex());
            if (v6) {
                if (!r.addresses().isEmpty()) {
                    m.put("ip-addresses", texts(r.addresses()));
                }
                if (!r.prefixes().isEmpty()) {
                    m.put("prefixes", texts(r.prefixes()));
                }
            } else if (!r.addresses().isEmpty()) {
                m.put("ip-address", r.addresses().get(0).toString());
            }
            put(m, "hostname", r.hostname());
            if (!r.clientClasses().isEmpty()) {
                m.put("client-classes", r.clientClasses());
            }
            put(m, "next-server", r.nextServer() == null ? null : r.nextServer().toString());
            put(m, "server-hostname", r.serverHostname());
            put(m, "boot-file-name", r.bootFileName());
            m.put("option-data", options(r.options()));
            m.putAll(r.extras());
            out.add(m);
        }
        return out;
    }

    private static List<Object> options(List<OptionData> list) {
        List<Object> out = new ArrayList<>();
        for (OptionData o : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            put(m, "name", o.name());
            put(m, "code", o.code());
            m.put("space", o.space());
            m.put("data", o.data());
            m.put("csv-format", o.csvFormat());
            m.put("always-send", o.alwaysSend());
            m.put("never-send", o.neverSend());
            if (!o.clientClasses().isEmpty()) {
                m.put("client-classes", o.clientClasses());
            }
            m.putAll(o.extras());
            out.add(m);
        }
        return out;
    }

    private static List<Object> optionDefs(List<OptionDef> list) {
        List<Object> out = new ArrayList<>();
        for (OptionDef d : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", d.name());
            m.put("code", d.code());
            m.put("type", d.type());
            m.put("space", d.space());
            m.put("record-types", String.join(", ", d.recordTypes()));
            m.put("array", d.array());
            m.put("encapsulate", d.encapsulate());
            m.putAll(d.extras());
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> clientClass(ClientClass c, boolean v6) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        if (c.test() != null) {
            m.put("test", c.test().text());
        }
        if (c.onlyInAdditionalList()) {
            m.put("only-in-additional-list", true);
        }
        put(m, "next-server", c.nextServer() == null ? null : c.nextServer().toString());
        put(m, "server-hostname", c.serverHostname());
        put(m, "boot-file-name", c.bootFileName());
        triplet(m, "valid-lifetime", c.valid());
        if (v6) {
            triplet(m, "preferred-lifetime", c.preferred());
        }
        m.put("option-def", optionDefs(c.optionDefs()));
        m.put("option-data", options(c.options()));
        m.putAll(c.extras());
        return m;
    }

    private static void services(Map<String, Object> g, Services s, boolean v6) {
        Services.InterfacesConfig ic = s.interfaces();
        Map<String, Object> im = new LinkedHashMap<>();
        im.put("interfaces", ic.interfaces());
        put(im, "dhcp-socket-type", ic.dhcpSocketType());
        put(im, "outbound-interface", ic.outboundInterface());
        im.put("re-detect", ic.reDetect());
        put(im, "service-sockets-require-all", ic.serviceSocketsRequireAll());
        put(im, "service-sockets-max-retries", ic.serviceSocketsMaxRetries());
        put(im, "service-sockets-retry-wait-time", ic.serviceSocketsRetryWaitTime());
        im.putAll(ic.extras());
        g.put("interfaces-config", im);
        g.put("lease-database", database(s.leaseDatabase()));
        List<Object> hosts = new ArrayList<>();
        for (Services.Database d : s.hostsDatabases()) {
            hosts.add(database(d));
        }
        if (!hosts.isEmpty()) {
            g.put("hosts-databases", hosts);
        }
        List<Object> sockets = new ArrayList<>();
        for (Services.ControlSocket cs : s.controlSockets()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("socket-type", cs.type());
            put(m, "socket-name", cs.name());
            put(m, "socket-address", cs.address());
            if (cs.port() != 0) {
                m.put("socket-port", cs.port());
            }
            m.putAll(cs.parameters());
            m.putAll(cs.extras());
            sockets.add(m);
        }
        if (sockets.size() == 1 && s.controlSockets().get(0).type().equals("unix")) {
            g.put("control-socket", sockets.get(0));
        } else if (!sockets.isEmpty()) {
            g.put("control-sockets", sockets);
        }
        List<Object> hooks = new ArrayList<>();
        for (Services.HookLibrary h : s.hooks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("library", h.library());
            if (h.parameters() != null) {
                m.put("parameters", h.parameters());
            }
            m.putAll(h.extras());
            hooks.add(m);
        }
        g.put("hooks-libraries", hooks);
        List<Object> loggers = new ArrayList<>();
        for (Services.Logger l : s.loggers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", l.name());
            m.put("severity", l.severity());
            m.put("debuglevel", l.debugLevel());
            List<Object> outs = new ArrayList<>();
            for (Services.OutputOption o : l.outputs()) {
                Map<String, Object> om = new LinkedHashMap<>();
                om.put("output", o.output());
                om.put("flush", o.flush());
                om.put("maxsize", o.maxSize());
                om.put("maxver", o.maxVersions());
                if (!o.pattern().isEmpty()) {
                    om.put("pattern", o.pattern());
                }
                om.putAll(o.extras());
                outs.add(om);
            }
            m.put("output-options", outs);
            m.putAll(l.extras());
            loggers.add(m);
        }
        if (!loggers.isEmpty()) {
            g.put("loggers", loggers);
        }
        Services.MultiThreading mt = s.multiThreading();
        g.put("multi-threading", Map.of("enable-multi-threading", mt.enabled(), "thread-pool-size",
                mt.threadPoolSize(), "packet-queue-size", mt.packetQueueSize()));
        Services.ExpiredLeasesProcessing e = s.expiredLeasesProcessing();
        Map<String, Object> em = new LinkedHashMap<>();
        em.put("reclaim-timer-wait-time", e.reclaimTimerWaitTime());
        em.put("flush-reclaimed-timer-wait-time", e.flushReclaimedTimerWaitTime());
        em.put("hold-reclaimed-time", e.holdReclaimedTime());
        em.put("max-reclaim-leases", e.maxReclaimLeases());
        em.put("max-reclaim-time", e.maxReclaimTime());
        em.put("unwarned-reclaim-cycles", e.unwarnedReclaimCycles());
        g.put("expired-leases-processing", em);
        g.put("sanity-checks", Map.of("lease-checks", s.sanityChecks().leaseChecks(), "extended-info-checks",
                s.sanityChecks().extendedInfoChecks()));
        Services.DhcpDdns d = s.dhcpDdns();
        Map<String, Object> dm = new LinkedHashMap<>();
        dm.put("enable-updates", d.enableUpdates());
        dm.put("server-ip", d.serverIp().toString());
        dm.put("server-port", d.serverPort());
        dm.put("sender-ip", d.senderIp().toString());
        dm.put("sender-port", d.senderPort());
        dm.put("max-queue-size", d.maxQueueSize());
        dm.put("ncr-protocol", d.ncrProtocol());
        dm.put("ncr-format", d.ncrFormat());
        dm.putAll(d.extras());
        g.put("dhcp-ddns", dm);
        if (v6 && s.serverId() != null) {
            Services.ServerId si = s.serverId();
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("type", si.type());
            sm.put("identifier", si.identifier());
            sm.put("time", si.time());
            sm.put("htype", si.htype());
            sm.put("enterprise-id", si.enterpriseId());
            sm.put("persist", si.persist());
            sm.putAll(si.extras());
            g.put("server-id", sm);
        }
    }

    private static Map<String, Object> database(Services.Database d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", d.type());
        put(m, "name", d.name());
        if (d.type().equals("memfile") || !d.persist()) {
            m.put("persist", d.persist());
        }
        if (d.type().equals("memfile") || d.lfcInterval() != 3600) {
            m.put("lfc-interval", d.lfcInterval());
        }
        m.putAll(d.parameters());
        m.putAll(d.extras());
        return m;
    }
}
