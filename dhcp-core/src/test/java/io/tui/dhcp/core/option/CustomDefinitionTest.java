package io.tui.dhcp.core.option;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Custom {@code option-def}: Kea's validation (error texts as printed by kea-dhcp4 -t 2.2) and layering. */
class CustomDefinitionTest {
    private final OptionRegistry v4 = OptionRegistry.standard(Universe.V4);
    private final OptionRegistry v6 = OptionRegistry.standard(Universe.V6);

    private static OptionDefinition def4(String name, long code, String space, String type, boolean array,
                                         String recordTypes, String encapsulate) throws OptionConfigException {
        return OptionDefinition.fromKea(Universe.V4, name, code, space, type, array, recordTypes, encapsulate);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "foo bar|200||uint8|false|||invalid option name 'foo bar'",
            "foo-|200||uint8|false|||invalid option name 'foo-'",
            "_foo|200||uint8|false|||invalid option name '_foo'",
            "f.o|200||uint8|false|||invalid option name 'f.o'",
            "foo|0||uint8|false|||invalid option code '0': reserved for PAD",
            "foo|255||uint8|false|||invalid option code '255': reserved for END",
            "foo|256||uint8|false|||invalid option code '256', it must not be greater than '255'",
            "foo|256|bar|uint8|false|||invalid option code '256', it must not be greater than '255'",
            "foo|-1||uint8|false|||invalid option code '-1': it must not be negative",
            "foo|200|-bad|uint8|false|||invalid option space name '-bad'",
            "foo|200||record|false|||invalid number of data fields: 0 specified for the option of type 'record'. Expected at least 2 fields.",
            "foo|200||record|false|uint8||invalid number of data fields: 1 specified for the option of type 'record'. Expected at least 2 fields.",
            "foo|200||uint8|false|uint8||invalid record type values specified for the option definition: 'record' option type must be used instead of 'uint8' to add data fields to the record",
            "foo|200||string|true|||array of strings is not a valid option definition.",
            "foo|200||binary|true|||array of binary values is not a valid option definition.",
            "foo|200||empty|true|||array of empty value is not a valid option definition.",
            "foo|200||record|false|string,uint8||string data field can't be laid before data fields of other types.",
            "foo|200||record|false|binary,uint8||binary data field can't be laid before data fields of other types.",
            "foo|200||record|true|uint8,string||array of strings is not a valid option definition.",
            "foo|200||record|false|uint8,empty||invalid record type values specified for the option definition: attempted to add invalid data type 'empty' to the record.",
            "foo|200||record|false|uint8,record||invalid record type values specified for the option definition: attempted to add invalid data type 'record' to the record.",
            "foo|200||bogus|false|||option type 'bogus' not supported.",
            "foo|200||internal|false|||option type 'internal' not supported.",
            "foo|200||uint8|true||bar|option 'dhcp4.foo', comprising an array of data fields may not encapsulate any option space",
            "foo|200||empty|false||bar bar|invalid encapsulated option space name: 'bar bar'",
    })
    void invalidDefinitions(String name, long code, String space, String type, boolean array, String records,
                            String encapsulate, String message) {
        OptionConfigException e = assertThrows(OptionConfigException.class,
                () -> def4(name, code, space, type, array, records, encapsulate));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1foo|200||uint8|false|", "f_o|200||uint8|false|", "FOO|200||uint8|false|",
            "foo|0|bar|uint8|false|", "foo|255|bar|uint8|false|", "foo|200||tuple|true|", "foo|200||fqdn|true|",
            "foo|200||record|false|uint8,string", "foo|200||record|false|uint8 , ipv4-address,",
            "foo|200||record|false|uint8,fqdn,uint8", "foo|200||record|false|uint8,psid,ipv6-prefix,int16"})
    void validDefinitions(String name, long code, String space, String type, boolean array, String records) throws Exception {
        OptionDefinition d = def4(name, code, space, type, array, records, null);
        assertEquals(name, d.name());
    }

    @Test
    void v6CodeRange() throws Exception {
        assertEquals("invalid option code '0': reserved value", assertThrows(OptionConfigException.class,
                () -> OptionDefinition.fromKea(Universe.V6, "foo", 0, null, "uint8", false, null, null)).getMessage());
        assertEquals("invalid option code '65536', it must not be greater than '65535'", assertThrows(OptionConfigException.class,
                () -> OptionDefinition.fromKea(Universe.V6, "foo", 65536, null, "uint8", false, null, null)).getMessage());
        assertEquals(65535, OptionDefinition.fromKea(Universe.V6, "foo", 65535, null, "uint8", false, null, null).code());
    }

    @Test
    void standardOptionsCannotBeRedefined() throws Exception {
        assertEquals("unable to override definition of option '3' in standard option space 'dhcp4'",
                assertThrows(OptionConfigException.class, () -> v4.withCustomDefinitions(
                        List.of(def4("routers", 3, null, "uint8", false, null, null)))).getMessage());
        assertEquals("unable to override definition of option 'subnet-mask' in standard option space 'dhcp4'",
                assertThrows(OptionConfigException.class, () -> v4.withCustomDefinitions(
                        List.of(def4("subnet-mask", 201, null, "uint8", false, null, null)))).getMessage());
        assertEquals("unable to override definition of option '89' in standard option space 's46-cont-mape-options'",
                assertThrows(OptionConfigException.class, () -> v6.withCustomDefinitions(List.of(OptionDefinition.fromKea(
                        Universe.V6, "foo", 89, "s46-cont-mape-options", "uint8", false, null, null)))).getMessage());
        // Vendor spaces and option 43 can be redefined, as in Kea 2.2.
        v6.withCustomDefinitions(List.of(OptionDefinition.fromKea(Universe.V6, "foo", 200, "vendor-4491", "uint8", false, null, null)));
        OptionRegistry r = v4.withCustomDefinitions(List.of(def4("vendor-encapsulated-options", 43, null, "uint8", false, null, null)));
        assertEquals(OptionDataType.UINT8, r.definition("dhcp4", 43).orElseThrow().type());
    }

    @Test
    void duplicatesInASpaceAreRefused() throws Exception {
        assertEquals("option definition with name 'foo' already exists in option space 'dhcp4'",
                assertThrows(OptionConfigException.class, () -> v4.withCustomDefinitions(List.of(
                        def4("foo", 201, null, "uint8", false, null, null),
                        def4("foo", 202, null, "uint8", false, null, null)))).getMessage());
        OptionConfigException x = assertThrows(OptionConfigException.class, () -> v4.withCustomDefinitions(List.of(
                def4("foo", 201, null, "uint8", false, null, null),
                def4("foo2", 201, null, "uint8", false, null, null))));
        assertEquals("option definition with code '201' already exists in option space 'dhcp4'", x.getMessage());
        assertEquals(1, x.entryIndex());
        // The same name in two spaces is fine.
        v4.withCustomDefinitions(List.of(def4("foo", 201, null, "uint8", false, null, null),
                def4("foo", 201, "other", "uint8", false, null, null)));
    }

    @Test
    void customDefinitionReplacesAKea3OnlyStandardOne() throws Exception {
        // Kea 2.2 configs commonly define option 121 themselves; Tui must accept that unchanged.
        OptionRegistry r = v4.withCustomDefinitions(List.of(
                def4("rfc3442-routes", 121, null, "record", true, "uint8,uint8,uint8,uint8,uint8,uint8,uint8,uint8", null)));
        assertEquals("rfc3442-routes", r.definition("dhcp4", 121).orElseThrow().name());
        assertTrue(r.definition("dhcp4", "classless-static-route").isEmpty());
        assertArrayEquals(HexFormat.of().parseHex("180a0000c0a80101"),
                r.encodeOptionData(null, "rfc3442-routes", null, "24, 10, 0, 0, 192, 168, 1, 1", null));
        // Without the custom definition, the Kea 3.x definition is there.
        assertEquals(OptionDataType.INTERNAL, v4.definition("dhcp4", 121).orElseThrow().type());
    }

    @Test
    void customRecordWithArrayLastField() throws Exception {
        OptionRegistry r = v4.withCustomDefinitions(List.of(
                def4("lst", 200, null, "record", true, "uint16,ipv4-address", null)));
        assertArrayEquals(HexFormat.of().parseHex("0102c0000201c0000202"),
                r.encodeOptionData(null, "lst", null, "258, 192.0.2.1, 192.0.2.2", null));
        assertEquals("258, 192.0.2.1, 192.0.2.2",
                r.decode("dhcp4", 200, HexFormat.of().parseHex("0102c0000201c0000202")).toKeaText());
        assertEquals(List.of(r.definition("dhcp4", 200).orElseThrow()), r.customDefinitions());
        assertFalse(v4.definition("dhcp4", 200).isPresent());
    }

    @Test
    void lookupsAndSpaces() {
        assertEquals(3, v4.definition("dhcp4", "routers").orElseThrow().code());
        assertEquals("domain-name-servers", v4.definition("dhcp4", 6).orElseThrow().name());
        assertEquals("tftp-servers", v4.definition("vendor-4491", 2).orElseThrow().name());
        assertEquals("tftp-servers", v6.definition("vendor-4491", 32).orElseThrow().name());
        assertEquals("4o6-source-port", v6.definition("vendor-2495", 60002).orElseThrow().name());
        assertTrue(v4.spaces().containsAll(List.of("dhcp4", "vendor-encapsulated-options-space", "dhcp-agent-options-space")));
        assertEquals(List.of(), v4.definitions("vendor-encapsulated-options-space"));
        assertEquals(List.of("vendor-encapsulated-options"),
                v4.encapsulatingOptions("vendor-encapsulated-options-space").stream().map(OptionDefinition::name).toList());
        assertEquals(List.of("s46-cont-mape"),
                v6.encapsulatingOptions("s46-cont-mape-options").stream().map(OptionDefinition::name).toList());
        assertEquals(4491L, OptionRegistry.vendorEnterpriseId("vendor-4491").orElseThrow());
        assertTrue(OptionRegistry.vendorEnterpriseId("vendor-").isEmpty());
        assertTrue(OptionRegistry.vendorEnterpriseId("vendor-abc").isEmpty());
        assertTrue(OptionRegistry.vendorEnterpriseId("vendor-99999999999").isEmpty());
    }
}
