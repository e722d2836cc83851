package io.tui.dhcp.lease.sql;

/**
 * The database cannot be used now: the connection is down (a reconnect may be under way), every connection is busy
 * past the wait budget, or the number of calls in flight is at its bound. The packet that caused the call should be
 * dropped and counted; nothing was changed, or the change's outcome is unknown and was not acknowledged.
 */
public final class StoreUnavailableException extends SqlStoreException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
