/**
 * Host reservations: {@link io.tui.dhcp.core.host.Host}, the {@link io.tui.dhcp.core.host.HostSource} a store
 * implements (the configuration's reservations today through {@link io.tui.dhcp.core.host.ConfigHostSource}, a SQL
 * host database later) and {@link io.tui.dhcp.core.host.HostLookup}, Kea's lookup order by identifier type, subnet
 * and global scope.
 */
package io.tui.dhcp.core.host;
