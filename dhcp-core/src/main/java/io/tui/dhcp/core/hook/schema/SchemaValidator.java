package io.tui.dhcp.core.hook.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small JSON Schema (draft 2020-12 subset) validator for the control channel's checked-in command schemas:
 * {@code type} (one or a list; {@code integer} means an integral number), {@code enum}, {@code const},
 * {@code properties}, {@code required}, {@code additionalProperties} (boolean or schema),
 * {@code patternProperties}, {@code items}, {@code prefixItems}, {@code minItems}, {@code maxItems},
 * {@code minimum}, {@code maximum}, {@code pattern}, {@code minLength}, {@code anyOf}, {@code oneOf},
 * {@code allOf}, {@code not}. Other keywords (titles, descriptions, {@code $schema}, {@code $id}) are ignored.
 */
public final class SchemaValidator {
    private SchemaValidator() {
    }

    /** Every violation of {@code schema} by {@code value}, as "path: reason"; empty when valid. */
    public static List<String> validate(JsonNode schema, JsonNode value) {
        List<String> out = new ArrayList<>();
        check(schema, value, "$", out);
        return out;
    }

    private static void check(JsonNode s, JsonNode v, String path, List<String> out) {
        if (s == null || s.isBoolean() && s.booleanValue()) {
            return;
        }
        if (s.isBoolean()) {
            out.add(path + ": not allowed");
            return;
        }
        JsonNode type = s.get("type");
        if (type != null) {
            boolean ok = false;
            if (type.isArray()) {
                for (JsonNode t : type) {
                    ok |= is(t.asText(), v);
                }
            } else {
                ok = is(type.asText(), v);
            }
            if (!ok) {
                out.add(path + ": expected " + type + ", got " + kind(v));
                return;
            }
        }
        if (s.has("const") && !s.get("const").equals(v)) {
            out.add(path + ": expected " + s.get("const") + ", got " + v);
        }
        if (s.has("enum")) {
            boolean ok = false;
            for (JsonNode e : s.get("enum")) {
                ok |= e.equals(v) || e.isNumber() && v.isNumber() && e.decimalValue().compareTo(v.decimalValue()) == 0;
            }
            if (!ok) {
                out.add(path + ": " + v + " is not one of " + s.get("enum"));
            }
        }
        if (v.isNumber()) {
            if (s.has("minimum") && v.decimalValue().compareTo(s.get("minimum").decimalValue()) < 0) {
                out.add(path + ": " + v + " is below " + s.get("minimum"));
            }
            if (s.has("maximum") && v.decimalValue().compareTo(s.get("maximum").decimalValue()) > 0) {
                out.add(path + ": " + v + " is above " + s.get("maximum"));
            }
        }
        if (v.isTextual()) {
            if (s.has("pattern") && !Pattern.compile(s.get("pattern").asText()).matcher(v.textValue()).find()) {
                out.add(path + ": '" + v.textValue() + "' does not match " + s.get("pattern").asText());
            }
            if (s.has("minLength") && v.textValue().length() < s.get("minLength").asInt()) {
                out.add(path + ": shorter than " + s.get("minLength"));
            }
        }
        if (v.isObject()) {
            object(s, v, path, out);
        }
        if (v.isArray()) {
            array(s, v, path, out);
        }
        if (s.has("allOf")) {
            for (JsonNode sub : s.get("allOf")) {
                check(sub, v, path, out);
            }
        }
        if (s.has("anyOf")) {
            List<String> all = new ArrayList<>();
            boolean ok = false;
            for (JsonNode sub : s.get("anyOf")) {
                List<String> e = new ArrayList<>();
                check(sub, v, path, e);
                ok |= e.isEmpty();
                all.addAll(e);
            }
            if (!ok) {
                out.add(path + ": matches no anyOf alternative " + all);
            }
        }
        if (s.has("oneOf")) {
            int n = 0;
            for (JsonNode sub : s.get("oneOf")) {
                List<String> e = new ArrayList<>();
                check(sub, v, path, e);
                n += e.isEmpty() ? 1 : 0;
            }
            if (n != 1) {
                out.add(path + ": matches " + n + " oneOf alternatives, not 1");
            }
        }
        if (s.has("not")) {
            List<String> e = new ArrayList<>();
            check(s.get("not"), v, path, e);
            if (e.isEmpty()) {
                out.add(path + ": matches a 'not' schema");
            }
        }
    }

    private static void object(JsonNode s, JsonNode v, String path, List<String> out) {
        JsonNode props = s.get("properties");
        JsonNode patterns = s.get("patternProperties");
        JsonNode additional = s.get("additionalProperties");
        if (s.has("required")) {
            for (JsonNode r : s.get("required")) {
                if (!v.has(r.asText())) {
                    out.add(path + ": missing '" + r.asText() + "'");
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = path + "." + e.getKey();
            boolean matched = false;
            if (props != null && props.has(e.getKey())) {
                check(props.get(e.getKey()), e.getValue(), p, out);
                matched = true;
            }
            if (patterns != null) {
                for (Iterator<Map.Entry<String, JsonNode>> pi = patterns.properties().iterator(); pi.hasNext();) {
                    Map.Entry<String, JsonNode> pe = pi.next();
                    if (Pattern.compile(pe.getKey()).matcher(e.getKey()).find()) {
                        check(pe.getValue(), e.getValue(), p, out);
                        matched = true;
                    }
                }
            }
            if (!matched && additional != null) {
                if (additional.isBoolean() && !additional.booleanValue()) {
                    out.add(path + ": unexpected member '" + e.getKey() + "'");
                } else {
                    check(additional, e.getValue(), p, out);
                }
            }
        }
    }

    private static void array(JsonNode s, JsonNode v, String path, List<String> out) {
        if (s.has("minItems") && v.size() < s.get("minItems").asInt()) {
            out.add(path + ": fewer than " + s.get("minItems") + " items");
        }
        if (s.has("maxItems") && v.size() > s.get("maxItems").asInt()) {
            out.add(path + ": more than " + s.get("maxItems") + " items");
        }
        int start = 0;
        if (s.has("prefixItems")) {
            JsonNode pre = s.get("prefixItems");
            for (; start < pre.size() && start < v.size(); start++) {
                check(pre.get(start), v.get(start), path + "[" + start + "]", out);
            }
        }
        if (s.has("items")) {
            for (int i = start; i < v.size(); i++) {
                check(s.get("items"), v.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private static boolean is(String type, JsonNode v) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> false;
        };
    }

    private static String kind(JsonNode v) {
        if (v.isIntegralNumber()) {
            return "integer";
        }
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
