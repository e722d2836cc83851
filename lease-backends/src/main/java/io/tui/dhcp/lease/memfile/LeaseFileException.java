package io.tui.dhcp.lease.memfile;

/**
 * A lease file that cannot be used: an unreadable header, more bad rows than max-row-errors allows, or a lease file
 * cleanup running in another process. I/O failures are reported as {@link java.io.IOException} instead.
 */
public final class LeaseFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public LeaseFileException(String message) {
        super(message);
    }
}
