package io.tui.dhcp.core.hook.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checked-in JSON Schemas of every command's request and response ({@code schemas/<command>.command.json},
 * {@code schemas/<command>.response.json} on the class path), and validation against them.
 */
public final class CommandSchemas {
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, JsonNode> cache = new ConcurrentHashMap<>();

    /** The schema, or null when none is checked in. {@code kind} is {@code command} or {@code response}. */
    public JsonNode schema(String command, String kind) {
        String key = command + "." + kind;
        JsonNode cached = cache.get(key);
        if (cached != null) {
            return cached.isMissingNode() ? null : cached;
        }
        JsonNode s;
        try (InputStream in = CommandSchemas.class.getResourceAsStream("/schemas/" + key + ".json")) {
            s = in == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cache.put(key, s);
        return s.isMissingNode() ? null : s;
    }

    /** Violations of {@code command}'s response schema by {@code response}; one entry when there is no schema. */
    public List<String> validateResponse(String command, JsonNode response) {
        JsonNode s = schema(command, "response");
        return s == null ? List.of("no response schema for " + command) : SchemaValidator.validate(s, response);
    }

    /** Violations of {@code command}'s request schema by the whole command map. */
    public List<String> validateCommand(String command, JsonNode request) {
        JsonNode s = schema(command, "command");
        return s == null ? List.of("no command schema for " + command) : SchemaValidator.validate(s, request);
    }
}
