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

    public OptionConfigException(String message) {
        super(message, null, false, false);
    }
}
