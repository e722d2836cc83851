package io.tui.dhcp.core.alloc;

/**
 * Counts the steps an allocator takes (bitmap words read, queue entries polled, addresses probed), so tests can
 * assert that the cost of an allocation does not grow with pool utilisation. Production code passes {@link #NONE}.
 */
@FunctionalInterface
public interface Probe {
    /** Does nothing. */
    Probe NONE = () -> {
    };

    /** One step. */
    void step();
}
