package io.tui.dhcp.core.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tui.dhcp.core.wire.v4.Dhcp4Packet;
import io.tui.dhcp.core.wire.v6.Dhcp6ClientMessage;
import io.tui.dhcp.core.wire.v6.Dhcp6MessageType;
import io.tui.dhcp.core.wire.v6.RawOption;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassifierTest {
    private static Classifier.ClassDef def(String name, String test, boolean additional) throws Exception {
        return new Classifier.ClassDef(name, test == null ? null : EvaluatorTest.parse(test, false), additional);
    }

    private static Packet4View packet(String vendorClass) {
        Dhcp4Packet p = new Dhcp4Packet().op(1).hardwareAddress(1, HexFormat.of().parseHex("010203040506"));
        p.options().put(53, new byte[] {1});
        if (vendorClass != null) {
            p.options().put(60, vendorClass.getBytes(StandardCharsets.US_ASCII));
        }
        return new Packet4View(p, "eth0", null, null, 300);
    }

    @Test
    void keaOrderBuiltInsThenTestsThenKnownDependentsThenAdditional() throws Exception {
        Classifier c = new Classifier(List.of(
                def("voip", "substring(option[60].hex, 0, 6) == 'Aastra'", false),
                def("phones", "member('voip')", false),
                def("no-test", null, false),
                def("known-phones", "member('KNOWN') and member('phones')", false),
                def("via-known", "member('known-phones')", false),
                def("late-unknown", "member('UNKNOWN')", false),
                def("required", "member('phones')", true),
                def("required-no-test", null, true),
                def("required-false", "member('nosuch')", true),
                def("discover", "pkt4.msgtype == 1", false)));
        PacketView p = packet("Aastra6731i");
        Set<String> classes = c.classifyEarly(p);
        assertEquals(List.of("ALL", "VENDOR_CLASS_Aastra6731i", "voip", "phones", "discover"), List.copyOf(classes));
        c.classifyAfterHostLookup(p, true, classes);
        assertEquals(List.of("ALL", "VENDOR_CLASS_Aastra6731i", "voip", "phones", "discover", "KNOWN", "known-phones",
                "via-known"), List.copyOf(classes));
        c.classifyAdditional(p, List.of("required-false", "required-no-test", "nosuch", "required"), classes);
        assertEquals(List.of("ALL", "VENDOR_CLASS_Aastra6731i", "voip", "phones", "discover", "KNOWN", "known-phones",
                "via-known", "required-no-test", "required"), List.copyOf(classes));
    }

    @Test
    void unknownClientWithoutVendorClass() throws Exception {
        Classifier c = new Classifier(List.of(def("voip", "option[60].exists", false),
                def("late-unknown", "member('UNKNOWN')", false), def("known", "member('KNOWN')", false)));
        PacketView p = packet(null);
        Set<String> classes = c.classifyEarly(p);
        assertEquals(List.of("ALL"), List.copyOf(classes));
        c.classifyAfterHostLookup(p, false, classes);
        assertEquals(List.of("ALL", "UNKNOWN", "late-unknown"), List.copyOf(classes));
    }

    @Test
    void v6VendorClassComesFromTheFirstOption16Tuple() {
        var m = Dhcp6ClientMessage.of(Dhcp6MessageType.SOLICIT, 1,
                RawOption.of(16, HexFormat.of().parseHex("0000118b" + "0004" + "65526f75" + "0001" + "78")));
        assertEquals("VENDOR_CLASS_eRou", Classifier.vendorClass(new Packet6View(m, null, null, null, 0)));
        var truncated = Dhcp6ClientMessage.of(Dhcp6MessageType.SOLICIT, 1,
                RawOption.of(16, HexFormat.of().parseHex("0000118b" + "0009" + "65")));
        assertEquals(null, Classifier.vendorClass(new Packet6View(truncated, null, null, null, 0)));
    }
}
