package io.tui.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.hook.CommandRequest;
import io.tui.dhcp.core.hook.CommandResponse;

/** Argument checks with Kea's texts. A failed check throws {@link Bad}, whose message is the result-1 text. */
final class Args {
    private Args() {
    }

    /** A refused argument; {@link #response()} is the result-1 answer. */
    static final class Bad extends Exception {
        Bad(String text) {
            super(text, null, false, false);
        }

        CommandResponse response() {
            return CommandResponse.error(getMessage());
        }
    }

    /** The arguments map; null when absent and not required. */
    static ObjectNode map(CommandRequest r, boolean required) throws Bad {
        JsonNode a = r.arguments();
        if (a == null) {
            if (required) {
                throw new Bad("Missing mandatory 'arguments' parameter.");
            }
            return null;
        }
        if (!a.isObject()) {
            throw new Bad("arguments for the '" + r.command() + "' command must be a map");
        }
        return (ObjectNode) a;
    }

    static String string(ObjectNode a, String key, boolean required) throws Bad {
        JsonNode v = a == null ? null : a.get(key);
        if (v == null) {
            if (required) {
                throw new Bad("Missing mandatory '" + key + "' parameter.");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new Bad("'" + key + "' parameter expected to be a string.");
        }
        return v.textValue();
    }

    static Long integer(ObjectNode a, String key, boolean required) throws Bad {
        JsonNode v = a == null ? null : a.get(key);
        if (v == null) {
            if (required) {
                throw new Bad("Missing mandatory '" + key + "' parameter.");
            }
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new Bad("'" + key + "' parameter expected to be an integer.");
        }
        return v.longValue();
    }

    static Boolean bool(ObjectNode a, String key, boolean required) throws Bad {
        JsonNode v = a == null ? null : a.get(key);
        if (v == null) {
            if (required) {
                throw new Bad("Missing mandatory '" + key + "' parameter.");
            }
            return null;
        }
        if (!v.isBoolean()) {
            throw new Bad("'" + key + "' parameter expected to be a boolean.");
        }
        return v.booleanValue();
    }
}
