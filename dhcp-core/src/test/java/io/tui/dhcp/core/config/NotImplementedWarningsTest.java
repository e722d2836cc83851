package io.tui.dhcp.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotImplementedWarningsTest {
    private static final String TEXT = """
            {"Dhcp4": {
              "ddns-send-updates": true,
              "comment": "kept",
              "user-context": {"site": "north", "n": [1, 2.5, null]},
              "subnet4": [{"subnet": "10.0.0.0/8", "ddns-send-updates": false, "cache-threshold": 0.25,
                           "pools": [{"pool": "10.0.0.1-10.0.0.9", "ddns-qualifying-suffix": "x.example."}]}],
              "shared-networks": [{"name": "n", "ddns-send-updates": false,
                                   "subnet4": [{"subnet": "11.0.0.0/8", "cache-threshold": 0.5}]}]
            }}""";

    @Test
    void eachKnownButUnimplementedParameterWarnsOncePerNameAndIsKept() throws Exception {
        List<String> warnings = new ArrayList<>();
        ServerConfig c = new ConfigLoader(Family.V4, warnings::add).loadText(TEXT, "t.json", null);
        assertEquals(List.of(
                "parameter 'ddns-send-updates' is accepted but not implemented by Tui yet; it is kept for config-get"
                        + " and otherwise has no effect (t.json:2:3)",
                "parameter 'cache-threshold' is accepted but not implemented by Tui yet; it is kept for config-get"
                        + " and otherwise has no effect (t.json:5:68)",
                "parameter 'ddns-qualifying-suffix' is accepted but not implemented by Tui yet; it is kept for"
                        + " config-get and otherwise has no effect (t.json:6:56)"), warnings);
        assertEquals(Set.of("ddns-send-updates", "cache-threshold", "ddns-qualifying-suffix"), c.notImplemented());

        // Kept verbatim in each scope, and rendered back.
        assertEquals(true, c.extras().get("ddns-send-updates"));
        assertEquals("kept", c.extras().get("comment"));
        assertEquals(Map.of("ddns-send-updates", false, "cache-threshold", new java.math.BigDecimal("0.25")),
                c.subnet(1).extras());
        assertEquals(Map.of("ddns-qualifying-suffix", "x.example."), c.subnet(1).pools().get(0).extras());
        String rendered = new ConfigRenderer().toJson(c);
        assertTrue(rendered.contains("\"ddns-qualifying-suffix\" : \"x.example.\""), rendered);
        assertTrue(rendered.contains("\"cache-threshold\" : 0.5"), rendered);
        assertTrue(rendered.contains("\"n\" : [ 1, 2.5, null ]"), rendered);
    }

    @Test
    void eachLoadWarnsAfresh() throws Exception {
        List<String> warnings = new ArrayList<>();
        ConfigLoader loader = new ConfigLoader(Family.V4, warnings::add);
        loader.loadText(TEXT, "t.json", null);
        loader.loadText(TEXT, "t.json", null);
        assertEquals(6, warnings.size());
    }
}
