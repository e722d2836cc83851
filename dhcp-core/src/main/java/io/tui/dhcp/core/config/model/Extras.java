package io.tui.dhcp.core.config.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers for the verbatim parameter maps every scope keeps (values may be null, so Map.copyOf is not used). */
public final class Extras {
    private Extras() {}

    public static Map<String, Object> copy(Map<String, Object> m) {
        return m == null || m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
