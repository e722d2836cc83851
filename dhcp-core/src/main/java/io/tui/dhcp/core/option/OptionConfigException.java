package io.tui.dhcp.core.option;

/**
 * A configuration error in an {@code option-def} or {@code option-data} entry: an invalid definition, a name or
 * code that matches no definition, or data that does not fit its definition.
 *
 * <p>The message follows Kea's wording where Kea has one, so that operators see the text they know; the
 * configuration layer adds the position of the entry in the file.
 */
public final class OptionConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int entryIndex;

    public OptionConfigException(String message) {
        this(message, -1);
    }

    /**
     * @param entryIndex the index of the offending entry in the list given to
     *                   {@link OptionRegistry#resolveAll} or {@link OptionRegistry#withCustomDefinitions}, or -1
     */
    public OptionConfigException(String message, int entryIndex) {
        super(message, null, false, false);
        this.entryIndex = entryIndex;
    }

    /**
     * The index of the offending entry in the list that was being resolved or layered, so that the configuration
     * layer can point at its position in the file; -1 when the error is not about one list entry.
     */
    public int entryIndex() {
        return entryIndex;
    }
}
