package io.tui.dhcp.core.config.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.config.ConfigException;
import io.tui.dhcp.core.config.json.JsonValue.JsonArray;
import io.tui.dhcp.core.config.json.JsonValue.JsonNumber;
import io.tui.dhcp.core.config.json.JsonValue.JsonObject;
import io.tui.dhcp.core.config.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeaJsonReaderTest {
    private final List<String> warnings = new ArrayList<>();
    private final KeaJsonReader reader = new KeaJsonReader(warnings::add);

    private JsonValue read(String text) throws ConfigException {
        return reader.readText(text, "t.json", null);
    }

    private String error(String text) {
        return assertThrows(ConfigException.class, () -> read(text)).getMessage();
    }

    @Test
    void allThreeCommentStylesAreSkipped() throws Exception {
        JsonObject o = (JsonObject) read("""
                # hash comment
                {
                  // slash comment
                  "a": /* inline */ 1, /* multi
                  line */ "b": "x#y//z" # trailing
                }
                """);
        assertEquals(List.of("a", "b"), List.copyOf(o.members().keySet()));
        assertEquals("x#y//z", ((JsonString) o.get("b")).value());
    }

    @Test
    void everyNodeKnowsFileLineAndColumn() throws Exception {
        JsonObject o = (JsonObject) read("{\n  \"subnet4\": [\n    { \"id\": 7 }\n  ]\n}");
        assertEquals(new Position("t.json", 1, 1), o.position());
        assertEquals(new Position("t.json", 2, 3), o.members().get("subnet4").keyPosition());
        JsonArray a = (JsonArray) o.get("subnet4");
        assertEquals(new Position("t.json", 2, 14), a.position());
        JsonObject s = (JsonObject) a.items().get(0);
        assertEquals("t.json:3:5", s.position().toString());
        assertEquals("t.json:3:13", s.get("id").position().toString());
    }

    @Test
    void numbersKeepIntegerOrRealAndAcceptLeadingDot() throws Exception {
        JsonObject o = (JsonObject) read("{\"i\": -42, \"r\": .5, \"e\": 1e3, \"f\": 0.875}");
        assertEquals(-42L, o.get("i").toPlain());
        assertTrue(((JsonNumber) o.get("r")).value().compareTo(new BigDecimal("0.5")) == 0);
        assertEquals("real", o.get("e").kind());
        assertEquals(new BigDecimal("0.875"), o.get("f").toPlain());
    }

    @Test
    void stringEscapesAreDecoded() throws Exception {
        JsonString s = (JsonString) read("\"a\\\"b\\\\c\\n\\u0041\\/\"");
        assertEquals("a\"b\\c\nA/", s.value());
    }

    @Test
    void extraneousCommaIsAcceptedWithAWarning() throws Exception {
        JsonObject o = (JsonObject) read("{\"a\": [1, 2,], }");
        assertEquals(2, ((JsonArray) o.get("a")).items().size());
        assertEquals(List.of("extraneous comma (t.json:1:12)", "extraneous comma (t.json:1:14)"), warnings);
    }

    @Test
    void syntaxErrorsCarryTheirPosition() {
        assertEquals("syntax error, unexpected integer, expecting a quoted key (t.json:2:3)", error("{\n  1: 2}"));
        assertEquals("string not closed (t.json:1:8)", error("{\"a\":  \"abc"));
        assertEquals("comment not closed (t.json:1:3)", error("{ /* never closed"));
        assertEquals("bad escape \\'q' in a string (t.json:1:3)", error("\"a\\q\""));
        assertEquals("syntax error, invalid character or keyword: nul (t.json:1:7)", error("{\"a\": nul}"));
        assertEquals("syntax error, unexpected \"}\", expecting a JSON value (t.json:1:7)", error("{\"a\": }"));
        assertEquals("syntax error, unexpected constant string, expecting , or } (t.json:1:10)",
                error("{\"a\": 1  \"b\": 2}"));
        assertEquals("syntax error, unexpected end of file, expecting a JSON value (t.json:1:1)", error(""));
        assertEquals("syntax error, unexpected \"{\", expecting end of file (t.json:1:4)", error("{} {}"));
        assertEquals("number 99999999999999999999 is out of range (t.json:1:1)", error("99999999999999999999"));
        assertEquals("control character U+0009 in a string (t.json:1:3)", error("\"a\tb\""));
    }

    @Test
    void duplicateKeysAreRejectedNamingBothPlaces() {
        assertEquals("duplicate 'valid-lifetime' parameter (previous at t.json:1:2) (t.json:2:1)",
                error("{\"valid-lifetime\": 1,\n\"valid-lifetime\": 2}"));
    }

    @Test
    void nestingIsBounded() {
        String deep = "[".repeat(KeaJsonReader.MAX_DEPTH + 1) + "]".repeat(KeaJsonReader.MAX_DEPTH + 1);
        assertTrue(error(deep).startsWith("maps and lists nested deeper than"));
        String ok = "[".repeat(KeaJsonReader.MAX_DEPTH) + "]".repeat(KeaJsonReader.MAX_DEPTH);
        assertInstanceOf(JsonArray.class, assertDoesNotThrowRead(ok));
    }

    private JsonValue assertDoesNotThrowRead(String text) {
        try {
            return read(text);
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void includesResolveRelativeToTheIncludingFileWithTheirOwnPositions(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("main.json"), "{\n  \"Dhcp4\": <?include \"sub/dhcp4.json\"?>\n}");
        Files.writeString(dir.resolve("sub/dhcp4.json"), "{ \"subnet4\": <?include \"subnets.json\"?> }");
        Files.writeString(dir.resolve("sub/subnets.json"), "\n\n  [ { \"id\": 1 } ]");
        JsonObject root = (JsonObject) reader.readFile(dir.resolve("main.json"));
        JsonObject d = (JsonObject) root.get("Dhcp4");
        assertEquals(dir.resolve("sub/dhcp4.json").toString() + ":1:1", d.position().toString());
        JsonArray subnets = (JsonArray) d.get("subnet4");
        assertEquals(dir.resolve("sub/subnets.json").toString() + ":3:3", subnets.position().toString());
    }

    @Test
    void includeLeavingTheDirectoryIsRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("secret.json"), "{}");
        Files.writeString(dir.resolve("conf/main.json"), "{ \"a\": <?include \"../secret.json\"?> }");
        String m = assertThrows(ConfigException.class, () -> reader.readFile(dir.resolve("conf/main.json")))
                .getMessage();
        assertTrue(m.startsWith("include of ../secret.json refused: it leaves the directory"), m);
        assertTrue(m.endsWith("main.json:1:8)"), m);
    }

    @Test
    void includeLoopIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), "{ \"x\": <?include \"b.json\"?> }");
        Files.writeString(dir.resolve("b.json"), "<?include \"a.json\"?>");
        String m = assertThrows(ConfigException.class, () -> reader.readFile(dir.resolve("a.json"))).getMessage();
        assertTrue(m.startsWith("include loop: "), m);
    }

    @Test
    void missingIncludeAndMissingFileAreConfigErrors(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), "<?include \"nope.json\"?>");
        assertTrue(assertThrows(ConfigException.class, () -> reader.readFile(dir.resolve("a.json"))).getMessage()
                .startsWith("unable to open include file nope.json"));
        assertTrue(assertThrows(ConfigException.class, () -> reader.readFile(dir.resolve("none.json"))).getMessage()
                .startsWith("unable to open file "));
    }

    @Test
    void textWithoutADirectoryRefusesIncludes() {
        assertEquals("include of x.json refused: this text has no directory (t.json:1:1)",
                error("<?include \"x.json\"?>"));
    }

    @Test
    void invalidUtf8IsAConfigError(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("bad.json"), new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'});
        assertTrue(assertThrows(ConfigException.class, () -> reader.readFile(dir.resolve("bad.json"))).getMessage()
                .contains("is not valid UTF-8"));
    }
}
