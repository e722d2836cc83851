package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.wire.ParseException;
import java.util.Arrays;

/**
 * The fuzz target for the DHCPv6 codec, callable from a Jazzer {@code @FuzzTest} or plain tests.
 * {@link #fuzzOne(byte[])} throws only {@link AssertionError}, and only for a real bug:
 * <ul>
 *   <li>decode lets anything but {@link ParseException} escape, or reports an offset outside the input;</li>
 *   <li>a decoded message does not re-encode to exactly the input bytes, or the re-encoded bytes do
 *       not decode to an equal message;</li>
 *   <li>a typed option view lets anything but {@link ParseException} escape, or a view that parsed does
 *       not re-encode to the option's bytes;</li>
 *   <li>the relay accessors disagree with the structure.</li>
 * </ul>
 */
public final class Dhcp6FuzzTarget {
    private Dhcp6FuzzTarget() {
    }

    public static void fuzzOne(byte[] data) {
        try {
            check(data);
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t + " for input " + Hex.hex(data), t);
        }
    }

    private static void check(byte[] data) {
        Dhcp6Codec codec = new Dhcp6Codec();
        ByteBuf in = Unpooled.wrappedBuffer(data);
        Dhcp6Message m;
        try {
            m = codec.decode(in);
        } catch (ParseException e) {
            if (e.offset() < 0 || e.offset() > data.length) {
                throw new AssertionError("offset " + e.offset() + " outside input of " + data.length + " bytes: " + e.getMessage());
            }
            if (in.readerIndex() != 0) {
                throw new AssertionError("failed decode moved the reader index");
            }
            return;
        }
        ByteBuf out = Unpooled.buffer(data.length);
        codec.encode(m, out);
        byte[] again = new byte[out.readableBytes()];
        out.getBytes(0, again);
        if (!Arrays.equals(data, again)) {
            throw new AssertionError("re-encode differs:\n in  " + Hex.hex(data) + "\n out " + Hex.hex(again));
        }
        Dhcp6Message m2;
        try {
            m2 = codec.decode(out);
        } catch (ParseException e) {
            throw new AssertionError("re-encoded message does not decode: " + e.getMessage(), e);
        }
        if (!m.equals(m2)) {
            throw new AssertionError("decode(encode(m)) != m:\n " + m + "\n " + m2);
        }
        int layers = m.relayLayers().size();
        Dhcp6Message cur = m;
        for (int i = 0; i < layers; i++) {
            Dhcp6RelayMessage r = (Dhcp6RelayMessage) cur;
            if (r != m.relayLayers().get(i)) {
                throw new AssertionError("relayLayers() out of order");
            }
            checkViews(r.options());
            cur = r.relayedMessage();
        }
        if (cur != m.innermost()) {
            throw new AssertionError("innermost() is not the bottom of the relay chain");
        }
        checkViews(cur.options());
    }

    /** Every option that has a typed view either fails with ParseException or re-encodes to its bytes. */
    static void checkViews(Dhcp6Options options) {
        for (Dhcp6Option o : options) {
            if (!(o instanceof RawOption raw)) {
                continue;
            }
            Dhcp6Option typed;
            try {
                typed = Dhcp6OptionViews.decode(raw);
            } catch (ParseException e) {
                continue;
            }
            RawOption back = Dhcp6Options.toRaw(typed);
            if (!back.equals(raw)) {
                throw new AssertionError("view " + typed + " re-encodes to " + back + ", not " + raw);
            }
        }
        try {
            options.clientId();
            options.serverId();
            options.iaNa();
            options.iaTa();
            options.iaPd();
            options.statusCode();
            options.optionRequest();
            options.interfaceId();
        } catch (ParseException e) {
            // bad content is reported, which is fine
        }
    }
}
