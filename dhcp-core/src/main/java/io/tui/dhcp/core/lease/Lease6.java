package io.tui.dhcp.core.lease;

import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.util.Objects;

/**
 * A DHCPv6 lease (address or delegated prefix): what one row of Kea's memfile {@code leases6.csv} holds.
 *
 * <p>Absent identifiers are {@link Bytes#EMPTY}, an absent hostname or user context is the empty string; the user
 * context is the JSON text of an object, as in {@link Lease4}. {@code hwType} and {@code hwAddressSource} belong to
 * the hardware address: without one they are normalised to 0, as Kea writes them empty then.
 *
 * @param address           the address or prefix
 * @param duid              the client's DUID
 * @param validLifetime     valid lifetime in seconds, 0..0xffffffff; 0 in a file row marks a deletion
 * @param expire            expiration time in seconds since the epoch (cltt + valid lifetime)
 * @param subnetId          Kea's subnet-id, 0..0xffffffff
 * @param preferredLifetime preferred lifetime in seconds, 0..0xffffffff
 * @param type              NA, TA or PD
 * @param iaid              the IAID, 0..0xffffffff
 * @param prefixLength      0..128; 128 for addresses
 * @param fqdnFwd           whether a forward DNS update was done
 * @param fqdnRev           whether a reverse DNS update was done
 * @param hostname          the client's hostname
 * @param hwAddress         the client's hardware address, if known
 * @param state             the lease state
 * @param userContext       JSON text of the user context object, or empty
 * @param hwType            the hardware type (1 for Ethernet), 0..0xffff
 * @param hwAddressSource   Kea's bit telling where the hardware address came from, 0..0xffffffff
 * @param poolId            Kea 2.4+'s pool id (0 when unknown); not written in Kea 2.2's format
 */
public record Lease6(
        Ip6Address address,
        Bytes duid,
        long validLifetime,
        long expire,
        long subnetId,
        long preferredLifetime,
        LeaseType type,
        long iaid,
        int prefixLength,
        boolean fqdnFwd,
        boolean fqdnRev,
        String hostname,
        Bytes hwAddress,
        LeaseState state,
        String userContext,
        int hwType,
        long hwAddressSource,
        long poolId) {

    public Lease6 {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(duid, "duid");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(hwAddress, "hwAddress");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(userContext, "userContext");
        LeaseChecks.uint32("validLifetime", validLifetime);
        LeaseChecks.uint32("subnetId", subnetId);
        LeaseChecks.uint32("preferredLifetime", preferredLifetime);
        LeaseChecks.uint32("iaid", iaid);
        LeaseChecks.uint32("hwAddressSource", hwAddressSource);
        LeaseChecks.uint32("poolId", poolId);
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("prefixLength out of range: " + prefixLength);
        }
        if (hwType < 0 || hwType > 0xffff) {
            throw new IllegalArgumentException("hwType out of range: " + hwType);
        }
        if (hwAddress.isEmpty()) {
            hwType = 0;
            hwAddressSource = 0;
        }
    }

    /** The client's last transmission time: {@code expire - validLifetime}. */
    public long cltt() {
        return expire - validLifetime;
    }

    /** The address in RFC 5952 form. */
    public String addressText() {
        return address.toString();
    }

    /** This lease with new lifetimes and expiration time. */
    public Lease6 withLifetimes(long newValidLifetime, long newPreferredLifetime, long newExpire) {
        return new Lease6(address, duid, newValidLifetime, newExpire, subnetId, newPreferredLifetime, type, iaid,
                prefixLength, fqdnFwd, fqdnRev, hostname, hwAddress, state, userContext, hwType, hwAddressSource,
                poolId);
    }

    /** This lease in another state. */
    public Lease6 withState(LeaseState newState) {
        return new Lease6(address, duid, validLifetime, expire, subnetId, preferredLifetime, type, iaid, prefixLength,
                fqdnFwd, fqdnRev, hostname, hwAddress, newState, userContext, hwType, hwAddressSource, poolId);
    }

    /** This lease in another subnet. */
    public Lease6 withSubnetId(long newSubnetId) {
        return new Lease6(address, duid, validLifetime, expire, newSubnetId, preferredLifetime, type, iaid,
                prefixLength, fqdnFwd, fqdnRev, hostname, hwAddress, state, userContext, hwType, hwAddressSource,
                poolId);
    }
}
