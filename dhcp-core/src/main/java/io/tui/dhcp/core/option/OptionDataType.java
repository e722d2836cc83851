package io.tui.dhcp.core.option;

import java.util.Optional;

/**
 * The data types of Kea option definitions, by Kea's names (the {@code type} and {@code record-types} values of
 * {@code option-def}).
 *
 * <p>{@link #INTERNAL} marks options whose text form is handled by a dedicated codec rather than by the generic
 * field rules (Kea 3.x uses it for {@code classless-static-route} and the DNR options); it cannot be used in a
 * custom {@code option-def}, exactly as Kea 2.2 rejects it.
 */
public enum OptionDataType {
    EMPTY("empty", 0),
    BINARY("binary", -1),
    BOOLEAN("boolean", 1),
    INT8("int8", 1),
    INT16("int16", 2),
    INT32("int32", 4),
    UINT8("uint8", 1),
    UINT16("uint16", 2),
    UINT32("uint32", 4),
    IPV4_ADDRESS("ipv4-address", 4),
    IPV6_ADDRESS("ipv6-address", 16),
    /** One length byte then the significant bytes of the prefix (RFC 7598 style). */
    IPV6_PREFIX("ipv6-prefix", -1),
    /** PSID length byte then the PSID left-aligned in 16 bits (RFC 7597/7598). Text {@code psid/length}. */
    PSID("psid", 3),
    STRING("string", -1),
    /** Length-prefixed opaque string: 1-byte length in DHCPv4, 2-byte length in DHCPv6. */
    TUPLE("tuple", -1),
    /** A domain name in DNS wire format (RFC 1035), always fully qualified. */
    FQDN("fqdn", -1),
    INTERNAL("internal", -1),
    RECORD("record", -1);

    private final String keaName;
    private final int fixedSize;

    OptionDataType(String keaName, int fixedSize) {
        this.keaName = keaName;
        this.fixedSize = fixedSize;
    }

    /** Kea's name of the type, as written in {@code option-def}. */
    public String keaName() {
        return keaName;
    }

    /** Wire size in bytes, or -1 when the size depends on the value. */
    public int fixedSize() {
        return fixedSize;
    }

    /** True for the integer types. */
    public boolean isInteger() {
        return switch (this) {
            case INT8, INT16, INT32, UINT8, UINT16, UINT32 -> true;
            default -> false;
        };
    }

    /** True for the signed integer types. */
    public boolean isSigned() {
        return this == INT8 || this == INT16 || this == INT32;
    }

    /** Smallest value of an integer type. */
    public long minValue() {
        return switch (this) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            default -> 0;
        };
    }

    /** Largest value of an integer type. */
    public long maxValue() {
        return switch (this) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case UINT8 -> 0xFFL;
            case UINT16 -> 0xFFFFL;
            case UINT32 -> 0xFFFF_FFFFL;
            default -> 0;
        };
    }

    /** True when the type may be a field of a {@code record}. */
    public boolean allowedInRecord() {
        return this != EMPTY && this != RECORD && this != INTERNAL;
    }

    /** The type with the given Kea name. */
    public static Optional<OptionDataType> fromKeaName(String name) {
        for (OptionDataType t : values()) {
            if (t.keaName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return keaName;
    }
}
