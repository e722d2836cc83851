package io.tui.dhcp.core.lease;

import java.util.Objects;

/**
 * A DHCPv4 lease: what one row of Kea's memfile {@code leases4.csv} holds.
 *
 * <p>Absent identifiers are {@link Bytes#EMPTY}, an absent hostname or user context is the empty string. The
 * user context is kept as the JSON text of an object (Kea's {@code user_context} column, unescaped); it is not
 * re-serialised, so a lease read from Kea is written back byte for byte.
 *
 * @param address        the IPv4 address, big-endian in an int ({@code 192.0.2.1} is {@code 0xc0000201})
 * @param hwAddress      the client's hardware address
 * @param clientId       the client identifier (option 61)
 * @param validLifetime  valid lifetime in seconds, 0..0xffffffff; 0 in a file row marks a deletion
 * @param expire         expiration time in seconds since the epoch (cltt + valid lifetime)
 * @param subnetId       Kea's subnet-id, 0..0xffffffff
 * @param fqdnFwd        whether a forward DNS update was done
 * @param fqdnRev        whether a reverse DNS update was done
 * @param hostname       the client's hostname
 * @param state          the lease state
 * @param userContext    JSON text of the user context object, or empty
 * @param poolId         Kea 2.4+'s pool id (0 when unknown); not written in Kea 2.2's format
 */
public record Lease4(
        int address,
        Bytes hwAddress,
        Bytes clientId,
        long validLifetime,
        long expire,
        long subnetId,
        boolean fqdnFwd,
        boolean fqdnRev,
        String hostname,
        LeaseState state,
        String userContext,
        long poolId) {

    public Lease4 {
        Objects.requireNonNull(hwAddress, "hwAddress");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(userContext, "userContext");
        LeaseChecks.uint32("validLifetime", validLifetime);
        LeaseChecks.uint32("subnetId", subnetId);
        LeaseChecks.uint32("poolId", poolId);
    }

    /** The client's last transmission time: {@code expire - validLifetime}. */
    public long cltt() {
        return expire - validLifetime;
    }

    /** The address in dotted-quad form. */
    public String addressText() {
        return AddressText.formatV4(address);
    }

    /** This lease with a new valid lifetime and expiration time. */
    public Lease4 withLifetime(long newValidLifetime, long newExpire) {
        return new Lease4(address, hwAddress, clientId, newValidLifetime, newExpire, subnetId, fqdnFwd, fqdnRev,
                hostname, state, userContext, poolId);
    }

    /** This lease in another state. */
    public Lease4 withState(LeaseState newState) {
        return new Lease4(address, hwAddress, clientId, validLifetime, expire, subnetId, fqdnFwd, fqdnRev, hostname,
                newState, userContext, poolId);
    }

    /** This lease in another subnet. */
    public Lease4 withSubnetId(long newSubnetId) {
        return new Lease4(address, hwAddress, clientId, validLifetime, expire, newSubnetId, fqdnFwd, fqdnRev,
                hostname, state, userContext, poolId);
    }
}
