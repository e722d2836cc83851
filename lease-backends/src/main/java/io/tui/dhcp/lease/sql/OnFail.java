package io.tui.dhcp.lease.sql;

import java.util.Locale;

/**
 * Kea's {@code on-fail}: what the server does when the database connection is lost. The store itself behaves the
 * same in every mode (calls fail fast with {@link StoreUnavailableException} while the connection is down, and
 * reconnects in the background up to {@code max-reconnect-tries}); the server acts on {@link ConnectionListener}'s
 * events as the mode says.
 */
public enum OnFail {
    /** Stop serving while the connection is lost; exit when reconnecting fails (Kea's default). */
    STOP_RETRY_EXIT("stop-retry-exit"),
    /** Keep serving (what the database is not needed for); exit when reconnecting fails. */
    SERVE_RETRY_EXIT("serve-retry-exit"),
    /** Keep serving; when reconnecting fails, keep serving without the database. */
    SERVE_RETRY_CONTINUE("serve-retry-continue");

    private final String keaName;

    OnFail(String keaName) {
        this.keaName = keaName;
    }

    /** Kea's spelling. */
    public String keaName() {
        return keaName;
    }

    /** Whether the server keeps its DHCP service enabled while the connection is down. */
    public boolean serves() {
        return this != STOP_RETRY_EXIT;
    }

    /** Whether the server exits once reconnecting has failed. */
    public boolean exits() {
        return this != SERVE_RETRY_CONTINUE;
    }

    /** Parses Kea's spelling. */
    public static OnFail parse(String text) {
        for (OnFail f : values()) {
            if (f.keaName.equals(text.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unsupported value '" + text + "' for on-fail parameter (expected "
                + "stop-retry-exit, serve-retry-exit or serve-retry-continue)");
    }
}
