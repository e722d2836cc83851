/**
 * The server runtime both servers share: the run-time view of a configuration ({@link
 * io.tui.dhcp.core.server.Runtime4}, subnets with engine pools, shared networks, classes, host lookup), DHCPv4 subnet
 * selection ({@link io.tui.dhcp.core.server.SubnetSelector4}), the statistics bridge from the allocation engine
 * ({@link io.tui.dhcp.core.server.StatsLeaseListener}), the expiry timers ({@link
 * io.tui.dhcp.core.server.ExpiryScheduler}), PID file and lease-file locks ({@link
 * io.tui.dhcp.core.server.InstanceLock}) and Kea's {@code loggers} ({@link io.tui.dhcp.core.server.KeaLogging}).
 */
package io.tui.dhcp.core.server;
