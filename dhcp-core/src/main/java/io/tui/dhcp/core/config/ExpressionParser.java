package io.tui.dhcp.core.config;

import io.tui.dhcp.core.config.model.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses Kea's client classification expressions ({@code test}) to check their syntax and types: a test must be a
 * boolean expression built from {@code ==}, {@code and}, {@code or}, {@code not}, {@code member('...')},
 * {@code .exists} checks and string-valued terms (literals, option/relay/pkt/vendor accessors and the string
 * functions). Evaluation belongs to the classification engine; this keeps the checked text and the referenced
 * class names.
 */
final class ExpressionParser {
    private static final int MAX_LENGTH = 8192;
    private static final int MAX_DEPTH = 64;
    private static final Set<String> BUILT_IN = Set.of("ALL", "KNOWN", "UNKNOWN", "BOOTP", "DROP");
    private static final List<String> BUILT_IN_PREFIXES = List.of("VENDOR_CLASS_", "HA_", "AFTER_", "EXTERNAL_",
            "SPAWN_");
    private static final Set<String> STRING_FUNCTIONS_1 = Set.of("lcase", "ucase", "addrtotext", "int8totext",
            "int16totext", "int32totext", "uint8totext", "uint16totext", "uint32totext", "toupper", "tolower");
    private static final Set<String> PKT4_FIELDS = Set.of("mac", "hlen", "htype", "ciaddr", "giaddr", "yiaddr",
            "siaddr", "msgtype", "transid");
    private static final Set<String> PKT6_FIELDS = Set.of("msgtype", "transid");
    private static final Set<String> PKT_FIELDS = Set.of("iface", "src", "dst", "len");

    /** Thrown for a syntax or type error in an expression. */
    static final class ExpressionException extends Exception {
        private static final long serialVersionUID = 1L;

        ExpressionException(String message) {
            super(message, null, false, false);
        }
    }

    static boolean isBuiltInClass(String name) {
        if (BUILT_IN.contains(name)) {
            return true;
        }
        for (String p : BUILT_IN_PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    Expression parse(String text, boolean v6) throws ExpressionException {
        if (text.length() > MAX_LENGTH) {
            throw new ExpressionException("expression longer than " + MAX_LENGTH + " characters");
        }
        State s = new State(tokenize(text), v6);
        Kind k = s.orExpr(0);
        if (s.pos < s.tokens.size()) {
            throw new ExpressionException("<string>:1." + (s.peek().col + 1) + ": syntax error, unexpected "
                    + s.peek().text);
        }
        if (k != Kind.BOOL) {
            throw new ExpressionException("the expression is a string, not a boolean (a test needs ==, member,"
                    + " exists, and, or, not)");
        }
        return new Expression(text, s.members, s.optionNames);
    }

    private enum Kind { BOOL, STRING }

    private enum TT { STRING, NUMBER, HEX, IP, WORD, PUNCT }

    private record Tok(TT type, String text, int col) {}

    private static List<Tok> tokenize(String t) throws ExpressionException {
        List<Tok> out = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else if (c == '\'') {
                int j = t.indexOf('\'', i + 1);
                if (j < 0) {
                    throw new ExpressionException("<string>:1." + (i + 1) + ": unterminated string");
                }
                out.add(new Tok(TT.STRING, t.substring(i + 1, j), i));
                i = j + 1;
            } else if (c == '=' && i + 1 < t.length() && t.charAt(i + 1) == '=') {
                out.add(new Tok(TT.PUNCT, "==", i));
                i += 2;
            } else if ("()[],.+*".indexOf(c) >= 0) {
                out.add(new Tok(TT.PUNCT, String.valueOf(c), i));
                i++;
            } else if (c == '0' && i + 1 < t.length() && (t.charAt(i + 1) == 'x' || t.charAt(i + 1) == 'X')) {
                int j = i + 2;
                while (j < t.length() && Character.digit(t.charAt(j), 16) >= 0) {
                    j++;
                }
                if (j == i + 2) {
                    throw new ExpressionException("<string>:1." + (i + 1) + ": bad hex string");
                }
                out.add(new Tok(TT.HEX, t.substring(i, j), i));
                i = j;
            } else if (Character.isDigit(c) || c == ':' || c == '-' && i + 1 < t.length()
                    && Character.isDigit(t.charAt(i + 1))) {
                int j = i + 1;
                while (j < t.length() && (Character.digit(t.charAt(j), 16) >= 0 || t.charAt(j) == '.'
                        || t.charAt(j) == ':')) {
                    j++;
                }
                String word = t.substring(i, j);
                if (word.matches("-?[0-9]+")) {
                    out.add(new Tok(TT.NUMBER, word, i));
                } else if (io.tui.dhcp.core.config.model.IpAddress.parseAny(word) != null) {
                    out.add(new Tok(TT.IP, word, i));
                } else {
                    // a number directly followed by ".exists" style accessors cannot occur; treat digits only
                    int k = i + (c == '-' ? 1 : 0);
                    while (k < t.length() && Character.isDigit(t.charAt(k))) {
                        k++;
                    }
                    if (k == i) {
                        throw new ExpressionException("<string>:1." + (i + 1) + ": Invalid character: " + c);
                    }
                    out.add(new Tok(TT.NUMBER, t.substring(i, k), i));
                    j = k;
                }
                i = j;
            } else if (Character.isLetter(c)) {
                int j = i + 1;
                while (j < t.length() && (Character.isLetterOrDigit(t.charAt(j)) || t.charAt(j) == '-'
                        || t.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Tok(TT.WORD, t.substring(i, j), i));
                i = j;
            } else {
                throw new ExpressionException("<string>:1." + (i + 1) + ": Invalid character: " + c);
            }
        }
        return out;
    }

    private static final class State {
        final List<Tok> tokens;
        final boolean v6;
        final List<String> members = new ArrayList<>();
        final List<String> optionNames = new ArrayList<>();
        int pos;

        State(List<Tok> tokens, boolean v6) {
            this.tokens = tokens;
            this.v6 = v6;
        }

        Tok peek() {
            return pos < tokens.size() ? tokens.get(pos) : new Tok(TT.PUNCT, "end of expression", -1);
        }

        boolean at(String text) {
            Tok t = peek();
            return t.col >= 0 && (t.type == TT.PUNCT || t.type == TT.WORD) && t.text.equals(text);
        }

        ExpressionException error(String expected) {
            Tok t = peek();
            return new ExpressionException("<string>:1." + (t.col + 1) + ": syntax error, unexpected " + t.text
                    + ", expecting " + expected);
        }

        void expect(String text) throws ExpressionException {
            if (!at(text)) {
                throw error(text);
            }
            pos++;
        }

        Tok take(TT type, String what) throws ExpressionException {
            Tok t = peek();
            if (t.col < 0 || t.type != type) {
                throw error(what);
            }
            pos++;
            return t;
        }

        Kind orExpr(int depth) throws ExpressionException {
            Kind k = andExpr(depth);
            while (at("or")) {
                pos++;
                requireBool(k, "or");
                requireBool(andExpr(depth), "or");
                k = Kind.BOOL;
            }
            return k;
        }

        Kind andExpr(int depth) throws ExpressionException {
            Kind k = unary(depth);
            while (at("and")) {
                pos++;
                requireBool(k, "and");
                requireBool(unary(depth), "and");
                k = Kind.BOOL;
            }
            return k;
        }

        Kind unary(int depth) throws ExpressionException {
            if (depth > MAX_DEPTH) {
                throw new ExpressionException("expression nested too deeply");
            }
            if (at("not")) {
                pos++;
                requireBool(unary(depth + 1), "not");
                return Kind.BOOL;
            }
            Kind left = term(depth + 1);
            if (at("==")) {
                pos++;
                Kind right = term(depth + 1);
                if (left != Kind.STRING || right != Kind.STRING) {
                    throw new ExpressionException("== compares two strings");
                }
                return Kind.BOOL;
            }
            return left;
        }

        static void requireBool(Kind k, String op) throws ExpressionException {
            if (k != Kind.BOOL) {
                throw new ExpressionException("'" + op + "' needs boolean operands");
            }
        }

        /** A term, with the optional string concatenation {@code +}. */
        Kind term(int depth) throws ExpressionException {
            Kind k = primary(depth);
            while (at("+")) {
                pos++;
                if (k != Kind.STRING || primary(depth) != Kind.STRING) {
                    throw new ExpressionException("'+' concatenates strings");
                }
            }
            return k;
        }

        Kind primary(int depth) throws ExpressionException {
            if (depth > MAX_DEPTH) {
                throw new ExpressionException("expression nested too deeply");
            }
            Tok t = peek();
            if (t.col < 0) {
                throw error("an expression");
            }
            switch (t.type) {
                case STRING, NUMBER, HEX, IP -> {
                    pos++;
                    return Kind.STRING;
                }
                case PUNCT -> {
                    if (at("(")) {
                        pos++;
                        Kind k = orExpr(depth + 1);
                        expect(")");
                        return k;
                    }
                    throw error("an expression");
                }
                default -> { }
            }
            String w = t.text;
            if (w.equals("and") || w.equals("or") || w.equals("all")) {
                throw error("an expression");
            }
            if (v6 && (w.equals("pkt4") || w.equals("relay4"))) {
                throw new ExpressionException("<string>:1." + (t.col + 1) + ": " + w + " can only be used in DHCPv4.");
            }
            if (!v6 && (w.equals("pkt6") || w.equals("relay6"))) {
                throw new ExpressionException("<string>:1." + (t.col + 1) + ": " + w + " can only be used in DHCPv6.");
            }
            pos++;
            switch (w) {
                case "true", "false" -> {
                    return Kind.BOOL;
                }
                case "member" -> {
                    expect("(");
                    members.add(take(TT.STRING, "a quoted class name").text);
                    expect(")");
                    return Kind.BOOL;
                }
                case "option" -> {
                    String ref = bracketCodeOrName();
                    if (!ref.chars().allMatch(Character::isDigit)) {
                        optionNames.add(ref);
                    }
                    return optionSuffix();
                }
                case "relay4" -> {
                    bracketCodeOrName();
                    return optionSuffix();
                }
                case "relay6" -> {
                    expect("[");
                    take(TT.NUMBER, "a nesting level");
                    expect("]");
                    expect(".");
                    Tok f = take(TT.WORD, "option, peeraddr or linkaddr");
                    if (f.text.equals("option")) {
                        bracketCodeOrName();
                        return optionSuffix();
                    }
                    if (f.text.equals("peeraddr") || f.text.equals("linkaddr")) {
                        return Kind.STRING;
                    }
                    throw new ExpressionException("unknown relay6 field " + f.text);
                }
                case "pkt4", "pkt6", "pkt" -> {
                    expect(".");
                    Tok f = take(TT.WORD, "a packet field");
                    Set<String> fields = w.equals("pkt4") ? PKT4_FIELDS : w.equals("pkt6") ? PKT6_FIELDS : PKT_FIELDS;
                    if (!fields.contains(f.text)) {
                        throw new ExpressionException("unknown " + w + " field " + f.text);
                    }
                    return Kind.STRING;
                }
                case "vendor", "vendor-class" -> {
                    if (at(".")) {
                        pos++;
                        Tok f = take(TT.WORD, "enterprise");
                        if (!f.text.equals("enterprise")) {
                            throw new ExpressionException("unknown " + w + " field " + f.text);
                        }
                        return Kind.STRING;
                    }
                    expect("[");
                    Tok e = peek();
                    if (e.text.equals("*") || e.type == TT.NUMBER) {
                        pos++;
                    } else {
                        throw error("an enterprise number");
                    }
                    expect("]");
                    expect(".");
                    Tok f = take(TT.WORD, "a field");
                    switch (f.text) {
                        case "exists" -> {
                            return Kind.BOOL;
                        }
                        case "enterprise" -> {
                            return Kind.STRING;
                        }
                        case "option" -> {
                            bracketCodeOrName();
                            return optionSuffix();
                        }
                        case "data" -> {
                            if (at("[")) {
                                pos++;
                                take(TT.NUMBER, "an index");
                                expect("]");
                            }
                            return Kind.STRING;
                        }
                        default -> throw new ExpressionException("unknown " + w + " field " + f.text);
                    }
                }
                case "substring", "split" -> {
                    expect("(");
                    requireString(orExpr(depth + 1));
                    expect(",");
                    requireString(orExpr(depth + 1));
                    expect(",");
                    if (at("all")) {
                        pos++;
                    } else {
                        requireString(orExpr(depth + 1));
                    }
                    expect(")");
                    return Kind.STRING;
                }
                case "concat" -> {
                    expect("(");
                    requireString(orExpr(depth + 1));
                    expect(",");
                    requireString(orExpr(depth + 1));
                    expect(")");
                    return Kind.STRING;
                }
                case "hexstring" -> {
                    expect("(");
                    requireString(orExpr(depth + 1));
                    expect(",");
                    take(TT.STRING, "a separator string");
                    expect(")");
                    return Kind.STRING;
                }
                case "ifelse" -> {
                    expect("(");
                    requireBool(orExpr(depth + 1), "ifelse");
                    expect(",");
                    requireString(orExpr(depth + 1));
                    expect(",");
                    requireString(orExpr(depth + 1));
                    expect(")");
                    return Kind.STRING;
                }
                default -> {
                    if (STRING_FUNCTIONS_1.contains(w)) {
                        expect("(");
                        requireString(orExpr(depth + 1));
                        expect(")");
                        return Kind.STRING;
                    }
                    throw new ExpressionException("<string>:1." + (t.col + 1) + ": Invalid character: "
                            + w.charAt(0));
                }
            }
        }

        static void requireString(Kind k) throws ExpressionException {
            if (k != Kind.STRING) {
                throw new ExpressionException("a string argument was expected, not a boolean");
            }
        }

        /** Reads {@code [code]} or {@code [name]} and returns the text between the brackets. */
        String bracketCodeOrName() throws ExpressionException {
            expect("[");
            Tok c = peek();
            if (c.col >= 0 && (c.type == TT.NUMBER || c.type == TT.WORD)) {
                pos++;
            } else {
                throw error("an option code or name");
            }
            expect("]");
            return c.text;
        }

        Kind optionSuffix() throws ExpressionException {
            expect(".");
            Tok f = take(TT.WORD, "text, hex or exists");
            return switch (f.text) {
                case "exists" -> Kind.BOOL;
                case "text", "hex" -> Kind.STRING;
                default -> throw new ExpressionException("unknown option field " + f.text);
            };
        }
    }
}
