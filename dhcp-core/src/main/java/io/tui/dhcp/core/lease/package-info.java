/**
 * Lease models shared by the lease backends and the servers: {@link io.tui.dhcp.core.lease.Lease4} and
 * {@link io.tui.dhcp.core.lease.Lease6} hold what a row of Kea's memfile lease files holds, with Kea's numbers for
 * {@link io.tui.dhcp.core.lease.LeaseState} and {@link io.tui.dhcp.core.lease.LeaseType}. Identifiers are the
 * immutable {@link io.tui.dhcp.core.lease.Bytes} (Kea's {@code 01:02:0a} text form); IPv4 addresses are ints and
 * IPv6 addresses {@link io.tui.dhcp.core.wire.v6.Ip6Address}; the user context is kept as JSON text.
 *
 * <p>{@link io.tui.dhcp.core.lease.LeaseStore} is the narrow storage interface the lease index writes through
 * (add/update/delete, each a stage that completes once durable); {@link io.tui.dhcp.core.lease.LeaseStore#inMemory()}
 * keeps nothing ({@code persist: false}), the memfile backend adapts its files to it.
 */
package io.tui.dhcp.core.lease;
