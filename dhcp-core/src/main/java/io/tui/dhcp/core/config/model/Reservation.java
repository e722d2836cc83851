package io.tui.dhcp.core.config.model;

import java.util.List;
import java.util.Map;

/**
 * A host reservation, global or in a subnet.
 *
 * @param addresses the reserved address (at most one for DHCPv4) or addresses (DHCPv6)
 * @param prefixes reserved delegated prefixes (DHCPv6)
 */
public record Reservation(
        HostIdentifier identifier,
        List<IpAddress> addresses,
        List<Prefix> prefixes,
        String hostname,
        List<String> clientClasses,
        List<OptionData> options,
        IpAddress nextServer,
        String serverHostname,
        String bootFileName,
        Map<String, Object> extras) {
    public Reservation {
        addresses = List.copyOf(addresses);
        prefixes = List.copyOf(prefixes);
        clientClasses = List.copyOf(clientClasses);
        options = List.copyOf(options);
        extras = Extras.copy(extras);
    }
}
