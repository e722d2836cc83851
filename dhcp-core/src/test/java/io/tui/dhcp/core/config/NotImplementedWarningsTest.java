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

    @Test
    void whatTheServersActOnDoesNotWarnAndMappedParametersWarnOnlyOffKeasDefault() throws Exception {
        String text = """
                {"Dhcp4": {
                  "allocator": "random", "echo-client-id": false, "ddns-qualifying-suffix": "example.org.",
                  "dhcp4o6-port": 0, "sanity-checks": {"lease-checks": "del", "extended-info-checks": "fix"},
                  "dhcp-ddns": {"enable-updates": false},
                  "subnet4": [{"id": 1, "subnet": "10.0.0.0/8", "ddns-qualifying-suffix": "ten.example.org.",
                               "pools": [{"pool": "10.0.0.1-10.0.0.9", "pool-id": 7}]}]
                }}""";
        List<String> warnings = new ArrayList<>();
        ServerConfig c = new ConfigLoader(Family.V4, warnings::add).loadText(text, "t.json", null);
        assertEquals(List.of(), warnings);
        assertEquals(Set.of(), c.notImplemented());
        assertEquals("random", c.extras().get("allocator"), "kept where the servers read it");
        assertEquals(7L, c.subnet(1).pools().get(0).extras().get("pool-id"));
        assertEquals("ten.example.org.", c.subnet(1).extras().get("ddns-qualifying-suffix"));

        String off = text.replace("\"dhcp4o6-port\": 0", "\"dhcp4o6-port\": 786")
                .replace("\"extended-info-checks\": \"fix\"", "\"extended-info-checks\": \"strict\"")
                .replace("\"enable-updates\": false", "\"enable-updates\": true")
                .replace("\"subnet4\": [{\"id\": 1,", "\"subnet4\": [{\"id\": 1, \"allocator\": \"flq\",");
        warnings.clear();
        c = new ConfigLoader(Family.V4, warnings::add).loadText(off, "t.json", null);
        assertEquals(Set.of("dhcp4o6-port", "extended-info-checks", "enable-updates", "allocator"),
                c.notImplemented(), warnings.toString());
        assertEquals(786, c.settings().dhcp4o6Port(), "still mapped");
        String rendered = new ConfigRenderer().toJson(c);
        assertEquals(c, new ConfigLoader(Family.V4, w -> { }).loadText(rendered, "r.json", null),
                "the rendered defaults warn no more than the original");
    }
}
