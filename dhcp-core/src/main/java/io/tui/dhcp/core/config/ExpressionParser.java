package io.tui.dhcp.core.config;

import io.tui.dhcp.core.classify.ExpressionSyntaxException;
import io.tui.dhcp.core.config.model.Expression;
import io.tui.dhcp.core.option.OptionDefinition;
import io.tui.dhcp.core.option.OptionRegistry;
import io.tui.dhcp.core.option.Universe;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The config layer's view of {@link io.tui.dhcp.core.classify.ExpressionParser}: parses a client-class {@code test},
 * keeps the text, the tree and the referenced class and option names, and knows Kea's built-in class names.
 */
final class ExpressionParser {
    private static final Set<String> BUILT_IN = Set.of("ALL", "KNOWN", "UNKNOWN", "BOOTP", "DROP");
    private static final List<String> BUILT_IN_PREFIXES = List.of("VENDOR_CLASS_", "HA_", "AFTER_", "EXTERNAL_",
            "SPAWN_");

    private final io.tui.dhcp.core.classify.ExpressionParser parser = new io.tui.dhcp.core.classify.ExpressionParser();

    /** Thrown for a syntax or type error in an expression. */
    static final class ExpressionException extends Exception {
        private static final long serialVersionUID = 1L;

        ExpressionException(String message) {
            super(message, null, false, false);
        }
    }

    static boolean isBuiltInClass(String name) {
        if (BUILT_IN.contains(name)) {
            return true;
        }
        for (String p : BUILT_IN_PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Parses with the standard option names of the family. */
    Expression parse(String text, boolean v6) throws ExpressionException {
        return parse(text, v6, OptionRegistry.standard(v6 ? Universe.V6 : Universe.V4));
    }

    /** Parses, resolving {@code option[name]} through {@code registry}'s top-level space. */
    Expression parse(String text, boolean v6, OptionRegistry registry) throws ExpressionException {
        String space = registry.universe().topSpace();
        ToIntFunction<String> codes = name -> registry.definition(space, name).map(OptionDefinition::code).orElse(-1);
        try {
            var p = parser.parse(text, v6, codes);
            return new Expression(text, p.memberOf(), p.optionNames(), p.ast());
        } catch (ExpressionSyntaxException e) {
            throw new ExpressionException(e.getMessage());
        }
    }
}
