package io.tui.dhcp.core.config.model;

import java.util.List;
import java.util.Map;

/**
 * A subnet, with inheritance already resolved.
 *
 * @param sharedNetwork the name of its shared network, or null
 * @param declared what the subnet itself sets
 * @param effective what applies: the subnet, then its shared network, then the global scope and Kea's defaults
 * @param options the subnet's own option-data
 * @param inheritedOptions option-data in lookup order: the subnet's, then its shared network's (global options and
 *     class options come from {@link ServerConfig}; pool and reservation options take precedence over these)
 * @param clientClasses classes allowed to use the subnet (empty: everyone)
 * @param additionalClasses classes to evaluate after selection ({@code evaluate-additional-classes})
 */
public record Subnet(
        long id,
        Prefix prefix,
        String sharedNetwork,
        NetworkParams declared,
        NetworkParams effective,
        List<Pool> pools,
        List<PdPool> pdPools,
        List<Reservation> reservations,
        List<OptionData> options,
        List<OptionData> inheritedOptions,
        List<String> clientClasses,
        List<String> additionalClasses,
        Map<String, Object> extras) {
    public Subnet {
        pools = List.copyOf(pools);
        pdPools = List.copyOf(pdPools);
        reservations = List.copyOf(reservations);
        options = List.copyOf(options);
        inheritedOptions = List.copyOf(inheritedOptions);
        clientClasses = List.copyOf(clientClasses);
        additionalClasses = List.copyOf(additionalClasses);
        extras = Extras.copy(extras);
    }
}
