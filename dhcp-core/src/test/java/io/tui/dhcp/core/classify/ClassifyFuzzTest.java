package io.tui.dhcp.core.classify;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tui.dhcp.core.wire.v4.Dhcp4Packet;
import io.tui.dhcp.core.wire.v6.Dhcp6ClientMessage;
import io.tui.dhcp.core.wire.v6.Dhcp6MessageType;
import io.tui.dhcp.core.wire.v6.Dhcp6RelayMessage;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.core.wire.v6.RawOption;

/**
 * Any text ends in a tree or {@link ExpressionSyntaxException}; any tree over any option contents evaluates without
 * an exception.
 */
class ClassifyFuzzTest {
    private static final String[] PIECES = {"option[", "relay4[", "relay6[", "vendor[", "vendor-class[", "]", ".hex",
        ".text", ".exists", ".data", ".enterprise", ".option[", ".peeraddr", ".linkaddr", "pkt4.mac", "pkt4.msgtype",
        "pkt6.transid", "pkt.iface", "substring(", "split(", "concat(", "ifelse(", "hexstring(", "addrtotext(",
        "int16totext(", "uint32totext(", "lcase(", "member('a')", ",", ")", "(", " == ", " and ", " or ", "not ",
        "all", "'x'", "'.'", "0x0102", "1", "-1", "0", "255", "*", "+", "10.0.0.1", "fe80::1", "12", "60", "82", "18",
        "16", "17", "124", "125", "4491"};

    @FuzzTest(maxDuration = "60s")
    void parseAndEvaluateNeverThrowUnchecked(FuzzedDataProvider data) {
        boolean v6 = data.consumeBoolean();
        StringBuilder text = new StringBuilder();
        int n = data.consumeInt(1, 30);
        for (int i = 0; i < n; i++) {
            text.append(data.consumeBoolean() ? PIECES[data.consumeInt(0, PIECES.length - 1)]
                    : data.consumeString(3));
        }
        Expr e;
        try {
            e = new ExpressionParser().parse(text.toString(), v6, name -> name.length()).ast();
        } catch (ExpressionSyntaxException expected) {
            e = new Expr.Substring(new Expr.Option(Expr.Scope.PACKET, 0, data.consumeInt(0, 255), null,
                    Expr.Field.HEX), Expr.Literal.text(data.consumeString(3)), Expr.Literal.text(data.consumeString(3)));
        }
        PacketView p;
        if (v6) {
            Dhcp6ClientMessage m = Dhcp6ClientMessage.of(Dhcp6MessageType.SOLICIT, data.consumeInt(0, 0xffffff),
                    RawOption.of(16, data.consumeBytes(20)), RawOption.of(17, data.consumeBytes(20)),
                    RawOption.of(1, data.consumeBytes(10)));
            p = new Packet6View(Dhcp6RelayMessage.of(Dhcp6MessageType.RELAY_FORW, 0, Ip6Address.UNSPECIFIED,
                    Ip6Address.UNSPECIFIED, m, RawOption.of(18, data.consumeBytes(8))), null, null, null, 0);
        } else {
            Dhcp4Packet d = new Dhcp4Packet().op(1);
            for (int code : new int[] {12, 60, 61, 82, 124, 125}) {
                d.options().put(code, data.consumeBytes(20));
            }
            p = new Packet4View(d, null, null, null, 0);
        }
        Evaluator.value(e, p, name -> name.equals("a"));
        if (e.isBoolean()) {
            new Classifier(java.util.List.of(new Classifier.ClassDef("c", e, false))).classifyEarly(p);
        }
    }
}
