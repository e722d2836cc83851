package io.tui.dhcp.lease.memfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeaCsvTextTest {

    private static String unescape(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return KeaCsvText.unescape(b, 0, b.length);
    }

    @Test
    void escapesAsKea22Wrote() {
        // Kea 2.2, lease4-add with hostname "comma,host&amp;x.example.org", wrote this (see resources/kea22).
        assertEquals("comma&#x2chost&#x26amp;x.example.org", KeaCsvText.escape("comma,host&amp;x.example.org"));
        assertEquals("{ \"n\": 1&#x2c \"note\": \"a&#x2cb\" }", KeaCsvText.escape("{ \"n\": 1, \"note\": \"a,b\" }"));
        assertEquals("comma,host&amp;x.example.org", unescape("comma&#x2chost&#x26amp;x.example.org"));
    }

    @Test
    void unescapesAsKea22Does() {
        // Fed to kea-lfc 2.2: "&#x41" became "A", and an invalid tag stayed as written.
        assertEquals("A&#xzz", unescape("&#x41&#xzz"));
        assertEquals("a,b", unescape("a&#x2Cb"));
        assertEquals("tail&#x2", unescape("tail&#x2"));
        assertEquals("&", unescape("&"));
    }

    @Test
    void roundTripsSqlCsvAndControlCharacters() {
        String[] samples = {
            "plain.example.org",
            "a,b,,c",
            "quote\"d 'single' ; DROP TABLE lease4; --",
            "amp & &#x2c literal",
            "tab\there\nnewline\r\ncrlf\u0000nul\u007fdel\u001besc",
            "{\"k\": \"v,w\", \"list\": [1, 2], \"nested\": {\"a\": \"&#x26\"}}",
            "ünïcödé,名前",
            "",
        };
        for (String s : samples) {
            String escaped = KeaCsvText.escape(s);
            for (char c : escaped.toCharArray()) {
                if (c == ',' || c < 0x20 || c == 0x7f) {
                    throw new AssertionError("unescaped " + (int) c + " in " + escaped);
                }
            }
            assertEquals(s, unescape(escaped), s);
        }
    }

    @Test
    void controlCharactersUseTwoLowerCaseHexDigits() {
        assertEquals("a&#x0ab&#x09c&#x7f", KeaCsvText.escape("a\nb\tc\u007f"));
    }
}
