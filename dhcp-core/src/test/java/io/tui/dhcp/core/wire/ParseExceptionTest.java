package io.tui.dhcp.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ParseExceptionTest {
    @Test
    void messageCarriesOffset() {
        ParseException e = new ParseException("option 53 truncated", 240);
        assertEquals("option 53 truncated (at byte 240)", e.getMessage());
        assertEquals(240, e.offset());
        assertEquals("no header", new ParseException("no header").getMessage());
    }
}
