package io.tui.dhcp.core.option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sample CSV data for any definition, and data of the wrong type, for tests that run every definition. */
final class SampleData {
    private SampleData() {
    }

    /** Options whose Kea 2.2 implementation parses the data further than their definition says. */
    private static final Map<String, String> SPECIAL = Map.of(
            "dhcp4.vivco-suboptions", "4491, 03616263",
            "dhcp6.vendor-class", "4491, 0003616263",
            "dhcp4.vivso-suboptions", "4491",
            "dhcp6.vendor-opts", "4491",
            // RFC 4704: N and S must not both be set; Kea checks the flags.
            "dhcp6.client-fqdn", "1, host.example.org.");

    static String sample(OptionDefinition def) {
        String special = SPECIAL.get(def.space() + "." + def.name());
        if (special != null) {
            return special;
        }
        List<String> parts = new ArrayList<>();
        for (OptionDataType t : def.fieldTypes()) {
            parts.add(sample(t));
        }
        if (def.array()) {
            parts.add(sample(def.fieldTypes().getLast()));
        }
        return String.join(", ", parts);
    }

    static String sample(OptionDataType t) {
        return switch (t) {
            case BOOLEAN -> "true";
            case INT8 -> "-5";
            case INT16 -> "-300";
            case INT32 -> "-70000";
            case UINT8 -> "7";
            case UINT16 -> "0x1234";
            case UINT32 -> "4000000000";
            case IPV4_ADDRESS -> "192.0.2.1";
            case IPV6_ADDRESS -> "2001:db8::1";
            case IPV6_PREFIX -> "2001:db8:1::/48";
            case PSID -> "3/4";
            case STRING -> "some text";
            case TUPLE -> "tuple text";
            case FQDN -> "host.example.org.";
            case BINARY -> "0a0b0c";
            default -> "";
        };
    }

    /** Data that both Kea and Tui must refuse for this definition, or null when every text fits its first field. */
    static String bogus(OptionDefinition def) {
        if (def.fieldTypes().isEmpty() || SPECIAL.containsKey(def.space() + "." + def.name())) {
            return null;
        }
        OptionDataType first = def.fieldTypes().getFirst();
        String bad = switch (first) {
            case BOOLEAN, INT8, INT16, INT32, UINT8, UINT16, UINT32, IPV4_ADDRESS, IPV6_ADDRESS, IPV6_PREFIX, PSID -> "zz-not-valid";
            case BINARY -> "xyz";
            default -> null;
        };
        if (bad == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        parts.add(bad);
        for (int i = 1; i < def.fieldTypes().size(); i++) {
            parts.add(sample(def.fieldTypes().get(i)));
        }
        return String.join(", ", parts);
    }
}
