package io.tui.dhcp.core.host;

import java.util.Locale;

/** Kea's host identifier types, by their configuration names ({@code host-reservation-identifiers}). */
public enum IdentifierType {
    HW_ADDRESS("hw-address"),
    DUID("duid"),
    CIRCUIT_ID("circuit-id"),
    CLIENT_ID("client-id"),
    FLEX_ID("flex-id");

    private final String keaName;

    IdentifierType(String keaName) {
        this.keaName = keaName;
    }

    public String keaName() {
        return keaName;
    }

    /** The type Kea calls {@code name}, or null. */
    public static IdentifierType fromKea(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (IdentifierType t : values()) {
            if (t.keaName.equals(n)) {
                return t;
            }
        }
        return null;
    }
}
