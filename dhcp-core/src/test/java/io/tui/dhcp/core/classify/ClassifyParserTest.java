package io.tui.dhcp.core.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassifyParserTest {
    private final ExpressionParser parser = new ExpressionParser();

    @Test
    void optionNamesResolveThroughTheGivenMap() throws Exception {
        Map<String, Integer> codes = Map.of("my-opt", 222);
        var p = parser.parse("option[my-opt].hex == 'x' and not option[other].exists", false,
                n -> codes.getOrDefault(n, -1));
        assertEquals(List.of("my-opt", "other"), p.optionNames());
        assertEquals(new Expr.And(
                new Expr.Equal(new Expr.Option(Expr.Scope.PACKET, 0, 222, "my-opt", Expr.Field.HEX),
                        Expr.Literal.text("x")),
                new Expr.Not(new Expr.Option(Expr.Scope.PACKET, 0, -1, "other", Expr.Field.EXISTS))), p.ast());
    }

    @Test
    void literalsBecomeKeaBytes() throws Exception {
        assertEquals(new Expr.Equal(new Expr.Literal(new byte[] {0, 0, 0, 1}), new Expr.Literal(new byte[] {1})),
                parser.parse("1 == 0x1", false, n -> -1).ast());
        assertEquals(new Expr.Equal(new Expr.Literal(new byte[] {(byte) 192, 0, 2, 1}),
                new Expr.Literal(new byte[] {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})),
                parser.parse("192.0.2.1 == fe80::1", true, n -> -1).ast());
        // a bare integer in substring start/length stays text, evaluated as a number
        assertEquals(new Expr.Substring(Expr.Literal.text("abc"), Expr.Literal.text("-1"), Expr.Literal.text("all")),
                ((Expr.Equal) parser.parse("substring('abc', -1, all) == 'c'", false, n -> -1).ast()).left());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "option[256].exists", "4294967296 == 0x00", "-1 == 0x00", "relay4[1].size == 'x'",
        "vendor[4294967296].exists", "vendor-class[1].data[x] == ''", "hexstring(pkt4.mac, member('a')) == ''",
        "ifelse('a', 'b', 'c') == 'b'", "split('a', '.') == 'a'", "concat('a') == 'a'", "lcase(member('a')) == 'a'",
    })
    void rejected(String text) {
        assertThrows(ExpressionSyntaxException.class, () -> parser.parse(text, false, n -> -1), text);
    }

    @Test
    void v6CodesGoTo65535() throws Exception {
        assertEquals(new Expr.Option(Expr.Scope.RELAY6, -2, 65535, null, Expr.Field.EXISTS),
                parser.parse("relay6[-2].option[65535].exists", true, n -> -1).ast());
    }
}
