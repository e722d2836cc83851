package io.tui.dhcp.core.option;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptionJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    @Test
    void readsDefinitionsAndEntries() throws Exception {
        List<OptionDefinition> defs = OptionJson.definitions(Universe.V4, json(
                "[{'name': 'foo', 'code': 222, 'type': 'record', 'record-types': 'uint8, ipv4-address', 'array': true,"
                        + " 'space': 'dhcp4', 'encapsulate': '', 'comment': 'x', 'user-context': {}}]"));
        assertEquals(new OptionDefinition("foo", 222, "dhcp4", OptionDataType.RECORD, true,
                List.of(OptionDataType.UINT8, OptionDataType.IPV4_ADDRESS), ""), defs.getFirst());
        OptionDataEntry e = OptionJson.dataEntry(json(
                "{'name': 'foo', 'code': 222, 'data': '1, 192.0.2.1', 'csv-format': true, 'always-send': true}"));
        assertEquals(new OptionDataEntry("foo", 222L, null, "1, 192.0.2.1", true, true, false), e);
        OptionDataEntry bare = OptionJson.dataEntry(json("{'code': 222}"));
        assertNull(bare.csvFormat());
        assertNull(bare.data());
    }

    @Test
    void refusesWhatKeasSyntaxCheckRefuses() throws Exception {
        assertEquals("missing parameter 'type'", assertThrows(OptionConfigException.class,
                () -> OptionJson.definition(Universe.V4, json("{'name': 'foo', 'code': 222}"))).getMessage());
        assertEquals("missing parameter 'name'", assertThrows(OptionConfigException.class,
                () -> OptionJson.definition(Universe.V4, json("{'code': 222, 'type': 'uint8'}"))).getMessage());
        assertEquals("'code' must be an integer", assertThrows(OptionConfigException.class,
                () -> OptionJson.dataEntry(json("{'code': '3'}"))).getMessage());
        assertEquals("'always-send' must be a boolean", assertThrows(OptionConfigException.class,
                () -> OptionJson.dataEntry(json("{'code': 3, 'always-send': 'yes'}"))).getMessage());
        // Kea 2.2: "got unexpected keyword "client-classes" in option-data map."
        assertEquals("got unexpected keyword \"client-classes\" in option-data map.", assertThrows(OptionConfigException.class,
                () -> OptionJson.dataEntry(json("{'code': 3, 'client-classes': []}"))).getMessage());
        OptionConfigException x = assertThrows(OptionConfigException.class,
                () -> OptionJson.dataEntries(json("[{'code': 3}, {'code': 1.5}]")));
        assertEquals(1, x.entryIndex());
    }
}
