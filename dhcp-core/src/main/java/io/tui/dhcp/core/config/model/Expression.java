package io.tui.dhcp.core.config.model;

import io.tui.dhcp.core.classify.Expr;

/**
 * A client-class {@code test} expression that parsed successfully with Kea's expression grammar.
 *
 * @param text the expression as written
 * @param memberOf the class names it refers to through {@code member('...')}, in order of appearance
 * @param optionNames the option names it refers to through {@code option[name]} (top-level space)
 * @param ast the parsed tree, for {@link io.tui.dhcp.core.classify.Evaluator}
 */
public record Expression(String text, java.util.List<String> memberOf, java.util.List<String> optionNames, Expr ast) {
    public Expression {
        memberOf = java.util.List.copyOf(memberOf);
        optionNames = java.util.List.copyOf(optionNames);
        java.util.Objects.requireNonNull(ast, "ast");
    }
}
