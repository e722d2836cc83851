package io.tui.dhcp.lease.sql;

/**
 * Events of one database connection pool, for the server to act on as {@link OnFail} says: with
 * {@code stop-retry-exit} disable the DHCP service on {@link #lost} and enable it on {@link #recovered}; with
 * {@code *-exit} shut down on {@link #failed}. Called from the store's reconnect thread or a worker thread; must
 * not block.
 */
public interface ConnectionListener {
    /** Does nothing. */
    ConnectionListener NONE = new ConnectionListener() {
    };

    /** The connection was lost; reconnecting starts (unless {@code max-reconnect-tries} is 0). */
    default void lost(SqlSettings settings, String reason) {
    }

    /** A reconnect succeeded; the store serves again. */
    default void recovered(SqlSettings settings) {
    }

    /** Every reconnect attempt failed (or none was allowed); the store stays down. */
    default void failed(SqlSettings settings, String reason) {
    }
}
