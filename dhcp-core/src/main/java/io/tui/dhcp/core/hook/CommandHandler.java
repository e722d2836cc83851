package io.tui.dhcp.core.hook;

/** Handles one control-channel command. Must not throw: bad input is answered with result 1 and a clear text. */
@FunctionalInterface
public interface CommandHandler {
    CommandResponse handle(CommandRequest request);
}
