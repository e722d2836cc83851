package io.tui.dhcp.core.config.model;

import java.util.List;

/**
 * The parameters Kea inherits from the global scope through a shared network to a subnet. In a scope's
 * {@code declared} view, null means "not given here"; in an {@code effective} view every parameter with a Kea
 * default is filled, and null means Kea has no default (renew-timer, rebind-timer, interface, ...).
 *
 * @param valid valid-lifetime with its min-/max- bounds
 * @param preferred preferred-lifetime with bounds (DHCPv6 only)
 * @param nextServer siaddr (DHCPv4 only)
 * @param relayAddresses relay addresses selecting this network (subnet and shared network only)
 */
public record NetworkParams(
        Triplet valid,
        Triplet preferred,
        Long renewTimer,
        Long rebindTimer,
        Boolean calculateTeeTimes,
        Double t1Percent,
        Double t2Percent,
        Boolean matchClientId,
        Boolean authoritative,
        IpAddress nextServer,
        String serverHostname,
        String bootFileName,
        Boolean reservationsGlobal,
        Boolean reservationsInSubnet,
        Boolean reservationsOutOfPool,
        String iface,
        String interfaceId,
        Boolean rapidCommit,
        List<IpAddress> relayAddresses) {

    public NetworkParams {
        relayAddresses = relayAddresses == null ? null : List.copyOf(relayAddresses);
    }

    /** Nothing declared. */
    public static NetworkParams empty() {
        return new NetworkParams(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    /** This scope's values, with every parameter not given here taken from {@code parent}. */
    public NetworkParams inherit(NetworkParams parent) {
        return new NetworkParams(
                or(valid, parent.valid), or(preferred, parent.preferred),
                or(renewTimer, parent.renewTimer), or(rebindTimer, parent.rebindTimer),
                or(calculateTeeTimes, parent.calculateTeeTimes), or(t1Percent, parent.t1Percent),
                or(t2Percent, parent.t2Percent), or(matchClientId, parent.matchClientId),
                or(authoritative, parent.authoritative), or(nextServer, parent.nextServer),
                or(serverHostname, parent.serverHostname), or(bootFileName, parent.bootFileName),
                or(reservationsGlobal, parent.reservationsGlobal), or(reservationsInSubnet, parent.reservationsInSubnet),
                or(reservationsOutOfPool, parent.reservationsOutOfPool), or(iface, parent.iface),
                or(interfaceId, parent.interfaceId), or(rapidCommit, parent.rapidCommit),
                or(relayAddresses, parent.relayAddresses));
    }

    private static <T> T or(T mine, T parent) {
        return mine != null ? mine : parent;
    }
}
