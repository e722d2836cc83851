package io.tui.management;

/** A server's management could not start: a hook library or a control socket failed (the message says which). */
public final class ManagementException extends Exception {
    public ManagementException(String message, Throwable cause) {
        super(message, cause);
    }
}
