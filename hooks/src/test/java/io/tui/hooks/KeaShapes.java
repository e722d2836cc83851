package io.tui.hooks;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.testing.External;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kea's documented response shapes ({@code shared/kea-reference/api/<command>.json}, {@code resp-syntax}) and the
 * check that an answer has that shape: the same JSON type for every member the example shows, objects where the
 * example has objects ({@code {}}, never {@code []}), integers where it has integers; members the example leaves
 * out only when Kea prints them optionally. A success must have every member the example has; an error or empty
 * answer may leave members out. Commands whose description has no {@code resp-syntax} get the generic shape
 * ({@code result} integer, {@code text} string, {@code arguments} an object when present).
 *
 * <p>One documented example is wrong about Kea: {@code lease6-get} returns the lease itself as {@code arguments}
 * (verified against Kea 2.2 and as its {@code lease4-get} twin documents), not a {@code leases} list; it is checked
 * against the lease shape of {@code lease6-get-all}.
 */
public final class KeaShapes {
    /** Members Kea prints only sometimes (identifiers, prefix length, context, pool id, page count, failures). */
    static final Set<String> OPTIONAL = Set.of("client-id", "hw-address", "prefix-len", "user-context", "pool-id",
            "count", "failed-deleted-leases", "failed-leases", "duid", "ip-address", "arguments", "text");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
    private static final Map<String, JsonNode> CACHE = new ConcurrentHashMap<>();

    private KeaShapes() {
    }

    /** The reference API directory, or null when it is absent (skipped locally, a failure under CI). */
    static Path api() {
        Path examples = External.findKeaExamples();
        if (examples == null) {
            if (External.underCi()) {
                fail("Kea's reference API descriptions (shared/kea-reference/api) are missing");
            }
            return null;
        }
        return examples.getParent().resolve("api");
    }

    /** The documented response of {@code command} (the first alternative), or null when it documents none. */
    static JsonNode reference(String command) {
        return CACHE.computeIfAbsent(command, c -> {
            Path api = api();
            try {
                if (api == null || !Files.exists(api.resolve(c + ".json"))) {
                    return JsonNodeFactory.instance.nullNode();
                }
                JsonNode desc = JSON.readTree(Files.readString(api.resolve(c + ".json")));
                JsonNode lines = desc.get("resp-syntax");
                if (lines == null) {
                    return JsonNodeFactory.instance.nullNode();
                }
                StringBuilder block = new StringBuilder();
                for (JsonNode line : lines) {
                    if (line.asText().trim().equals("or")) {
                        break;
                    }
                    block.append(line.asText()).append('\n');
                }
                String text = block.toString()
                        .replaceAll("<[^>]*message[^>]*>", "\"x\"")
                        .replaceAll("<[^>]*>", "0")
                        .replaceAll("(?m)^\\s*\\.\\.\\.\\s*$", "");
                return LENIENT.readTree(text);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Fails unless {@code answer} has the documented shape of {@code command}'s answers. */
    public static void check(String command, ObjectNode answer) {
        assertTrue(answer.path("result").isInt(), "result must be an integer: " + answer);
        assertTrue(!answer.has("text") || answer.get("text").isTextual(), "text must be a string: " + answer);
        assertTrue(!answer.has("arguments") || answer.get("arguments").isObject(),
                "arguments must be an object: " + answer);
        JsonNode ref = reference(command);
        if (command.equals("lease6-get") && ref.isObject()) {
            JsonNode all = reference("lease6-get-all");
            ObjectNode fixed = ref.deepCopy();
            fixed.set("arguments", all.path("arguments").path("leases").get(0));
            ref = fixed;
        }
        if (ref == null || !ref.isObject()) {
            return;
        }
        boolean success = answer.get("result").asInt() == 0;
        match(command, "", ref, answer, success);
    }

    private static void match(String command, String path, JsonNode ref, JsonNode ours, boolean success) {
        String where = command + " " + (path.isEmpty() ? "answer" : path);
        if (ref.isObject()) {
            assertTrue(ours.isObject(), where + " must be an object, not " + ours);
            for (Iterator<String> it = ours.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                JsonNode r = ref.get(k);
                if (r == null) {
                    assertTrue(OPTIONAL.contains(k), where + " has " + k
                            + " which Kea's answer does not: " + ours);
                    continue;
                }
                match(command, path + "/" + k, r, ours.get(k), success);
            }
            if (success) {
                for (Iterator<String> it = ref.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    assertTrue(ours.has(k) || OPTIONAL.contains(k), where + " lacks " + k + ": " + ours);
                }
            }
        } else if (ref.isArray()) {
            assertTrue(ours.isArray(), where + " must be a list, not " + ours);
            if (ref.isEmpty()) {
                return;
            }
            JsonNode merged = merged(ref);
            for (JsonNode e : ours) {
                match(command, path + "[]", merged, e, success);
            }
        } else if (ref.isIntegralNumber()) {
            assertTrue(ours.isIntegralNumber(), where + " must be an integer, not " + ours);
        } else if (ref.isNumber()) {
            assertTrue(ours.isNumber(), where + " must be a number, not " + ours);
        } else if (ref.isTextual()) {
            assertTrue(ours.isTextual(), where + " must be a string, not " + ours);
        } else if (ref.isBoolean()) {
            assertTrue(ours.isBoolean(), where + " must be a boolean, not " + ours);
        }
    }

    /** The elements of a documented list merged into one shape (objects: the union of their members). */
    private static JsonNode merged(JsonNode list) {
        JsonNode first = list.get(0);
        if (!first.isObject()) {
            return first;
        }
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        for (JsonNode e : list) {
            e.properties().forEach(p -> {
                if (!m.has(p.getKey())) {
                    m.set(p.getKey(), p.getValue());
                }
            });
        }
        // a member only some documented elements have is optional in ours
        return m;
    }
}
