package io.tui.dhcp.core.option;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A decoded option: either typed by its definition, or the raw payload when no definition is known or the payload
 * does not fit the definition.
 */
public sealed interface OptionValue {

    /** The option space the option was decoded in. */
    String space();

    /** The option code. */
    int code();

    /** The option as Kea {@code option-data} text: CSV fields when typed, hex when raw. */
    String toKeaText();

    /** True when {@link #toKeaText()} is {@code csv-format: true} text. */
    boolean csvFormat();

    /**
     * An option decoded by its definition.
     *
     * @param definition the definition used
     * @param fields     the data fields in order (for arrays: every element)
     * @param subOptions the options of the encapsulated space carried after the fields, decoded in that space
     */
    record Typed(OptionDefinition definition, List<FieldValue> fields, List<OptionValue> subOptions)
            implements OptionValue {
        public Typed {
            fields = List.copyOf(fields);
            subOptions = List.copyOf(subOptions);
        }

        @Override
        public String space() {
            return definition.space();
        }

        @Override
        public int code() {
            return definition.code();
        }

        /** The fields joined by {@code ", "} with commas and backslashes inside values escaped, as Kea reads them. */
        @Override
        public String toKeaText() {
            StringBuilder sb = new StringBuilder();
            for (FieldValue f : fields) {
                if (!sb.isEmpty()) {
                    sb.append(", ");
                }
                sb.append(KeaText.escapeCsv(f.text()));
            }
            return sb.toString();
        }

        @Override
        public boolean csvFormat() {
            return true;
        }
    }

    /**
     * An option of an {@code internal} type (classless static routes, DNR) decoded by its dedicated codec.
     *
     * @param definition the definition used
     * @param keaText    the option in Kea's notation for that option
     */
    record Formatted(OptionDefinition definition, String keaText) implements OptionValue {
        @Override
        public String space() {
            return definition.space();
        }

        @Override
        public int code() {
            return definition.code();
        }

        @Override
        public String toKeaText() {
            return keaText;
        }

        @Override
        public boolean csvFormat() {
            return true;
        }
    }

    /**
     * An option kept as bytes.
     *
     * @param reason why it was not typed: no definition, or what did not fit
     */
    record Raw(String space, int code, byte[] payload, String reason) implements OptionValue {
        public Raw {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        /** Lower-case hex without separators, the {@code csv-format: false} form. */
        @Override
        public String toKeaText() {
            return HexFormat.of().formatHex(payload);
        }

        @Override
        public boolean csvFormat() {
            return false;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Raw r && r.code == code && r.space.equals(space) && Arrays.equals(r.payload, payload)
                    && r.reason.equals(reason);
        }

        @Override
        public int hashCode() {
            return space.hashCode() * 31 + code * 17 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Raw[" + space + "." + code + "=" + toKeaText() + " (" + reason + ")]";
        }
    }
}
