package io.tui.dhcp.core.config;

/** Receives the non-fatal remarks of a configuration load (one per not-yet-implemented parameter name, ...). */
@FunctionalInterface
public interface WarningSink {
    void warn(String message);

    /** A sink that forwards to a {@link System.Logger} at WARNING level. */
    static WarningSink of(System.Logger logger) {
        return message -> logger.log(System.Logger.Level.WARNING, message);
    }
}
