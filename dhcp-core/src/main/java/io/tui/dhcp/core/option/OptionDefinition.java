package io.tui.dhcp.core.option;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One option definition: what Kea's {@code option-def} entry (or a row of the standard tables) says about an option.
 *
 * @param name        the option's name, unique in its space (e.g. {@code domain-name-servers})
 * @param code        the option code, unique in its space
 * @param space       the option space (e.g. {@code dhcp4}, {@code dhcp6}, {@code vendor-4491}, a custom space)
 * @param type        the data type; {@link OptionDataType#RECORD} takes its fields from {@code recordTypes}
 * @param array       whether the option carries a list of values (for a record: the last field repeats)
 * @param recordTypes the field types of a record, empty for other types
 * @param encapsulate the option space whose options are carried after the data, or {@code ""} for none
 */
public record OptionDefinition(String name, int code, String space, OptionDataType type, boolean array,
                               List<OptionDataType> recordTypes, String encapsulate) {

    public OptionDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(type, "type");
        recordTypes = List.copyOf(recordTypes);
        encapsulate = encapsulate == null ? "" : encapsulate;
    }

    /** A definition of a non-record type that encapsulates nothing. */
    public static OptionDefinition of(String name, int code, String space, OptionDataType type, boolean array) {
        return new OptionDefinition(name, code, space, type, array, List.of(), "");
    }

    /** The types of the data fields in order: the record's fields, or the single type (none for {@code empty}). */
    public List<OptionDataType> fieldTypes() {
        if (type == OptionDataType.RECORD) {
            return recordTypes;
        }
        return type == OptionDataType.EMPTY ? List.of() : List.of(type);
    }

    /** True when the option carries sub-options of another space. */
    public boolean encapsulates() {
        return !encapsulate.isEmpty();
    }

    /** The definition as Kea's {@code option-def} would show it, e.g. {@code dhcp4.routers (3): ipv4-address[]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(space).append('.').append(name).append(" (").append(code).append("): ");
        sb.append(type == OptionDataType.RECORD ? "record(" + String.join(",", recordTypes.stream().map(OptionDataType::keaName).toList()) + ")" : type.keaName());
        if (array) {
            sb.append("[]");
        }
        if (encapsulates()) {
            sb.append(" > ").append(encapsulate);
        }
        return sb.toString();
    }

    /**
     * Builds a definition from the fields of a Kea {@code option-def} entry and checks it as Kea does.
     *
     * @param recordTypes the comma-separated {@code record-types} text (blank fields are skipped), or null
     * @param encapsulate the {@code encapsulate} value, or null
     * @throws OptionConfigException with Kea's wording when the definition is not valid
     */
    public static OptionDefinition fromKea(Universe universe, String name, long code, String space, String type,
                                           boolean array, String recordTypes, String encapsulate)
            throws OptionConfigException {
        String sp = space == null ? universe.topSpace() : space;
        if (!isValidName(name)) {
            throw new OptionConfigException("invalid option name '" + name + "'");
        }
        checkCode(universe, sp, code);
        if (!isValidName(sp)) {
            throw new OptionConfigException("invalid option space name '" + sp + "'");
        }
        OptionDataType t = OptionDataType.fromKeaName(type == null ? "" : type)
                .filter(x -> x != OptionDataType.INTERNAL)
                .orElseThrow(() -> new OptionConfigException("option type '" + type + "' not supported."));
        List<OptionDataType> fields = new ArrayList<>();
        if (recordTypes != null && !recordTypes.isBlank()) {
            if (t != OptionDataType.RECORD) {
                throw new OptionConfigException("invalid record type values specified for the option definition: 'record'"
                        + " option type must be used instead of '" + t.keaName() + "' to add data fields to the record");
            }
            for (String field : recordTypes.split(",")) {
                String f = field.strip();
                if (f.isEmpty()) {
                    continue;
                }
                OptionDataType ft = OptionDataType.fromKeaName(f).filter(OptionDataType::allowedInRecord).orElseThrow(
                        () -> new OptionConfigException("invalid record type values specified for the option definition:"
                                + " attempted to add invalid data type '" + f + "' to the record."));
                fields.add(ft);
            }
        }
        OptionDefinition def = new OptionDefinition(name, (int) code, sp, t, array, fields,
                encapsulate == null ? "" : encapsulate);
        def.validate();
        return def;
    }

    /** Checks the code range of a definition or an {@code option-data} entry in a space, as Kea does. */
    static void checkCode(Universe universe, String space, long code) throws OptionConfigException {
        if (code < 0) {
            throw new OptionConfigException("invalid option code '" + code + "': it must not be negative");
        }
        if (code > universe.maxCode()) {
            throw new OptionConfigException("invalid option code '" + code + "', it must not be greater than '"
                    + universe.maxCode() + "'");
        }
        if (space.equals(universe.topSpace())) {
            if (code == 0) {
                throw new OptionConfigException("invalid option code '0': "
                        + (universe == Universe.V4 ? "reserved for PAD" : "reserved value"));
            }
            if (universe == Universe.V4 && code == 255) {
                throw new OptionConfigException("invalid option code '255': reserved for END");
            }
        }
    }

    /**
     * Checks the rules Kea applies to every definition: the name and space syntax, the type/array/record
     * combinations and the encapsulated space.
     */
    public void validate() throws OptionConfigException {
        if (!isValidName(name)) {
            throw new OptionConfigException("invalid option name '" + name + "'");
        }
        if (!isValidName(space)) {
            throw new OptionConfigException("invalid option space name '" + space + "'");
        }
        if (encapsulates() && !isValidName(encapsulate)) {
            throw new OptionConfigException("invalid encapsulated option space name: '" + encapsulate + "'");
        }
        if (type != OptionDataType.RECORD && !recordTypes.isEmpty()) {
            throw new OptionConfigException("invalid record type values specified for the option definition: 'record'"
                    + " option type must be used instead of '" + type.keaName() + "' to add data fields to the record");
        }
        if (array && encapsulates()) {
            throw new OptionConfigException("option '" + space + "." + name
                    + "', comprising an array of data fields may not encapsulate any option space");
        }
        if (type == OptionDataType.RECORD) {
            if (recordTypes.size() < 2) {
                throw new OptionConfigException("invalid number of data fields: " + recordTypes.size()
                        + " specified for the option of type 'record'. Expected at least 2 fields.");
            }
            for (int i = 0; i < recordTypes.size(); i++) {
                OptionDataType f = recordTypes.get(i);
                if (!f.allowedInRecord()) {
                    throw new OptionConfigException("invalid record type values specified for the option definition:"
                            + " attempted to add invalid data type '" + f.keaName() + "' to the record.");
                }
                if (i < recordTypes.size() - 1 && (f == OptionDataType.STRING || f == OptionDataType.BINARY)) {
                    throw new OptionConfigException(f.keaName()
                            + " data field can't be laid before data fields of other types.");
                }
            }
            OptionDataType last = recordTypes.getLast();
            if (array) {
                checkArrayOf(last);
            }
        } else if (array) {
            checkArrayOf(type);
        }
    }

    private static void checkArrayOf(OptionDataType t) throws OptionConfigException {
        switch (t) {
            case STRING -> throw new OptionConfigException("array of strings is not a valid option definition.");
            case BINARY -> throw new OptionConfigException("array of binary values is not a valid option definition.");
            case EMPTY -> throw new OptionConfigException("array of empty value is not a valid option definition.");
            default -> {
            }
        }
    }

    /**
     * Kea's syntax for option and space names: letters, digits, {@code -} and {@code _}, neither first nor last
     * being {@code -} or {@code _}.
     */
    public static boolean isValidName(String n) {
        if (n == null || n.isEmpty()) {
            return false;
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        char first = n.charAt(0);
        char last = n.charAt(n.length() - 1);
        return first != '-' && first != '_' && last != '-' && last != '_';
    }
}
