package io.tui.dhcp.core.config.model;

import java.util.List;
import java.util.Map;

/** An address pool of a subnet. */
public record Pool(
        AddressRange range,
        List<OptionData> options,
        List<String> clientClasses,
        List<String> additionalClasses,
        Map<String, Object> extras) {
    public Pool {
        options = List.copyOf(options);
        clientClasses = List.copyOf(clientClasses);
        additionalClasses = List.copyOf(additionalClasses);
        extras = Extras.copy(extras);
    }
}
