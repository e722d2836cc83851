package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.wire.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * An ordered, mutable list of DHCPv6 options. Several options may share a code (for example several
 * IA_NA); wire order is kept, and {@link #writeTo(ByteBuf)} writes the options in list order, so
 * encoding is deterministic and a decoded list re-encodes to the bytes it came from.
 *
 * <p>The typed getters ({@link #get(int, Class)}, {@link #clientId()}, {@link #iaNa()}, ...) parse raw
 * options on each call and report bad content as {@link ParseException}; nothing is parsed or cached
 * until asked for. Two lists are equal when they hold equal options in the same order (a
 * {@link RawOption} never equals a typed record, even with the same wire bytes).
 */
public final class Dhcp6Options implements Iterable<Dhcp6Option> {
    private final ArrayList<Dhcp6Option> list;

    public Dhcp6Options() {
        this.list = new ArrayList<>(8);
    }

    /** A list holding {@code options} in order. */
    public static Dhcp6Options of(Dhcp6Option... options) {
        Dhcp6Options o = new Dhcp6Options();
        for (Dhcp6Option opt : options) {
            o.add(opt);
        }
        return o;
    }

    /** A copy of {@code options} (the options themselves are shared; they are immutable). */
    public static Dhcp6Options copyOf(Iterable<? extends Dhcp6Option> options) {
        Dhcp6Options o = new Dhcp6Options();
        for (Dhcp6Option opt : options) {
            o.add(opt);
        }
        return o;
    }

    // ---- list access

    public int size() {
        return list.size();
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** The option at {@code index} in wire order. */
    public Dhcp6Option at(int index) {
        return list.get(index);
    }

    /** An unmodifiable view of the options in wire order. */
    public List<Dhcp6Option> asList() {
        return Collections.unmodifiableList(list);
    }

    @Override
    public Iterator<Dhcp6Option> iterator() {
        return asList().iterator();
    }

    /** The first option with {@code code}, or null. */
    public Dhcp6Option get(int code) {
        for (int i = 0, n = list.size(); i < n; i++) {
            Dhcp6Option o = list.get(i);
            if (o.code() == code) {
                return o;
            }
        }
        return null;
    }

    /** All options with {@code code}, in wire order. */
    public List<Dhcp6Option> getAll(int code) {
        List<Dhcp6Option> out = new ArrayList<>(2);
        for (Dhcp6Option o : list) {
            if (o.code() == code) {
                out.add(o);
            }
        }
        return out;
    }

    public boolean contains(int code) {
        return get(code) != null;
    }

    /** Appends {@code option}; returns this list. */
    public Dhcp6Options add(Dhcp6Option option) {
        RawOption.checkCode(option.code());
        list.add(option);
        return this;
    }

    /** Inserts {@code option} at {@code index}; returns this list. */
    public Dhcp6Options add(int index, Dhcp6Option option) {
        RawOption.checkCode(option.code());
        list.add(index, option);
        return this;
    }

    /**
     * Puts {@code option} in place of the first option with its code and removes the others with that
     * code, or appends it when there is none; returns this list.
     */
    public Dhcp6Options set(Dhcp6Option option) {
        RawOption.checkCode(option.code());
        int code = option.code();
        int at = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).code() == code) {
                if (at < 0) {
                    at = i;
                    list.set(i, option);
                } else {
                    list.remove(i--);
                }
            }
        }
        if (at < 0) {
            list.add(option);
        }
        return this;
    }

    /** Replaces the option at {@code index}. */
    public Dhcp6Options set(int index, Dhcp6Option option) {
        RawOption.checkCode(option.code());
        list.set(index, option);
        return this;
    }

    /** Removes every option with {@code code}; returns how many were removed. */
    public int remove(int code) {
        int before = list.size();
        list.removeIf(o -> o.code() == code);
        return before - list.size();
    }

    /** Removes the option at {@code index}. */
    public Dhcp6Option removeAt(int index) {
        return list.remove(index);
    }

    public void clear() {
        list.clear();
    }

    // ---- typed access

    /**
     * The first option with {@code code} as a {@code type}, parsing a raw option on demand, or null
     * when there is none.
     *
     * @throws ParseException when the option's content is malformed for its type
     * @throws IllegalArgumentException when {@code type} is not the typed view of {@code code}
     */
    public <T extends Dhcp6Option> T get(int code, Class<T> type) throws ParseException {
        Dhcp6Option o = get(code);
        return o == null ? null : view(o, type);
    }

    /** All options with {@code code} as {@code type}s; see {@link #get(int, Class)}. */
    public <T extends Dhcp6Option> List<T> getAll(int code, Class<T> type) throws ParseException {
        List<T> out = new ArrayList<>(2);
        for (Dhcp6Option o : list) {
            if (o.code() == code) {
                out.add(view(o, type));
            }
        }
        return out;
    }

    private static <T extends Dhcp6Option> T view(Dhcp6Option o, Class<T> type) throws ParseException {
        if (type.isInstance(o)) {
            return type.cast(o);
        }
        RawOption raw = o instanceof RawOption r ? r : toRaw(o);
        Dhcp6Option typed = Dhcp6OptionViews.decode(raw);
        if (!type.isInstance(typed)) {
            throw new IllegalArgumentException("option " + o.code() + " has no typed view " + type.getSimpleName());
        }
        return type.cast(typed);
    }

    /** The wire form of any option as a raw option. */
    public static RawOption toRaw(Dhcp6Option o) {
        if (o instanceof RawOption r) {
            return r;
        }
        ByteBuf tmp = Unpooled.buffer(64);
        o.writePayload(tmp);
        byte[] b = new byte[tmp.readableBytes()];
        tmp.readBytes(b);
        if (b.length > 0xFFFF) {
            throw new IllegalArgumentException("option " + o.code() + " payload longer than 65535 bytes");
        }
        return new RawOption(o.code(), b, 0, b.length);
    }

    /** The payload of the first option with {@code code} as wire bytes (a copy), or null; nothing is parsed. */
    public byte[] payload(int code) {
        Dhcp6Option o = get(code);
        return o == null ? null : toRaw(o).payload();
    }

    /** Whether the first option with {@code code} exists and its payload is exactly {@code bytes}. */
    public boolean payloadEquals(int code, byte[] bytes) {
        Dhcp6Option o = get(code);
        return o != null && toRaw(o).payloadEquals(bytes);
    }

    /** The client identifier's DUID (option 1), or null. */
    public Duid clientId() throws ParseException {
        ClientIdOption o = get(Dhcp6OptionCode.CLIENTID, ClientIdOption.class);
        return o == null ? null : o.duid();
    }

    /** The server identifier's DUID (option 2), or null. */
    public Duid serverId() throws ParseException {
        ServerIdOption o = get(Dhcp6OptionCode.SERVERID, ServerIdOption.class);
        return o == null ? null : o.duid();
    }

    /** Every IA_NA (option 3) in wire order. */
    public List<IaNaOption> iaNa() throws ParseException {
        return getAll(Dhcp6OptionCode.IA_NA, IaNaOption.class);
    }

    /** Every IA_TA (option 4) in wire order. */
    public List<IaTaOption> iaTa() throws ParseException {
        return getAll(Dhcp6OptionCode.IA_TA, IaTaOption.class);
    }

    /** Every IA_PD (option 25) in wire order. */
    public List<IaPdOption> iaPd() throws ParseException {
        return getAll(Dhcp6OptionCode.IA_PD, IaPdOption.class);
    }

    /** Every IAADDR (option 5) in wire order (inside an IA_NA or IA_TA). */
    public List<IaAddressOption> addresses() throws ParseException {
        return getAll(Dhcp6OptionCode.IAADDR, IaAddressOption.class);
    }

    /** Every IAPREFIX (option 26) in wire order (inside an IA_PD). */
    public List<IaPrefixOption> prefixes() throws ParseException {
        return getAll(Dhcp6OptionCode.IAPREFIX, IaPrefixOption.class);
    }

    /** The status code (option 13), or null. */
    public StatusCodeOption statusCode() throws ParseException {
        return get(Dhcp6OptionCode.STATUS_CODE, StatusCodeOption.class);
    }

    /** The option request option (6), or null. */
    public OptionRequestOption optionRequest() throws ParseException {
        return get(Dhcp6OptionCode.ORO, OptionRequestOption.class);
    }

    /** The interface-id (option 18) bytes, or null. */
    public Octets interfaceId() throws ParseException {
        InterfaceIdOption o = get(Dhcp6OptionCode.INTERFACE_ID, InterfaceIdOption.class);
        return o == null ? null : o.id();
    }

    /** Whether a rapid commit option (14) is present. */
    public boolean hasRapidCommit() {
        return contains(Dhcp6OptionCode.RAPID_COMMIT);
    }

    // ---- wire form

    /** Writes every option (header and payload) in list order at the writer index of {@code out}. */
    public void writeTo(ByteBuf out) {
        for (int i = 0, n = list.size(); i < n; i++) {
            writeOption(out, list.get(i));
        }
    }

    /**
     * Writes one option: code, length and payload. The length is back-filled after the payload.
     *
     * @throws IllegalArgumentException when the payload is longer than 65535 bytes
     */
    public static void writeOption(ByteBuf out, Dhcp6Option option) {
        int start = out.writerIndex();
        out.writeShort(option.code());
        out.writeShort(0);
        option.writePayload(out);
        int len = out.writerIndex() - start - 4;
        if (len > 0xFFFF) {
            out.writerIndex(start);
            throw new IllegalArgumentException("option " + option.code() + " payload is " + len + " bytes, more than 65535");
        }
        out.setShort(start + 2, len);
    }

    /**
     * Reads the options in {@code a[from, to)} as raw options sharing {@code a}. Each option must fit
     * inside the region.
     */
    static Dhcp6Options parseRaw(byte[] a, int from, int to, String container) throws ParseException {
        Dhcp6Options out = new Dhcp6Options();
        int pos = from;
        while (pos < to) {
            if (to - pos < 4) {
                throw new ParseException(container + ": truncated option header, " + (to - pos) + " bytes left", pos);
            }
            int code = ((a[pos] & 0xFF) << 8) | (a[pos + 1] & 0xFF);
            int len = ((a[pos + 2] & 0xFF) << 8) | (a[pos + 3] & 0xFF);
            if (len > to - pos - 4) {
                throw new ParseException(container + ": option " + code + " length " + len
                        + " runs past its container (" + (to - pos - 4) + " bytes left)", pos);
            }
            out.list.add(new RawOption(code, a, pos + 4, len));
            pos += 4 + len;
        }
        return out;
    }

    /** Reads the rest of {@code r} as options, each turned into its typed view where there is one, at nesting {@code depth}. */
    static Dhcp6Options parseTyped(WireReader r, String container, int depth) throws ParseException {
        Dhcp6Options out = parseRaw(r.array(), r.position(), r.end(), container);
        r.skip(r.remaining());
        for (int i = 0; i < out.list.size(); i++) {
            out.list.set(i, Dhcp6OptionViews.decode((RawOption) out.list.get(i), depth + 1));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dhcp6Options other && list.equals(other.list);
    }

    @Override
    public int hashCode() {
        return list.hashCode();
    }

    @Override
    public String toString() {
        return list.toString();
    }
}
