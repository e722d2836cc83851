package io.tui.dhcp.core.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.ClientClass;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.testing.External;
import io.tui.dhcp.core.wire.v4.Dhcp4Packet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The client classes of Kea's own example configurations, loaded through the config layer and evaluated. */
class KeaExampleClassesTest {

    private static Classifier classifier(String example, Family family) throws Exception {
        Path dir = External.keaExamples();
        ServerConfig c = new ConfigLoader(family, m -> {}).loadFile(dir.resolve(example));
        List<Classifier.ClassDef> defs = c.clientClasses().stream()
                .map(cc -> new Classifier.ClassDef(cc.name(), cc.test() == null ? null : cc.test().ast(),
                        cc.onlyInAdditionalList()))
                .toList();
        for (ClientClass cc : c.clientClasses()) {
            if (cc.test() != null) {
                assertNotNull(cc.test().ast(), cc.name());
            }
        }
        return new Classifier(defs);
    }

    private static Packet4View discover(String mac, int xid, String vendorClass) {
        Dhcp4Packet p = new Dhcp4Packet().op(1).xid(xid).hardwareAddress(1, HexFormat.of().parseHex(mac));
        p.options().put(53, new byte[] {1});
        if (vendorClass != null) {
            p.options().put(60, vendorClass.getBytes(StandardCharsets.US_ASCII));
        }
        return new Packet4View(p, "eth0", null, null, 300);
    }

    @Test
    void classifyJson() throws Exception {
        Classifier c = classifier("kea4/classify.json", Family.V4);
        Set<String> a = c.classifyEarly(discover("010203040506", 0, "Aastra 6731i"));
        assertEquals(Set.of("ALL", "VENDOR_CLASS_Aastra 6731i", "special_snowflake", "discovers", "broken", "VoIP"),
                a);
        Set<String> b = c.classifyEarly(discover("0a0b0c0d0e0f", 77, null));
        assertEquals(Set.of("ALL", "discovers"), b);
    }

    @Test
    void classify2JsonKnownAndAdditional() throws Exception {
        Classifier c = classifier("kea4/classify2.json", Family.V4);
        PacketView p = discover("0a0b0c0d0e0f", 5, "Aastra");
        Set<String> classes = c.classifyEarly(p);
        assertEquals(Set.of("ALL", "VENDOR_CLASS_Aastra", "discovers", "VoIP"), classes);
        c.classifyAfterHostLookup(p, true, classes);
        assertEquals(Set.of("ALL", "VENDOR_CLASS_Aastra", "discovers", "VoIP", "KNOWN", "VoIP_host"), classes);
        c.classifyAdditional(p, List.of("second_subnet"), classes);
        assertEquals(Set.of("ALL", "VENDOR_CLASS_Aastra", "discovers", "VoIP", "KNOWN", "VoIP_host", "second_subnet"),
                classes);
    }
}
