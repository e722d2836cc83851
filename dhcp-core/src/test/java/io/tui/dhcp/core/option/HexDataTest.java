package io.tui.dhcp.core.option;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code csv-format: false} data, with the forms Kea 2.2 accepts and refuses (checked with kea-dhcp4 -t). */
class HexDataTest {
    private final OptionRegistry v4 = OptionRegistry.standard(Universe.V4);

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "0a0b0c|0a0b0c", "0A0B0C|0a0b0c", "0x0a0b|0a0b", "102|0102", "0x102|0102",
            "01:02:3|010203", "01 02 3|010203", "a:b|0a0b", "'abc'|616263", "''|''"})
    void accepted(String data, String bytes) throws Exception {
        byte[] expected = bytes.equals("''") ? new byte[0] : HexFormat.of().parseHex(bytes);
        assertArrayEquals(expected, v4.encodeOptionData(null, null, 222, data, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0102 03", "zz", "01:0203", "0X0102", "01::02", "0x0x01"})
    void refused(String data) {
        OptionConfigException e = assertThrows(OptionConfigException.class,
                () -> v4.encodeOptionData(null, null, 222, data, false));
        assertEquals("option-data '' (code 222): option data is not a valid string of hexadecimal digits: " + data,
                e.getMessage());
    }

    @Test
    void emptyHexIsAnEmptyPayload() throws Exception {
        assertArrayEquals(new byte[0], v4.encodeOptionData(null, null, 222, "", false));
        assertArrayEquals(new byte[0], v4.encodeOptionData(null, null, 222, null, false));
    }

    @Test
    void hexForADefinedOptionMustFitTheDefinition() throws Exception {
        assertArrayEquals(HexFormat.of().parseHex("c0000201"), v4.encodeOptionData(null, "routers", null, "c0000201", false));
        String m = assertThrows(OptionConfigException.class,
                () -> v4.encodeOptionData(null, "routers", null, "0102", false)).getMessage();
        assertTrue(m.startsWith("option-data 'routers': option data does not match option definition (space: dhcp4, code: 3): "), m);
        m = assertThrows(OptionConfigException.class,
                () -> v4.encodeOptionData(null, "subnet-mask", null, "", false)).getMessage();
        assertTrue(m.contains("truncated"), m);
    }
}
