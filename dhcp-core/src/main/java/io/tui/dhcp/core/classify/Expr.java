package io.tui.dhcp.core.classify;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A parsed classification expression: an immutable tree of records with value equality. Kea's values are byte
 * strings; boolean nodes ({@link #isBoolean()}) evaluate to {@code true}/{@code false}, which Kea renders as the
 * strings {@code 'true'} and {@code 'false'}.
 */
public sealed interface Expr {

    /** True for nodes whose value is a boolean (==, and, or, not, member, .exists, true/false). */
    boolean isBoolean();

    /** A constant byte string: a quoted string, a decimal integer (its text), a hex string or an IP address. */
    record Literal(byte[] value) implements Expr {
        public Literal {
            value = value.clone();
        }

        public static Literal text(String s) {
            return new Literal(s.getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /** The held array; never modified by the evaluator. */
        byte[] raw() {
            return value;
        }

        @Override
        public boolean isBoolean() {
            return false;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Literal l && Arrays.equals(value, l.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Literal[0x" + HexFormat.of().formatHex(value) + "]";
        }
    }

    /** {@code true} or {@code false}. */
    record BoolLiteral(boolean value) implements Expr {
        @Override
        public boolean isBoolean() {
            return true;
        }
    }

    /** {@code left == right}: equality of the raw bytes. */
    record Equal(Expr left, Expr right) implements Expr {
        @Override
        public boolean isBoolean() {
            return true;
        }
    }

    record And(Expr left, Expr right) implements Expr {
        @Override
        public boolean isBoolean() {
            return true;
        }
    }

    record Or(Expr left, Expr right) implements Expr {
        @Override
        public boolean isBoolean() {
            return true;
        }
    }

    record Not(Expr operand) implements Expr {
        @Override
        public boolean isBoolean() {
            return true;
        }
    }

    /** {@code member('name')}: whether the packet already belongs to the class. */
    record Member(String className) implements Expr {
        @Override
        public boolean isBoolean() {
            return true;
        }
    }

    /** Where an option accessor looks. */
    enum Scope {
        /** {@code option[code]}: the query (DHCPv6: the innermost client message). */
        PACKET,
        /** {@code relay4[code]}: a sub-option of the relay agent information option (82). */
        RELAY4,
        /** {@code relay6[nest].option[code]}: an option of a relay layer. */
        RELAY6,
        /** {@code vendor[enterprise].option[code]}: a sub-option of the vendor-specific option (v4 125, v6 17). */
        VENDOR
    }

    /** What an option accessor yields. */
    enum Field {
        HEX, TEXT, EXISTS
    }

    /**
     * An option accessor.
     *
     * @param selector the relay nesting level for {@link Scope#RELAY6} (negative counts from the client side), the
     *     enterprise number for {@link Scope#VENDOR} ({@code -1} for {@code *}), otherwise 0
     * @param code the option code, {@code -1} when {@code name} names no known option
     * @param name the option name as written, or null when written as a code
     */
    record Option(Scope scope, long selector, int code, String name, Field field) implements Expr {
        @Override
        public boolean isBoolean() {
            return field == Field.EXISTS;
        }
    }

    /** The fixed packet fields of {@code pkt4.*}, {@code pkt6.*} and {@code pkt.*}. */
    enum PacketField {
        PKT4_MAC, PKT4_HLEN, PKT4_HTYPE, PKT4_CIADDR, PKT4_GIADDR, PKT4_YIADDR, PKT4_SIADDR, PKT4_MSGTYPE,
        PKT4_TRANSID, PKT6_MSGTYPE, PKT6_TRANSID, PKT_IFACE, PKT_SRC, PKT_DST, PKT_LEN
    }

    record Packet(PacketField field) implements Expr {
        @Override
        public boolean isBoolean() {
            return false;
        }
    }

    /** {@code relay6[nest].peeraddr} ({@code peer}) or {@code .linkaddr}: 16 bytes, empty when no such layer. */
    record Relay6Address(int nest, boolean peer) implements Expr {
        @Override
        public boolean isBoolean() {
            return false;
        }
    }

    /** What a vendor / vendor-class accessor yields. */
    enum VendorField {
        EXISTS, ENTERPRISE, DATA
    }

    /**
     * {@code vendor[e].exists}, {@code vendor.enterprise}, {@code vendor-class[e].exists},
     * {@code vendor-class.enterprise}, {@code vendor-class[e].data} and {@code .data[n]}.
     *
     * @param vendorClass true for {@code vendor-class} (v4 option 124, v6 16), false for {@code vendor} (125, 17)
     * @param enterprise the enterprise number, {@code -1} for {@code *} or when not written
     * @param index the data tuple for {@link VendorField#DATA} (0 when not written)
     */
    record Vendor(boolean vendorClass, long enterprise, VendorField field, int index) implements Expr {
        @Override
        public boolean isBoolean() {
            return field == VendorField.EXISTS;
        }
    }

    /** {@code substring(string, start, length)}; {@code length} is the literal {@code 'all'} when written so. */
    record Substring(Expr string, Expr start, Expr length) implements Expr {
        @Override
        public boolean isBoolean() {
            return false;
        }
    }

    /** {@code split(string, separators, field)}: fields count from 1. */
    record Split(Expr string, Expr separators, Expr field) implements Expr {
        @Override
        public boolean isBoolean() {
            return false;
        }
    }

    /** {@code concat(a, b)} and {@code a + b}. */
    record Concat(Expr left, Expr right) implements Expr {
        @Override
        public boolean isBoolean() {
            return false;
        }
    }

    /** {@code ifelse(condition, then, otherwise)}. */
    record IfElse(Expr condition, Expr then, Expr otherwise) implements Expr {
        @Override
        public boolean isBoolean() {
            return false;
        }
    }

    /** {@code hexstring(binary, separator)}: lower-case hex digits, two per byte, joined by the separator. */
    record HexString(Expr binary, Expr separator) implements Expr {
        @Override
        public boolean isBoolean() {
            return false;
        }
    }

    /** The one-argument string functions. */
    enum Function {
        LCASE, UCASE, ADDRTOTEXT, INT8TOTEXT, INT16TOTEXT, INT32TOTEXT, UINT8TOTEXT, UINT16TOTEXT, UINT32TOTEXT,
        TOUPPER, TOLOWER
    }

    record Call(Function function, Expr argument) implements Expr {
        @Override
        public boolean isBoolean() {
            return false;
        }
    }
}
