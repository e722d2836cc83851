package io.tui.control;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tui.dhcp.core.hook.schema.CommandSchemas;
import org.junit.jupiter.api.Test;

/** Every built-in command has a checked-in request and response schema. */
class BuiltinSchemasTest {

    @Test
    void everyBuiltinHasBothSchemas() {
        CommandSchemas schemas = new CommandSchemas();
        for (String c : BuiltinCommands.NAMES) {
            assertNotNull(schemas.schema(c, "command"), c);
            assertNotNull(schemas.schema(c, "response"), c);
        }
        assertNotNull(schemas.schema("lease4-get", "response"), "generated from the reference");
    }
}
