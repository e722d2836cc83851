/**
 * The hook SPI: commands for the control channel and callouts at Kea's named points. A {@link Hook} is found with
 * {@link java.util.ServiceLoader}; a config's {@code hooks-libraries} entry selects it by the basename of its
 * {@code library} ({@code libdhcp_lease_cmds.so}). Nothing here is static or global: the server builds one
 * {@link CommandRegistry} and one {@link Callouts} per configuration and hands them to each hook's {@link Hook#load}.
 */
package io.tui.dhcp.core.hook;
