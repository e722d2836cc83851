package io.tui.dhcp.core.lease;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.wire.ParseException;
import org.junit.jupiter.api.Test;

class BytesTest {

    @Test
    void rendersAsKeaDoes() {
        assertEquals("01:02:0a:ff", Bytes.of((byte) 1, (byte) 2, (byte) 10, (byte) 0xff).toHex());
        assertEquals("", Bytes.EMPTY.toHex());
    }

    @Test
    void parsesColonGroupsOfOneOrTwoDigitsAndPlainHex() throws ParseException {
        Bytes expected = Bytes.of((byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5, (byte) 0x0a);
        assertEquals(expected, Bytes.fromHex("1:2:3:4:5:a"));
        assertEquals(expected, Bytes.fromHex("01:02:03:04:05:0A"));
        assertEquals(expected, Bytes.fromHex("01020304050a"));
        assertSame(Bytes.EMPTY, Bytes.fromHex(""));
    }

    @Test
    void rejectsMalformedHex() {
        for (String bad : new String[] {"1:", ":1", "1::2", "123:4", "0g", "abc", "01:zz", "é1"}) {
            assertThrows(ParseException.class, () -> Bytes.fromHex(bad), bad);
        }
    }

    @Test
    void isImmutableAndComparesByContent() throws ParseException {
        byte[] raw = {1, 2, 3};
        Bytes b = Bytes.of(raw);
        raw[0] = 9;
        assertEquals(1, b.get(0));
        b.toArray()[1] = 9;
        assertEquals(2, b.get(1));
        assertEquals(b, Bytes.fromHex("01:02:03"));
        assertEquals(b.hashCode(), Bytes.fromHex("010203").hashCode());
        assertNotEquals(b, Bytes.fromHex("01:02:04"));
        assertTrue(Bytes.fromHex("ff").compareTo(Bytes.fromHex("01")) > 0, "unsigned order");
        assertArrayEquals(new byte[] {1, 2, 3}, b.toArray());
    }

    @Test
    void sequentialHardwareAddressesSpreadOverHashBuckets() {
        // what perfdhcp and a cable modem batch look like: one fixed prefix, a counter in the last three bytes
        int n = 1 << 16;
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        int[] buckets = new int[1 << 12];
        for (int i = 0; i < n; i++) {
            int h = Bytes.of((byte) 2, (byte) 0x0c, (byte) 1, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i).hashCode();
            hashes.add(h);
            buckets[(h ^ (h >>> 16)) & (buckets.length - 1)]++; // what HashMap and ConcurrentHashMap index by
        }
        assertTrue(hashes.size() > n - 16, "distinct hashes: " + hashes.size());
        int max = java.util.Arrays.stream(buckets).max().orElseThrow();
        assertTrue(max < 40, "fullest of 4096 buckets holds " + max + " of " + n + " (16 on average)");
    }
}
