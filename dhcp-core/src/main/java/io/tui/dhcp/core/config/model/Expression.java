package io.tui.dhcp.core.config.model;

/**
 * A client-class {@code test} expression that parsed successfully with Kea's expression grammar.
 *
 * @param text the expression as written
 * @param memberOf the class names it refers to through {@code member('...')}, in order of appearance
 */
public record Expression(String text, java.util.List<String> memberOf) {
    public Expression {
        memberOf = java.util.List.copyOf(memberOf);
    }
}
