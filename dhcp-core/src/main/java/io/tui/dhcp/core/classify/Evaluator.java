package io.tui.dhcp.core.classify;

import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Evaluates an {@link Expr} over a {@link PacketView} with Kea's semantics. Values are byte strings; a missing
 * option, relay layer or field reads as the empty string, {@code .exists} as false, and malformed packet content (a
 * truncated sub-option or vendor block) reads as absent. Where Kea stops with an evaluation error (a substring
 * start or split field that is not an integer, {@code addrtotext} of neither 4 nor 16 bytes, {@code int16totext}
 * of other than 2 bytes, ...) the whole test is false, as Kea then leaves the class unassigned; like Kea, every
 * operand of {@code and}/{@code or} is evaluated so that such an error anywhere is seen. Never throws for any packet.
 * Stateless; no regular expressions.
 */
public final class Evaluator {
    private static final byte[] EMPTY = {};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] ALL = {'a', 'l', 'l'};
    private static final int BAD = Integer.MIN_VALUE;

    /** Kea's EvalTypeError: ends the evaluation, the test is false. Stackless and immutable. */
    private static final class EvalError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EvalError() {
            super("evaluation error", null, false, false);
        }
    }

    private static final EvalError ERROR = new EvalError();

    private Evaluator() {
    }

    /**
     * Evaluates a boolean expression (a class {@code test}).
     *
     * @param memberOf whether the packet already belongs to a class, for {@code member('...')}
     */
    public static boolean test(Expr e, PacketView p, Predicate<String> memberOf) {
        try {
            return bool(e, p, memberOf);
        } catch (EvalError kea) {
            return false;
        } catch (RuntimeException unexpected) {
            return false; // a view that misbehaves on a hand-built packet: no match rather than a dropped query
        }
    }

    /**
     * Evaluates any expression to Kea's byte-string value (booleans as {@code true}/{@code false}); an evaluation
     * error gives the empty string.
     */
    public static byte[] value(Expr e, PacketView p, Predicate<String> memberOf) {
        try {
            byte[] v = e.isBoolean() ? (bool(e, p, memberOf) ? TRUE : FALSE) : bytes(e, p, memberOf);
            return v.clone();
        } catch (EvalError kea) {
            return EMPTY.clone();
        } catch (RuntimeException unexpected) {
            return EMPTY.clone();
        }
    }

    private static boolean bool(Expr e, PacketView p, Predicate<String> m) {
        return switch (e) {
            case Expr.BoolLiteral b -> b.value();
            case Expr.Equal q -> Arrays.equals(bytes(q.left(), p, m), bytes(q.right(), p, m));
            case Expr.And a -> bool(a.left(), p, m) & bool(a.right(), p, m);
            case Expr.Or o -> bool(o.left(), p, m) | bool(o.right(), p, m);
            case Expr.Not n -> !bool(n.operand(), p, m);
            case Expr.Member mem -> m.test(mem.className());
            case Expr.Option o -> option(o, p) != null;
            case Expr.Vendor v -> vendor(v, p) != null;
            default -> false; // string nodes are never in a boolean position after parsing
        };
    }

    private static byte[] bytes(Expr e, PacketView p, Predicate<String> m) {
        return switch (e) {
            case Expr.Literal l -> l.raw();
            case Expr.Option o -> orEmpty(option(o, p));
            case Expr.Packet f -> orEmpty(p.field(f.field()));
            case Expr.Relay6Address a -> {
                int layer = layer(a.nest(), p);
                yield layer < 0 ? EMPTY : orEmpty(p.relayAddress(layer, a.peer()));
            }
            case Expr.Vendor v -> orEmpty(vendor(v, p));
            case Expr.Substring s -> substring(bytes(s.string(), p, m), bytes(s.start(), p, m),
                    bytes(s.length(), p, m));
            case Expr.Split s -> split(bytes(s.string(), p, m), bytes(s.separators(), p, m),
                    bytes(s.field(), p, m));
            case Expr.Concat c -> concat(bytes(c.left(), p, m), bytes(c.right(), p, m));
            case Expr.IfElse i -> {
                boolean c = bool(i.condition(), p, m);
                byte[] then = bytes(i.then(), p, m);
                byte[] otherwise = bytes(i.otherwise(), p, m);
                yield c ? then : otherwise;
            }
            case Expr.HexString h -> hexstring(bytes(h.binary(), p, m), bytes(h.separator(), p, m));
            case Expr.Call c -> call(c.function(), bytes(c.argument(), p, m));
            default -> bool(e, p, m) ? TRUE : FALSE;
        };
    }

    private static byte[] orEmpty(byte[] b) {
        return b == null ? EMPTY : b;
    }

    /** Kea's relay6 nesting: 0 is the outermost layer, -1 the innermost (closest to the client). */
    private static int layer(int nest, PacketView p) {
        int n = p.relayCount();
        int layer = nest < 0 ? n + nest : nest;
        return layer >= 0 && layer < n ? layer : -1;
    }

    /** The option payload an accessor refers to (its .hex and .text), or null when absent. */
    private static byte[] option(Expr.Option o, PacketView p) {
        if (o.code() < 0) {
            return null;
        }
        return switch (o.scope()) {
            case PACKET -> p.option(o.code());
            case RELAY4 -> p.v6() ? null : subOption(p.option(82), 0, -1, o.code(), false);
            case RELAY6 -> {
                int layer = layer((int) o.selector(), p);
                yield layer < 0 ? null : p.relayOption(layer, o.code());
            }
            case VENDOR -> {
                byte[] vso = p.option(p.v6() ? 17 : 125);
                int block = vendorBlock(vso, o.selector(), p.v6());
                if (block < 0) {
                    yield null;
                }
                int dataStart = block + (p.v6() ? 4 : 5);
                int dataEnd = p.v6() ? vso.length : dataStart + (vso[block + 4] & 0xff);
                yield subOption(vso, dataStart, dataEnd, o.code(), p.v6());
            }
        };
    }

    /** Finds a TLV sub-option in {@code data[from, to)} (to = -1: the whole array); null when absent or cut short. */
    private static byte[] subOption(byte[] data, int from, int to, int code, boolean wide) {
        if (data == null) {
            return null;
        }
        int end = to < 0 ? data.length : Math.min(to, data.length);
        int i = from;
        int header = wide ? 4 : 2;
        while (i + header <= end) {
            int c = wide ? u16(data, i) : data[i] & 0xff;
            int len = wide ? u16(data, i + 2) : data[i + 1] & 0xff;
            if (i + header + len > end) {
                return null;
            }
            if (c == code) {
                return Arrays.copyOfRange(data, i + header, i + header + len);
            }
            i += header + len;
        }
        return null;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | b[i + 1] & 0xff;
    }

    private static long u32(byte[] b, int i) {
        return (long) (u16(b, i)) << 16 | u16(b, i + 2);
    }

    /**
     * The offset of the enterprise block for {@code enterprise} (-1: the first) in a v4 vendor option (blocks of
     * enterprise, data-len, data) or a v6 one (one enterprise, then data to the end); -1 when absent or malformed.
     */
    private static int vendorBlock(byte[] opt, long enterprise, boolean v6) {
        if (opt == null) {
            return -1;
        }
        if (v6) {
            return opt.length >= 4 && (enterprise < 0 || u32(opt, 0) == enterprise) ? 0 : -1;
        }
        int i = 0;
        while (i + 5 <= opt.length) {
            int len = opt[i + 4] & 0xff;
            if (i + 5 + len > opt.length) {
                return -1;
            }
            if (enterprise < 0 || u32(opt, i) == enterprise) {
                return i;
            }
            i += 5 + len;
        }
        return -1;
    }

    /** vendor / vendor-class accessors; null means "does not exist" (false / empty). */
    private static byte[] vendor(Expr.Vendor v, PacketView p) {
        boolean v6 = p.v6();
        byte[] opt = p.option(v.vendorClass() ? (v6 ? 16 : 124) : (v6 ? 17 : 125));
        // Kea keeps one enterprise per v4 vendor-class option: only the first block counts there
        int block = v.vendorClass() && !v6 ? vendorBlock(opt, -1, false) : vendorBlock(opt, v.enterprise(), v6);
        if (block < 0 || v.enterprise() >= 0 && u32(opt, block) != v.enterprise()) {
            return null;
        }
        return switch (v.field()) {
            case EXISTS -> TRUE;
            case ENTERPRISE -> Arrays.copyOfRange(opt, block, block + 4);
            case DATA -> {
                if (!v.vendorClass()) {
                    yield null;
                }
                int i = block + (v6 ? 4 : 5);
                int end = v6 ? opt.length : i + (opt[block + 4] & 0xff);
                int lenSize = v6 ? 2 : 1;
                for (int n = 0; i + lenSize <= end; n++) {
                    int len = v6 ? u16(opt, i) : opt[i] & 0xff;
                    if (i + lenSize + len > end) {
                        yield null;
                    }
                    if (n == v.index()) {
                        yield Arrays.copyOfRange(opt, i + lenSize, i + lenSize + len);
                    }
                    i += lenSize + len;
                }
                yield null;
            }
        };
    }

    /** A decimal integer written as text (optional minus sign), or {@link #BAD}. */
    private static int integer(byte[] s) {
        if (s.length == 0 || s.length > 11) {
            return BAD;
        }
        int i = s[0] == '-' ? 1 : 0;
        if (i == s.length) {
            return BAD;
        }
        long v = 0;
        for (; i < s.length; i++) {
            if (s[i] < '0' || s[i] > '9') {
                return BAD;
            }
            v = v * 10 + (s[i] - '0');
        }
        v = s[0] == '-' ? -v : v;
        return v < Integer.MIN_VALUE + 1 || v > Integer.MAX_VALUE ? BAD : (int) v;
    }

    /**
     * Kea's substring: a negative start counts from the end; a start outside the string gives ''; a negative
     * length takes that many bytes before the start; {@code all} (or a length past the end) runs to the end.
     */
    static byte[] substring(byte[] s, byte[] startText, byte[] lengthText) {
        int n = s.length;
        int start = integer(startText);
        if (start == BAD) {
            throw ERROR;
        }
        if (n == 0 || start >= n || start < -n) {
            return EMPTY;
        }
        if (start < 0) {
            start += n;
        }
        long length;
        if (Arrays.equals(lengthText, ALL)) {
            length = n;
        } else {
            int l = integer(lengthText);
            if (l == BAD) {
                throw ERROR;
            }
            length = l;
        }
        if (length < 0) {
            length = -length;
            if (length <= start) {
                start -= (int) length;
            } else {
                length = start;
                start = 0;
            }
        }
        int end = (int) Math.min(n, start + length);
        return Arrays.copyOfRange(s, start, end);
    }

    /** Kea's split: any byte of {@code separators} delimits; fields count from 1; outside the range gives ''. */
    static byte[] split(byte[] s, byte[] separators, byte[] fieldText) {
        int field = integer(fieldText);
        if (field == BAD) {
            throw ERROR;
        }
        if (field < 1) {
            return EMPTY;
        }
        if (separators.length == 0) {
            return field == 1 ? s : EMPTY;
        }
        int current = 1;
        int begin = 0;
        for (int i = 0; i <= s.length; i++) {
            if (i == s.length || contains(separators, s[i])) {
                if (current == field) {
                    return Arrays.copyOfRange(s, begin, i);
                }
                current++;
                begin = i + 1;
            }
        }
        return EMPTY;
    }

    private static boolean contains(byte[] set, byte b) {
        for (byte x : set) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        if (b.length == 0) {
            return a;
        }
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    static byte[] hexstring(byte[] b, byte[] sep) {
        if (b.length == 0) {
            return EMPTY;
        }
        byte[] out = new byte[b.length * 2 + (b.length - 1) * sep.length];
        int o = 0;
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                System.arraycopy(sep, 0, out, o, sep.length);
                o += sep.length;
            }
            out[o++] = HEX[(b[i] >> 4) & 0xf];
            out[o++] = HEX[b[i] & 0xf];
        }
        return out;
    }

    private static byte[] size(byte[] a, int n) {
        if (a.length != n) {
            throw ERROR;
        }
        return a;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The one-argument functions; the *totext ones give '' for '' and an evaluation error for a wrong size. */
    private static byte[] call(Expr.Function f, byte[] a) {
        if (a.length == 0) {
            return EMPTY;
        }
        return switch (f) {
            case LCASE, TOLOWER -> {
                byte[] out = a.clone();
                for (int i = 0; i < out.length; i++) {
                    if (out[i] >= 'A' && out[i] <= 'Z') {
                        out[i] += 'a' - 'A';
                    }
                }
                yield out;
            }
            case UCASE, TOUPPER -> {
                byte[] out = a.clone();
                for (int i = 0; i < out.length; i++) {
                    if (out[i] >= 'a' && out[i] <= 'z') {
                        out[i] -= 'a' - 'A';
                    }
                }
                yield out;
            }
            case ADDRTOTEXT -> switch (a.length) {
                case 4 -> ascii((a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff));
                case 16 -> ascii(Ip6Address.of(a).toString());
                default -> throw ERROR;
            };
            case INT8TOTEXT -> ascii(Integer.toString(size(a, 1)[0]));
            case UINT8TOTEXT -> ascii(Integer.toString(size(a, 1)[0] & 0xff));
            case INT16TOTEXT -> ascii(Integer.toString((short) u16(size(a, 2), 0)));
            case UINT16TOTEXT -> ascii(Integer.toString(u16(size(a, 2), 0)));
            case INT32TOTEXT -> ascii(Integer.toString((int) u32(size(a, 4), 0)));
            case UINT32TOTEXT -> ascii(Long.toString(u32(size(a, 4), 0)));
        };
    }
}
