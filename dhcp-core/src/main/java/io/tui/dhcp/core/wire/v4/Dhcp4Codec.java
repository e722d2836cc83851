package io.tui.dhcp.core.wire.v4;

import static io.tui.dhcp.core.wire.v4.Dhcp4WireLayout.AREA;
import static io.tui.dhcp.core.wire.v4.Dhcp4WireLayout.END;
import static io.tui.dhcp.core.wire.v4.Dhcp4WireLayout.OPT;
import static io.tui.dhcp.core.wire.v4.Dhcp4WireLayout.PAD;
import static io.tui.dhcp.core.wire.v4.Dhcp4WireLayout.TAIL;
import static io.tui.dhcp.core.wire.v4.Dhcp4WireLayout.kind;
import static io.tui.dhcp.core.wire.v4.Dhcp4WireLayout.payload;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import io.tui.dhcp.core.wire.ParseException;
import java.util.Arrays;

/**
 * Decodes DHCPv4 messages from a {@link ByteBuf} and encodes them into a caller-supplied one (RFC 2131,
 * RFC 2132, RFC 3396). Stateless apart from its configuration, so one instance serves all threads.
 *
 * <p>See the package documentation for what is preserved for byte-exact re-encoding, the overload policy
 * and the missing-END policy.
 */
public final class Dhcp4Codec {
    /** RFC 2131 3: 99.130.83.99. */
    public static final int MAGIC_COOKIE = 0x6382_5363;
    /** Length of the fixed BOOTP header before the cookie. */
    public static final int HEADER_LENGTH = 236;
    /** Offset of the options field (after the cookie). */
    public static final int OPTIONS_OFFSET = 240;
    /** Largest message the decoder accepts (a UDP payload cannot be longer). */
    public static final int MAX_MESSAGE_LENGTH = 65_535;
    /** The minimum BOOTP message length (RFC 951, RFC 1542 2.1), a common value for {@link #Dhcp4Codec(int)}. */
    public static final int BOOTP_MINIMUM_LENGTH = 300;

    static final int SNAME_OFFSET = 44;
    static final int FILE_OFFSET = 108;

    private static final String[] AREA_NAMES = {"options", "file", "sname"};

    private final int minimumSize;

    /** A codec that adds no padding beyond what a packet asks for. */
    public Dhcp4Codec() {
        this(0);
    }

    /**
     * @param minimumSize canonical encodings shorter than this are padded with zeros after END (Kea and
     *     dhclient use {@value #BOOTP_MINIMUM_LENGTH}); 0 for none
     */
    public Dhcp4Codec(int minimumSize) {
        if (minimumSize < 0 || minimumSize > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("minimum size out of range: " + minimumSize);
        }
        this.minimumSize = minimumSize;
    }

    // ================================================================ decode

    /**
     * Decodes the readable bytes of {@code in} as one message. On success the reader index moves to the
     * writer index; on failure the buffer is untouched.
     *
     * @throws ParseException for any truncated or malformed message; its offset is relative to the start of
     *     the message
     */
    public Dhcp4Packet decode(ByteBuf in) throws ParseException {
        final int base = in.readerIndex();
        final int n = in.readableBytes();
        if (n < HEADER_LENGTH) {
            throw new ParseException("message of " + n + " bytes is shorter than the 236-byte BOOTP header", n);
        }
        if (n < OPTIONS_OFFSET) {
            throw new ParseException("magic cookie truncated", HEADER_LENGTH);
        }
        if (n > MAX_MESSAGE_LENGTH) {
            throw new ParseException("message of " + n + " bytes is longer than " + MAX_MESSAGE_LENGTH, MAX_MESSAGE_LENGTH);
        }
        int cookie = in.getInt(base + HEADER_LENGTH);
        if (cookie != MAGIC_COOKIE) {
            throw new ParseException("bad magic cookie 0x" + Integer.toHexString(cookie), HEADER_LENGTH);
        }

        Recorder rec = new Recorder();
        scanArea(in, base, Dhcp4WireLayout.AREA_OPTIONS, base + OPTIONS_OFFSET, base + n, rec);
        int overload = overloadValue(in, base, rec);
        if ((overload & 1) != 0) {
            scanArea(in, base, Dhcp4WireLayout.AREA_FILE, base + FILE_OFFSET, base + HEADER_LENGTH, rec);
        }
        if ((overload & 2) != 0) {
            scanArea(in, base, Dhcp4WireLayout.AREA_SNAME, base + SNAME_OFFSET, base + FILE_OFFSET, rec);
        }

        Dhcp4Packet p = new Dhcp4Packet(buildOptions(in, rec));
        readHeader(in, base, overload, p);
        finishLayout(in, rec, overload, p);
        in.readerIndex(base + n);
        return p;
    }

    /** Growable list of two-int layout entries; bounded by the message length. */
    private static final class Recorder {
        int[] e = new int[64];
        int n;

        void add(int word, int arg) {
            if (n + 2 > e.length) {
                e = Arrays.copyOf(e, e.length * 2);
            }
            e[n] = word;
            e[n + 1] = arg;
            n += 2;
        }
    }

    private static void scanArea(ByteBuf in, int base, int area, int from, int to, Recorder rec)
            throws ParseException {
        rec.add(AREA << 24 | area, 0);
        int i = from;
        int pad = 0;
        while (i < to) {
            int code = in.getUnsignedByte(i);
            if (code == 0) {
                pad++;
                i++;
                continue;
            }
            if (pad > 0) {
                rec.add(PAD << 24 | pad, 0);
                pad = 0;
            }
            if (code == 255) {
                rec.add(END << 24, 0);
                i++;
                if (i < to) {
                    rec.add(TAIL << 24 | (to - i), i);
                }
                return;
            }
            if (i + 1 >= to) {
                throw new ParseException(AREA_NAMES[area] + " field: option " + code + " has no length byte", i - base);
            }
            int len = in.getUnsignedByte(i + 1);
            if (i + 2 + len > to) {
                throw new ParseException(AREA_NAMES[area] + " field: option " + code + " of length " + len
                        + " runs past the end of the field", i - base);
            }
            if (code == Dhcp4OptionCodes.OPTION_OVERLOAD && area != Dhcp4WireLayout.AREA_OPTIONS) {
                throw new ParseException("option overload (52) inside the " + AREA_NAMES[area] + " field", i - base);
            }
            rec.add(OPT << 24 | code << 8 | len, i + 2);
            i += 2 + len;
        }
        if (pad > 0) {
            rec.add(PAD << 24 | pad, 0);
        }
    }

    /** The value of option 52 found in the options field (0 when absent), validated. */
    private static int overloadValue(ByteBuf in, int base, Recorder rec) throws ParseException {
        int total = 0;
        int first = -1;
        int valueAt = -1;
        for (int i = 0; i < rec.n; i += 2) {
            int w = rec.e[i];
            if (kind(w) == OPT && payload(w) >>> 8 == Dhcp4OptionCodes.OPTION_OVERLOAD) {
                int len = payload(w) & 0xff;
                if (first < 0) {
                    first = rec.e[i + 1] - 2;
                }
                if (len > 0) {
                    valueAt = rec.e[i + 1];
                }
                total += len;
            }
        }
        if (first < 0) {
            return 0;
        }
        if (total != 1) {
            throw new ParseException("option overload (52) has length " + total + ", expected 1", first - base);
        }
        int v = in.getUnsignedByte(valueAt);
        if (v < 1 || v > 3) {
            throw new ParseException("option overload (52) has value " + v + ", expected 1, 2 or 3", first - base);
        }
        return v;
    }

    /** Concatenates the instances of each code (RFC 3396) in first-appearance order. */
    private static Dhcp4Options buildOptions(ByteBuf in, Recorder rec) {
        int[] codes = new int[16];
        int[] totals = new int[16];
        int distinct = 0;
        int last = -1;
        for (int i = 0; i < rec.n; i += 2) {
            int w = rec.e[i];
            if (kind(w) != OPT) {
                continue;
            }
            int code = payload(w) >>> 8;
            if (code == Dhcp4OptionCodes.OPTION_OVERLOAD) {
                continue;
            }
            int slot = last >= 0 && codes[last] == code ? last : find(codes, distinct, code);
            if (slot < 0) {
                if (distinct == codes.length) {
                    codes = Arrays.copyOf(codes, distinct * 2);
                    totals = Arrays.copyOf(totals, distinct * 2);
                }
                slot = distinct++;
                codes[slot] = code;
            }
            totals[slot] += payload(w) & 0xff;
            last = slot;
        }
        Dhcp4Options opts = new Dhcp4Options(distinct);
        byte[][] values = new byte[distinct][];
        for (int s = 0; s < distinct; s++) {
            values[s] = new byte[totals[s]];
            opts.appendUnchecked(codes[s], values[s]);
            totals[s] = 0;
        }
        last = -1;
        for (int i = 0; i < rec.n; i += 2) {
            int w = rec.e[i];
            if (kind(w) != OPT) {
                continue;
            }
            int code = payload(w) >>> 8;
            if (code == Dhcp4OptionCodes.OPTION_OVERLOAD) {
                continue;
            }
            int len = payload(w) & 0xff;
            int slot = last >= 0 && codes[last] == code ? last : find(codes, distinct, code);
            in.getBytes(rec.e[i + 1], values[slot], totals[slot], len);
            totals[slot] += len;
            last = slot;
        }
        return opts;
    }

    private static int find(int[] codes, int n, int code) {
        for (int i = 0; i < n; i++) {
            if (codes[i] == code) {
                return i;
            }
        }
        return -1;
    }

    private static void readHeader(ByteBuf in, int base, int overload, Dhcp4Packet p) {
        p.op(in.getUnsignedByte(base))
                .htype(in.getUnsignedByte(base + 1))
                .hlen(in.getUnsignedByte(base + 2))
                .hops(in.getUnsignedByte(base + 3))
                .xid(in.getInt(base + 4))
                .secs(in.getUnsignedShort(base + 8))
                .flags(in.getUnsignedShort(base + 10))
                .ciaddr(in.getInt(base + 12))
                .yiaddr(in.getInt(base + 16))
                .siaddr(in.getInt(base + 20))
                .giaddr(in.getInt(base + 24));
        in.getBytes(base + 28, p.chaddr());
        if ((overload & 2) == 0) {
            p.snameRaw(nonZeroField(in, base + SNAME_OFFSET, Dhcp4Packet.SNAME_LENGTH));
        }
        if ((overload & 1) == 0) {
            p.fileRaw(nonZeroField(in, base + FILE_OFFSET, Dhcp4Packet.FILE_LENGTH));
        }
    }

    private static byte[] nonZeroField(ByteBuf in, int at, int len) {
        if (in.forEachByte(at, len, ByteProcessor.FIND_NON_NUL) < 0) {
            return null;
        }
        byte[] v = new byte[len];
        in.getBytes(at, v);
        return v;
    }

    /**
     * Sets the padding count, and keeps the layout unless the message is in canonical form: no overload, no
     * PAD, every code in one run of consecutive instances split as the encoder splits (255-byte instances and
     * a last one of 1..255, or one empty instance), END present and only zeros after it.
     */
    private static void finishLayout(ByteBuf in, Recorder rec, int overload, Dhcp4Packet p) {
        int[] e = rec.e;
        int n = rec.n;
        boolean canonical = overload == 0;
        int runs = 0;
        int runCode = -1;
        int runLastLen = -1;
        int runChunks = 0;
        boolean ended = false;
        int tailRaw = 0;
        for (int i = 0; i < n; i += 2) {
            int w = e[i];
            switch (kind(w)) {
                case AREA -> {
                }
                case PAD -> canonical = false;
                case OPT -> {
                    int code = payload(w) >>> 8;
                    int len = payload(w) & 0xff;
                    if (code == runCode) {
                        // a non-final instance must be full, and the final one non-empty
                        if (runLastLen != 255 || len == 0) {
                            canonical = false;
                        }
                        runChunks++;
                    } else {
                        runs++;
                        runCode = code;
                        runChunks = 1;
                    }
                    runLastLen = len;
                }
                case END -> ended = true;
                case TAIL -> {
                    int count = payload(w);
                    int at = e[i + 1];
                    if (in.forEachByte(at, count, ByteProcessor.FIND_NON_NUL) >= 0) {
                        tailRaw++;
                        canonical = false;
                    } else if (overload == 0) {
                        p.padAfterEnd(count);
                    }
                }
                default -> throw new IllegalStateException("layout kind " + kind(w));
            }
        }
        if (!ended || runs != p.options().size()) {
            canonical = false;
        }
        if (canonical) {
            return;
        }
        byte[][] tails = new byte[tailRaw][];
        int t = 0;
        int area = 0;
        int[] kept = Arrays.copyOf(e, n);
        for (int i = 0; i < n; i += 2) {
            int w = kept[i];
            if (kind(w) == AREA) {
                area = payload(w);
            } else if (kind(w) == TAIL) {
                int count = payload(w);
                int at = kept[i + 1];
                if (in.forEachByte(at, count, ByteProcessor.FIND_NON_NUL) >= 0) {
                    tails[t] = new byte[count];
                    in.getBytes(at, tails[t]);
                    kept[i + 1] = t++;
                } else {
                    kept[i + 1] = -1;
                    if (area == Dhcp4WireLayout.AREA_OPTIONS) {
                        p.padAfterEnd(count);
                    }
                }
            } else if (kind(w) != OPT) {
                kept[i + 1] = 0;
            }
        }
        p.wireLayout(new Dhcp4WireLayout(overload, kept, tails));
    }

    // ================================================================ encode

    /** Encodes {@code p} with no size limit; returns the number of bytes written. */
    public int encode(Dhcp4Packet p, ByteBuf out) {
        return encode(p, out, 0);
    }

    /**
     * Encodes {@code p} at the writer index of {@code out}; returns the number of bytes written.
     *
     * <p>A decoded packet whose wire layout still fits its options is written as received. Otherwise the
     * encoding is canonical: header, cookie, the options in container order (values over 255 bytes split
     * into consecutive 255-byte instances), END, then zero padding of {@link Dhcp4Packet#padAfterEnd()}
     * bytes or up to this codec's minimum size, whichever is more. When that would exceed
     * {@code maxMessageSize}, options move into the file and then the sname field (option 52, RFC 2131 4.1),
     * if those fields are empty; options stay whole unless longer than 255 bytes, and keep their order. When
     * even that does not fit, the canonical form is written regardless and the caller sees a length above the
     * maximum.
     *
     * @param maxMessageSize the largest DHCP message (UDP payload) the receiver accepts, 0 for no limit. From
     *     a client's option 57, which counts the IP and UDP headers, pass its value minus 28.
     */
    public int encode(Dhcp4Packet p, ByteBuf out, int maxMessageSize) {
        int start = out.writerIndex();
        Dhcp4WireLayout layout = p.wireLayout();
        if (layout != null && layout.fits(p)) {
            replay(p, layout, out, start);
        } else {
            Dhcp4Options o = p.options();
            int optLen = 0;
            for (int i = 0; i < o.size(); i++) {
                optLen += encodedLength(o.value(i).length);
            }
            int plain = OPTIONS_OFFSET + optLen + 1;
            if (maxMessageSize <= 0 || plain <= maxMessageSize || !writeOverloaded(p, out, start, maxMessageSize)) {
                writePlain(p, out, start, optLen, maxMessageSize);
            }
        }
        return out.writerIndex() - start;
    }

    /** Bytes that a value of {@code len} bytes takes on the wire, split into 255-byte instances. */
    static int encodedLength(int len) {
        return len == 0 ? 2 : len + 2 * ((len + 254) / 255);
    }

    private static void writeHeader(Dhcp4Packet p, ByteBuf out, int overload) {
        out.ensureWritable(OPTIONS_OFFSET);
        out.writeByte(p.op()).writeByte(p.htype()).writeByte(p.hlen()).writeByte(p.hops())
                .writeInt(p.xid()).writeShort(p.secs()).writeShort(p.flags())
                .writeInt(p.ciaddr()).writeInt(p.yiaddr()).writeInt(p.siaddr()).writeInt(p.giaddr())
                .writeBytes(p.chaddr());
        byte[] sname = p.snameRaw();
        if (sname == null || (overload & 2) != 0) {
            out.writeZero(Dhcp4Packet.SNAME_LENGTH);
        } else {
            out.writeBytes(sname);
        }
        byte[] file = p.fileRaw();
        if (file == null || (overload & 1) != 0) {
            out.writeZero(Dhcp4Packet.FILE_LENGTH);
        } else {
            out.writeBytes(file);
        }
        out.writeInt(MAGIC_COOKIE);
    }

    private void writePlain(Dhcp4Packet p, ByteBuf out, int start, int optLen, int max) {
        int pad = padding(p, OPTIONS_OFFSET + optLen + 1, max);
        out.ensureWritable(OPTIONS_OFFSET + optLen + 1 + pad);
        writeHeader(p, out, 0);
        Dhcp4Options o = p.options();
        for (int i = 0; i < o.size(); i++) {
            int code = o.code(i);
            byte[] v = o.value(i);
            int off = 0;
            do {
                int len = Math.min(255, v.length - off);
                out.writeByte(code).writeByte(len).writeBytes(v, off, len);
                off += len;
            } while (off < v.length);
        }
        out.writeByte(255);
        out.writeZero(pad);
    }

    private int padding(Dhcp4Packet p, int length, int max) {
        int pad = Math.max(p.padAfterEnd(), minimumSize - length);
        if (max > 0) {
            pad = Math.min(pad, max - length);
        }
        return Math.max(pad, 0);
    }

    /** Plans and writes the overloaded form; writes nothing and returns false when it cannot fit. */
    private boolean writeOverloaded(Dhcp4Packet p, ByteBuf out, int start, int max) {
        int[] cap = {
            max - OPTIONS_OFFSET - 3 - 1,
            p.fileRaw() == null ? Dhcp4Packet.FILE_LENGTH - 1 : -1,
            p.snameRaw() == null ? Dhcp4Packet.SNAME_LENGTH - 1 : -1
        };
        if (cap[0] < 0 || cap[1] < 0 && cap[2] < 0) {
            return false;
        }
        Dhcp4Options o = p.options();
        int instances = 0;
        for (int i = 0; i < o.size(); i++) {
            int l = o.value(i).length;
            instances += l == 0 ? 1 : (l + 254) / 255;
        }
        byte[] where = new byte[instances];
        int[] used = new int[3];
        int area = 0;
        int k = 0;
        for (int i = 0; i < o.size(); i++) {
            byte[] v = o.value(i);
            int off = 0;
            do {
                int len = Math.min(255, v.length - off);
                while (area < 3 && used[area] + 2 + len > cap[area]) {
                    area++;
                }
                if (area == 3) {
                    return false;
                }
                used[area] += 2 + len;
                where[k++] = (byte) area;
                off += len;
            } while (off < v.length);
        }
        int overload = (used[1] > 0 ? 1 : 0) | (used[2] > 0 ? 2 : 0);
        if (overload == 0) {
            return false;
        }
        int length = OPTIONS_OFFSET + 3 + used[0] + 1;
        int pad = padding(p, length, max);
        out.ensureWritable(length + pad);
        writeHeader(p, out, overload);
        out.writeByte(Dhcp4OptionCodes.OPTION_OVERLOAD).writeByte(1).writeByte(overload);
        int fileAt = start + FILE_OFFSET;
        int snameAt = start + SNAME_OFFSET;
        k = 0;
        for (int i = 0; i < o.size(); i++) {
            int code = o.code(i);
            byte[] v = o.value(i);
            int off = 0;
            do {
                int len = Math.min(255, v.length - off);
                switch (where[k++]) {
                    case 0 -> out.writeByte(code).writeByte(len).writeBytes(v, off, len);
                    case 1 -> fileAt = setInstance(out, fileAt, code, v, off, len);
                    default -> snameAt = setInstance(out, snameAt, code, v, off, len);
                }
                off += len;
            } while (off < v.length);
        }
        out.writeByte(255);
        out.writeZero(pad);
        if ((overload & 1) != 0) {
            out.setByte(fileAt, 255);
        }
        if ((overload & 2) != 0) {
            out.setByte(snameAt, 255);
        }
        return true;
    }

    private static int setInstance(ByteBuf out, int at, int code, byte[] v, int off, int len) {
        out.setByte(at, code);
        out.setByte(at + 1, len);
        out.setBytes(at + 2, v, off, len);
        return at + 2 + len;
    }

    /** Writes the received layout again, taking each instance's bytes from the current option values. */
    private static void replay(Dhcp4Packet p, Dhcp4WireLayout layout, ByteBuf out, int start) {
        writeHeader(p, out, layout.overload);
        Dhcp4Options o = p.options();
        byte[] overloadValue = {(byte) layout.overload};
        int[] cursor = new int[256];
        int[] e = layout.entries;
        int area = 0;
        int at = 0;
        for (int i = 0; i < e.length; i += 2) {
            int w = e[i];
            switch (kind(w)) {
                case AREA -> {
                    area = payload(w);
                    at = start + (area == Dhcp4WireLayout.AREA_FILE ? FILE_OFFSET : SNAME_OFFSET);
                }
                case PAD -> {
                    if (area == 0) {
                        out.writeZero(payload(w));
                    } else {
                        at += payload(w);
                    }
                }
                case OPT -> {
                    int code = payload(w) >>> 8;
                    int len = payload(w) & 0xff;
                    byte[] v = code == Dhcp4OptionCodes.OPTION_OVERLOAD ? overloadValue : o.get(code);
                    int off = cursor[code];
                    cursor[code] += len;
                    if (area == 0) {
                        out.writeByte(code).writeByte(len).writeBytes(v, off, len);
                    } else {
                        at = setInstance(out, at, code, v, off, len);
                    }
                }
                case END -> {
                    if (area == 0) {
                        out.writeByte(255);
                    } else {
                        out.setByte(at++, 255);
                    }
                }
                case TAIL -> {
                    int count = payload(w);
                    int t = e[i + 1];
                    if (area == 0) {
                        if (t < 0) {
                            out.writeZero(count);
                        } else {
                            out.writeBytes(layout.tails[t]);
                        }
                    } else {
                        if (t >= 0) {
                            out.setBytes(at, layout.tails[t]);
                        }
                        at += count;
                    }
                }
                default -> throw new IllegalStateException("layout kind " + kind(w));
            }
        }
    }
}
