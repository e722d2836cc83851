package io.tui.dhcp.lease.sql;

/**
 * A database call failed for a reason other than availability (a constraint the caller broke, a value the schema
 * cannot hold, a schema that is not Tui's). The change was not made. {@link StoreUnavailableException} is the
 * availability case.
 */
public class SqlStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SqlStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public SqlStoreException(String message) {
        super(message);
    }
}
