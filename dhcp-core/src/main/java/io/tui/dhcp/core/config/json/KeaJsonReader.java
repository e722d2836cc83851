package io.tui.dhcp.core.config.json;

import io.tui.dhcp.core.config.ConfigException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads Kea's JSON dialect: standard JSON plus {@code #}, {@code //} and {@code /* *}{@code /} comments,
 * {@code <?include "file"?>} directives (resolved relative to the including file, refused when they leave its
 * directory or loop), numbers such as {@code .5}, and a tolerated trailing comma (reported as a warning, as Kea
 * does). Every node carries its {@link Position}. Bad input ends in a {@link ConfigException}, never an unchecked
 * exception; nesting depth, include depth and total input size are bounded.
 *
 * <p>A reader is cheap and holds no state between calls; construct one per load.
 */
public final class KeaJsonReader {
    /** Deepest nesting of maps and lists accepted. */
    public static final int MAX_DEPTH = 128;
    /** Deepest chain of include directives accepted. */
    public static final int MAX_INCLUDE_DEPTH = 16;
    /** Most characters read over all files of one load. */
    public static final long MAX_TOTAL_CHARS = 64L << 20;

    private final Consumer<String> warnings;

    /** @param warnings receives non-fatal remarks (such as an extraneous comma), each with its position */
    public KeaJsonReader(Consumer<String> warnings) {
        this.warnings = warnings;
    }

    /** Reads a file; includes are resolved relative to its directory. The file is named as given in positions. */
    public JsonValue readFile(Path file) throws ConfigException {
        Lexer lexer = new Lexer();
        lexer.pushFile(file, file.toString(), null);
        return parseDocument(lexer);
    }

    /**
     * Reads text that did not come from a file (such as a config-set argument). {@code name} appears in positions;
     * {@code includeBase} is the directory includes are resolved against, or null to refuse includes.
     */
    public JsonValue readText(String text, String name, Path includeBase) throws ConfigException {
        Lexer lexer = new Lexer();
        lexer.pushText(text, name, includeBase);
        return parseDocument(lexer);
    }

    private JsonValue parseDocument(Lexer lexer) throws ConfigException {
        Token first = lexer.next();
        if (first.type == T.EOF) {
            throw new ConfigException("syntax error, unexpected end of file, expecting a JSON value", first.pos);
        }
        JsonValue v = parseValue(lexer, first, 0);
        Token end = lexer.next();
        if (end.type != T.EOF) {
            throw new ConfigException("syntax error, unexpected " + end.describe() + ", expecting end of file", end.pos);
        }
        return v;
    }

    private JsonValue parseValue(Lexer lx, Token t, int depth) throws ConfigException {
        switch (t.type) {
            case STRING:
                return new JsonValue.JsonString(t.text, t.pos);
            case NUMBER:
                return new JsonValue.JsonNumber(t.number, t.integral, t.pos);
            case TRUE:
                return new JsonValue.JsonBool(true, t.pos);
            case FALSE:
                return new JsonValue.JsonBool(false, t.pos);
            case NULL:
                return new JsonValue.JsonNull(t.pos);
            case LBRACE:
                return parseObject(lx, t, depth + 1);
            case LBRACKET:
                return parseArray(lx, t, depth + 1);
            default:
                throw new ConfigException("syntax error, unexpected " + t.describe() + ", expecting a JSON value", t.pos);
        }
    }

    private JsonValue parseObject(Lexer lx, Token open, int depth) throws ConfigException {
        if (depth > MAX_DEPTH) {
            throw new ConfigException("maps and lists nested deeper than " + MAX_DEPTH, open.pos);
        }
        Map<String, JsonValue.Member> members = new LinkedHashMap<>();
        Token t = lx.next();
        if (t.type == T.RBRACE) {
            return new JsonValue.JsonObject(members, open.pos);
        }
        while (true) {
            if (t.type != T.STRING) {
                throw new ConfigException("syntax error, unexpected " + t.describe() + ", expecting a quoted key", t.pos);
            }
            Token colon = lx.next();
            if (colon.type != T.COLON) {
                throw new ConfigException("syntax error, unexpected " + colon.describe() + ", expecting :", colon.pos);
            }
            JsonValue value = parseValue(lx, lx.next(), depth);
            JsonValue.Member previous = members.get(t.text);
            if (previous != null) {
                throw new ConfigException("duplicate '" + t.text + "' parameter (previous at "
                        + previous.keyPosition() + ")", t.pos);
            }
            members.put(t.text, new JsonValue.Member(t.text, t.pos, value));
            Token sep = lx.next();
            if (sep.type == T.RBRACE) {
                return new JsonValue.JsonObject(members, open.pos);
            }
            if (sep.type != T.COMMA) {
                throw new ConfigException("syntax error, unexpected " + sep.describe() + ", expecting , or }", sep.pos);
            }
            t = lx.next();
            if (t.type == T.RBRACE) {
                warnings.accept("extraneous comma (" + sep.pos + ")");
                return new JsonValue.JsonObject(members, open.pos);
            }
        }
    }

    private JsonValue parseArray(Lexer lx, Token open, int depth) throws ConfigException {
        if (depth > MAX_DEPTH) {
            throw new ConfigException("maps and lists nested deeper than " + MAX_DEPTH, open.pos);
        }
        List<JsonValue> items = new ArrayList<>();
        Token t = lx.next();
        if (t.type == T.RBRACKET) {
            return new JsonValue.JsonArray(items, open.pos);
        }
        while (true) {
            items.add(parseValue(lx, t, depth));
            Token sep = lx.next();
            if (sep.type == T.RBRACKET) {
                return new JsonValue.JsonArray(items, open.pos);
            }
            if (sep.type != T.COMMA) {
                throw new ConfigException("syntax error, unexpected " + sep.describe() + ", expecting , or ]", sep.pos);
            }
            t = lx.next();
            if (t.type == T.RBRACKET) {
                warnings.accept("extraneous comma (" + sep.pos + ")");
                return new JsonValue.JsonArray(items, open.pos);
            }
        }
    }

    private enum T { LBRACE, RBRACE, LBRACKET, RBRACKET, COLON, COMMA, STRING, NUMBER, TRUE, FALSE, NULL, EOF }

    private static final class Token {
        final T type;
        final Position pos;
        final String text;
        final BigDecimal number;
        final boolean integral;

        Token(T type, Position pos, String text, BigDecimal number, boolean integral) {
            this.type = type;
            this.pos = pos;
            this.text = text;
            this.number = number;
            this.integral = integral;
        }

        String describe() {
            return switch (type) {
                case STRING -> "constant string";
                case NUMBER -> integral ? "integer" : "floating point";
                case EOF -> "end of file";
                case TRUE, FALSE -> "boolean";
                case NULL -> "null";
                default -> "\"" + text + "\"";
            };
        }
    }

    /** One file or text being lexed; includes push new sources on a stack. */
    private static final class Source {
        final String text;
        final String name;
        final Path realPath; // null for text input
        final Path includeBase; // directory includes resolve against, or null
        int pos;
        int line = 1;
        int col = 1;

        Source(String text, String name, Path realPath, Path includeBase) {
            this.text = text;
            this.name = name;
            this.realPath = realPath;
            this.includeBase = includeBase;
        }
    }

    private static final class Lexer {
        private final Deque<Source> stack = new ArrayDeque<>();
        private long totalChars;

        void pushText(String text, String name, Path includeBase) throws ConfigException {
            account(text.length(), null);
            Path base = includeBase == null ? null : realDir(includeBase, null);
            stack.push(new Source(text, name, null, base));
        }

        void pushFile(Path file, String name, Position from) throws ConfigException {
            Path real;
            String text;
            try {
                real = file.toRealPath();
                long size = Files.size(real);
                account(size, from);
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(real))).toString();
            } catch (CharacterCodingException e) {
                throw new ConfigException("file " + name + " is not valid UTF-8", from);
            } catch (IOException e) {
                throw new ConfigException("unable to open file " + name + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()), from);
            }
            for (Source s : stack) {
                if (real.equals(s.realPath)) {
                    throw new ConfigException("include loop: " + name + " is already being read", from);
                }
            }
            if (stack.size() > MAX_INCLUDE_DEPTH) {
                throw new ConfigException("includes nested deeper than " + MAX_INCLUDE_DEPTH, from);
            }
            Path parent = real.getParent();
            stack.push(new Source(text, name, real, parent));
        }

        private void account(long chars, Position from) throws ConfigException {
            totalChars += chars;
            if (totalChars > MAX_TOTAL_CHARS) {
                throw new ConfigException("configuration larger than " + MAX_TOTAL_CHARS + " bytes", from);
            }
        }

        private static Path realDir(Path dir, Position from) throws ConfigException {
            try {
                return dir.toRealPath();
            } catch (IOException e) {
                throw new ConfigException("include directory " + dir + " is not accessible", from);
            }
        }

        Token next() throws ConfigException {
            while (true) {
                Source s = stack.peek();
                if (s == null) {
                    return new Token(T.EOF, new Position("<end>", 0, 0), "", null, false);
                }
                skipBlanksAndComments(s);
                if (s.pos >= s.text.length()) {
                    if (stack.size() == 1) {
                        return new Token(T.EOF, here(s), "", null, false);
                    }
                    stack.pop();
                    continue;
                }
                if (s.text.startsWith("<?include", s.pos)) {
                    include(s);
                    continue;
                }
                return token(s);
            }
        }

        private static Position here(Source s) {
            return new Position(s.name, s.line, s.col);
        }

        private static void advance(Source s) {
            char c = s.text.charAt(s.pos++);
            if (c == '\n') {
                s.line++;
                s.col = 1;
            } else {
                s.col++;
            }
        }

        private static void skipBlanksAndComments(Source s) throws ConfigException {
            String t = s.text;
            while (s.pos < t.length()) {
                char c = t.charAt(s.pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\uFEFF') {
                    advance(s);
                } else if (c == '#' || t.startsWith("//", s.pos)) {
                    while (s.pos < t.length() && t.charAt(s.pos) != '\n') {
                        advance(s);
                    }
                } else if (t.startsWith("/*", s.pos)) {
                    Position start = here(s);
                    advance(s);
                    advance(s);
                    while (true) {
                        if (s.pos >= t.length()) {
                            throw new ConfigException("comment not closed", start);
                        }
                        if (t.startsWith("*/", s.pos)) {
                            advance(s);
                            advance(s);
                            break;
                        }
                        advance(s);
                    }
                } else {
                    return;
                }
            }
        }

        private void include(Source s) throws ConfigException {
            Position start = here(s);
            for (int i = 0; i < "<?include".length(); i++) {
                advance(s);
            }
            while (s.pos < s.text.length() && (s.text.charAt(s.pos) == ' ' || s.text.charAt(s.pos) == '\t')) {
                advance(s);
            }
            if (s.pos >= s.text.length() || s.text.charAt(s.pos) != '"') {
                throw new ConfigException("include directive needs a quoted file name", start);
            }
            Token name = string(s);
            while (s.pos < s.text.length() && (s.text.charAt(s.pos) == ' ' || s.text.charAt(s.pos) == '\t')) {
                advance(s);
            }
            if (!s.text.startsWith("?>", s.pos)) {
                throw new ConfigException("include directive not closed with ?>", start);
            }
            advance(s);
            advance(s);
            if (s.includeBase == null) {
                throw new ConfigException("include of " + name.text + " refused: this text has no directory", start);
            }
            Path target;
            try {
                target = s.includeBase.resolve(name.text).normalize();
            } catch (RuntimeException e) { // InvalidPathException
                throw new ConfigException("invalid include file name: " + name.text, start);
            }
            Path real;
            try {
                real = target.toRealPath();
            } catch (IOException e) {
                throw new ConfigException("unable to open include file " + name.text, start);
            }
            if (!real.startsWith(s.includeBase)) {
                throw new ConfigException("include of " + name.text + " refused: it leaves the directory "
                        + s.includeBase, start);
            }
            Path shown = s.realPath == null ? Path.of(name.text) : Path.of(s.name).resolveSibling(name.text).normalize();
            pushFile(real, shown.toString(), start);
        }

        private Token token(Source s) throws ConfigException {
            Position p = here(s);
            char c = s.text.charAt(s.pos);
            switch (c) {
                case '{': advance(s); return new Token(T.LBRACE, p, "{", null, false);
                case '}': advance(s); return new Token(T.RBRACE, p, "}", null, false);
                case '[': advance(s); return new Token(T.LBRACKET, p, "[", null, false);
                case ']': advance(s); return new Token(T.RBRACKET, p, "]", null, false);
                case ':': advance(s); return new Token(T.COLON, p, ":", null, false);
                case ',': advance(s); return new Token(T.COMMA, p, ",", null, false);
                case '"': return string(s);
                default:
            }
            if (c == '-' || c == '.' || (c >= '0' && c <= '9')) {
                return number(s);
            }
            if (Character.isLetter(c)) {
                int end = s.pos;
                while (end < s.text.length() && end - s.pos < 16 && Character.isLetter(s.text.charAt(end))) {
                    end++;
                }
                String word = s.text.substring(s.pos, end);
                T type = switch (word) {
                    case "true" -> T.TRUE;
                    case "false" -> T.FALSE;
                    case "null" -> T.NULL;
                    default -> null;
                };
                if (type == null) {
                    throw new ConfigException("syntax error, invalid character or keyword: " + word, p);
                }
                while (s.pos < end) {
                    advance(s);
                }
                return new Token(type, p, word, null, false);
            }
            throw new ConfigException("syntax error, invalid character: " + printable(c), p);
        }

        private static String printable(char c) {
            return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
        }

        private static Token string(Source s) throws ConfigException {
            Position p = here(s);
            advance(s); // opening quote
            StringBuilder b = new StringBuilder();
            String t = s.text;
            while (true) {
                if (s.pos >= t.length()) {
                    throw new ConfigException("string not closed", p);
                }
                char c = t.charAt(s.pos);
                if (c == '"') {
                    advance(s);
                    return new Token(T.STRING, p, b.toString(), null, false);
                }
                if (c < 0x20) {
                    throw new ConfigException("control character " + printable(c) + " in a string", here(s));
                }
                if (c == '\\') {
                    Position esc = here(s);
                    advance(s);
                    if (s.pos >= t.length()) {
                        throw new ConfigException("string not closed", p);
                    }
                    char e = t.charAt(s.pos);
                    advance(s);
                    switch (e) {
                        case '"' -> b.append('"');
                        case '\\' -> b.append('\\');
                        case '/' -> b.append('/');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'n' -> b.append('\n');
                        case 'r' -> b.append('\r');
                        case 't' -> b.append('\t');
                        case 'u' -> {
                            if (s.pos + 4 > t.length()) {
                                throw new ConfigException("bad \\u escape in a string", esc);
                            }
                            int v = 0;
                            for (int i = 0; i < 4; i++) {
                                int d = Character.digit(t.charAt(s.pos), 16);
                                if (d < 0) {
                                    throw new ConfigException("bad \\u escape in a string", esc);
                                }
                                v = v * 16 + d;
                                advance(s);
                            }
                            b.append((char) v);
                        }
                        default -> throw new ConfigException("bad escape \\" + printable(e) + " in a string", esc);
                    }
                    continue;
                }
                b.append(c);
                advance(s);
            }
        }

        private static Token number(Source s) throws ConfigException {
            Position p = here(s);
            String t = s.text;
            int start = s.pos;
            int i = s.pos;
            if (i < t.length() && t.charAt(i) == '-') {
                i++;
            }
            int digits = 0;
            while (i < t.length() && Character.isDigit(t.charAt(i)) && t.charAt(i) < 128) {
                i++;
                digits++;
            }
            boolean integral = true;
            if (i < t.length() && t.charAt(i) == '.') {
                integral = false;
                i++;
                while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                    i++;
                    digits++;
                }
            }
            if (digits > 0 && i < t.length() && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
                integral = false;
                i++;
                if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                    i++;
                }
                int exp = 0;
                while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                    i++;
                    exp++;
                }
                if (exp == 0 || exp > 4) {
                    throw new ConfigException("syntax error, malformed number", p);
                }
            }
            if (digits == 0 || i - start > 400) {
                throw new ConfigException("syntax error, malformed number", p);
            }
            String text = t.substring(start, i);
            while (s.pos < i) {
                advance(s);
            }
            BigDecimal value;
            try {
                value = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new ConfigException("syntax error, malformed number " + text, p);
            }
            if (!integral && value.scale() <= 0) {
                // "5." and "5e3" are decimals: keep a fraction digit so that rendering writes "5.0" and "5000.0",
                // which read back as the same decimal, not as the integer 5.
                value = value.setScale(1);
            }
            if (integral && value.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw new ConfigException("number " + text + " is out of range", p);
            }
            return new Token(T.NUMBER, p, text, value, integral);
        }
    }
}
