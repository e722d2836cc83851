package io.tui.dhcp.core.option;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One decoded data field of an option: an integer, a boolean, an address, a prefix, a PSID, a string-like value or
 * opaque bytes. {@link #text()} gives the field as Kea writes it in {@code csv-format} data (without CSV escaping).
 */
public sealed interface FieldValue {

    /** The field's data type. */
    OptionDataType type();

    /** The field as Kea text, e.g. {@code 42}, {@code true}, {@code 192.0.2.1}, {@code 2001:db8::/48}, {@code 3/8}. */
    String text();

    /** An integer of one of the int/uint types. */
    record Int(OptionDataType type, long value) implements FieldValue {
        public Int {
            if (!type.isInteger() || value < type.minValue() || value > type.maxValue()) {
                throw new IllegalArgumentException(value + " is not a valid " + type);
            }
        }

        @Override
        public String text() {
            return Long.toString(value);
        }
    }

    /** A boolean (one byte 0 or 1 on the wire). */
    record Bool(boolean value) implements FieldValue {
        @Override
        public OptionDataType type() {
            return OptionDataType.BOOLEAN;
        }

        @Override
        public String text() {
            return Boolean.toString(value);
        }
    }

    /** An IPv4 (4 bytes) or IPv6 (16 bytes) address. */
    record Address(byte[] bytes) implements FieldValue {
        public Address {
            if (bytes.length != 4 && bytes.length != 16) {
                throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + bytes.length);
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public OptionDataType type() {
            return bytes.length == 4 ? OptionDataType.IPV4_ADDRESS : OptionDataType.IPV6_ADDRESS;
        }

        @Override
        public String text() {
            return bytes.length == 4 ? AddressText.formatIpv4(bytes, 0) : AddressText.formatIpv6(bytes, 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Address a && Arrays.equals(bytes, a.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Address[" + text() + "]";
        }
    }

    /** An IPv6 prefix: length 0..128 and the 16-byte prefix (bits beyond the length are zero). */
    record Prefix(int length, byte[] prefix) implements FieldValue {
        public Prefix {
            if (length < 0 || length > 128 || prefix.length != 16) {
                throw new IllegalArgumentException("invalid IPv6 prefix");
            }
            prefix = prefix.clone();
        }

        @Override
        public byte[] prefix() {
            return prefix.clone();
        }

        @Override
        public OptionDataType type() {
            return OptionDataType.IPV6_PREFIX;
        }

        @Override
        public String text() {
            return AddressText.formatIpv6(prefix, 0) + "/" + length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Prefix p && p.length == length && Arrays.equals(prefix, p.prefix);
        }

        @Override
        public int hashCode() {
            return 31 * length + Arrays.hashCode(prefix);
        }

        @Override
        public String toString() {
            return "Prefix[" + text() + "]";
        }
    }

    /** A port-set identifier: its length in bits 0..16 and its value below {@code 2^length}. Text {@code psid/length}. */
    record Psid(int length, int psid) implements FieldValue {
        public Psid {
            if (length < 0 || length > 16 || psid < 0 || psid > 0xFFFF || (length == 0 ? psid != 0 : psid >= (1 << length))) {
                throw new IllegalArgumentException("invalid PSID " + psid + "/" + length);
            }
        }

        @Override
        public OptionDataType type() {
            return OptionDataType.PSID;
        }

        @Override
        public String text() {
            return psid + "/" + length;
        }
    }

    /** A {@code string}, {@code tuple} or {@code fqdn} value. Domain names are fully qualified (trailing dot). */
    record Text(OptionDataType type, String value) implements FieldValue {
        public Text {
            if (type != OptionDataType.STRING && type != OptionDataType.TUPLE && type != OptionDataType.FQDN) {
                throw new IllegalArgumentException(type + " is not a text type");
            }
        }

        @Override
        public String text() {
            return value;
        }
    }

    /** Opaque bytes ({@code binary}); text is lower-case hex without separators. */
    record Binary(byte[] value) implements FieldValue {
        public Binary {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public OptionDataType type() {
            return OptionDataType.BINARY;
        }

        @Override
        public String text() {
            return HexFormat.of().formatHex(value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Binary b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Binary[" + text() + "]";
        }
    }
}
