package io.tui.dhcp.core.config.model;

import io.tui.dhcp.core.option.OptionConfigException;
import io.tui.dhcp.core.option.OptionDefinition;
import io.tui.dhcp.core.option.OptionRegistry;
import io.tui.dhcp.core.option.Universe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        Set<String> notImplemented) {
    public ServerConfig {
        options = List.copyOf(options);
        optionDefs = List.copyOf(optionDefs);
        clientClasses = List.copyOf(clientClasses);
        sharedNetworks = List.copyOf(sharedNetworks);
        subnets = List.copyOf(subnets);
        subnetsById = Map.copyOf(subnetsById);
        reservations = List.copyOf(reservations);
        extras = Extras.copy(extras);
        notImplemented = Set.copyOf(notImplemented);
    }

    public Subnet subnet(long id) {
        return subnetsById.get(id);
    }

    /**
     * The subnet Kea selects for {@code address} alone (its {@code selectSubnet(address)} with no client classes):
     * of the subnets whose prefix holds the address and that every client may use (no {@code client-class(es)} on
     * the subnet or its shared network), the one with the lowest id; null when there is none. The lease commands use
     * it for a lease given without a subnet-id, and the {@code lease-checks} policy to move a lease.
     */
    public Subnet selectSubnet(IpAddress address) {
        Subnet best = null;
        for (Subnet s : subnets) {
            if ((best == null || s.id() < best.id()) && s.prefix().contains(address) && s.clientClasses().isEmpty()
                    && openNetwork(s.sharedNetwork())) {
                best = s;
            }
        }
        return best;
    }

    private boolean openNetwork(String name) {
        if (name == null) {
            return true;
        }
        for (SharedNetwork n : sharedNetworks) {
            if (n.name().equals(name)) {
                return n.clientClasses().isEmpty();
            }
        }
        return true;
    }

    /**
     * The option registry this configuration's option-data was resolved with: Kea's standard definitions plus the
     * global {@code option-def} list. Built on each call; a server builds it once per snapshot.
     */
    public OptionRegistry optionRegistry() {
        Universe u = family.v6() ? Universe.V6 : Universe.V4;
        List<OptionDefinition> defs = new ArrayList<>();
        try {
            for (OptionDef d : optionDefs) {
                defs.add(d.toDefinition(u));
            }
            return OptionRegistry.standard(u).withCustomDefinitions(defs);
        } catch (OptionConfigException e) {
            // The loader resolved every definition already; a snapshot cannot hold an invalid one.
            throw new IllegalStateException("option-def accepted at load time no longer resolves", e);
        }
    }

    /**
     * Global-only parameters.
     *
     * @param hostReservationIdentifiers identifier types tried, in order, when looking up reservations
     * @param dataDirectory DHCPv6 {@code data-directory} (where the server DUID file lives), or null when not given
     */
    public record GlobalSettings(long declineProbationPeriod, int dhcp4o6Port, String serverTag,
            List<String> hostReservationIdentifiers, boolean ipReservationsUnique, String dataDirectory) {
        public GlobalSettings {
            hostReservationIdentifiers = List.copyOf(hostReservationIdentifiers);
        }
    }
}
