package io.tui.dhcp.core.classify;

/** A syntax or type error in a classification expression; the message follows Kea's wording where Kea has one. */
public final class ExpressionSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public ExpressionSyntaxException(String message) {
        super(message, null, false, false);
    }
}
