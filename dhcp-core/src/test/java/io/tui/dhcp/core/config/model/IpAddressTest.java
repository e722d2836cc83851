package io.tui.dhcp.core.config.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IpAddressTest {
    @ParameterizedTest
    @CsvSource({
        "192.0.2.1, 192.0.2.1",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
    })
    void ipv4RoundTrips(String in, String out) {
        assertEquals(out, IpAddress.parse(in, false).toString());
    }

    /** RFC 5952 section 4 canonical forms. */
    @ParameterizedTest
    @CsvSource({
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:DB8::1, 2001:db8::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "::, ::",
        "::1, ::1",
        "1::, 1::",
        "::ffff:192.0.2.1, ::ffff:c000:201",
        "fe80:0000:0000:0000:0204:61ff:fe9d:f156, fe80::204:61ff:fe9d:f156",
    })
    void ipv6IsRenderedCanonically(String in, String out) {
        assertEquals(out, IpAddress.parse(in, true).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01234.1.1.1", "1.2.3.-4", "a.b.c.d", " 1.2.3.4",
        "localhost", "1.2.3.4/24"})
    void badIpv4IsNull(String s) {
        assertNull(IpAddress.parse(s, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {":", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::", "1:2:3:4:5:6:7", ":1:2",
        "1:2:", "fe80::1%eth0", "::1.2.3", "1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4"})
    void badIpv6IsNull(String s) {
        assertNull(IpAddress.parse(s, true));
    }

    @Test
    void prefixesAndRanges() {
        Prefix p = Prefix.parse("192.0.2.77/24", false);
        assertEquals("192.0.2.0", p.first().toString());
        assertEquals("192.0.2.255", p.last().toString());
        assertTrue(p.contains(IpAddress.parse("192.0.2.200", false)));
        assertFalse(p.contains(IpAddress.parse("192.0.3.0", false)));
        assertFalse(p.contains(IpAddress.parse("::", true)));
        assertEquals("192.0.2.77/24", p.toString());
        assertNull(Prefix.parse("192.0.2.0/33", false));
        assertNull(Prefix.parse("192.0.2.0/", false));
        assertNull(Prefix.parse("2001:db8::/129", true));
        Prefix six = Prefix.parse("2001:db8::/32", true);
        assertEquals("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", six.last().toString());
        assertTrue(six.contains(Prefix.parse("2001:db8:1::/48", true)));
        assertFalse(Prefix.parse("2001:db8:1::/48", true).contains(six));
        AddressRange a = new AddressRange(IpAddress.parse("10.0.0.1", false), IpAddress.parse("10.0.0.9", false));
        AddressRange b = new AddressRange(IpAddress.parse("10.0.0.9", false), IpAddress.parse("10.0.0.20", false));
        AddressRange c = new AddressRange(IpAddress.parse("10.0.0.10", false), IpAddress.parse("10.0.0.20", false));
        assertTrue(a.overlaps(b));
        assertFalse(a.overlaps(c));
        assertEquals(new BigInteger("4294967295"), IpAddress.parse("255.255.255.255", false).value());
        assertEquals(16, IpAddress.parse("::1", true).toBytes().length);
        assertEquals(1, IpAddress.parse("::1", true).toBytes()[15]);
    }
}
