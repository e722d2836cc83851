package io.tui.dhcp.core.hook.schema;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Generates {@code schemas/<command>.command.json} and {@code .response.json} from Kea's API reference
 * ({@code kea-reference/api/*.json}): the examples in {@code cmd-syntax}/{@code resp-syntax} give the members and
 * their JSON types one level deep (examples are not exhaustive, so other members are allowed). The built-in
 * commands get exact hand-written schemas ({@link #builtins}) that replace the generated ones.
 */
public final class SchemaGenerator {
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();
    static final ObjectMapper OUT = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

    private SchemaGenerator() {
    }

    /** Every schema file's name and text, from the reference directory. */
    public static Map<String, String> generate(Path apiDir) throws IOException {
        Map<String, ObjectNode[]> byCommand = new TreeMap<>();
        try (Stream<Path> s = Files.list(apiDir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode ref = new ObjectMapper().readTree(p.toFile());
                String name = ref.path("name").asText(p.getFileName().toString().replace(".json", ""));
                byCommand.put(name, new ObjectNode[] {commandFromReference(name, ref), responseFromReference(name, ref)});
            }
        }
        for (var e : builtins().entrySet()) {
            byCommand.put(e.getKey(), e.getValue());
        }
        Map<String, String> files = new TreeMap<>();
        ArrayNode index = F.arrayNode();
        for (var e : byCommand.entrySet()) {
            files.put(e.getKey() + ".command.json", OUT.writeValueAsString(sorted(e.getValue()[0])) + "\n");
            files.put(e.getKey() + ".response.json", OUT.writeValueAsString(sorted(e.getValue()[1])) + "\n");
            index.add(e.getKey());
        }
        files.put("index.json", OUT.writeValueAsString(index) + "\n");
        return files;
    }

    public static void main(String[] args) throws IOException {
        Path api = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        for (var e : generate(api).entrySet()) {
            Files.writeString(out.resolve(e.getKey()), e.getValue());
        }
    }

    // ---- from the reference ------------------------------------------------------------------------------------

    static List<JsonNode> examples(JsonNode lines) {
        List<JsonNode> out = new ArrayList<>();
        if (lines == null || !lines.isArray()) {
            return out;
        }
        List<StringBuilder> parts = new ArrayList<>();
        parts.add(new StringBuilder());
        for (JsonNode l : lines) {
            String line = l.asText();
            if (line.strip().equalsIgnoreCase("or")) {
                parts.add(new StringBuilder());
            } else {
                parts.getLast().append(line).append('\n');
            }
        }
        for (StringBuilder sb : parts) {
            String t = sb.toString()
                    .replaceAll("<[^<>\"]*>", "null")
                    .replace("\u2026", "")
                    .replaceAll("(?m)^\\s*\\.\\.\\.\\s*,?\\s*$", "")
                    .replace("...", "");
            try {
                JsonNode n = LENIENT.readTree(t);
                if (n != null && n.isObject()) {
                    out.add(n);
                }
            } catch (IOException e) {
                // an example that is not JSON even leniently: no shape from it
            }
        }
        return out;
    }

    static ObjectNode loose(JsonNode example, int depth) {
        ObjectNode s = F.objectNode();
        if (example == null || example.isNull()) {
            return s;
        }
        if (example.isObject()) {
            s.put("type", "object");
            if (depth < 1 && !example.isEmpty()) {
                ObjectNode props = s.putObject("properties");
                example.properties().forEach(e -> {
                    if (!e.getKey().contains("<") && !e.getKey().contains("'")) {
                        props.set(e.getKey(), loose(e.getValue(), depth + 1));
                    }
                });
            }
        } else if (example.isArray()) {
            s.put("type", "array");
        } else if (example.isTextual()) {
            s.put("type", "string");
        } else if (example.isIntegralNumber()) {
            s.put("type", "integer");
        } else if (example.isNumber()) {
            s.put("type", "number");
        } else if (example.isBoolean()) {
            s.put("type", "boolean");
        }
        return s;
    }

    static ObjectNode commandFromReference(String name, JsonNode ref) {
        List<JsonNode> ex = examples(ref.get("cmd-syntax"));
        JsonNode args = ex.isEmpty() ? null : ex.getFirst().get("arguments");
        return command(name, args == null ? F.objectNode() : loose(args, 0), false, ref);
    }

    static ObjectNode responseFromReference(String name, JsonNode ref) {
        List<JsonNode> ex = examples(ref.get("resp-syntax"));
        List<ObjectNode> shapes = new ArrayList<>();
        for (JsonNode e : ex) {
            JsonNode a = e.get("arguments");
            if (a != null && !a.isNull()) {
                ObjectNode shape = loose(a, 0);
                if (!shapes.contains(shape)) {
                    shapes.add(shape);
                }
            }
        }
        ObjectNode args;
        if (shapes.isEmpty()) {
            args = F.objectNode();
        } else if (shapes.size() == 1) {
            args = shapes.getFirst();
        } else {
            args = F.objectNode();
            ArrayNode any = args.putArray("anyOf");
            shapes.forEach(any::add);
        }
        return response(name, args, ref);
    }

    // ---- shared shapes -----------------------------------------------------------------------------------------

    static ObjectNode command(String name, ObjectNode arguments, boolean argumentsRequired, JsonNode ref) {
        ObjectNode s = F.objectNode();
        s.put("$schema", DRAFT);
        s.put("$id", "https://tui.io/schemas/" + name + ".command.json");
        s.put("title", name + " command");
        if (ref != null && ref.has("brief")) {
            s.put("description", String.join(" ", texts(ref.get("brief"))));
        }
        s.put("type", "object");
        ObjectNode p = s.putObject("properties");
        p.putObject("command").put("const", name);
        p.set("arguments", arguments);
        ObjectNode svc = p.putObject("service");
        svc.put("type", "array");
        svc.putObject("items").put("type", "string");
        ArrayNode req = s.putArray("required").add("command");
        if (argumentsRequired) {
            req.add("arguments");
        }
        s.put("additionalProperties", false);
        return s;
    }

    static ObjectNode response(String name, ObjectNode arguments, JsonNode ref) {
        ObjectNode s = F.objectNode();
        s.put("$schema", DRAFT);
        s.put("$id", "https://tui.io/schemas/" + name + ".response.json");
        s.put("title", name + " response");
        s.put("type", "object");
        ObjectNode p = s.putObject("properties");
        ObjectNode result = p.putObject("result");
        result.put("type", "integer");
        ArrayNode codes = result.putArray("enum").add(0).add(1).add(2).add(3);
        if (conflictResult(ref)) {
            codes.add(4);
        }
        p.putObject("text").put("type", "string");
        p.set("arguments", arguments);
        s.putArray("required").add("result");
        s.put("additionalProperties", false);
        return s;
    }

    /**
     * Whether the reference says the command answers 4 (CONTROL_RESULT_CONFLICT: a lease in conflict with the
     * server's state or configuration), as lease4-add, lease4-update, lease6-add, lease6-update and
     * lease6-bulk-apply do.
     */
    static boolean conflictResult(JsonNode ref) {
        if (ref == null || !ref.has("resp-comment")) {
            return false;
        }
        String comment = String.join(" ", texts(ref.get("resp-comment")));
        return comment.contains("result is equal to 4") || comment.contains("result of 4");
    }

    private static List<String> texts(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(x -> out.add(x.asText()));
        } else {
            out.add(n.asText());
        }
        return out;
    }

    // ---- the built-ins, exactly ------------------------------------------------------------------------------------

    static ObjectNode obj(Object... kv) {
        ObjectNode o = F.objectNode();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            o.set((String) kv[i], v instanceof JsonNode j ? j : F.pojoNode(v));
        }
        return o;
    }

    static ObjectNode type(String t) {
        return F.objectNode().put("type", t);
    }

    static ArrayNode list(String... s) {
        ArrayNode a = F.arrayNode();
        for (String x : s) {
            a.add(x);
        }
        return a;
    }

    /** A map with exactly {@code props}, of which {@code required} must appear. */
    static ObjectNode exact(ObjectNode props, String... required) {
        ObjectNode s = type("object");
        s.set("properties", props);
        if (required.length > 0) {
            s.set("required", list(required));
        }
        s.put("additionalProperties", false);
        return s;
    }

    static final ObjectNode NONE = F.objectNode(); // arguments ignored: anything

    static ObjectNode noArguments() {
        ObjectNode s = F.objectNode();
        s.set("not", F.objectNode());
        return s;
    }

    static ObjectNode samples() {
        ObjectNode stamp = type("string").put("pattern", "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}$");
        ObjectNode pair = type("array");
        ArrayNode prefix = pair.putArray("prefixItems");
        prefix.add(F.objectNode().set("type", list("integer", "number", "string")));
        prefix.add(stamp);
        pair.put("minItems", 2).put("maxItems", 2);
        ObjectNode s = type("array");
        s.set("items", pair);
        return s;
    }

    static ObjectNode statMap() {
        ObjectNode s = type("object");
        s.putObject("patternProperties").set("^.+$", samples());
        s.put("additionalProperties", false);
        return s;
    }

    static Map<String, ObjectNode[]> builtins() {
        Map<String, ObjectNode[]> m = new TreeMap<>();
        ObjectNode hash = type("string").put("pattern", "^[0-9A-F]{64}$");
        ObjectNode configDoc = type("object");
        configDoc.putObject("properties").set("Dhcp4", type("object"));
        ((ObjectNode) configDoc.get("properties")).set("Dhcp6", type("object"));
        ObjectNode oneRoot = F.objectNode();
        oneRoot.putArray("anyOf").add(obj("required", list("Dhcp4"))).add(obj("required", list("Dhcp6")));
        configDoc.set("allOf", F.arrayNode().add(oneRoot));
        ObjectNode origin = type("string");
        origin.set("enum", list("user", "ha-partner"));
        ObjectNode originId = type("integer");

        put(m, "build-report", NONE, false, noArguments());
        ObjectNode configGetArgs = exact(obj("Dhcp4", type("object"), "Dhcp6", type("object"), "hash", hash), "hash");
        configGetArgs.set("allOf", F.arrayNode().add(oneRoot));
        put(m, "config-get", NONE, false, configGetArgs);
        put(m, "config-hash-get", NONE, false, exact(obj("hash", hash), "hash"));
        for (String c : List.of("config-set", "set-config")) {
            put(m, c, configDoc, true, exact(obj("hash", hash), "hash"));
        }
        put(m, "config-test", configDoc, true, noArguments());
        put(m, "config-reload", NONE, false, noArguments());
        put(m, "config-write", exact(obj("filename", type("string"))), false,
                exact(obj("filename", type("string"), "size", type("integer").put("minimum", 0)), "filename", "size"));
        put(m, "dhcp-disable", exact(obj("max-period", type("integer").put("minimum", 1), "origin", origin,
                "origin-id", originId)), false, noArguments());
        put(m, "dhcp-enable", exact(obj("origin", origin, "origin-id", originId)), false, noArguments());
        put(m, "leases-reclaim", exact(obj("remove", type("boolean")), "remove"), true, noArguments());
        put(m, "libreload", NONE, false, noArguments());
        ObjectNode names = type("array");
        names.set("items", type("string"));
        names.put("minItems", 1);
        put(m, "list-commands", NONE, false, names);
        put(m, "server-tag-get", NONE, false, exact(obj("server-tag", type("string")), "server-tag"));
        put(m, "shutdown", exact(obj("exit-value", type("integer"))), false, noArguments());
        ObjectNode sockets = type("object");
        ObjectNode status = type("string");
        status.set("enum", list("ready", "retrying", "failed"));
        ObjectNode errors = type("array");
        errors.set("items", type("string"));
        sockets.set("properties", obj("status", status, "errors", errors));
        sockets.set("required", list("status"));
        ObjectNode statusArgs = type("object");
        statusArgs.set("properties", obj("pid", type("integer").put("minimum", 1),
                "uptime", type("integer").put("minimum", 0), "reload", type("integer").put("minimum", 0),
                "multi-threading-enabled", type("boolean"), "thread-pool-size", type("integer"),
                "packet-queue-size", type("integer"), "packet-queue-statistics", type("array"),
                "sockets", sockets, "dhcp-state", type("object"), "extended-info-tables", type("boolean"),
                "high-availability", type("array")));
        statusArgs.set("required", list("pid", "uptime", "reload", "sockets"));
        put(m, "status-get", NONE, false, statusArgs);
        put(m, "version-get", NONE, false, exact(obj("extended", type("string")), "extended"));
        ObjectNode name = type("string");
        for (String c : List.of("statistic-get")) {
            put(m, c, exact(obj("name", name), "name"), true, statMap());
        }
        put(m, "statistic-get-all", NONE, false, statMap());
        put(m, "statistic-global-get-all", NONE, false, statMap());
        for (String c : List.of("statistic-reset", "statistic-remove")) {
            put(m, c, exact(obj("name", name), "name"), true, noArguments());
        }
        put(m, "statistic-reset-all", NONE, false, noArguments());
        put(m, "statistic-remove-all", NONE, false, noArguments());
        ObjectNode duration = type("integer").put("minimum", 0);
        ObjectNode max = type("integer").put("minimum", 1);
        put(m, "statistic-sample-age-set", exact(obj("name", name, "duration", duration), "name", "duration"), true,
                noArguments());
        put(m, "statistic-sample-age-set-all", exact(obj("duration", duration), "duration"), true, noArguments());
        put(m, "statistic-sample-count-set", exact(obj("name", name, "max-samples", max), "name", "max-samples"),
                true, noArguments());
        put(m, "statistic-sample-count-set-all", exact(obj("max-samples", max), "max-samples"), true,
                noArguments());
        return m;
    }

    private static void put(Map<String, ObjectNode[]> m, String name, ObjectNode args, boolean required,
            ObjectNode responseArgs) {
        m.put(name, new ObjectNode[] {command(name, args.deepCopy(), required, null),
            response(name, responseArgs.deepCopy(), null)});
    }

    private static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = F.objectNode();
            new TreeMap<String, JsonNode>() {
                {
                    n.properties().forEach(e -> put(e.getKey(), sorted(e.getValue())));
                }
            }.forEach(o::set);
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = F.arrayNode();
            n.forEach(x -> a.add(sorted(x)));
            return a;
        }
        return n;
    }
}
