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
