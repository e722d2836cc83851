package io.tui.dhcp.core.alloc;

import java.util.Locale;

/** Kea's allocators ({@code "allocator"} / {@code "pd-allocator"}, Kea 2.4+). */
public enum AllocatorType {
    /** Walks the pool from where the last allocation stopped, wrapping around. */
    ITERATIVE("iterative"),
    /** Picks a random address of the pool. */
    RANDOM("random"),
    /** Free lease queue: free addresses queued in random order at start; freed ones go to the back. */
    FLQ("flq");

    private final String keaName;

    AllocatorType(String keaName) {
        this.keaName = keaName;
    }

    /** The name in Kea's config. */
    public String keaName() {
        return keaName;
    }

    /** The allocator named {@code name} in Kea's config, or null if unknown. */
    public static AllocatorType fromKea(String name) {
        for (AllocatorType type : values()) {
            if (type.keaName.equals(name.toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        return null;
    }
}
