package io.tui.dhcp.core.classify;

import io.tui.dhcp.core.classify.Expr.Field;
import io.tui.dhcp.core.classify.Expr.PacketField;
import io.tui.dhcp.core.classify.Expr.Scope;
import io.tui.dhcp.core.classify.Expr.VendorField;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Parses Kea's client classification expressions into an {@link Expr} tree, checking syntax and types: a
 * {@code test} must be boolean, {@code ==} compares two strings, {@code and}/{@code or}/{@code not} take booleans,
 * the string functions take strings. Stateless; one instance may be shared.
 */
public final class ExpressionParser {
    private static final int MAX_LENGTH = 8192;
    private static final int MAX_DEPTH = 64;
    private static final Map<String, Expr.Function> FUNCTIONS = Map.ofEntries(
            Map.entry("lcase", Expr.Function.LCASE), Map.entry("ucase", Expr.Function.UCASE),
            Map.entry("addrtotext", Expr.Function.ADDRTOTEXT), Map.entry("int8totext", Expr.Function.INT8TOTEXT),
            Map.entry("int16totext", Expr.Function.INT16TOTEXT), Map.entry("int32totext", Expr.Function.INT32TOTEXT),
            Map.entry("uint8totext", Expr.Function.UINT8TOTEXT),
            Map.entry("uint16totext", Expr.Function.UINT16TOTEXT),
            Map.entry("uint32totext", Expr.Function.UINT32TOTEXT), Map.entry("toupper", Expr.Function.TOUPPER),
            Map.entry("tolower", Expr.Function.TOLOWER));
    private static final Map<String, PacketField> PKT4_FIELDS = Map.of("mac", PacketField.PKT4_MAC,
            "hlen", PacketField.PKT4_HLEN, "htype", PacketField.PKT4_HTYPE, "ciaddr", PacketField.PKT4_CIADDR,
            "giaddr", PacketField.PKT4_GIADDR, "yiaddr", PacketField.PKT4_YIADDR, "siaddr", PacketField.PKT4_SIADDR,
            "msgtype", PacketField.PKT4_MSGTYPE, "transid", PacketField.PKT4_TRANSID);
    private static final Map<String, PacketField> PKT6_FIELDS = Map.of("msgtype", PacketField.PKT6_MSGTYPE,
            "transid", PacketField.PKT6_TRANSID);
    private static final Map<String, PacketField> PKT_FIELDS = Map.of("iface", PacketField.PKT_IFACE,
            "src", PacketField.PKT_SRC, "dst", PacketField.PKT_DST, "len", PacketField.PKT_LEN);

    /**
     * A parsed expression.
     *
     * @param ast the tree
     * @param memberOf the class names referred to through {@code member('...')}, in order of appearance
     * @param optionNames the option names referred to through {@code option[name]} (top-level space)
     */
    public record Parsed(Expr ast, List<String> memberOf, List<String> optionNames) {
        public Parsed {
            memberOf = List.copyOf(memberOf);
            optionNames = List.copyOf(optionNames);
        }
    }

    /**
     * Parses a boolean {@code test} expression.
     *
     * @param v6 whether the expression is for DHCPv6 (pkt6/relay6 allowed) or DHCPv4 (pkt4/relay4 allowed)
     * @param optionCodes resolves {@code option[name]} to its code in the top-level space, {@code -1} when unknown
     */
    public Parsed parse(String text, boolean v6, ToIntFunction<String> optionCodes) throws ExpressionSyntaxException {
        if (text.length() > MAX_LENGTH) {
            throw new ExpressionSyntaxException("expression longer than " + MAX_LENGTH + " characters");
        }
        State s = new State(tokenize(text), v6, optionCodes);
        Expr e = s.orExpr(0);
        if (s.pos < s.tokens.size()) {
            throw new ExpressionSyntaxException("<string>:1." + (s.peek().col + 1) + ": syntax error, unexpected "
                    + s.peek().text);
        }
        if (!e.isBoolean()) {
            throw new ExpressionSyntaxException("the expression is a string, not a boolean (a test needs ==, member,"
                    + " exists, and, or, not)");
        }
        return new Parsed(e, s.members, s.optionNames);
    }

    private enum TT { STRING, NUMBER, HEX, IP, WORD, PUNCT }

    private record Tok(TT type, String text, int col) {}

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** ASCII hex digits only (Character.digit also accepts other scripts' digits). */
    private static boolean isHex(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isInteger(String w) {
        int start = w.startsWith("-") ? 1 : 0;
        if (w.length() == start) {
            return false;
        }
        for (int i = start; i < w.length(); i++) {
            if (w.charAt(i) < '0' || w.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The 4 or 16 bytes of an IP literal, or null when it is none. */
    static byte[] ipLiteral(String w) {
        boolean v6 = w.indexOf(':') >= 0;
        if (!v6) {
            String[] parts = w.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3 || !isInteger(parts[i])) {
                    return null;
                }
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return null;
                }
                out[i] = (byte) v;
            }
            return out;
        }
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!isHex(c) && c != ':' && c != '.') {
                return null;
            }
        }
        try {
            byte[] a = InetAddress.getByName(w).getAddress(); // literal only: the characters were checked above
            if (a.length == 16) {
                return a;
            }
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(a, 0, mapped, 12, 4);
            return mapped;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The end of an IPv6 literal starting with a hex letter at {@code i} (like fe80::1), or {@code i} if none. */
    private static int ipv6AfterLetter(String t, int i) {
        int j = i;
        boolean colon = false;
        while (j < t.length() && (isHex(t.charAt(j)) || t.charAt(j) == ':' || t.charAt(j) == '.')) {
            colon |= t.charAt(j) == ':';
            j++;
        }
        return colon && ipLiteral(t.substring(i, j)) != null ? j : i;
    }

    private static List<Tok> tokenize(String t) throws ExpressionSyntaxException {
        List<Tok> out = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else if (c == '\'') {
                int j = t.indexOf('\'', i + 1);
                if (j < 0) {
                    throw new ExpressionSyntaxException("<string>:1." + (i + 1) + ": unterminated string");
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
                while (j < t.length() && isHex(t.charAt(j))) {
                    j++;
                }
                if (j == i + 2) {
                    throw new ExpressionSyntaxException("<string>:1." + (i + 1) + ": bad hex string");
                }
                out.add(new Tok(TT.HEX, t.substring(i, j), i));
                i = j;
            } else if (isDigit(c) || c == ':' || c == '-' && i + 1 < t.length()
                    && isDigit(t.charAt(i + 1))) {
                int j = i + 1;
                while (j < t.length() && (isHex(t.charAt(j)) || t.charAt(j) == '.'
                        || t.charAt(j) == ':')) {
                    j++;
                }
                String word = t.substring(i, j);
                if (isInteger(word)) {
                    out.add(new Tok(TT.NUMBER, word, i));
                } else if (c != '-' && ipLiteral(word) != null) {
                    out.add(new Tok(TT.IP, word, i));
                } else {
                    int k = i + (c == '-' ? 1 : 0);
                    while (k < t.length() && isDigit(t.charAt(k))) {
                        k++;
                    }
                    if (k == i) {
                        throw new ExpressionSyntaxException("<string>:1." + (i + 1) + ": Invalid character: " + c);
                    }
                    out.add(new Tok(TT.NUMBER, t.substring(i, k), i));
                    j = k;
                }
                i = j;
            } else if (Character.isLetter(c) && ipv6AfterLetter(t, i) > i) {
                int j = ipv6AfterLetter(t, i);
                out.add(new Tok(TT.IP, t.substring(i, j), i));
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
                throw new ExpressionSyntaxException("<string>:1." + (i + 1) + ": Invalid character: " + c);
            }
        }
        return out;
    }

    private static final class State {
        final List<Tok> tokens;
        final boolean v6;
        final ToIntFunction<String> optionCodes;
        final List<String> members = new ArrayList<>();
        final List<String> optionNames = new ArrayList<>();
        int pos;

        State(List<Tok> tokens, boolean v6, ToIntFunction<String> optionCodes) {
            this.tokens = tokens;
            this.v6 = v6;
            this.optionCodes = optionCodes;
        }

        Tok peek() {
            return pos < tokens.size() ? tokens.get(pos) : new Tok(TT.PUNCT, "end of expression", -1);
        }

        boolean at(String text) {
            Tok t = peek();
            return t.col >= 0 && (t.type == TT.PUNCT || t.type == TT.WORD) && t.text.equals(text);
        }

        ExpressionSyntaxException error(String expected) {
            Tok t = peek();
            return new ExpressionSyntaxException("<string>:1." + (t.col + 1) + ": syntax error, unexpected " + t.text
                    + ", expecting " + expected);
        }

        void expect(String text) throws ExpressionSyntaxException {
            if (!at(text)) {
                throw error(text);
            }
            pos++;
        }

        Tok take(TT type, String what) throws ExpressionSyntaxException {
            Tok t = peek();
            if (t.col < 0 || t.type != type) {
                throw error(what);
            }
            pos++;
            return t;
        }

        long number(Tok t, long min, long max, String what) throws ExpressionSyntaxException {
            long v;
            try {
                v = Long.parseLong(t.text);
            } catch (NumberFormatException e) {
                v = Long.MIN_VALUE;
            }
            if (v < min || v > max) {
                throw new ExpressionSyntaxException("<string>:1." + (t.col + 1) + ": " + what + " " + t.text
                        + " is out of range " + min + ".." + max);
            }
            return v;
        }

        Expr orExpr(int depth) throws ExpressionSyntaxException {
            Expr e = andExpr(depth);
            while (at("or")) {
                pos++;
                requireBool(e, "or");
                Expr r = andExpr(depth);
                requireBool(r, "or");
                e = new Expr.Or(e, r);
            }
            return e;
        }

        Expr andExpr(int depth) throws ExpressionSyntaxException {
            Expr e = unary(depth);
            while (at("and")) {
                pos++;
                requireBool(e, "and");
                Expr r = unary(depth);
                requireBool(r, "and");
                e = new Expr.And(e, r);
            }
            return e;
        }

        Expr unary(int depth) throws ExpressionSyntaxException {
            if (depth > MAX_DEPTH) {
                throw new ExpressionSyntaxException("expression nested too deeply");
            }
            if (at("not")) {
                pos++;
                Expr e = unary(depth + 1);
                requireBool(e, "not");
                return new Expr.Not(e);
            }
            Expr left = term(depth + 1);
            if (at("==")) {
                pos++;
                Expr right = term(depth + 1);
                if (left.isBoolean() || right.isBoolean()) {
                    throw new ExpressionSyntaxException("== compares two strings");
                }
                return new Expr.Equal(left, right);
            }
            return left;
        }

        static void requireBool(Expr e, String op) throws ExpressionSyntaxException {
            if (!e.isBoolean()) {
                throw new ExpressionSyntaxException("'" + op + "' needs boolean operands");
            }
        }

        /** A term, with the optional string concatenation {@code +}. */
        Expr term(int depth) throws ExpressionSyntaxException {
            Expr e = primary(depth);
            while (at("+")) {
                pos++;
                Expr r = primary(depth);
                if (e.isBoolean() || r.isBoolean()) {
                    throw new ExpressionSyntaxException("'+' concatenates strings");
                }
                e = new Expr.Concat(e, r);
            }
            return e;
        }

        Expr primary(int depth) throws ExpressionSyntaxException {
            if (depth > MAX_DEPTH) {
                throw new ExpressionSyntaxException("expression nested too deeply");
            }
            Tok t = peek();
            if (t.col < 0) {
                throw error("an expression");
            }
            switch (t.type) {
                case STRING -> {
                    pos++;
                    return Expr.Literal.text(t.text);
                }
                case NUMBER -> {
                    // Kea: an integer in a string position is its 32-bit unsigned value, 4 bytes in network order
                    pos++;
                    long v = number(t, 0, 0xffff_ffffL, "integer");
                    return new Expr.Literal(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8),
                        (byte) v});
                }
                case HEX -> {
                    pos++;
                    String digits = t.text.substring(2);
                    return new Expr.Literal(HexFormat.of().parseHex(digits.length() % 2 == 0 ? digits : "0" + digits));
                }
                case IP -> {
                    pos++;
                    return new Expr.Literal(ipLiteral(t.text));
                }
                case PUNCT -> {
                    if (at("(")) {
                        pos++;
                        Expr e = orExpr(depth + 1);
                        expect(")");
                        return e;
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
                throw new ExpressionSyntaxException("<string>:1." + (t.col + 1) + ": " + w
                        + " can only be used in DHCPv4.");
            }
            if (!v6 && (w.equals("pkt6") || w.equals("relay6"))) {
                throw new ExpressionSyntaxException("<string>:1." + (t.col + 1) + ": " + w
                        + " can only be used in DHCPv6.");
            }
            pos++;
            switch (w) {
                case "true", "false" -> {
                    return new Expr.BoolLiteral(w.equals("true"));
                }
                case "member" -> {
                    expect("(");
                    String name = take(TT.STRING, "a quoted class name").text;
                    members.add(name);
                    expect(")");
                    return new Expr.Member(name);
                }
                case "option" -> {
                    return option(Scope.PACKET, 0, true);
                }
                case "relay4" -> {
                    return option(Scope.RELAY4, 0, false);
                }
                case "relay6" -> {
                    expect("[");
                    int nest = (int) number(take(TT.NUMBER, "a nesting level"), -32, 32, "nesting level");
                    expect("]");
                    expect(".");
                    Tok f = take(TT.WORD, "option, peeraddr or linkaddr");
                    if (f.text.equals("option")) {
                        return option(Scope.RELAY6, nest, false);
                    }
                    if (f.text.equals("peeraddr") || f.text.equals("linkaddr")) {
                        return new Expr.Relay6Address(nest, f.text.equals("peeraddr"));
                    }
                    throw new ExpressionSyntaxException("unknown relay6 field " + f.text);
                }
                case "pkt4", "pkt6", "pkt" -> {
                    expect(".");
                    Tok f = take(TT.WORD, "a packet field");
                    Map<String, PacketField> fields = w.equals("pkt4") ? PKT4_FIELDS
                            : w.equals("pkt6") ? PKT6_FIELDS : PKT_FIELDS;
                    PacketField pf = fields.get(f.text);
                    if (pf == null) {
                        throw new ExpressionSyntaxException("unknown " + w + " field " + f.text);
                    }
                    return new Expr.Packet(pf);
                }
                case "vendor", "vendor-class" -> {
                    return vendor(w);
                }
                case "substring", "split" -> {
                    expect("(");
                    Expr s = string(depth);
                    expect(",");
                    Expr a = w.equals("substring") ? integerText(depth) : string(depth);
                    expect(",");
                    Expr b;
                    if (at("all")) {
                        pos++;
                        b = Expr.Literal.text("all");
                    } else {
                        b = integerText(depth);
                    }
                    expect(")");
                    return w.equals("substring") ? new Expr.Substring(s, a, b) : new Expr.Split(s, a, b);
                }
                case "concat" -> {
                    expect("(");
                    Expr a = string(depth);
                    expect(",");
                    Expr b = string(depth);
                    expect(")");
                    return new Expr.Concat(a, b);
                }
                case "hexstring" -> {
                    expect("(");
                    Expr a = string(depth);
                    expect(",");
                    Expr sep = string(depth);
                    expect(")");
                    return new Expr.HexString(a, sep);
                }
                case "ifelse" -> {
                    expect("(");
                    Expr c = orExpr(depth + 1);
                    requireBool(c, "ifelse");
                    expect(",");
                    Expr a = string(depth);
                    expect(",");
                    Expr b = string(depth);
                    expect(")");
                    return new Expr.IfElse(c, a, b);
                }
                default -> {
                    Expr.Function fn = FUNCTIONS.get(w);
                    if (fn != null) {
                        expect("(");
                        Expr a = string(depth);
                        expect(")");
                        return new Expr.Call(fn, a);
                    }
                    throw new ExpressionSyntaxException("<string>:1." + (t.col + 1) + ": Invalid character: "
                            + w.charAt(0));
                }
            }
        }

        Expr vendor(String w) throws ExpressionSyntaxException {
            boolean vendorClass = w.equals("vendor-class");
            if (at(".")) {
                pos++;
                Tok f = take(TT.WORD, "enterprise");
                if (!f.text.equals("enterprise")) {
                    throw new ExpressionSyntaxException("unknown " + w + " field " + f.text);
                }
                return new Expr.Vendor(vendorClass, -1, VendorField.ENTERPRISE, 0);
            }
            expect("[");
            Tok e = peek();
            long enterprise;
            if (at("*")) {
                pos++;
                enterprise = -1;
            } else if (e.col >= 0 && e.type == TT.NUMBER) {
                pos++;
                enterprise = number(e, 0, 0xffff_ffffL, "enterprise number");
            } else {
                throw error("an enterprise number");
            }
            expect("]");
            expect(".");
            Tok f = take(TT.WORD, "a field");
            switch (f.text) {
                case "exists" -> {
                    return new Expr.Vendor(vendorClass, enterprise, VendorField.EXISTS, 0);
                }
                case "enterprise" -> {
                    return new Expr.Vendor(vendorClass, enterprise, VendorField.ENTERPRISE, 0);
                }
                case "option" -> {
                    return option(Scope.VENDOR, enterprise, false);
                }
                case "data" -> {
                    int index = 0;
                    if (at("[")) {
                        pos++;
                        index = (int) number(take(TT.NUMBER, "an index"), 0, 255, "data index");
                        expect("]");
                    }
                    return new Expr.Vendor(vendorClass, enterprise, VendorField.DATA, index);
                }
                default -> throw new ExpressionSyntaxException("unknown " + w + " field " + f.text);
            }
        }

        /**
         * A substring start/length or split field: a bare integer stays decimal text there (Kea evaluates the text),
         * anything else is a string expression.
         */
        Expr integerText(int depth) throws ExpressionSyntaxException {
            Tok t = peek();
            if (t.col >= 0 && t.type == TT.NUMBER && pos + 1 < tokens.size()
                    && (tokens.get(pos + 1).text.equals(",") || tokens.get(pos + 1).text.equals(")"))) {
                pos++;
                return Expr.Literal.text(t.text);
            }
            return string(depth);
        }

        Expr string(int depth) throws ExpressionSyntaxException {
            Expr e = orExpr(depth + 1);
            if (e.isBoolean()) {
                throw new ExpressionSyntaxException("a string argument was expected, not a boolean");
            }
            return e;
        }

        /** Reads {@code [code]} or {@code [name]} and the {@code .hex/.text/.exists} suffix. */
        Expr option(Scope scope, long selector, boolean namesAllowed) throws ExpressionSyntaxException {
            expect("[");
            Tok c = peek();
            if (c.col < 0 || c.type != TT.NUMBER && c.type != TT.WORD) {
                throw error("an option code or name");
            }
            pos++;
            expect("]");
            int code;
            String name = null;
            if (c.type == TT.NUMBER) {
                code = (int) number(c, 0, v6 ? 65535 : 255, "option code");
            } else {
                name = c.text;
                if (namesAllowed) {
                    optionNames.add(name);
                    code = optionCodes.applyAsInt(name);
                } else {
                    code = -1;
                }
            }
            expect(".");
            Tok f = take(TT.WORD, "text, hex or exists");
            Field field = switch (f.text) {
                case "exists" -> Field.EXISTS;
                case "text" -> Field.TEXT;
                case "hex" -> Field.HEX;
                default -> throw new ExpressionSyntaxException("unknown option field " + f.text);
            };
            return new Expr.Option(scope, selector, code, name, field);
        }
    }
}
