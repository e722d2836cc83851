/**
 * Kea's JSON configuration for Tui: {@link io.tui.dhcp.core.config.ConfigLoader} reads a file or text (through the
 * {@code json} reader), checks it against the {@code schema}, and builds one immutable {@code model} snapshot;
 * {@link io.tui.dhcp.core.config.ConfigRenderer} renders a snapshot back to Kea JSON (config-get), and
 * {@link io.tui.dhcp.core.config.ConfigHolder} swaps snapshots atomically on reconfiguration.
 */
package io.tui.dhcp.core.config;
