package io.tui.dhcp.core.option;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads Kea's {@code option-def} and {@code option-data} JSON entries (Jackson trees) into
 * {@link OptionDefinition}s and {@link OptionDataEntry}s, checking member names and JSON types as Kea's syntax
 * check does. For the configuration layer, which adds positions to the errors.
 */
public final class OptionJson {
    private OptionJson() {
    }

    private static final Set<String> DEF_KEYS = Set.of("name", "code", "type", "space", "array", "record-types",
            "encapsulate", "user-context", "comment");
    private static final Set<String> DATA_KEYS = Set.of("name", "code", "space", "data", "csv-format", "always-send",
            "never-send", "user-context", "comment");

    /** One {@code option-def} entry; {@code name}, {@code code} and {@code type} are required, as in Kea. */
    public static OptionDefinition definition(Universe universe, JsonNode n) throws OptionConfigException {
        requireObject(n, "option-def");
        checkKeys(n, DEF_KEYS, "option-def");
        String name = string(n, "name", true);
        long code = integer(n, "code", true);
        String type = string(n, "type", true);
        return OptionDefinition.fromKea(universe, name, code, string(n, "space", false), type,
                bool(n, "array"), string(n, "record-types", false), string(n, "encapsulate", false));
    }

    /** An {@code option-def} list. */
    public static List<OptionDefinition> definitions(Universe universe, JsonNode list) throws OptionConfigException {
        List<OptionDefinition> out = new ArrayList<>();
        if (list == null || list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new OptionConfigException("'option-def' must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            try {
                out.add(definition(universe, list.get(i)));
            } catch (OptionConfigException x) {
                throw new OptionConfigException(x.getMessage(), i);
            }
        }
        return out;
    }

    /** One {@code option-data} entry (resolved later by {@link OptionRegistry#resolveAll}). */
    public static OptionDataEntry dataEntry(JsonNode n) throws OptionConfigException {
        requireObject(n, "option-data");
        checkKeys(n, DATA_KEYS, "option-data");
        Long code = n.has("code") ? integer(n, "code", true) : null;
        Boolean csv = n.has("csv-format") ? bool(n, "csv-format") : null;
        return new OptionDataEntry(string(n, "name", false), code, string(n, "space", false),
                string(n, "data", false), csv, bool(n, "always-send"), bool(n, "never-send"));
    }

    /** An {@code option-data} list. */
    public static List<OptionDataEntry> dataEntries(JsonNode list) throws OptionConfigException {
        List<OptionDataEntry> out = new ArrayList<>();
        if (list == null || list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new OptionConfigException("'option-data' must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            try {
                out.add(dataEntry(list.get(i)));
            } catch (OptionConfigException x) {
                throw new OptionConfigException(x.getMessage(), i);
            }
        }
        return out;
    }

    private static void requireObject(JsonNode n, String what) throws OptionConfigException {
        if (n == null || !n.isObject()) {
            throw new OptionConfigException("an " + what + " entry must be a map");
        }
    }

    private static void checkKeys(JsonNode n, Set<String> allowed, String what) throws OptionConfigException {
        var it = n.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new OptionConfigException("got unexpected keyword \"" + k + "\" in " + what + " map.");
            }
        }
    }

    private static String string(JsonNode n, String key, boolean required) throws OptionConfigException {
        JsonNode v = n.get(key);
        if (v == null) {
            if (required) {
                throw new OptionConfigException("missing parameter '" + key + "'");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new OptionConfigException("'" + key + "' must be a string");
        }
        return v.asText();
    }

    private static long integer(JsonNode n, String key, boolean required) throws OptionConfigException {
        JsonNode v = n.get(key);
        if (v == null) {
            if (required) {
                throw new OptionConfigException("missing parameter '" + key + "'");
            }
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new OptionConfigException("'" + key + "' must be an integer");
        }
        return v.asLong();
    }

    private static boolean bool(JsonNode n, String key) throws OptionConfigException {
        JsonNode v = n.get(key);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new OptionConfigException("'" + key + "' must be a boolean");
        }
        return v.asBoolean();
    }
}
