package io.tui.dhcp.core.config.model;

import java.util.List;
import java.util.Map;

/** A shared network; its subnets are the {@link Subnet}s whose {@code sharedNetwork} is this name. */
public record SharedNetwork(
        String name,
        NetworkParams declared,
        NetworkParams effective,
        List<Long> subnetIds,
        List<OptionData> options,
        List<String> clientClasses,
        List<String> additionalClasses,
        Map<String, Object> extras) {
    public SharedNetwork {
        subnetIds = List.copyOf(subnetIds);
        options = List.copyOf(options);
        clientClasses = List.copyOf(clientClasses);
        additionalClasses = List.copyOf(additionalClasses);
        extras = Extras.copy(extras);
    }
}
