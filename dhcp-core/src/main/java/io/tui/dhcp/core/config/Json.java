package io.tui.dhcp.core.config;

import io.tui.dhcp.core.config.json.JsonValue;
import io.tui.dhcp.core.config.json.JsonValue.JsonArray;
import io.tui.dhcp.core.config.json.JsonValue.JsonBool;
import io.tui.dhcp.core.config.json.JsonValue.JsonNumber;
import io.tui.dhcp.core.config.json.JsonValue.JsonObject;
import io.tui.dhcp.core.config.json.JsonValue.JsonString;
import io.tui.dhcp.core.config.json.Position;
import io.tui.dhcp.core.config.schema.Param;
import io.tui.dhcp.core.config.schema.ParamType;
import io.tui.dhcp.core.config.schema.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed access to a map that the schema validator has already checked (so shapes are known to be right). */
final class Json {
    private Json() {}

    static String str(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.value() : null;
    }

    static Long lng(JsonObject o, String key) {
        return o.get(key) instanceof JsonNumber n ? n.value().longValue() : null;
    }

    static Double dbl(JsonObject o, String key) {
        return o.get(key) instanceof JsonNumber n ? n.value().doubleValue() : null;
    }

    static Boolean bool(JsonObject o, String key) {
        return o.get(key) instanceof JsonBool b ? b.value() : null;
    }

    static boolean bool(JsonObject o, String key, boolean dflt) {
        Boolean b = bool(o, key);
        return b == null ? dflt : b;
    }

    static long lng(JsonObject o, String key, long dflt) {
        Long l = lng(o, key);
        return l == null ? dflt : l;
    }

    static String str(JsonObject o, String key, String dflt) {
        String s = str(o, key);
        return s == null ? dflt : s;
    }

    static JsonObject obj(JsonObject o, String key) {
        return o.get(key) instanceof JsonObject m ? m : null;
    }

    static List<JsonObject> objs(JsonObject o, String key) {
        List<JsonObject> out = new ArrayList<>();
        if (o.get(key) instanceof JsonArray a) {
            for (JsonValue v : a.items()) {
                if (v instanceof JsonObject m) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    static List<String> strings(JsonObject o, String key) {
        if (!(o.get(key) instanceof JsonArray a)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonValue v : a.items()) {
            if (v instanceof JsonString s) {
                out.add(s.value());
            }
        }
        return out;
    }

    /** Where the value of {@code key} starts, or the map's own position when the key is absent. */
    static Position pos(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v == null ? o.position() : v.position();
    }

    /** Where item {@code index} of the list under {@code key} starts, or the list's position. */
    static Position itemPos(JsonObject o, String key, int index) {
        if (o.get(key) instanceof JsonArray a && index < a.items().size()) {
            return a.items().get(index).position();
        }
        return pos(o, key);
    }

    /** Where the key {@code key} itself is written, or the map's position. */
    static Position keyPos(JsonObject o, String key) {
        JsonValue.Member m = o.members().get(key);
        return m == null ? o.position() : m.keyPosition();
    }

    /** The scope of the maps found under {@code key} in {@code scope} (a map or a list of maps). */
    static Scope child(Scope scope, String key) {
        Param p = scope.param(key);
        if (p == null) {
            throw new IllegalStateException("schema has no " + key + " in " + scope);
        }
        ParamType t = p.type();
        if (t instanceof ParamType.ListOf l) {
            t = l.item();
        }
        if (t instanceof ParamType.MapOf m) {
            return m.scope();
        }
        throw new IllegalStateException(key + " in " + scope + " is not a map");
    }

    /**
     * The members of {@code o} that the domain keeps verbatim: kept, read-verbatim and not-yet-implemented
     * parameters.
     */
    static Map<String, Object> extras(JsonObject o, Scope scope) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonValue.Member m : o.members().values()) {
            Param p = scope.param(m.key());
            if (p != null && p.status().inExtras()) {
                out.put(m.key(), m.value().toPlain());
            }
        }
        return out;
    }

    /**
     * The members of {@code o} the domain maps (not those it keeps in extras) other than {@code except}, verbatim
     * (backend-specific parameters).
     */
    static Map<String, Object> others(JsonObject o, Scope scope, String... except) {
        Map<String, Object> out = new LinkedHashMap<>();
        outer:
        for (JsonValue.Member m : o.members().values()) {
            for (String e : except) {
                if (e.equals(m.key())) {
                    continue outer;
                }
            }
            Param p = scope.param(m.key());
            if (p != null && !p.status().inExtras()) {
                out.put(m.key(), m.value().toPlain());
            }
        }
        return out;
    }
}
