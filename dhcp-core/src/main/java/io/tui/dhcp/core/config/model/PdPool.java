package io.tui.dhcp.core.config.model;

import java.util.List;
import java.util.Map;

/**
 * A prefix delegation pool: prefixes of {@code delegatedLength} carved from {@code prefix}.
 *
 * @param excludedPrefix the RFC 6603 excluded prefix, or null
 */
public record PdPool(
        Prefix prefix,
        int delegatedLength,
        Prefix excludedPrefix,
        List<OptionData> options,
        List<String> clientClasses,
        List<String> additionalClasses,
        Map<String, Object> extras) {
    public PdPool {
        options = List.copyOf(options);
        clientClasses = List.copyOf(clientClasses);
        additionalClasses = List.copyOf(additionalClasses);
        extras = Extras.copy(extras);
    }
}
