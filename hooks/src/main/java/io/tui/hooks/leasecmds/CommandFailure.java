package io.tui.hooks.leasecmds;

import io.tui.dhcp.core.hook.CommandResponse;

/**
 * A command that cannot be carried out: the handler answers {@link #result()} (1 error, 3 empty, 4 conflict) with
 * the message as its text, and changes nothing.
 */
public final class CommandFailure extends Exception {
    /** Kea's CONTROL_RESULT_CONFLICT: the request contradicts the server's state or configuration. */
    public static final int CONFLICT = 4;

    private final int result;

    public CommandFailure(int result, String text) {
        super(text, null, false, false);
        this.result = result;
    }

    /** Result 1 with {@code text}. */
    public static CommandFailure error(String text) {
        return new CommandFailure(CommandResponse.ERROR, text);
    }

    /** Result 4 (conflict) with {@code text}. */
    public static CommandFailure conflict(String text) {
        return new CommandFailure(CONFLICT, text);
    }

    public int result() {
        return result;
    }

    public CommandResponse response() {
        return new CommandResponse(result, getMessage(), null);
    }
}
