package io.tui.dhcp.core.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.option.OptionDefinition;
import io.tui.dhcp.core.option.OptionRegistry;
import io.tui.dhcp.core.option.Universe;
import io.tui.dhcp.core.wire.v4.Dhcp4Packet;
import io.tui.dhcp.core.wire.v6.Dhcp6ClientMessage;
import io.tui.dhcp.core.wire.v6.Dhcp6Message;
import io.tui.dhcp.core.wire.v6.Dhcp6MessageType;
import io.tui.dhcp.core.wire.v6.Dhcp6RelayMessage;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.core.wire.v6.RawOption;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EvaluatorTest {
    private static final ExpressionParser PARSER = new ExpressionParser();

    static Expr parse(String text, boolean v6) throws ExpressionSyntaxException {
        OptionRegistry r = OptionRegistry.standard(v6 ? Universe.V6 : Universe.V4);
        String space = r.universe().topSpace();
        return PARSER.parse(text, v6, n -> r.definition(space, n).map(OptionDefinition::code).orElse(-1)).ast();
    }

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A DISCOVER from 00:0c:01:02:03:04 via relay 192.0.2.126 with a few options, built by hand. */
    static Packet4View v4() throws Exception {
        Dhcp4Packet p = new Dhcp4Packet().op(1).xid(0x12345678).giaddr(0xC000027E).ciaddr(0x0A000001)
                .hardwareAddress(1, hex("000c01020304"));
        p.options().put(53, new byte[] {1});
        p.options().put(60, ascii("PXEClient:Arch:00007"));
        p.options().put(12, ascii("Host-One"));
        p.options().put(82, hex("0108" + HexFormat.of().formatHex(ascii("tor-1/07")) + "0203aabbcc"));
        // V-I vendor-specific info: enterprise 4491 with sub-option 1 = 0x0102; enterprise 9 with sub-option 2
        p.options().put(125, hex("0000118b" + "04" + "01020102" + "00000009" + "03" + "0201ff"));
        // V-I vendor class: enterprise 4491, tuples "docsis3.0" and "x"
        p.options().put(124, hex("0000118b" + "0c" + "09" + HexFormat.of().formatHex(ascii("docsis3.0")) + "0178"));
        return new Packet4View(p, "eth0", InetAddress.getByName("192.0.2.126"), InetAddress.getByName("192.0.2.1"),
                300);
    }

    static boolean eval4(String text) throws Exception {
        return Evaluator.test(parse(text, false), v4(), Set.of("ALL", "gold")::contains);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // literals and ==
        "'abc' == 'abc'", "0x616263 == 'abc'", "0x0 == 0x00", "'' == ''", "not ('a' == 'b')",
        "10.0.0.1 == 0x0a000001", "1 == 0x00000001", "4294967295 == 0xffffffff", "not ('1' == 1)",
        // options
        "option[12].hex == 'Host-One'", "option[12].text == 'Host-One'", "option[host-name].text == 'Host-One'",
        "option[12].exists", "not option[13].exists", "option[13].hex == ''", "option[13].text == ''",
        "option[vendor-class-identifier].hex == 'PXEClient:Arch:00007'",
        // relay4 (option 82 sub-options)
        "relay4[1].hex == 'tor-1/07'", "relay4[2].hex == 0xaabbcc", "relay4[1].exists", "not relay4[3].exists",
        "relay4[3].hex == ''",
        // pkt4 and pkt fields: integers are 4-byte big-endian
        "pkt4.mac == 0x000c01020304", "pkt4.hlen == 0x00000006", "pkt4.htype == 0x00000001",
        "pkt4.ciaddr == 10.0.0.1", "pkt4.giaddr == 192.0.2.126", "pkt4.yiaddr == 0.0.0.0", "pkt4.siaddr == 0.0.0.0",
        "pkt4.msgtype == 0x00000001", "pkt4.msgtype == 1", "pkt4.transid == 305419896", "pkt.iface == 'eth0'",
        "pkt.src == 192.0.2.126", "pkt.dst == 192.0.2.1", "pkt.len == 0x0000012c",
        // vendor and vendor-class
        "vendor[4491].exists", "vendor[9].exists", "not vendor[10].exists", "vendor[*].exists",
        "vendor.enterprise == 0x0000118b", "vendor[4491].option[1].hex == 0x0102", "vendor[9].option[2].hex == 0xff",
        "not vendor[4491].option[2].exists", "vendor[9].option[2].exists",
        "vendor-class[4491].exists", "not vendor-class[9].exists", "vendor-class[*].exists",
        "vendor-class.enterprise == 0x0000118b", "vendor-class[4491].data == 'docsis3.0'",
        "vendor-class[*].data[0] == 'docsis3.0'", "vendor-class[4491].data[1] == 'x'",
        "vendor-class[4491].data[2] == ''", "vendor-class[9].data == ''",
        // string functions (Kea ARM examples)
        "substring('foobar', 0, 6) == 'foobar'", "substring('foobar', 3, 4) == 'bar'",
        "substring('foobar', 3, all) == 'bar'", "substring('foobar', 1, 4) == 'ooba'",
        "substring('foobar', -5, 4) == 'ooba'", "substring('foobar', -1, -3) == 'oba'",
        "substring('foobar', 4, -2) == 'ob'", "substring('foobar', 10, all) == ''",
        "substring('foobar', -7, 1) == ''", "substring('foobar', 2, -5) == 'fo'", "substring('foobar', 0, 0) == ''",
        "substring('', 0, all) == ''",
        "substring(option[60].hex, 0, 9) == 'PXEClient'",
        "split('one.two..four', '.', 1) == 'one'", "split('one.two..four', '.', 2) == 'two'",
        "split('one.two..four', '.', 3) == ''", "split('one.two..four', '.', 4) == 'four'",
        "split('one.two..four', '.', 5) == ''", "split('one.two..four', '.', 0) == ''",
        "split('a-b.c', '.-', 2) == 'b'", "split(relay4[1].hex, '/', 2) == '07'",
        "concat('foo', 'bar') == 'foobar'", "'foo' + 'bar' + 'baz' == 'foobarbaz'",
        "concat(option[13].hex, 'x') == 'x'",
        "ifelse(option[12].exists, 'yes', 'no') == 'yes'", "ifelse(option[13].exists, 'yes', 'no') == 'no'",
        "hexstring(pkt4.mac, ':') == '00:0c:01:02:03:04'", "hexstring(0xABcd, '') == 'abcd'",
        "hexstring('', '-') == ''", "hexstring(0x0102, '--') == '01--02'",
        "lcase(option[12].text) == 'host-one'", "ucase('Host-One') == 'HOST-ONE'", "tolower('AbC') == 'abc'",
        "toupper('AbC') == 'ABC'",
        "addrtotext(pkt4.giaddr) == '192.0.2.126'", "addrtotext(2001:db8::1) == '2001:db8::1'",
        "addrtotext(option[13].hex) == ''", "int8totext(option[13].hex) == ''",
        "int8totext(0xff) == '-1'", "uint8totext(0xff) == '255'", "int16totext(0xfffe) == '-2'",
        "uint16totext(0xfffe) == '65534'", "int32totext(0xffffffff) == '-1'",
        "uint32totext(0xffffffff) == '4294967295'", "uint32totext(pkt4.transid) == '305419896'",
        
        // logic and member
        "member('gold')", "member('ALL') and not member('silver')", "member('silver') or member('gold')",
        "true", "not false"
    })
    void trueOnTheHandBuiltV4Packet(String text) throws Exception {
        assertTrue(eval4(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "'abc' == 'abd'", "'abc' == 'ABC'", "0x00 == ''", "member('silver')", "option[13].exists",
        "relay4[9].exists", "pkt4.msgtype == 2", "pkt4.msgtype == '1'", "pkt4.mac == 0x000c0102030400", "vendor[1].exists",
        "false", "member('gold') and false",
        // Kea's evaluation errors: the test is false wherever the error is, even under 'not' or a true 'or'
        "substring('foobar', 'x', 1) == ''", "not (substring('foobar', 1, 'y') == '')", "split('a.b', '.', 'z') == ''",
        "addrtotext(0x0102) == ''", "uint8totext(0x0102) == ''", "not (int16totext(0x01) == '')",
        "member('gold') or int32totext(0x01) == ''", "ifelse(true, 'a', uint32totext(0x01)) == 'a'"
    })
    void falseOnTheHandBuiltV4Packet(String text) throws Exception {
        assertFalse(eval4(text), text);
    }

    @Test
    void booleansAreTheStringsTrueAndFalse() throws Exception {
        assertArrayEquals(ascii("true"), Evaluator.value(parse("option[12].exists", false), v4(), n -> false));
        assertArrayEquals(ascii("false"), Evaluator.value(parse("member('x')", false), v4(), n -> false));
        assertArrayEquals(ascii("true"), Evaluator.value(parse("'a' == 'a'", false), v4(), n -> false));
        // and a string node evaluates to its bytes
        assertArrayEquals(hex("000c01020304"),
                Evaluator.value(new Expr.Packet(Expr.PacketField.PKT4_MAC), v4(), n -> false));
    }

    @Test
    void valueNeverExposesHeldArrays() throws Exception {
        Packet4View p = v4();
        byte[] v = Evaluator.value(new Expr.Option(Expr.Scope.PACKET, 0, 12, null, Expr.Field.HEX), p, n -> false);
        v[0] = 'X';
        assertTrue(Evaluator.test(parse("option[12].hex == 'Host-One'", false), p, n -> false));
    }

    /** Malformed contents: truncated sub-options and vendor blocks read as absent, never throw. */
    @Test
    void malformedOptionsAreEmptyOrFalse() throws Exception {
        Dhcp4Packet p = new Dhcp4Packet().op(1);
        p.options().put(82, hex("0105616263")); // sub-option 1 claims 5 bytes, 3 present
        p.options().put(125, hex("0000118b09010201")); // data-len 9 past the end
        p.options().put(124, hex("0000118b0305616263")); // tuple length 5 inside a 3-byte block
        p.options().put(60, new byte[0]);
        Packet4View v = new Packet4View(p, null, null, null, 0);
        for (String t : new String[] {"relay4[1].exists", "relay4[1].hex == 'abc'", "vendor[4491].exists",
            "vendor[4491].option[1].exists", "vendor.enterprise == 0x0000118b", "vendor-class[4491].data == 'abc'",
            "pkt.iface == 'eth0'"}) {
            assertFalse(Evaluator.test(parse(t, false), v, n -> false), t);
        }
        for (String t : new String[] {"relay4[1].hex == ''", "vendor.enterprise == ''", "pkt.src == ''",
            "pkt.iface == ''", "option[60].exists", "option[60].hex == ''", "vendor-class[4491].exists",
            "vendor-class[4491].data == ''", "pkt4.msgtype == 0x00000000"}) {
            assertTrue(Evaluator.test(parse(t, false), v, n -> false), t);
        }
    }

    /** Random option contents under every accessor: evaluation ends normally. */
    @Test
    void evaluationNeverThrowsOnRandomOptions() throws Exception {
        Expr[] exprs = {
            parse("relay4[1].hex == 'x' or relay4[2].exists", false),
            parse("vendor[4491].option[1].hex == 'x' or vendor[*].option[2].exists or vendor.enterprise == ''",
                    false),
            parse("vendor-class[*].data[3] == 'x' or vendor-class.enterprise == '' or vendor-class[7].exists", false),
            parse("substring(option[12].hex, -3, -9) == split(option[60].hex, option[61].hex, option[12].hex)",
                    false),
            parse("addrtotext(option[60].hex) == int16totext(option[61].hex) + uint32totext(option[12].hex)", false),
            parse("hexstring(option[82].hex, option[12].hex) == lcase(option[124].hex)", false),
        };
        java.util.Random r = new java.util.Random(42);
        for (int round = 0; round < 5000; round++) {
            Dhcp4Packet p = new Dhcp4Packet().op(1);
            for (int code : new int[] {12, 60, 61, 82, 124, 125}) {
                byte[] b = new byte[r.nextInt(24)];
                r.nextBytes(b);
                if (r.nextInt(4) > 0) {
                    p.options().put(code, b);
                }
            }
            Packet4View v = new Packet4View(p, null, null, null, 0);
            for (Expr e : exprs) {
                Evaluator.test(e, v, n -> false); // must return, whatever it returns
                Evaluator.value(e, v, n -> false);
            }
        }
    }

    // ---- DHCPv6 ----

    static Packet6View v6() throws Exception {
        Dhcp6ClientMessage solicit = Dhcp6ClientMessage.of(Dhcp6MessageType.SOLICIT, 0xabcdef,
                RawOption.of(1, hex("00030001000c01020304")),
                RawOption.of(16, hex("0000118b" + "0003" + "616263" + "0001" + "78")),
                RawOption.of(17, hex("0000118b" + "0001" + "0002" + "beef")));
        Dhcp6Message inner = Dhcp6RelayMessage.of(Dhcp6MessageType.RELAY_FORW, 0, Ip6Address.parse("2001:db8:1::1"),
                Ip6Address.parse("fe80::1"), solicit, RawOption.of(18, ascii("inner-if")));
        Dhcp6Message outer = Dhcp6RelayMessage.of(Dhcp6MessageType.RELAY_FORW, 1, Ip6Address.parse("2001:db8:2::1"),
                Ip6Address.parse("2001:db8:1::1"), inner, RawOption.of(18, ascii("outer-if")),
                RawOption.of(37, hex("00000009abcd")));
        return new Packet6View(outer, "eth1", InetAddress.getByName("2001:db8:2::1"),
                InetAddress.getByName("ff02::1:2"), 200);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "pkt6.msgtype == 0x00000001", "pkt6.transid == 0x00abcdef", "option[1].hex == 0x00030001000c01020304",
        "option[clientid].exists", "not option[2].exists",
        // relay6[0] is the outermost relay (closest to the server), -1 the innermost (closest to the client)
        "relay6[0].option[18].hex == 'outer-if'", "relay6[1].option[18].hex == 'inner-if'",
        "relay6[-1].option[18].hex == 'inner-if'", "relay6[-2].option[18].hex == 'outer-if'",
        "relay6[0].option[37].exists", "not relay6[1].option[37].exists", "not relay6[2].option[18].exists",
        "relay6[2].option[18].hex == ''", "relay6[-3].peeraddr == ''",
        "relay6[0].linkaddr == 2001:db8:2::1", "relay6[0].peeraddr == 2001:db8:1::1",
        "relay6[1].linkaddr == 2001:db8:1::1", "relay6[1].peeraddr == fe80::1",
        "addrtotext(relay6[1].peeraddr) == 'fe80::1'",
        "pkt.iface == 'eth1'", "pkt.src == 2001:db8:2::1", "pkt.dst == ff02::1:2", "pkt.len == 0x000000c8",
        "vendor-class[4491].data == 'abc'", "vendor-class[4491].data[1] == 'x'", "vendor-class[*].exists",
        "not vendor-class[9].exists", "vendor-class.enterprise == 0x0000118b",
        "vendor[4491].option[1].hex == 0xbeef", "vendor[4491].exists", "not vendor[9].exists",
        "vendor.enterprise == 0x0000118b"
    })
    void trueOnTheHandBuiltV6Packet(String text) throws Exception {
        assertTrue(Evaluator.test(parse(text, true), v6(), n -> false), text);
    }

    @Test
    void anUnrelayedV6MessageHasNoRelayLayers() throws Exception {
        Packet6View v = new Packet6View(Dhcp6ClientMessage.of(Dhcp6MessageType.REQUEST, 7), null, null, null, 0);
        assertTrue(Evaluator.test(parse("relay6[0].peeraddr == '' and not relay6[0].option[18].exists"
                + " and relay6[-1].linkaddr == '' and pkt6.msgtype == 0x00000003", true), v, n -> false));
    }

    @Test
    void astsHaveValueEquality() throws Exception {
        String t = "substring(option[60].hex, 0, 3) == 0x414243 and relay4[1].exists or member('x')";
        assertEquals(parse(t, false), parse(t, false));
        assertEquals(parse(t, false).hashCode(), parse(t, false).hashCode());
        assertFalse(parse("0x01 == 0x02", false).equals(parse("0x01 == 0x03", false)));
    }

    @Test
    void theParserBuildsTheExpectedTree() throws Exception {
        assertEquals(new Expr.Equal(
                new Expr.Substring(new Expr.Option(Expr.Scope.PACKET, 0, 60, "vendor-class-identifier",
                        Expr.Field.HEX), Expr.Literal.text("0"), Expr.Literal.text("all")),
                new Expr.Literal(new byte[] {0x01, 0x02})),
                parse("substring(option[vendor-class-identifier].hex, 0, all) == 0x102", false));
        assertEquals(new Expr.And(new Expr.Not(new Expr.Member("a")),
                new Expr.Option(Expr.Scope.RELAY6, -1, 18, null, Expr.Field.EXISTS)),
                parse("not member('a') and relay6[-1].option[18].exists", true));
    }
}
