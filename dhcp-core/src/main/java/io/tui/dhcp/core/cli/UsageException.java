package io.tui.dhcp.core.cli;

/** The command line cannot be used; the launcher prints the reason and the usage text and exits with 1. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String reason) {
        super(reason, null, false, false);
    }
}
