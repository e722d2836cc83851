package io.tui.dhcp.core.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tui.dhcp.core.wire.ParseException;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import org.junit.jupiter.api.Test;

class AddressTextTest {

    @Test
    void ipv4RoundTrip() throws ParseException {
        assertEquals(0xc0000201, AddressText.parseV4("192.0.2.1"));
        assertEquals("192.0.2.1", AddressText.formatV4(0xc0000201));
        assertEquals("255.255.255.255", AddressText.formatV4(-1));
        assertEquals(0, AddressText.parseV4("0.0.0.0"));
    }

    @Test
    void ipv4Rejects() {
        for (String bad : new String[] {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4 ", "1..2.3", "1234.1.1.1",
                "a.b.c.d"}) {
            assertThrows(ParseException.class, () -> AddressText.parseV4(bad), bad);
        }
    }

    @Test
    void ipv6FormatsPerRfc5952() throws Exception {
        String[][] cases = {
            {"2001:db8:1::100", "2001:0db8:0001:0000:0000:0000:0000:0100"},
            {"::", "::"},
            {"::1", "0:0:0:0:0:0:0:1"},
            {"2001:db8::1:0:0:1", "2001:db8:0:0:1:0:0:1"},
            {"2001:db8:0:1:1:1:1:1", "2001:db8::1:1:1:1:1"},
            {"2001:db8:8:100::", "2001:db8:8:100:0:0:0:0"},
            {"fe80::", "FE80::"},
            {"::ffff:192.0.2.1", "::ffff:c000:201"},
        };
        for (String[] c : cases) {
            Ip6Address parsed = AddressText.parseV6(c[1]);
            assertEquals(c[0], AddressText.formatV6(parsed), c[1]);
            assertEquals(Ip6Address.parse(c[1]), parsed, c[1]);
        }
    }

    @Test
    void ipv6Rejects() {
        for (String bad : new String[] {"", ":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::",
                "1:2:3:4:5:6:7:8::", ":1::", "1:", "g::", "1:2:3:4:5:6:7:1.2.3.4"}) {
            assertThrows(ParseException.class, () -> AddressText.parseV6(bad), bad);
        }
    }
}
