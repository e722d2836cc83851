package io.tui.dhcp.core.config.model;

import java.util.List;
import java.util.Map;

/**
 * A client class definition.
 *
 * @param test the parsed {@code test} expression, or null when the class has none (membership by hooks or hosts)
 * @param onlyInAdditionalList evaluated only when a network or pool asks for it (Kea 3 {@code only-in-additional-list},
 *     Kea 2 {@code only-if-required})
 * @param valid valid-lifetime triplet, or null to not override
 * @param preferred preferred-lifetime triplet (v6), or null
 */
public record ClientClass(
        String name,
        Expression test,
        boolean onlyInAdditionalList,
        List<OptionData> options,
        List<OptionDef> optionDefs,
        IpAddress nextServer,
        String serverHostname,
        String bootFileName,
        Triplet valid,
        Triplet preferred,
        Map<String, Object> extras) {
    public ClientClass {
        options = List.copyOf(options);
        optionDefs = List.copyOf(optionDefs);
        extras = Extras.copy(extras);
    }
}
