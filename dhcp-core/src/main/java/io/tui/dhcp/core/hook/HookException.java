package io.tui.dhcp.core.hook;

/** A hook could not load, for example because its parameters are wrong. */
public final class HookException extends Exception {
    public HookException(String message) {
        super(message);
    }

    public HookException(String message, Throwable cause) {
        super(message, cause);
    }
}
