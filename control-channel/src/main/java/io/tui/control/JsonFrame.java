package io.tui.control;

/**
 * Finds where one JSON value ends in a byte stream, as Kea's UNIX socket reader does: a command is complete when
 * its outermost brace (or bracket) closes, strings and escapes considered. Bytes that cannot start a JSON map or
 * list end the frame at once (the parser then says why). Structural characters are ASCII, so UTF-8 is safe.
 */
final class JsonFrame {
    private int depth;
    private boolean started;
    private boolean inString;
    private boolean escape;

    /** Feeds {@code buf[from, to)}; returns the index just past the end of the value, or -1 when more is needed. */
    int feed(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (!started) {
                if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                    continue;
                }
                if (b != '{' && b != '[') {
                    return i + 1;
                }
                started = true;
                depth = 1;
                continue;
            }
            if (inString) {
                if (escape) {
                    escape = false;
                } else if (b == '\\') {
                    escape = true;
                } else if (b == '"') {
                    inString = false;
                }
                continue;
            }
            switch (b) {
                case '"' -> inString = true;
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    if (--depth == 0) {
                        return i + 1;
                    }
                }
                default -> { }
            }
        }
        return -1;
    }
}
