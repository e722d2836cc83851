package io.tui.control;

import java.time.Duration;

/**
 * Per-socket bounds on clients.
 *
 * @param maxCommandSize largest command (UNIX) or request body (HTTP) accepted, in bytes
 * @param timeout        how long one client may take to send its command (and read the answer)
 * @param maxConnections connections served at once on one socket; more are refused at once
 */
public record Limits(int maxCommandSize, Duration timeout, int maxConnections) {
    /** 8 MiB, 10 s (Kea's UNIX socket timeout), 64 connections. */
    public static final Limits DEFAULT = new Limits(8 << 20, Duration.ofSeconds(10), 64);

    public Limits {
        if (maxCommandSize < 64) {
            throw new IllegalArgumentException("max-command-size must be at least 64 bytes: " + maxCommandSize);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("command-timeout must be positive: " + timeout);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max-connections must be at least 1: " + maxConnections);
        }
    }
}
