package io.tui.dhcp.core.config;

import static io.tui.dhcp.core.config.Json.bool;
import static io.tui.dhcp.core.config.Json.child;
import static io.tui.dhcp.core.config.Json.dbl;
import static io.tui.dhcp.core.config.Json.extras;
import static io.tui.dhcp.core.config.Json.itemPos;
import static io.tui.dhcp.core.config.Json.keyPos;
import static io.tui.dhcp.core.config.Json.lng;
import static io.tui.dhcp.core.config.Json.obj;
import static io.tui.dhcp.core.config.Json.objs;
import static io.tui.dhcp.core.config.Json.pos;
import static io.tui.dhcp.core.config.Json.str;
import static io.tui.dhcp.core.config.Json.strings;

import io.tui.dhcp.core.config.json.JsonValue.JsonObject;
import io.tui.dhcp.core.config.json.Position;
import io.tui.dhcp.core.config.model.AddressRange;
import io.tui.dhcp.core.config.model.ClientClass;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.HostIdentifier;
import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.config.model.NetworkParams;
import io.tui.dhcp.core.config.model.OptionData;
import io.tui.dhcp.core.config.model.OptionDef;
import io.tui.dhcp.core.config.model.PdPool;
import io.tui.dhcp.core.config.model.Pool;
import io.tui.dhcp.core.config.model.Prefix;
import io.tui.dhcp.core.config.model.Reservation;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.SharedNetwork;
import io.tui.dhcp.core.config.model.Subnet;
import io.tui.dhcp.core.config.model.Triplet;
import io.tui.dhcp.core.config.schema.Scope;
import io.tui.dhcp.core.option.OptionRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a schema-checked {@code Dhcp4}/{@code Dhcp6} map into a {@link ServerConfig}: resolves inheritance and
 * defaults, assigns subnet ids, and reports semantic errors (overlapping pools, duplicate ids, addresses outside
 * their subnet, conflicting reservations, bad lifetimes ...) with their position. One builder per load.
 */
final class ConfigBuilder {
    private static final Set<String> HOST_ID_TYPES_4 = Set.of("hw-address", "duid", "circuit-id", "client-id",
            "flex-id");
    private static final Set<String> HOST_ID_TYPES_6 = Set.of("hw-address", "duid", "flex-id");

    private final Family family;
    private final boolean v6;
    private final Scope globalScope;
    private final ExpressionParser expressions = new ExpressionParser();
    private final OptionsBuilder optionReader;

    ConfigBuilder(Family family, Scope globalScope) {
        this.family = family;
        this.v6 = family.v6();
        this.globalScope = globalScope;
        this.optionReader = new OptionsBuilder(family);
    }

    ServerConfig build(JsonObject g, Set<String> notImplemented) throws ConfigException {
        NetworkParams declared = networkParams(g, globalScope, defaults());
        NetworkParams global = declared.inherit(defaults());
        checkEffective(global, g, "global");

        ServerConfig.GlobalSettings settings = new ServerConfig.GlobalSettings(
                lng(g, "decline-probation-period", 86400),
                (int) lng(g, "dhcp4o6-port", 0),
                str(g, "server-tag", ""),
                hostReservationIdentifiers(g),
                bool(g, "ip-reservations-unique", true),
                v6 ? str(g, "data-directory") : null);

        List<OptionDef> defs = optionReader.definitions(g, globalScope);
        optionReader.useGlobalDefinitions(defs, g);
        List<ClientClass> classes = clientClasses(g);
        List<OptionData> options = optionReader.read(g, globalScope);

        // Subnets: the global list first, then each shared network's, as Kea parses them.
        Scope subnetScope = child(globalScope, family.subnetKey());
        Scope sharedScope = child(globalScope, "shared-networks");
        List<Subnet> subnets = new ArrayList<>();
        Map<Long, Subnet> byId = new LinkedHashMap<>();
        Map<String, Position> prefixes = new HashMap<>();
        long[] nextId = {1};
        for (JsonObject s : objs(g, family.subnetKey())) {
            Subnet sub = subnet(s, subnetScope, null, NetworkParams.empty(), List.of(), global, nextId, settings);
            add(sub, s, byId, prefixes, subnets);
        }
        List<SharedNetwork> shared = new ArrayList<>();
        Map<String, Position> networkNames = new HashMap<>();
        for (JsonObject n : objs(g, "shared-networks")) {
            String name = str(n, "name");
            if (name == null || name.isEmpty()) {
                throw new ConfigException("missing parameter 'name'", n.position());
            }
            if (networkNames.putIfAbsent(name, n.position()) != null) {
                throw new ConfigException("duplicate network '" + name + "' found in the configuration", n.position());
            }
            NetworkParams netDeclared = networkParams(n, sharedScope, global);
            NetworkParams netEffective = netDeclared.inherit(global);
            checkEffective(netEffective, n, "shared network " + name);
            List<OptionData> netOptions = optionReader.read(n, sharedScope);
            List<Long> ids = new ArrayList<>();
            for (JsonObject s : objs(n, family.subnetKey())) {
                Subnet sub = subnet(s, subnetScope, name, netDeclared, netOptions, global, nextId, settings);
                if (sub.declared().iface() != null && netDeclared.iface() != null
                        && !sub.declared().iface().equals(netDeclared.iface())) {
                    throw new ConfigException("Subnet " + sub.prefix() + " has specified interface "
                            + sub.declared().iface() + ", but earlier subnet in the same shared-network or the"
                            + " shared-network itself used " + netDeclared.iface(), keyPos(s, "interface"));
                }
                if (v6 && !ids.isEmpty()) {
                    Boolean earlier = byId.get(ids.get(0)).effective().rapidCommit();
                    if (!java.util.Objects.equals(earlier, sub.effective().rapidCommit())) {
                        throw new ConfigException("All subnets in a shared network must have the same rapid-commit"
                                + " value. Subnet " + sub.prefix() + " has specified rapid-commit "
                                + sub.effective().rapidCommit() + ", but earlier subnet in the same shared-network or"
                                + " the shared-network itself used rapid-commit " + earlier, s.position());
                    }
                }
                add(sub, s, byId, prefixes, subnets);
                ids.add(sub.id());
            }
            shared.add(new SharedNetwork(name, netDeclared, netEffective, ids, netOptions, classList(n),
                    additionalClasses(n), extras(n, sharedScope)));
        }

        List<Reservation> globalReservations = reservations(g, child(globalScope, "reservations"), null, 0,
                settings.ipReservationsUnique());

        return new ServerConfig(family, global, settings, options, defs, classes, shared, subnets, byId,
                globalReservations, new ServicesBuilder(family, globalScope).build(g), extras(g, globalScope), notImplemented);
    }

    private void add(Subnet sub, JsonObject s, Map<Long, Subnet> byId, Map<String, Position> prefixes,
            List<Subnet> subnets) throws ConfigException {
        if (byId.containsKey(sub.id())) {
            throw new ConfigException("ID of the new IPv" + (v6 ? "6" : "4") + " subnet '" + sub.id()
                    + "' is already in use", s.position());
        }
        Prefix norm = new Prefix(sub.prefix().first(), sub.prefix().length());
        if (prefixes.putIfAbsent(norm.toString(), s.position()) != null) {
            throw new ConfigException("subnet with the prefix of '" + sub.prefix() + "' already exists", s.position());
        }
        byId.put(sub.id(), sub);
        subnets.add(sub);
    }

    private NetworkParams defaults() {
        return new NetworkParams(
                Triplet.of(7200), v6 ? Triplet.of(3600) : null, null, null,
                v6, 0.5, v6 ? 0.8 : 0.875,
                v6 ? null : true, v6 ? null : false,
                v6 ? null : IpAddress.parse("0.0.0.0", false), v6 ? null : "", v6 ? null : "",
                false, true, false,
                null, null, v6 ? false : null, null);
    }

    private List<String> hostReservationIdentifiers(JsonObject g) throws ConfigException {
        List<String> ids = strings(g, "host-reservation-identifiers");
        if (ids == null) {
            return v6 ? List.of("hw-address", "duid") : List.of("hw-address", "duid", "circuit-id", "client-id");
        }
        if (ids.isEmpty()) {
            throw new ConfigException("host-reservation-identifiers must name at least one identifier type",
                    pos(g, "host-reservation-identifiers"));
        }
        Set<String> allowed = v6 ? HOST_ID_TYPES_6 : HOST_ID_TYPES_4;
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!allowed.contains(id)) {
                throw new ConfigException("invalid host reservation identifier '" + id + "', expected one of "
                        + new java.util.TreeSet<>(allowed), pos(g, "host-reservation-identifiers"));
            }
            if (!seen.add(id)) {
                throw new ConfigException("duplicate host reservation identifier '" + id + "'",
                        pos(g, "host-reservation-identifiers"));
            }
        }
        return ids;
    }

    // ---- inheritable parameters -------------------------------------------------------------------------

    /**
     * The inheritable parameters one scope declares. {@code parent} is what applies above this scope (Kea's defaults
     * for the global scope): a lifetime bound given without its value is checked against the inherited value.
     */
    private NetworkParams networkParams(JsonObject o, Scope scope, NetworkParams parent) throws ConfigException {
        Triplet valid = triplet(o, "valid-lifetime", parent.valid());
        Triplet preferred = v6 ? triplet(o, "preferred-lifetime", parent.preferred()) : null;
        Double t1 = percent(o, "t1-percent");
        Double t2 = percent(o, "t2-percent");
        Boolean rg = bool(o, "reservations-global");
        Boolean ris = bool(o, "reservations-in-subnet");
        Boolean roop = bool(o, "reservations-out-of-pool");
        String mode = str(o, "reservation-mode");
        if (mode != null) {
            if (rg != null || ris != null || roop != null) {
                throw new ConfigException("invalid use of both 'reservation-mode' and one of 'reservations-global',"
                        + " 'reservations-in-subnet' or 'reservations-out-of-pool' parameters",
                        keyPos(o, "reservation-mode"));
            }
            switch (mode) {
                case "disabled" -> { rg = false; ris = false; roop = false; }
                case "out-of-pool" -> { rg = false; ris = true; roop = true; }
                case "global" -> { rg = true; ris = false; roop = false; }
                case "all" -> { rg = false; ris = true; roop = false; }
                default -> throw new ConfigException("invalid reservation-mode parameter: '" + mode
                        + "' (expected one of: disabled, out-of-pool, global, all)", pos(o, "reservation-mode"));
            }
        }
        IpAddress nextServer = null;
        if (!v6 && str(o, "next-server") != null) {
            nextServer = address(o, "next-server", false);
        }
        List<IpAddress> relay = null;
        JsonObject r = obj(o, "relay");
        if (r != null) {
            relay = new ArrayList<>();
            if (r.has("ip-address") && r.has("ip-addresses")) {
                throw new ConfigException("specify either ip-address or ip-addresses, not both", r.position());
            }
            if (str(r, "ip-address") != null) {
                relay.add(address(r, "ip-address", v6));
            }
            List<String> list = strings(r, "ip-addresses");
            if (list != null) {
                for (int i = 0; i < list.size(); i++) {
                    String a = list.get(i);
                    IpAddress ip = IpAddress.parse(a, v6);
                    if (ip == null) {
                        throw new ConfigException("address " + a + " is not a valid IPv" + (v6 ? "6" : "4")
                                + " address", itemPos(r, "ip-addresses", i));
                    }
                    relay.add(ip);
                }
            }
        }
        if (relay != null && relay.isEmpty()) {
            relay = null; // Kea renders an empty relay list for every subnet; it means none given here
        }
        NetworkParams p = new NetworkParams(valid, preferred, lng(o, "renew-timer"), lng(o, "rebind-timer"),
                bool(o, "calculate-tee-times"), t1, t2,
                v6 ? null : bool(o, "match-client-id"), v6 ? null : bool(o, "authoritative"),
                nextServer, v6 ? null : str(o, "server-hostname"), v6 ? null : str(o, "boot-file-name"),
                rg, ris, roop, str(o, "interface"), v6 ? str(o, "interface-id") : null,
                v6 ? bool(o, "rapid-commit") : null, relay);
        if (!v6 && p.serverHostname() != null && p.serverHostname().length() > 63) {
            throw new ConfigException("server-hostname must be at most 63 bytes long, it is "
                    + p.serverHostname().length(), pos(o, "server-hostname"));
        }
        if (!v6 && p.bootFileName() != null && p.bootFileName().length() > 127) {
            throw new ConfigException("boot-file-name must be at most 127 bytes long, it is "
                    + p.bootFileName().length(), pos(o, "boot-file-name"));
        }
        return p;
    }

    /**
     * Kea's lifetime triplet at one scope: none of {@code X}, {@code min-X}, {@code max-X} given means inherit all
     * three; a missing value is the inherited one; a missing bound is the value.
     */
    private static Triplet triplet(JsonObject o, String name, Triplet inherited) throws ConfigException {
        Long value = lng(o, name);
        Long min = lng(o, "min-" + name);
        Long max = lng(o, "max-" + name);
        if (value == null && min == null && max == null) {
            return null;
        }
        long v = value != null ? value : inherited != null ? inherited.value() : min != null ? min : max;
        long lo = min != null ? min : v;
        long hi = max != null ? max : v;
        if (min != null && max != null && (v < lo || v > hi)) {
            throw new ConfigException("the value of (default) " + name + " (" + v + ") is not between min-" + name
                    + " (" + lo + ") and max-" + name + " (" + hi + ")", keyPos(o, value != null ? name : "min-" + name));
        }
        if (lo > v) {
            throw new ConfigException("the value of min-" + name + " (" + lo + ") is not less than (default) " + name
                    + " (" + v + ")", keyPos(o, "min-" + name));
        }
        if (hi < v) {
            throw new ConfigException("the value of (default) " + name + " (" + v + ") is not less than max-" + name
                    + " (" + hi + ")", keyPos(o, "max-" + name));
        }
        return new Triplet(lo, v, hi);
    }

    private static Double percent(JsonObject o, String name) throws ConfigException {
        Double d = dbl(o, name);
        if (d != null && !(d > 0.0 && d < 1.0)) {
            throw new ConfigException(name + ": " + d + " is invalid, it must be greater than 0.0 and less than 1.0",
                    pos(o, name));
        }
        return d;
    }

    private void checkEffective(NetworkParams p, JsonObject o, String where) throws ConfigException {
        if (p.renewTimer() != null && p.rebindTimer() != null && p.renewTimer() > p.rebindTimer()) {
            throw new ConfigException("the value of renew-timer (" + p.renewTimer()
                    + ") is greater than the value of rebind-timer (" + p.rebindTimer() + ") in " + where,
                    o.has("renew-timer") ? keyPos(o, "renew-timer") : keyPos(o, "rebind-timer"));
        }
        if (Boolean.TRUE.equals(p.calculateTeeTimes()) && p.t1Percent() > p.t2Percent()) {
            throw new ConfigException("t1-percent: " + p.t1Percent() + " is invalid, it must be less than t2-percent: "
                    + p.t2Percent() + " in " + where,
                    o.has("t1-percent") ? keyPos(o, "t1-percent") : keyPos(o, "t2-percent"));
        }
    }

    // ---- subnets and pools ------------------------------------------------------------------------------

    private Subnet subnet(JsonObject s, Scope scope, String network, NetworkParams netDeclared,
            List<OptionData> netOptions, NetworkParams global, long[] nextId, ServerConfig.GlobalSettings settings)
            throws ConfigException {
        String text = str(s, "subnet");
        if (text == null) {
            throw new ConfigException("missing parameter 'subnet'", s.position());
        }
        Prefix prefix = Prefix.parse(text, v6);
        if (prefix == null) {
            int slash = text.indexOf('/');
            if (slash >= 0 && IpAddress.parse(text.substring(0, slash), v6) != null) {
                throw new ConfigException("Invalid prefix length specified for subnet: " + text.substring(slash + 1),
                        pos(s, "subnet"));
            }
            throw new ConfigException("invalid subnet '" + text + "': expected an IPv" + (v6 ? "6" : "4")
                    + " prefix such as " + (v6 ? "2001:db8::/64" : "192.0.2.0/24"), pos(s, "subnet"));
        }
        Long explicitId = lng(s, "id");
        long id;
        if (explicitId != null && explicitId != 0) { // Kea takes id 0 as "assign one"
            if (explicitId > 4294967294L) {
                throw new ConfigException("The 'id' value (" + explicitId
                        + ") is not within expected range: (1 - 4294967294)", pos(s, "id"));
            }
            id = explicitId;
        } else {
            id = nextId[0]++;
        }
        NetworkParams declared = networkParams(s, scope, netDeclared.inherit(global));
        NetworkParams effective = declared.inherit(netDeclared).inherit(global);
        if (v6 && declared.iface() != null && !declared.iface().isEmpty() && declared.interfaceId() != null
                && !declared.interfaceId().isEmpty()) {
            throw new ConfigException("interface (defined for locally reachable subnets) and interface-id (defined"
                    + " for subnets reachable via relays) cannot be defined at the same time for subnet " + prefix,
                    s.position());
        }
        checkEffective(effective, s, "subnet " + prefix);

        List<Pool> pools = new ArrayList<>();
        Scope poolScope = child(scope, "pools");
        for (JsonObject p : objs(s, "pools")) {
            Pool pool = pool(p, poolScope, prefix);
            for (Pool other : pools) {
                if (other.range().overlaps(pool.range())) {
                    throw new ConfigException("a pool of type " + (v6 ? "IA_NA" : "V4")
                            + ", with the following address range: " + pool.range()
                            + " overlaps with an existing pool in the subnet: " + prefix
                            + " to which it is being added", pos(p, "pool"));
                }
            }
            pools.add(pool);
        }
        List<PdPool> pdPools = new ArrayList<>();
        if (v6) {
            Scope pdScope = child(scope, "pd-pools");
            for (JsonObject p : objs(s, "pd-pools")) {
                PdPool pd = pdPool(p, pdScope);
                for (PdPool other : pdPools) {
                    if (other.prefix().range().overlaps(pd.prefix().range())) {
                        throw new ConfigException("a pool of type IA_PD, with the following address range: "
                                + pd.prefix().range() + " overlaps with an existing pool in the subnet: " + prefix
                                + " to which it is being added", p.position());
                    }
                }
                pdPools.add(pd);
            }
        }
        List<Reservation> reservations = reservations(s, child(scope, "reservations"), prefix, id,
                settings.ipReservationsUnique());
        List<OptionData> options = optionReader.read(s, scope);
        List<OptionData> inherited = new ArrayList<>(options);
        inherited.addAll(netOptions);
        return new Subnet(id, prefix, network, declared, effective, pools, pdPools, reservations, options, inherited,
                classList(s), additionalClasses(s), extras(s, scope));
    }

    private Pool pool(JsonObject p, Scope scope, Prefix subnet) throws ConfigException {
        String text = str(p, "pool");
        if (text == null) {
            throw new ConfigException("missing parameter 'pool'", p.position());
        }
        AddressRange range = range(text, pos(p, "pool"));
        if (!subnet.contains(range.first()) || !subnet.contains(range.last())) {
            throw new ConfigException("a pool of type " + (v6 ? "IA_NA" : "V4") + ", with the following address range: "
                    + range + " does not match the prefix of a subnet: " + subnet + " to which it is being added",
                    pos(p, "pool"));
        }
        return new Pool(range, optionReader.read(p, scope), classList(p), additionalClasses(p), extras(p, scope));
    }

    private AddressRange range(String text, Position at) throws ConfigException {
        String t = text.trim();
        int dash = t.indexOf('-');
        if (dash >= 0) {
            IpAddress a = IpAddress.parse(t.substring(0, dash).trim(), v6);
            IpAddress b = IpAddress.parse(t.substring(dash + 1).trim(), v6);
            if (a == null || b == null || a.compareTo(b) > 0) {
                throw new ConfigException("Failed to create pool defined by: " + text, at);
            }
            return new AddressRange(a, b);
        }
        Prefix p = Prefix.parse(t, v6);
        if (p == null) {
            throw new ConfigException("Failed to create pool defined by: " + text
                    + " (expected first-last or prefix/length)", at);
        }
        return p.range();
    }

    private PdPool pdPool(JsonObject p, Scope scope) throws ConfigException {
        String text = str(p, "prefix");
        Long len = lng(p, "prefix-len");
        Long dlen = lng(p, "delegated-len");
        for (String k : new String[] {"prefix", "prefix-len", "delegated-len"}) {
            if (!p.has(k)) {
                throw new ConfigException("missing parameter '" + k + "'", p.position());
            }
        }
        IpAddress a = IpAddress.parse(text, true);
        if (a == null) {
            throw new ConfigException("'" + text + "' is not a valid IPv6 prefix", pos(p, "prefix"));
        }
        if (len > 128 || dlen > 128) {
            throw new ConfigException("prefix lengths must be at most 128", p.position());
        }
        if (dlen < len) {
            throw new ConfigException("Delegated length (" + dlen + ") must be longer than or equal to prefix length ("
                    + len + ")", pos(p, "delegated-len"));
        }
        Prefix prefix = new Prefix(a, len.intValue());
        Prefix excluded = null;
        String ex = str(p, "excluded-prefix");
        Long exLen = lng(p, "excluded-prefix-len");
        if (ex != null || exLen != null) {
            if (ex == null || exLen == null) {
                throw new ConfigException("excluded-prefix and excluded-prefix-len must be given together",
                        p.position());
            }
            IpAddress ea = IpAddress.parse(ex, true);
            if (ea == null || exLen > 128) {
                throw new ConfigException("'" + ex + "/" + exLen + "' is not a valid excluded prefix",
                        pos(p, "excluded-prefix"));
            }
            if (exLen <= dlen) {
                throw new ConfigException("excluded prefix length " + exLen + " must be longer than the delegated length "
                        + dlen, pos(p, "excluded-prefix-len"));
            }
            excluded = new Prefix(ea, exLen.intValue());
            Prefix firstDelegated = new Prefix(prefix.first(), dlen.intValue());
            if (!firstDelegated.contains(excluded)) {
                throw new ConfigException("excluded prefix " + excluded + " must have the same common prefix part of "
                        + dlen + " as the delegated prefix " + firstDelegated, pos(p, "excluded-prefix"));
            }
        }
        return new PdPool(prefix, dlen.intValue(), excluded, optionReader.read(p, scope), classList(p), additionalClasses(p),
                extras(p, scope));
    }

    /** Kea 3 {@code client-classes} list, or Kea 2 {@code client-class} string. */
    private static List<String> classList(JsonObject o) throws ConfigException {
        List<String> list = strings(o, "client-classes");
        String single = str(o, "client-class");
        if (list != null && single != null) {
            throw new ConfigException("cannot specify both 'client-class' and 'client-classes'; use 'client-classes'",
                    keyPos(o, "client-class"));
        }
        if (single != null) {
            return single.isEmpty() ? List.of() : List.of(single);
        }
        return list == null ? List.of() : list;
    }

    /** Kea 3 {@code evaluate-additional-classes} or Kea 2 {@code require-client-classes}. */
    private static List<String> additionalClasses(JsonObject o) throws ConfigException {
        List<String> a = strings(o, "evaluate-additional-classes");
        List<String> b = strings(o, "require-client-classes");
        if (a != null && b != null) {
            throw new ConfigException("cannot specify both 'require-client-classes' and 'evaluate-additional-classes';"
                    + " use 'evaluate-additional-classes'", keyPos(o, "require-client-classes"));
        }
        return a != null ? a : b != null ? b : List.of();
    }

    // ---- reservations -----------------------------------------------------------------------------------

    private List<Reservation> reservations(JsonObject o, Scope scope, Prefix subnet, long subnetId, boolean unique)
            throws ConfigException {
        List<Reservation> out = new ArrayList<>();
        Map<String, Position> identifiers = new HashMap<>();
        Map<String, Position> addresses = new HashMap<>();
        String where = subnet == null ? "the global reservations" : "the IPv" + (v6 ? "6" : "4") + " subnet id '"
                + subnetId + "'";
        for (JsonObject r : objs(o, "reservations")) {
            Reservation res = reservation(r, scope, subnet);
            String idKey = res.identifier().type() + "=" + res.identifier().hex();
            if (identifiers.putIfAbsent(idKey, r.position()) != null) {
                throw new ConfigException("failed to add new host using the " + idName(res.identifier()) + " '"
                        + res.identifier().hex() + "' to " + where + " as this host has already been added",
                        r.position());
            }
            if (unique) {
                List<String> keys = new ArrayList<>();
                for (IpAddress a : res.addresses()) {
                    keys.add(a.toString());
                }
                for (Prefix p : res.prefixes()) {
                    keys.add(p.toString());
                }
                for (String k : keys) {
                    Position prev = addresses.putIfAbsent(k, r.position());
                    if (prev != null) {
                        throw new ConfigException("failed to add new host using the " + idName(res.identifier()) + " '"
                                + res.identifier().hex() + "' to " + where + " for the address " + k
                                + ": There's already a reservation for this address (at " + prev + ")",
                                r.position());
                    }
                }
            }
            out.add(res);
        }
        return out;
    }

    private static String idName(HostIdentifier id) {
        return switch (id.type()) {
            case "hw-address" -> "HW address";
            case "duid" -> "DUID";
            default -> id.type();
        };
    }

    private Reservation reservation(JsonObject r, Scope scope, Prefix subnet) throws ConfigException {
        HostIdentifier id = null;
        for (String type : v6 ? List.of("hw-address", "duid", "flex-id")
                : List.of("hw-address", "duid", "client-id", "circuit-id", "flex-id")) {
            String value = str(r, type);
            if (value == null) {
                continue;
            }
            if (id != null) {
                throw new ConfigException("the '" + id.type() + "' and '" + type
                        + "' parameters are mutually exclusive", keyPos(r, type));
            }
            String hex = HexText.identifierHex(value, type.equals("hw-address") ? 20 : 128);
            if (hex == null) {
                throw new ConfigException("invalid host identifier value '" + value + "' for " + type, pos(r, type));
            }
            id = new HostIdentifier(type, hex);
        }
        if (id == null) {
            throw new ConfigException("one of the supported identifiers must be specified for host reservation: "
                    + (v6 ? "hw-address, duid, flex-id" : "hw-address, duid, client-id, circuit-id, flex-id"),
                    r.position());
        }
        List<IpAddress> addrs = new ArrayList<>();
        List<Prefix> prefixes = new ArrayList<>();
        if (v6) {
            List<String> list = strings(r, "ip-addresses");
            for (int i = 0; list != null && i < list.size(); i++) {
                String a = list.get(i);
                IpAddress ip = IpAddress.parse(a, true);
                if (ip == null) {
                    throw new ConfigException("invalid IPv6 address '" + a + "' in reservation",
                            itemPos(r, "ip-addresses", i));
                }
                if (subnet != null && !subnet.contains(ip)) {
                    throw new ConfigException("specified reservation '" + a + "' is not within the IPv6 subnet '"
                            + subnet + "'", itemPos(r, "ip-addresses", i));
                }
                addrs.add(ip);
            }
            List<String> pl = strings(r, "prefixes");
            for (int i = 0; pl != null && i < pl.size(); i++) {
                String p = pl.get(i);
                Prefix pf = Prefix.parse(p, true);
                if (pf == null) {
                    throw new ConfigException("invalid IPv6 prefix '" + p + "' in reservation",
                            itemPos(r, "prefixes", i));
                }
                prefixes.add(pf);
            }
        } else if (str(r, "ip-address") != null) {
            IpAddress ip = address(r, "ip-address", false);
            if (subnet != null && !subnet.contains(ip)) {
                throw new ConfigException("specified reservation '" + ip + "' is not within the IPv4 subnet '"
                        + subnet + "'", pos(r, "ip-address"));
            }
            addrs.add(ip);
        }
        IpAddress nextServer = !v6 && str(r, "next-server") != null ? address(r, "next-server", false) : null;
        Reservation res = new Reservation(id, addrs, prefixes, str(r, "hostname"), classList(r), optionReader.read(r, scope),
                nextServer, v6 ? null : str(r, "server-hostname"), v6 ? null : str(r, "boot-file-name"),
                extras(r, scope));
        boolean hasResource = !addrs.isEmpty() || !prefixes.isEmpty() || !res.options().isEmpty()
                || !res.clientClasses().isEmpty() || res.hostname() != null && !res.hostname().isEmpty()
                || nextServer != null || res.serverHostname() != null && !res.serverHostname().isEmpty()
                || res.bootFileName() != null && !res.bootFileName().isEmpty();
        if (!hasResource) {
            throw new ConfigException("specified reservation for " + idName(id) + " " + id.hex()
                    + " must include at least one resource, i.e. hostname, IPv4 address, IPv6 address/prefix,"
                    + " options", r.position());
        }
        return res;
    }

    private static IpAddress address(JsonObject o, String key, boolean v6) throws ConfigException {
        String text = str(o, key);
        IpAddress a = IpAddress.parse(text, v6);
        if (a == null) {
            throw new ConfigException("'" + text + "' is not a valid IPv" + (v6 ? "6" : "4") + " address for " + key,
                    pos(o, key));
        }
        return a;
    }

    // ---- classes -------------------------------------------------------------------------------------------

    private List<ClientClass> clientClasses(JsonObject g) throws ConfigException {
        List<ClientClass> out = new ArrayList<>();
        Scope cs = child(globalScope, "client-classes");
        Set<String> defined = new HashSet<>();
        for (JsonObject c : objs(g, "client-classes")) {
            String name = str(c, "name");
            if (name == null || name.isEmpty()) {
                throw new ConfigException("missing parameter 'name'", c.position());
            }
            if (defined.contains(name)) {
                throw new ConfigException("Can't add class: Client Class: " + name + " has already been defined",
                        c.position());
            }
            if (c.has("only-if-required") && c.has("only-in-additional-list")) {
                throw new ConfigException("cannot specify both 'only-if-required' and 'only-in-additional-list'",
                        keyPos(c, "only-if-required"));
            }
            io.tui.dhcp.core.config.model.Expression test = null;
            String text = str(c, "test");
            if (text != null) {
                try {
                    test = expressions.parse(text, v6, optionReader.registry());
                } catch (ExpressionParser.ExpressionException e) {
                    throw new ConfigException("expression: [" + text + "] error: " + e.getMessage(), pos(c, "test"));
                }
                for (String option : test.optionNames()) {
                    if (optionReader.registry().definition(family.optionSpace(), option).isEmpty()) {
                        throw new ConfigException("expression: [" + text + "] error: option '" + option
                                + "' is not defined", pos(c, "test"));
                    }
                }
                for (String member : test.memberOf()) {
                    if (!defined.contains(member) && !ExpressionParser.isBuiltInClass(member)) {
                        throw new ConfigException("expression: [" + text + "] error: Not defined client class '"
                                + member + "'", pos(c, "test"));
                    }
                }
            }
            boolean additional = bool(c, "only-in-additional-list", bool(c, "only-if-required", false));
            IpAddress nextServer = !v6 && str(c, "next-server") != null ? address(c, "next-server", false) : null;
            List<OptionDef> classDefs = optionReader.definitions(c, cs);
            OptionRegistry classRegistry = optionReader.registryForClass(classDefs, c);
            out.add(new ClientClass(name, test, additional, optionReader.read(c, cs, classRegistry), classDefs, nextServer,
                    v6 ? null : str(c, "server-hostname"), v6 ? null : str(c, "boot-file-name"),
                    triplet(c, "valid-lifetime", null), v6 ? triplet(c, "preferred-lifetime", null) : null,
                    extras(c, cs)));
            defined.add(name);
        }
        return out;
    }
}
