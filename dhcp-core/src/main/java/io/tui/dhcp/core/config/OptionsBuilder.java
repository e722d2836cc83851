package io.tui.dhcp.core.config;

import static io.tui.dhcp.core.config.Json.bool;
import static io.tui.dhcp.core.config.Json.child;
import static io.tui.dhcp.core.config.Json.extras;
import static io.tui.dhcp.core.config.Json.lng;
import static io.tui.dhcp.core.config.Json.objs;
import static io.tui.dhcp.core.config.Json.pos;
import static io.tui.dhcp.core.config.Json.str;
import static io.tui.dhcp.core.config.Json.strings;

import io.tui.dhcp.core.config.json.JsonValue.JsonObject;
import io.tui.dhcp.core.config.json.Position;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.OptionData;
import io.tui.dhcp.core.config.model.OptionDef;
import io.tui.dhcp.core.config.schema.Scope;
import io.tui.dhcp.core.option.OptionConfigException;
import io.tui.dhcp.core.option.OptionDataEntry;
import io.tui.dhcp.core.option.OptionDefinition;
import io.tui.dhcp.core.option.OptionRegistry;
import io.tui.dhcp.core.option.ResolvedOption;
import io.tui.dhcp.core.option.Universe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code option-def} and {@code option-data} lists for one load and resolves every option-data entry through
 * the option registry ({@link io.tui.dhcp.core.option}): Kea's standard definitions, the global option-def list, and
 * a client class's own definitions for that class. A definition or value the registry refuses is a configuration
 * error at the entry's position.
 */
final class OptionsBuilder {
    private static final Set<String> OPTION_TYPES = Set.of("binary", "boolean", "empty", "fqdn", "int8", "int16",
            "int32", "ipv4-address", "ipv6-address", "ipv6-prefix", "psid", "record", "string", "tuple", "uint8",
            "uint16", "uint32", "internal");

    private final Family family;
    private final boolean v6;
    private final Universe universe;
    private final Map<OptionDef, Position> defPositions = new IdentityHashMap<>();
    private List<OptionDef> globalDefs = List.of();
    private OptionRegistry registry;

    OptionsBuilder(Family family) {
        this.family = family;
        this.v6 = family.v6();
        this.universe = v6 ? Universe.V6 : Universe.V4;
        this.registry = OptionRegistry.standard(universe);
    }

    /** The registry of the global scope: standard definitions plus the global option-def list. */
    OptionRegistry registry() {
        return registry;
    }

    /** Layers the global option-def list on the standard definitions; call once, before reading option-data. */
    void useGlobalDefinitions(List<OptionDef> defs, JsonObject where) throws ConfigException {
        globalDefs = List.copyOf(defs);
        registry = registryWith(OptionRegistry.standard(universe), defs, List.of(), where);
    }

    /** The registry for a client class: the global one, plus the class's own option-def list when it has one. */
    OptionRegistry registryForClass(List<OptionDef> classDefs, JsonObject where) throws ConfigException {
        return classDefs.isEmpty() ? registry
                : registryWith(OptionRegistry.standard(universe), globalDefs, classDefs, where);
    }

    /** Reads and resolves the option-data list of {@code o} against the global registry. */
    List<OptionData> read(JsonObject o, Scope scope) throws ConfigException {
        return read(o, scope, registry);
    }

    /** Reads one level's option-data list and resolves it against {@code reg}; a bad value is a config error. */
    List<OptionData> read(JsonObject o, Scope scope, OptionRegistry reg) throws ConfigException {
        List<OptionData> out = new ArrayList<>();
        if (!o.has("option-data")) {
            return out;
        }
        Scope os = child(scope, "option-data");
        List<JsonObject> items = objs(o, "option-data");
        List<OptionDataEntry> entries = new ArrayList<>();
        for (JsonObject d : items) {
            String name = str(d, "name");
            Long code = lng(d, "code");
            if (name == null && code == null) {
                throw new ConfigException("option data configuration requires one of 'code' or 'name' parameters"
                        + " to be specified", d.position());
            }
            if (name != null && name.isEmpty()) {
                throw new ConfigException("name of the option with code '" + code + "' is empty", pos(d, "name"));
            }
            entries.add(new OptionDataEntry(name, code, str(d, "space"), str(d, "data"), bool(d, "csv-format"),
                    bool(d, "always-send", false), bool(d, "never-send", false)));
        }
        List<ResolvedOption> resolved;
        try {
            resolved = reg.resolveAll(entries);
        } catch (OptionConfigException e) {
            int i = e.entryIndex();
            throw new ConfigException(e.getMessage(), i >= 0 && i < items.size() ? items.get(i).position()
                    : pos(o, "option-data"));
        }
        for (int i = 0; i < items.size(); i++) {
            JsonObject d = items.get(i);
            Long code = lng(d, "code");
            List<String> cc = strings(d, "client-classes");
            out.add(new OptionData(str(d, "name"), code == null ? null : code.intValue(),
                    str(d, "space", family.optionSpace()), str(d, "data", ""), bool(d, "csv-format", true),
                    bool(d, "always-send", false), bool(d, "never-send", false), cc == null ? List.of() : cc,
                    extras(d, os), resolved.get(i)));
        }
        return out;
    }

    /** {@code base} with the definitions {@code defs} (then {@code more}) layered on; errors point at the entry. */
    private OptionRegistry registryWith(OptionRegistry base, List<OptionDef> defs, List<OptionDef> more,
            JsonObject where) throws ConfigException {
        List<OptionDef> all = new ArrayList<>(defs);
        all.addAll(more);
        List<OptionDefinition> converted = new ArrayList<>();
        for (OptionDef d : all) {
            try {
                converted.add(OptionDefinition.fromKea(universe, d.name(), d.code(), d.space(),
                        d.type(), d.array(), String.join(", ", d.recordTypes()), d.encapsulate()));
            } catch (OptionConfigException e) {
                throw new ConfigException(e.getMessage(), defPosition(where, d));
            }
        }
        try {
            return base.withCustomDefinitions(converted);
        } catch (OptionConfigException e) {
            int i = e.entryIndex();
            throw new ConfigException(e.getMessage(), i >= 0 && i < all.size() ? defPosition(where, all.get(i))
                    : pos(where, "option-def"));
        }
    }

    private Position defPosition(JsonObject where, OptionDef d) {
        Position p = defPositions.get(d);
        return p != null ? p : pos(where, "option-def");
    }

    /** Reads the option-def list of {@code o} (global or class), checking each entry's shape and uniqueness. */
    List<OptionDef> definitions(JsonObject o, Scope scope) throws ConfigException {
        List<OptionDef> out = new ArrayList<>();
        if (!o.has("option-def")) {
            return out;
        }
        Scope ds = child(scope, "option-def");
        Map<String, Position> seen = new HashMap<>();
        for (JsonObject d : objs(o, "option-def")) {
            for (String k : new String[] {"name", "code", "type"}) {
                if (!d.has(k)) {
                    throw new ConfigException("missing parameter '" + k + "'", d.position());
                }
            }
            String name = str(d, "name");
            long code = lng(d, "code");
            String type = str(d, "type");
            String space = str(d, "space", family.optionSpace());
            if (!OPTION_TYPES.contains(type)) {
                throw new ConfigException("option data type '" + type + "' is not supported", pos(d, "type"));
            }
            if (name.isEmpty() || !name.matches("[A-Za-z0-9_-]+")) {
                throw new ConfigException("invalid option name '" + name + "'", pos(d, "name"));
            }
            boolean standard = space.equals("dhcp4") || space.equals("dhcp6");
            long max = space.equals("dhcp4") ? 254 : v6 ? 65535 : 255;
            if (code < (standard ? 1 : 0) || code > max) {
                throw new ConfigException("invalid option code '" + code + "': out of range for option space '"
                        + space + "'", pos(d, "code"));
            }
            List<String> recordTypes = new ArrayList<>();
            String rt = str(d, "record-types", "");
            if (!rt.isBlank()) {
                for (String t : rt.split(",")) {
                    String tt = t.trim();
                    if (!OPTION_TYPES.contains(tt) || tt.equals("record") || tt.equals("empty")) {
                        throw new ConfigException("invalid record type '" + tt + "'", pos(d, "record-types"));
                    }
                    recordTypes.add(tt);
                }
            }
            if (type.equals("record") && recordTypes.isEmpty()) {
                throw new ConfigException("option definition of type 'record' needs 'record-types'", d.position());
            }
            boolean array = bool(d, "array", false);
            String encapsulate = str(d, "encapsulate", "");
            if (array && !encapsulate.isEmpty()) {
                throw new ConfigException("option '" + name + "' cannot be an array and encapsulate a space",
                        d.position());
            }
            if (seen.putIfAbsent(space + "/code/" + code, d.position()) != null) {
                throw new ConfigException("option definition with code '" + code + "' already exists in option space '"
                        + space + "'", d.position());
            }
            if (seen.putIfAbsent(space + "/name/" + name, d.position()) != null) {
                throw new ConfigException("option definition with name '" + name + "' already exists in option space '"
                        + space + "'", d.position());
            }
            OptionDef def = new OptionDef(name, (int) code, type, space, recordTypes, array, encapsulate, extras(d, ds));
            defPositions.put(def, d.position());
            out.add(def);
        }
        return out;
    }
}
