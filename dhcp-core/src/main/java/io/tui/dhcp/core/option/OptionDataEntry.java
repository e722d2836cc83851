package io.tui.dhcp.core.option;

/**
 * One Kea {@code option-data} entry as written in the configuration, before resolution. Absent JSON members are
 * {@code null}.
 *
 * @param name       the option name, or null
 * @param code       the option code, or null (at least one of name and code is required)
 * @param space      the option space, or null for {@code dhcp4}/{@code dhcp6}
 * @param data       the data text, or null for none (same as {@code ""})
 * @param csvFormat  the {@code csv-format} flag, or null for Kea's default (true)
 * @param alwaysSend the {@code always-send} flag
 * @param neverSend  the {@code never-send} flag (Kea 2.3+; Kea 2.2 rejects it, Tui accepts it)
 */
public record OptionDataEntry(String name, Long code, String space, String data, Boolean csvFormat,
                              boolean alwaysSend, boolean neverSend) {

    /** An entry with only a name (or only a code when name is null) and data, defaults for the rest. */
    public static OptionDataEntry of(String space, String name, String data) {
        return new OptionDataEntry(name, null, space, data, null, false, false);
    }

    /** Short description naming the entry in error messages, e.g. {@code option-data 'dhcp4.routers' (code 3)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder("option-data ");
        sb.append('\'').append(space == null ? "" : space + ".").append(name == null ? "" : name).append('\'');
        if (code != null) {
            sb.append(" (code ").append(code).append(')');
        }
        return sb.toString();
    }
}
