package io.tui.dhcp.core.config.model;

/** Which server a configuration is for. */
public enum Family {
    V4("Dhcp4", "subnet4", "dhcp4"),
    V6("Dhcp6", "subnet6", "dhcp6");

    private final String rootKey;
    private final String subnetKey;
    private final String optionSpace;

    Family(String rootKey, String subnetKey, String optionSpace) {
        this.rootKey = rootKey;
        this.subnetKey = subnetKey;
        this.optionSpace = optionSpace;
    }

    /** {@code Dhcp4} or {@code Dhcp6}. */
    public String rootKey() {
        return rootKey;
    }

    /** {@code subnet4} or {@code subnet6}. */
    public String subnetKey() {
        return subnetKey;
    }

    /** The default option space, {@code dhcp4} or {@code dhcp6}. */
    public String optionSpace() {
        return optionSpace;
    }

    public boolean v6() {
        return this == V6;
    }
}
