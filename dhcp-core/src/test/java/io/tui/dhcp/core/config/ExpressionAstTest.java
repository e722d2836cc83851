package io.tui.dhcp.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tui.dhcp.core.classify.Expr;
import io.tui.dhcp.core.option.OptionRegistry;
import io.tui.dhcp.core.option.Universe;
import org.junit.jupiter.api.Test;

/** The config model's Expression carries the classify tree, with value equality for the round-trip tests. */
class ExpressionAstTest {
    private final ExpressionParser parser = new ExpressionParser();

    @Test
    void expressionsCarryTheTreeAndCompareByValue() throws Exception {
        String t = "option[host-name].text == 'a' and member('KNOWN')";
        var a = parser.parse(t, false);
        var b = parser.parse(t, false, OptionRegistry.standard(Universe.V4));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(new Expr.Option(Expr.Scope.PACKET, 0, 12, "host-name", Expr.Field.TEXT),
                ((Expr.Equal) ((Expr.And) a.ast()).left()).left());
        assertNotEquals(a, parser.parse("option[host-name].text == 'b' and member('KNOWN')", false));
    }
}
