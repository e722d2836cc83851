package io.tui.dhcp.core.stats;

import java.util.Objects;

/**
 * The current value of one statistic, for exporters (Prometheus) that need no sample history.
 *
 * @param name the statistic name, e.g. {@code subnet[1].assigned-addresses}
 * @param kind the value kind
 * @param value the current value
 */
public record StatSnapshot(String name, StatKind kind, StatValue value) {
    public StatSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }
}
