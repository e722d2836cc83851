package io.tui.dhcp.core.option;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AddressTextTest {

    @ParameterizedTest
    @CsvSource({
            "::,00000000000000000000000000000000,::",
            "::1,00000000000000000000000000000001,::1",
            "1::,00010000000000000000000000000000,1::",
            "2001:db8::1,20010db8000000000000000000000001,2001:db8::1",
            "2001:DB8:0:0:1:0:0:1,20010db8000000000001000000000001,2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1,20010db8000000010001000100010001,2001:db8:0:1:1:1:1:1",
            "1:2:3:4:5:6:7:8,00010002000300040005000600070008,1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::,00010002000300040005000600070000,1:2:3:4:5:6:7:0",
            "::ffff:192.0.2.1,00000000000000000000ffffc0000201,::ffff:c000:201",
            "64:ff9b::192.0.2.33,0064ff9b0000000000000000c0000221,64:ff9b::c000:221",
            "1:2:3:4:5:6:1.2.3.4,00010002000300040005000601020304,1:2:3:4:5:6:102:304",
            "fe80::1%eth0,fe800000000000000000000000000001,fe80::1"})
    void ipv6ParseAndRfc5952Format(String text, String bytes, String canonical) {
        byte[] b = AddressText.parseIpv6(text);
        assertArrayEquals(HexFormat.of().parseHex(bytes), b, text);
        assertEquals(canonical, AddressText.formatIpv6(b, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1:::2", "1::2::3", ":1::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
            "12345::", "g::", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "::1.2.3.256", "1:", "fe80::1%", "::١"})
    void ipv6Refused(String text) {
        assertNull(AddressText.parseIpv6(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "a.b.c.d", "1.2.3.4 ", "١.2.3.4"})
    void ipv4Refused(String text) {
        assertNull(AddressText.parseIpv4(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "192.0.2.1", "10.0.0.0"})
    void ipv4RoundTrip(String text) {
        assertEquals(text, AddressText.formatIpv4(AddressText.parseIpv4(text), 0));
    }
}
