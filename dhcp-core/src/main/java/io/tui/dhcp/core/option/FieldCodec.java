package io.tui.dhcp.core.option;

import io.tui.dhcp.core.wire.ParseException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Text to wire and wire to value for one data field, following Kea's rules for each {@link OptionDataType}. */
final class FieldCodec {
    private FieldCodec() {
    }

    // ------------------------------------------------------------------ text -> wire

    /** Encodes one CSV field (already split and trimmed) of the given type. */
    static void encode(OptionDataType type, String token, Universe universe, ByteSink out) throws OptionConfigException {
        switch (type) {
            case BOOLEAN -> out.put(parseBoolean(token) ? 1 : 0);
            case INT8, UINT8 -> out.put((int) parseInteger(type, token));
            case INT16, UINT16 -> out.putUint16((int) parseInteger(type, token));
            case INT32, UINT32 -> out.putUint32(parseInteger(type, token));
            case IPV4_ADDRESS -> out.put(parseIpv4(token));
            case IPV6_ADDRESS -> out.put(parseIpv6(token));
            case IPV6_PREFIX -> writePrefix(parsePrefix(token), out);
            case PSID -> writePsid(parsePsid(token), out);
            case STRING -> out.put(token.getBytes(StandardCharsets.UTF_8));
            case TUPLE -> writeTuple(token.getBytes(StandardCharsets.UTF_8), universe, out);
            case FQDN -> writeFqdn(token, out);
            case BINARY -> out.put(KeaText.parseBinaryField(token));
            case EMPTY, RECORD, INTERNAL ->
                    throw new OptionConfigException("attempt to write invalid option data field type into the option buffer: " + type);
        }
    }

    static boolean parseBoolean(String t) throws OptionConfigException {
        if (t.equalsIgnoreCase("true") || t.equals("1")) {
            return true;
        }
        if (t.equalsIgnoreCase("false") || t.equals("0")) {
            return false;
        }
        if (!t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new OptionConfigException("unable to convert '" + t + "' to boolean data type");
        }
        throw new OptionConfigException("unable to convert the value '" + t + "' to boolean data type");
    }

    /** Parses a decimal (optionally signed) or {@code 0x} hexadecimal integer and checks the type's range. */
    static long parseInteger(OptionDataType type, String t) throws OptionConfigException {
        long v;
        try {
            if (t.startsWith("0x")) {
                String h = t.substring(2);
                if (h.isEmpty() || h.length() > 15 || !h.chars().allMatch(c -> AddressText.hexValue((char) c) >= 0)) {
                    throw new NumberFormatException();
                }
                v = Long.parseLong(h, 16);
            } else {
                int start = t.startsWith("-") || t.startsWith("+") ? 1 : 0;
                if (t.length() == start || t.length() > 19
                        || !t.substring(start).chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new NumberFormatException();
                }
                v = Long.parseLong(t);
            }
        } catch (NumberFormatException e) {
            throw new OptionConfigException("unable to convert the value '" + t + "' to integer data type");
        }
        if (v < type.minValue() || v > type.maxValue()) {
            throw new OptionConfigException("unable to convert '" + t + "' to numeric type. This value is expected to be"
                    + " in the range of " + type.minValue() + ".." + type.maxValue());
        }
        return v;
    }

    static byte[] parseIpv4(String t) throws OptionConfigException {
        byte[] a = AddressText.parseIpv4(t);
        if (a == null) {
            throw new OptionConfigException(AddressText.parseIpv6(t) != null
                    ? "'" + t + "' is an IPv6 address where an IPv4 address is expected"
                    : "Failed to convert string to address '" + t + "': Invalid argument");
        }
        return a;
    }

    static byte[] parseIpv6(String t) throws OptionConfigException {
        byte[] a = AddressText.parseIpv6(t);
        if (a == null) {
            throw new OptionConfigException(AddressText.parseIpv4(t) != null
                    ? "'" + t + "' is an IPv4 address where an IPv6 address is expected"
                    : "Failed to convert string to address '" + t + "': Invalid argument");
        }
        return a;
    }

    static FieldValue.Prefix parsePrefix(String t) throws OptionConfigException {
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw new OptionConfigException("provided address/prefix " + t + " is not valid.");
        }
        String lenText = t.substring(slash + 1).strip();
        int len;
        try {
            len = lenText.chars().allMatch(c -> c >= '0' && c <= '9') && !lenText.isEmpty() && lenText.length() <= 3
                    ? Integer.parseInt(lenText) : -1;
        } catch (NumberFormatException e) {
            len = -1;
        }
        if (len < 0 || len > 128) {
            throw new OptionConfigException("invalid prefix length " + lenText + " in " + t + ": it must be 0..128");
        }
        byte[] addr = AddressText.parseIpv6(t.substring(0, slash).strip());
        if (addr == null) {
            throw new OptionConfigException("provided address/prefix " + t + " is not valid.");
        }
        return new FieldValue.Prefix(len, mask(addr, len));
    }

    static FieldValue.Psid parsePsid(String t) throws OptionConfigException {
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw new OptionConfigException("provided PSID value " + t + " is not valid");
        }
        String lenText = t.substring(slash + 1).strip();
        long len;
        long psid;
        try {
            len = parseInteger(OptionDataType.UINT8, lenText);
            psid = parseInteger(OptionDataType.UINT16, t.substring(0, slash).strip());
        } catch (OptionConfigException e) {
            throw new OptionConfigException("provided PSID value " + t + " is not valid");
        }
        if (len > 16) {
            throw new OptionConfigException("invalid value " + len + " of PSID length");
        }
        if (len > 0 && len < 16 && psid >= (1L << len)) {
            throw new OptionConfigException("invalid PSID value " + psid + " for a specified PSID length " + len);
        }
        return new FieldValue.Psid((int) len, len == 0 ? 0 : (int) psid);
    }

    static void writePrefix(FieldValue.Prefix p, ByteSink out) {
        out.put(p.length());
        out.put(p.prefix(), 0, (p.length() + 7) / 8);
    }

    static void writePsid(FieldValue.Psid p, ByteSink out) {
        out.put(p.length());
        out.putUint16(p.length() == 0 ? 0 : p.psid() << (16 - p.length()));
    }

    static void writeTuple(byte[] data, Universe universe, ByteSink out) throws OptionConfigException {
        if (data.length > universe.maxPayload()) {
            throw new OptionConfigException("tuple of " + data.length + " bytes does not fit a "
                    + universe.headerFieldSize() + "-byte length field");
        }
        if (universe == Universe.V4) {
            out.put(data.length);
        } else {
            out.putUint16(data.length);
        }
        out.put(data);
    }

    /**
     * Writes a domain name in uncompressed DNS wire format, always terminated by the root label. Master-file escapes
     * are understood as Kea does: {@code \DDD} is the byte with that decimal value and {@code \X} is X itself (so
     * {@code \.} is a dot inside a label).
     */
    static void writeFqdn(String name, ByteSink out) throws OptionConfigException {
        if (name.isEmpty()) {
            throw new OptionConfigException("fully qualified domain-name must not be empty");
        }
        if (name.equals(".")) {
            out.put(0);
            return;
        }
        byte[] text = name.getBytes(StandardCharsets.UTF_8);
        ByteSink label = new ByteSink();
        int total = 1;
        boolean lastWasDot = false;
        int i = 0;
        while (i < text.length) {
            int c = text[i] & 0xFF;
            if (c == '.') {
                if (label.size() == 0) {
                    throw new OptionConfigException(i == 0 ? "non terminating empty label in " + name
                            : "duplicate period in " + name);
                }
                total += flushLabel(label, name, out, total);
                lastWasDot = true;
                i++;
                continue;
            }
            lastWasDot = false;
            if (c == '\\') {
                if (i + 1 >= text.length) {
                    throw new OptionConfigException("incomplete escape at the end of " + name);
                }
                if (i + 3 < text.length && isDigit(text[i + 1]) && isDigit(text[i + 2]) && isDigit(text[i + 3])) {
                    int v = (text[i + 1] - '0') * 100 + (text[i + 2] - '0') * 10 + (text[i + 3] - '0');
                    if (v > 255) {
                        throw new OptionConfigException("escaped decimal value " + v + " is too large in " + name);
                    }
                    label.put(v);
                    i += 4;
                } else if (isDigit(text[i + 1])) {
                    throw new OptionConfigException("incomplete decimal escape in " + name);
                } else {
                    label.put(text[i + 1]);
                    i += 2;
                }
            } else {
                label.put(c);
                i++;
            }
        }
        if (!lastWasDot) {
            total += flushLabel(label, name, out, total);
        }
        out.put(0);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static int flushLabel(ByteSink label, String name, ByteSink out, int total) throws OptionConfigException {
        int len = label.size();
        if (len > 63) {
            throw new OptionConfigException("label too long in " + name + ": at most 63 bytes per label");
        }
        if (total + len + 1 > 255) {
            throw new OptionConfigException("domain name too long: " + name);
        }
        out.put(len);
        out.put(label.toArray());
        label.clear();
        return len + 1;
    }

    static byte[] mask(byte[] addr, int len) {
        byte[] m = addr.clone();
        for (int bit = len; bit < 128; bit++) {
            m[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return m;
    }

    // ------------------------------------------------------------------ wire -> value

    /** A read position, advanced by {@link #decode}. */
    static final class Cursor {
        int pos;
        /** When set, text fields may hold any bytes (Kea accepts them from hex data); else they must be text. */
        final boolean anyText;

        Cursor(int pos) {
            this(pos, false);
        }

        Cursor(int pos, boolean anyText) {
            this.pos = pos;
            this.anyText = anyText;
        }
    }

    /** Decodes one field at {@code c.pos}; {@code end} bounds the field (binary and string take all up to it). */
    static FieldValue decode(OptionDataType type, byte[] b, Cursor c, int end, Universe universe) throws ParseException {
        int p = c.pos;
        switch (type) {
            case BOOLEAN -> {
                need(b, p, 1, end, type);
                int v = b[p] & 0xFF;
                if (v > 1) {
                    throw new ParseException("boolean field has value " + v + ", expected 0 or 1", p);
                }
                c.pos = p + 1;
                return new FieldValue.Bool(v == 1);
            }
            case INT8, UINT8, INT16, UINT16, INT32, UINT32 -> {
                int size = type.fixedSize();
                need(b, p, size, end, type);
                long v = 0;
                for (int i = 0; i < size; i++) {
                    v = v << 8 | (b[p + i] & 0xFF);
                }
                if (type.isSigned()) {
                    int shift = 64 - 8 * size;
                    v = (v << shift) >> shift;
                }
                c.pos = p + size;
                return new FieldValue.Int(type, v);
            }
            case IPV4_ADDRESS, IPV6_ADDRESS -> {
                int size = type.fixedSize();
                need(b, p, size, end, type);
                c.pos = p + size;
                return new FieldValue.Address(Arrays.copyOfRange(b, p, p + size));
            }
            case IPV6_PREFIX -> {
                need(b, p, 1, end, type);
                int len = b[p] & 0xFF;
                if (len > 128) {
                    throw new ParseException("IPv6 prefix length " + len + " is greater than 128", p);
                }
                int bytes = (len + 7) / 8;
                need(b, p + 1, bytes, end, type);
                byte[] prefix = new byte[16];
                System.arraycopy(b, p + 1, prefix, 0, bytes);
                c.pos = p + 1 + bytes;
                return new FieldValue.Prefix(len, mask(prefix, len));
            }
            case PSID -> {
                need(b, p, 3, end, type);
                int len = b[p] & 0xFF;
                if (len > 16) {
                    throw new ParseException("PSID length " + len + " is greater than 16", p);
                }
                int raw = ((b[p + 1] & 0xFF) << 8) | (b[p + 2] & 0xFF);
                c.pos = p + 3;
                return new FieldValue.Psid(len, len == 0 ? 0 : raw >>> (16 - len));
            }
            case STRING -> {
                int e = end;
                while (e > p && b[e - 1] == 0) {
                    e--;
                }
                if (e == p) {
                    throw new ParseException("string field is empty or holds only NULs", p);
                }
                c.pos = end;
                return new FieldValue.Text(type, c.anyText ? new String(b, p, e - p, StandardCharsets.ISO_8859_1) : text(b, p, e - p, true));
            }
            case TUPLE -> {
                int lenSize = universe.headerFieldSize();
                need(b, p, lenSize, end, type);
                int len = lenSize == 1 ? b[p] & 0xFF : ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
                need(b, p + lenSize, len, end, type);
                c.pos = p + lenSize + len;
                return new FieldValue.Text(type, c.anyText ? new String(b, p + lenSize, len, StandardCharsets.ISO_8859_1) : text(b, p + lenSize, len, true));
            }
            case FQDN -> {
                return new FieldValue.Text(type, readFqdn(b, c, end));
            }
            case BINARY -> {
                if (p >= end && !c.anyText) {
                    throw new ParseException("empty binary field has no CSV form", p);
                }
                c.pos = end;
                return new FieldValue.Binary(Arrays.copyOfRange(b, p, end));
            }
            default -> throw new ParseException("no wire form for type " + type, p);
        }
    }

    /**
     * Bytes as text that Kea's CSV reading gives back unchanged: non-empty valid UTF-8 without NUL and without white
     * space at either end (Kea trims fields and drops empty ones); anything else is left to the raw form.
     */
    private static String text(byte[] b, int off, int len, boolean trimmed) throws ParseException {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b, off, len)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ParseException("text field is not valid UTF-8", off);
        }
        if (s.isEmpty() || s.indexOf(0) >= 0 || (trimmed && !s.equals(s.strip()))) {
            throw new ParseException("text field has NUL or surrounding white space", off);
        }
        return s;
    }

    private static String readFqdn(byte[] b, Cursor c, int end) throws ParseException {
        int p = c.pos;
        StringBuilder sb = new StringBuilder();
        int total = 0;
        while (true) {
            if (p >= end) {
                throw new ParseException("domain name is not terminated by the root label", p);
            }
            int len = b[p] & 0xFF;
            if (len == 0) {
                p++;
                break;
            }
            if (len > 63) {
                throw new ParseException("domain name label length " + len + " (compression is not allowed here)", p);
            }
            total += len + 1;
            if (total > 254 || p + 1 + len > end) {
                throw new ParseException("domain name label overruns the option or 255 bytes", p);
            }
            for (int i = p + 1; i <= p + len; i++) {
                int ch = b[i] & 0xFF;
                if (ch == '.' || ch == '\\' || ch <= 0x20 || ch >= 0x7F) {
                    sb.append('\\').append(String.format("%03d", ch));
                } else {
                    sb.append((char) ch);
                }
            }
            sb.append('.');
            p += 1 + len;
        }
        c.pos = p;
        return sb.isEmpty() ? "." : sb.toString();
    }

    private static void need(byte[] b, int p, int n, int end, OptionDataType type) throws ParseException {
        if (p + n > end || p + n > b.length) {
            throw new ParseException(type + " field truncated: needs " + n + " bytes, " + Math.max(0, end - p) + " left", p);
        }
    }
}
