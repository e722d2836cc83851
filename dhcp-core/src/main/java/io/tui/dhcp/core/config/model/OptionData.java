package io.tui.dhcp.core.config.model;

import java.util.List;
import java.util.Map;

/**
 * One {@code option-data} entry as configured, with its resolution against the option registry: the definition
 * found by code or name, and the data encoded to wire bytes (sub-options of the same level included).
 *
 * @param name the option name, or null when only the code was given
 * @param code the option code, or null when only the name was given
 * @param extras comment, user-context and not-yet-implemented parameters, verbatim
 * @param resolved the option ready to put in a reply: space, code, name and payload
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
        Map<String, Object> extras,
        io.tui.dhcp.core.option.ResolvedOption resolved) {
    public OptionData {
        clientClasses = List.copyOf(clientClasses);
        extras = Extras.copy(extras);
    }
}
