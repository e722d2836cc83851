package io.tui.dhcp.core.hook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A command's answer, rendered as Kea does: {@code {"result": r, "text": t, "arguments": a}} (text and arguments
 * omitted when null).
 *
 * @param result 0 success, 1 error, 2 unsupported, 3 empty (Kea's codes)
 */
public record CommandResponse(int result, String text, JsonNode arguments) {
    public static final int SUCCESS = 0;
    public static final int ERROR = 1;
    public static final int UNSUPPORTED = 2;
    public static final int EMPTY = 3;

    public static CommandResponse ok(String text) {
        return new CommandResponse(SUCCESS, text, null);
    }

    public static CommandResponse ok(String text, JsonNode arguments) {
        return new CommandResponse(SUCCESS, text, arguments);
    }

    public static CommandResponse error(String text) {
        return new CommandResponse(ERROR, text, null);
    }

    public static CommandResponse empty(String text, JsonNode arguments) {
        return new CommandResponse(EMPTY, text, arguments);
    }

    public static CommandResponse unsupported(String command) {
        return new CommandResponse(UNSUPPORTED, "'" + command + "' command not supported.", null);
    }
}
