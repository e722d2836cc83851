package io.tui.dhcp.core.option;

/** The protocol an option belongs to: it fixes the code range, the sub-option header size and tuple length size. */
public enum Universe {
    /** DHCPv4: 1-byte option codes and lengths, 1-byte tuple lengths, top-level space {@code dhcp4}. */
    V4("dhcp4", 255, 1),
    /** DHCPv6: 2-byte option codes and lengths, 2-byte tuple lengths, top-level space {@code dhcp6}. */
    V6("dhcp6", 65535, 2);

    private final String topSpace;
    private final int maxCode;
    private final int headerFieldSize;

    Universe(String topSpace, int maxCode, int headerFieldSize) {
        this.topSpace = topSpace;
        this.maxCode = maxCode;
        this.headerFieldSize = headerFieldSize;
    }

    /** The default option space of {@code option-data} and {@code option-def} entries: {@code dhcp4} or {@code dhcp6}. */
    public String topSpace() {
        return topSpace;
    }

    /** The largest option code. */
    public int maxCode() {
        return maxCode;
    }

    /** Size in bytes of the code and of the length field in an option header (and of a tuple's length field). */
    public int headerFieldSize() {
        return headerFieldSize;
    }

    /** Largest payload one option (or sub-option) header can carry. */
    public int maxPayload() {
        return this == V4 ? 255 : 65535;
    }
}
