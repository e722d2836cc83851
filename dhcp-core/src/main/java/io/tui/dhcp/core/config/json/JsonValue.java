package io.tui.dhcp.core.config.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of a parsed Kea JSON document. Every node knows where it started. {@link #toPlain()} gives the
 * position-free value (maps, lists, strings, {@code Long}, {@code BigDecimal}, {@code Boolean}, {@code null})
 * that the domain keeps for parameters it stores verbatim.
 */
public sealed interface JsonValue {
    Position position();

    /** Kea's name for the kind of value, used in error messages. */
    String kind();

    Object toPlain();

    record JsonString(String value, Position position) implements JsonValue {
        public String kind() { return "string"; }
        public Object toPlain() { return value; }
    }

    /** A number; {@code integral} is true when it was written without fraction or exponent. */
    record JsonNumber(BigDecimal value, boolean integral, Position position) implements JsonValue {
        public String kind() { return integral ? "integer" : "real"; }
        public Object toPlain() { return integral ? (Object) value.longValueExact() : value; }
    }

    record JsonBool(boolean value, Position position) implements JsonValue {
        public String kind() { return "boolean"; }
        public Object toPlain() { return value; }
    }

    record JsonNull(Position position) implements JsonValue {
        public String kind() { return "null"; }
        public Object toPlain() { return null; }
    }

    record JsonArray(List<JsonValue> items, Position position) implements JsonValue {
        public JsonArray {
            items = List.copyOf(items);
        }
        public String kind() { return "list"; }
        public Object toPlain() {
            List<Object> out = new ArrayList<>(items.size());
            for (JsonValue v : items) {
                out.add(v.toPlain());
            }
            return Collections.unmodifiableList(out);
        }
    }

    /** A map; members keep their order, and each key keeps its own position. */
    record JsonObject(Map<String, Member> members, Position position) implements JsonValue {
        public JsonObject {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }
        public String kind() { return "map"; }

        public JsonValue get(String key) {
            Member m = members.get(key);
            return m == null ? null : m.value();
        }

        public boolean has(String key) {
            return members.containsKey(key);
        }

        public Object toPlain() {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Member> e : members.entrySet()) {
                out.put(e.getKey(), e.getValue().value().toPlain());
            }
            return Collections.unmodifiableMap(out);
        }
    }

    /** One key of a map: its name, where the key was written, and its value. */
    record Member(String key, Position keyPosition, JsonValue value) {}
}
