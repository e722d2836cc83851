package io.tui.dhcp.core.hook.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validator finds what is wrong, and the built-in schemas are strict where Kea's shapes are fixed. */
class SchemaValidatorTest {
    static final ObjectMapper M = new ObjectMapper();
    static final CommandSchemas S = new CommandSchemas();

    static JsonNode j(String s) throws Exception {
        return M.readTree(s);
    }

    @Test
    void keywords() throws Exception {
        JsonNode schema = j("""
                {"type": "object", "required": ["a"], "additionalProperties": false,
                 "properties": {"a": {"type": "integer", "minimum": 1}, "b": {"enum": ["x", "y"]},
                   "c": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "string", "pattern": "^t"}],
                         "minItems": 2, "maxItems": 2},
                   "d": {"anyOf": [{"type": "string"}, {"type": "boolean"}]}, "e": {"not": {}}},
                 "patternProperties": {"^x-": {"type": "string"}}}
                """);
        assertEquals(List.of(), SchemaValidator.validate(schema, j("{\"a\": 1, \"b\": \"x\", \"c\": [1, \"t\"], "
                + "\"d\": true, \"x-k\": \"v\"}")));
        assertFalse(SchemaValidator.validate(schema, j("{}")).isEmpty(), "required");
        assertFalse(SchemaValidator.validate(schema, j("{\"a\": 1.5}")).isEmpty(), "integer");
        assertFalse(SchemaValidator.validate(schema, j("{\"a\": 0}")).isEmpty(), "minimum");
        assertFalse(SchemaValidator.validate(schema, j("{\"a\": 1, \"b\": \"z\"}")).isEmpty(), "enum");
        assertFalse(SchemaValidator.validate(schema, j("{\"a\": 1, \"c\": [1, \"u\"]}")).isEmpty(), "pattern");
        assertFalse(SchemaValidator.validate(schema, j("{\"a\": 1, \"c\": [1]}")).isEmpty(), "minItems");
        assertFalse(SchemaValidator.validate(schema, j("{\"a\": 1, \"d\": 5}")).isEmpty(), "anyOf");
        assertFalse(SchemaValidator.validate(schema, j("{\"a\": 1, \"e\": 5}")).isEmpty(), "not");
        assertFalse(SchemaValidator.validate(schema, j("{\"a\": 1, \"zz\": 5}")).isEmpty(), "additional");
        assertFalse(SchemaValidator.validate(schema, j("{\"a\": 1, \"x-k\": 5}")).isEmpty(), "patternProperties");
    }

    @Test
    void builtinResponseSchemasAreStrict() throws Exception {
        assertTrue(S.validateResponse("statistic-get",
                j("{\"result\": 0, \"arguments\": {\"pkt4-received\": [[5, \"2026-11-22 10:00:00.123456\"]]}}"))
                .isEmpty());
        assertFalse(S.validateResponse("statistic-get",
                j("{\"result\": 0, \"arguments\": {\"pkt4-received\": [[5, \"2026-11-22T10:00:00\"]]}}")).isEmpty(),
                "Kea's timestamp format");
        assertFalse(S.validateResponse("statistic-get",
                j("{\"result\": 0, \"arguments\": {\"pkt4-received\": [5]}}")).isEmpty(), "samples are pairs");
        assertFalse(S.validateResponse("config-hash-get", j("{\"result\": 0, \"arguments\": {\"hash\": \"abc\"}}"))
                .isEmpty());
        assertFalse(S.validateResponse("status-get", j("{\"result\": 0, \"arguments\": {\"pid\": \"1\", "
                + "\"uptime\": 1, \"reload\": 1, \"sockets\": {\"status\": \"ready\"}}}")).isEmpty(), "pid integer");
        assertFalse(S.validateResponse("shutdown", j("{\"result\": 0, \"arguments\": {}}")).isEmpty(),
                "no arguments");
        assertFalse(S.validateResponse("version-get", j("{\"result\": 7, \"text\": \"x\"}")).isEmpty(), "codes");
        assertFalse(S.validateResponse("list-commands", j("{\"result\": 0, \"arguments\": {}}")).isEmpty());
        assertTrue(S.validateCommand("leases-reclaim", j("{\"command\": \"leases-reclaim\", \"arguments\": "
                + "{\"remove\": true}}")).isEmpty());
        assertFalse(S.validateCommand("leases-reclaim", j("{\"command\": \"leases-reclaim\"}")).isEmpty());
        assertFalse(S.validateCommand("statistic-get", j("{\"command\": \"statistic-get\", \"arguments\": "
                + "{\"name\": 5}}")).isEmpty());
        // generated from Kea's reference: members and types one level deep
        assertTrue(S.validateResponse("lease4-get", j("{\"result\": 0, \"text\": \"IPv4 lease found.\", "
                + "\"arguments\": {\"ip-address\": \"192.0.2.1\", \"valid-lft\": 3600}}")).isEmpty());
        assertFalse(S.validateResponse("lease4-get", j("{\"result\": 0, \"arguments\": {\"valid-lft\": \"3600\"}}"))
                .isEmpty(), "integers are integers");
    }
}
