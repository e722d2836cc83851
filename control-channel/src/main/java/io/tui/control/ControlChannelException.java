package io.tui.control;

import java.io.IOException;

/** A control socket could not be opened (bad settings, unsafe directory, port in use, unreadable TLS files). */
public final class ControlChannelException extends IOException {
    public ControlChannelException(String message) {
        super(message);
    }

    public ControlChannelException(String message, Throwable cause) {
        super(message, cause);
    }
}
