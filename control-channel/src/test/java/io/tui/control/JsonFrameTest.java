package io.tui.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Where a command ends in a UNIX stream, fed byte by byte and all at once. */
class JsonFrameTest {
    static int end(String s, boolean byteByByte) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        JsonFrame f = new JsonFrame();
        if (!byteByByte) {
            return f.feed(b, 0, b.length);
        }
        for (int i = 0; i < b.length; i++) {
            int e = f.feed(b, i, i + 1);
            if (e >= 0) {
                return e;
            }
        }
        return -1;
    }

    @Test
    void framing() {
        for (boolean one : new boolean[] {true, false}) {
            assertEquals(16, end("{\"command\": \"x\"}  trailing", one));
            assertEquals(17, end("  \n{\"a\": \"}{\\\"}\"}{", one), "braces and escaped quotes in strings");
            assertEquals(-1, end("{\"a\": {\"b\": 1}", one));
            assertEquals(-1, end("{\"a\": \"\\\\\"", one), "an escaped backslash ends the escape");
            assertEquals(1, end("garbage", one), "no map: the frame ends at once");
            assertEquals(8, end("[1, [2]] x", one));
            assertEquals(11, end("{\"k\": \"\u00e9\"}", one), "UTF-8 passes through");
        }
    }
}
