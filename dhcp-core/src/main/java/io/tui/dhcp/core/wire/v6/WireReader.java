package io.tui.dhcp.core.wire.v6;

import io.tui.dhcp.core.wire.ParseException;

/**
 * A bounds-checked cursor over a region of a byte array. Every read past {@code end} ends in a
 * {@link ParseException} whose offset is the array index, which for decoded packets is the byte
 * offset in the packet.
 */
final class WireReader {
    private final byte[] a;
    private final String what;
    private int pos;
    private final int end;

    WireReader(byte[] a, int from, int to, String what) {
        this.a = a;
        this.pos = from;
        this.end = to;
        this.what = what;
    }

    static WireReader of(RawOption o, String what) {
        return new WireReader(o.array(), o.offset(), o.offset() + o.length(), what);
    }

    byte[] array() {
        return a;
    }

    int position() {
        return pos;
    }

    int end() {
        return end;
    }

    int remaining() {
        return end - pos;
    }

    boolean hasRemaining() {
        return pos < end;
    }

    void skip(int n) throws ParseException {
        need(n);
        pos += n;
    }

    ParseException fail(String reason) {
        return new ParseException(what + ": " + reason, pos);
    }

    void need(int n) throws ParseException {
        if (n > end - pos) {
            throw fail("needs " + n + " more bytes, has " + (end - pos));
        }
    }

    void expectEnd() throws ParseException {
        if (pos != end) {
            throw fail((end - pos) + " unexpected trailing bytes");
        }
    }

    int u8() throws ParseException {
        need(1);
        return a[pos++] & 0xFF;
    }

    int u16() throws ParseException {
        need(2);
        int v = ((a[pos] & 0xFF) << 8) | (a[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    int u24() throws ParseException {
        need(3);
        int v = ((a[pos] & 0xFF) << 16) | ((a[pos + 1] & 0xFF) << 8) | (a[pos + 2] & 0xFF);
        pos += 3;
        return v;
    }

    int i32() throws ParseException {
        need(4);
        int v = ((a[pos] & 0xFF) << 24) | ((a[pos + 1] & 0xFF) << 16) | ((a[pos + 2] & 0xFF) << 8) | (a[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    long u32() throws ParseException {
        return i32() & 0xFFFFFFFFL;
    }

    Ip6Address ip6() throws ParseException {
        need(16);
        Ip6Address v = Ip6Address.of(a, pos);
        pos += 16;
        return v;
    }

    Octets octets(int n) throws ParseException {
        need(n);
        Octets v = Octets.of(a, pos, n);
        pos += n;
        return v;
    }

    Octets rest() {
        Octets v = Octets.of(a, pos, end - pos);
        pos = end;
        return v;
    }

    /** A reader over the next {@code n} bytes, advancing this one past them. */
    WireReader sub(int n, String subWhat) throws ParseException {
        need(n);
        WireReader r = new WireReader(a, pos, pos + n, subWhat);
        pos += n;
        return r;
    }
}
