package io.tui.dhcp.core.config.model;

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
}
