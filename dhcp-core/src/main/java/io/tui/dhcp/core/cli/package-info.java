/**
 * Kea's server command line ({@code -c}, {@code -t}, {@code -T}, {@code -v}, {@code -V}, {@code -W}, {@code -d},
 * {@code -p}, {@code -P}) and the launcher logic both servers share.
 */
package io.tui.dhcp.core.cli;
