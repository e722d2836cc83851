package io.tui.dhcp.core.config.model;

import io.tui.dhcp.core.option.OptionConfigException;
import io.tui.dhcp.core.option.OptionDefinition;
import io.tui.dhcp.core.option.Universe;
import java.util.List;
import java.util.Map;

/** One custom {@code option-def} entry. */
public record OptionDef(
        String name,
        int code,
        String type,
        String space,
        List<String> recordTypes,
        boolean array,
        String encapsulate,
        Map<String, Object> extras) {
    public OptionDef {
        recordTypes = List.copyOf(recordTypes);
        extras = Extras.copy(extras);
    }

    /** This entry as an option registry definition, validated as Kea validates {@code option-def}. */
    public OptionDefinition toDefinition(Universe universe) throws OptionConfigException {
        return OptionDefinition.fromKea(universe, name, code, space, type, array, String.join(", ", recordTypes),
                encapsulate);
    }
}
