package io.tui.dhcp.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.config.model.Expression;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ExpressionParserTest {
    private final ExpressionParser parser = new ExpressionParser();

    @ParameterizedTest
    @ValueSource(strings = {
        "member('ALL')",
        "not member('phones')",
        "member('laptops') and member('HA_server1')",
        "option[61].hex == 0x0007",
        "substring(option[60].hex,0,6) == 'Aastra'",
        "substring(option[61].hex, 0, all) == 'abc'",
        "pkt4.mac == 0x010203040506",
        "pkt4.msgtype == 1 or pkt4.transid == 0",
        "pkt6.msgtype == 1 and pkt6.transid == 0",
        "pkt.iface == 'eth0'",
        "vendor.enterprise == 4491",
        "vendor[4491].option[1].exists",
        "vendor-class[*].data[0] == 'x'",
        "relay4[1].hex == 'port1'",
        "relay6[0].option[18].hex == 'abc' and relay6[0].peeraddr == 2001:db8::1",
        "option[host-name].exists",
        "(option[12].text == 'a' or option[12].text == 'b') and not (pkt4.giaddr == 0.0.0.0)",
        "concat(option[60].text, 'x') == ifelse(member('KNOWN'), 'k', 'u')",
        "hexstring(pkt4.mac, ':') == 'aa:bb' and lcase(option[12].text) == 'host'",
        "'' == ''"
    })
    void keaTestsParse(String text) throws Exception {
        Expression e = parser.parse(text, text.contains("relay6") || text.contains("pkt6"));
        assertEquals(text, e.text());
    }

    @Test
    void memberReferencesAreCollectedInOrder() throws Exception {
        assertEquals(List.of("a", "b", "KNOWN"),
                parser.parse("member('a') and (member('b') or member('KNOWN'))", false).memberOf());
    }

    @Test
    void optionNamesAreCollected() throws Exception {
        assertEquals(List.of("host-name", "vendor-class-identifier"), parser.parse(
                "option[host-name].exists and option[60].hex == 'x' or option[vendor-class-identifier].exists", false)
                .optionNames());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "foo ==",
        "option[61].hex",
        "member('a') ==",
        "option[61].size == 1",
        "substring(option[61].hex, 0) == 'x'",
        "member('a') and",
        "(member('a')",
        "'unterminated == 'x",
        "member('a') == 'x'",
        "not 'x'",
        "pkt4.nosuch == 1",
        "member(a)",
        "option[60].hex == 'a' $"
    })
    void malformedTestsAreRejected(String text) {
        assertThrows(ExpressionParser.ExpressionException.class, () -> parser.parse(text, false), text);
    }

    @Test
    void errorsSayWhereAndWhat() {
        var e = assertThrows(ExpressionParser.ExpressionException.class,
                () -> parser.parse("member('a') or or", false));
        assertEquals("<string>:1.16: syntax error, unexpected or, expecting an expression", e.getMessage());
        e = assertThrows(ExpressionParser.ExpressionException.class, () -> parser.parse("foo == 'x'", false));
        assertEquals("<string>:1.1: Invalid character: f", e.getMessage());
    }

    @Test
    void packetAccessorsBelongToTheirFamily() {
        var e = assertThrows(ExpressionParser.ExpressionException.class, () -> parser.parse("pkt4.msgtype == 1", true));
        assertEquals("<string>:1.1: pkt4 can only be used in DHCPv4.", e.getMessage());
        e = assertThrows(ExpressionParser.ExpressionException.class,
                () -> parser.parse("member('a') and relay6[0].peeraddr == ::1", false));
        assertEquals("<string>:1.17: relay6 can only be used in DHCPv6.", e.getMessage());
    }

    @Test
    void builtInClassesAreKnown() {
        for (String c : List.of("ALL", "KNOWN", "UNKNOWN", "BOOTP", "DROP", "VENDOR_CLASS_docsis3.0", "HA_server1")) {
            assertTrue(ExpressionParser.isBuiltInClass(c), c);
        }
        assertTrue(!ExpressionParser.isBuiltInClass("phones"));
    }
}
