package io.tui.dhcp.core.config.model;

import java.util.List;
import java.util.Map;

/**
 * One immutable configuration snapshot of a DHCPv4 or DHCPv6 server. The hot path reads it without locks;
 * reconfiguration replaces the whole snapshot.
 *
 * <p>Option precedence, as Kea applies it: reservation, pool, subnet, shared network ({@link Subnet#inheritedOptions}),
 * client classes in evaluation order ({@link ClientClass#options}), then {@link #options} (global).
 *
 * @param global the global parameters with Kea's defaults filled in
 * @param settings global-only parameters
 * @param subnets every subnet, including those of shared networks, in configuration order
 * @param subnetsById the same subnets by id
 * @param reservations global reservations
 * @param extras global comment, user-context and not-yet-implemented parameters, verbatim
 * @param notImplemented the names of known-but-not-implemented parameters present anywhere in the file
 */
public record ServerConfig(
        Family family,
        NetworkParams global,
        GlobalSettings settings,
        List<OptionData> options,
        List<OptionDef> optionDefs,
        List<ClientClass> clientClasses,
        List<SharedNetwork> sharedNetworks,
        List<Subnet> subnets,
        Map<Long, Subnet> subnetsById,
        List<Reservation> reservations,
        Services services,
        Map<String, Object> extras,
        java.util.Set<String> notImplemented) {
    public ServerConfig {
        options = List.copyOf(options);
        optionDefs = List.copyOf(optionDefs);
        clientClasses = List.copyOf(clientClasses);
        sharedNetworks = List.copyOf(sharedNetworks);
        subnets = List.copyOf(subnets);
        subnetsById = Map.copyOf(subnetsById);
        reservations = List.copyOf(reservations);
        extras = Extras.copy(extras);
        notImplemented = java.util.Set.copyOf(notImplemented);
    }

    public Subnet subnet(long id) {
        return subnetsById.get(id);
    }

    /**
     * Global-only parameters.
     *
     * @param hostReservationIdentifiers identifier types tried, in order, when looking up reservations
     */
    public record GlobalSettings(long declineProbationPeriod, int dhcp4o6Port, String serverTag,
            List<String> hostReservationIdentifiers, boolean ipReservationsUnique) {
        public GlobalSettings {
            hostReservationIdentifiers = List.copyOf(hostReservationIdentifiers);
        }
    }
}
