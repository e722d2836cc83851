/**
 * The domain snapshot the hot path reads without locks: immutable records with inheritance and Kea's defaults
 * already resolved ({@link io.tui.dhcp.core.config.model.ServerConfig} at the top).
 */
package io.tui.dhcp.core.config.model;
