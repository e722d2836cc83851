package io.tui.control;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.hook.CommandResponse;

/**
 * JSON as the control channel reads and writes it: strict parsing (one value, no duplicate keys, bounded nesting)
 * and Kea's response shape. Immutable and thread-safe; build one and share it.
 */
public final class KeaJson {
    /** Deepest nesting a command may have (configurations are far shallower). */
    public static final int MAX_NESTING = 200;

    private final ObjectMapper mapper;
    private final ObjectMapper pretty;

    public KeaJson() {
        JsonMapper.Builder b = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);
        mapper = b.build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING).build());
        pretty = mapper.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Parses one JSON value; throws with a one-line reason on bad input. */
    public JsonNode parse(String text) throws JsonProcessingException {
        return mapper.readTree(text);
    }

    /** One-line reason for a parse failure. */
    public static String reason(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            m = e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        var loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            m = m + " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        }
        return m;
    }

    /** {@code {"arguments": …, "result": r, "text": t}}, keys in Kea's (alphabetical) order, absent members omitted. */
    public static ObjectNode render(CommandResponse r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (r.arguments() != null) {
            o.set("arguments", r.arguments());
        }
        o.put("result", r.result());
        if (r.text() != null) {
            o.put("text", r.text());
        }
        return o;
    }

    /**
     * One line as Kea's own printer writes it: {@code { "key": value, ... }}, {@code [ a, b ]}, an empty map
     * {@code {  }} and an empty list {@code [  ]}, map members sorted by name (Kea's maps are sorted). Byte-for-byte what Kea sends, so
     * scripts that grep Kea's answers (for {@code "result": 0}) keep working.
     */
    public String writeKea(JsonNode node) {
        StringBuilder b = new StringBuilder(256);
        kea(node, b);
        return b.toString();
    }

    private void kea(JsonNode n, StringBuilder b) {
        if (n.isObject()) {
            b.append("{ ");
            boolean first = true;
            java.util.TreeSet<String> keys = new java.util.TreeSet<>();
            n.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                if (!first) {
                    b.append(", ");
                }
                first = false;
                string(k, b);
                b.append(": ");
                kea(n.get(k), b);
            }
            b.append(" }");
        } else if (n.isArray()) {
            b.append("[ ");
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                kea(n.get(i), b);
            }
            b.append(" ]");
        } else if (n.isTextual()) {
            string(n.textValue(), b);
        } else {
            b.append(write(n));
        }
    }

    private static void string(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    public String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
    }

    public String writePretty(JsonNode node) {
        try {
            return pretty.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
    }
}
