package io.tui.dhcp.core.config.model;

import java.util.List;
import java.util.Map;

/**
 * One {@code option-data} entry, validated in shape: a name or a code (or both), its space, its data text.
 *
 * @param name the option name, or null when only the code was given
 * @param code the option code, or null when only the name was given
 * @param extras comment, user-context and not-yet-implemented parameters, verbatim
 */
public record OptionData(
        String name,
        Integer code,
        String space,
        String data,
        boolean csvFormat,
        boolean alwaysSend,
        boolean neverSend,
        List<String> clientClasses,
        Map<String, Object> extras) {
    public OptionData {
        clientClasses = List.copyOf(clientClasses);
        extras = Extras.copy(extras);
    }
}
