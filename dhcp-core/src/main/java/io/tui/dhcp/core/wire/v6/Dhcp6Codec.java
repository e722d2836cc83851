package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;
import java.util.ArrayList;

/**
 * The DHCPv6 wire codec (RFC 8415). Stateless and thread-safe; construct one and share it.
 *
 * <p>{@link #decode(ByteBuf)} copies the readable bytes once and parses the message and every relay
 * layer without recursion; options stay {@link RawOption}s over that copy until a typed view is asked
 * for, except the relay message option of a relay, which is decoded into a {@link RelayMessageOption}.
 * {@link #encode(Dhcp6Message, ByteBuf)} writes options in list order, so a decoded message re-encodes
 * to exactly the bytes it was decoded from.
 */
public final class Dhcp6Codec {
    /** Size of the relay header: type, hop count, link address, peer address. */
    public static final int RELAY_HEADER_LENGTH = 34;
    /** Size of the client/server header: type and transaction id. */
    public static final int CLIENT_HEADER_LENGTH = 4;

    private final int maxRelayDepth;

    /** A codec that accepts relay nesting up to {@link Dhcp6Message#MAX_RELAY_DEPTH}. */
    public Dhcp6Codec() {
        this(Dhcp6Message.MAX_RELAY_DEPTH);
    }

    /** A codec that rejects more than {@code maxRelayDepth} relay layers (1..32). */
    public Dhcp6Codec(int maxRelayDepth) {
        if (maxRelayDepth < 0 || maxRelayDepth > Dhcp6Message.MAX_RELAY_DEPTH) {
            throw new IllegalArgumentException("max relay depth out of 0.." + Dhcp6Message.MAX_RELAY_DEPTH);
        }
        this.maxRelayDepth = maxRelayDepth;
    }

    /**
     * Decodes the readable bytes of {@code buf} as one message and advances its reader index past
     * them. On failure the reader index is unchanged. Offsets in a {@link ParseException} count from
     * the reader index.
     */
    public Dhcp6Message decode(ByteBuf buf) throws ParseException {
        int len = buf.readableBytes();
        byte[] a = new byte[len];
        buf.getBytes(buf.readerIndex(), a);
        Dhcp6Message m = decode(a, 0, len);
        buf.skipBytes(len);
        return m;
    }

    /** Decodes {@code packet} as one message. */
    public Dhcp6Message decode(byte[] packet) throws ParseException {
        return decode(packet, 0, packet.length);
    }

    private record Layer(int type, int hopCount, Ip6Address link, Ip6Address peer, Dhcp6Options options, int relayIndex) {
    }

    private Dhcp6Message decode(byte[] a, int from, int to) throws ParseException {
        ArrayList<Layer> layers = null;
        int pos = from;
        int end = to;
        Dhcp6Message msg;
        while (true) {
            if (end - pos < 1) {
                throw new ParseException(layers == null ? "empty message" : "empty relayed message", pos);
            }
            int type = a[pos] & 0xFF;
            if (!Dhcp6MessageType.isRelay(type)) {
                if (end - pos < CLIENT_HEADER_LENGTH) {
                    throw new ParseException("message shorter than its 4-byte header (" + (end - pos) + " bytes)", pos);
                }
                int xid = ((a[pos + 1] & 0xFF) << 16) | ((a[pos + 2] & 0xFF) << 8) | (a[pos + 3] & 0xFF);
                Dhcp6Options opts = Dhcp6Options.parseRaw(a, pos + CLIENT_HEADER_LENGTH, end, "message options");
                msg = new Dhcp6ClientMessage(type, xid, opts);
                break;
            }
            int depth = layers == null ? 0 : layers.size();
            if (depth >= maxRelayDepth) {
                throw new ParseException("relay messages nested deeper than " + maxRelayDepth, pos);
            }
            if (end - pos < RELAY_HEADER_LENGTH) {
                throw new ParseException("relay message shorter than its 34-byte header (" + (end - pos) + " bytes)", pos);
            }
            int hop = a[pos + 1] & 0xFF;
            Ip6Address link = Ip6Address.of(a, pos + 2);
            Ip6Address peer = Ip6Address.of(a, pos + 18);
            Dhcp6Options opts = Dhcp6Options.parseRaw(a, pos + RELAY_HEADER_LENGTH, end, "relay options");
            int idx = -1;
            for (int i = 0, n = opts.size(); i < n; i++) {
                if (opts.at(i).code() == Dhcp6OptionCode.RELAY_MSG) {
                    if (idx >= 0) {
                        throw new ParseException("relay message with more than one relay message option",
                                ((RawOption) opts.at(i)).offset() - 4);
                    }
                    idx = i;
                }
            }
            if (idx < 0) {
                throw new ParseException("relay message without a relay message option (9)", pos);
            }
            if (layers == null) {
                layers = new ArrayList<>(4);
            }
            layers.add(new Layer(type, hop, link, peer, opts, idx));
            RawOption inner = (RawOption) opts.at(idx);
            pos = inner.offset();
            end = pos + inner.length();
        }
        if (layers != null) {
            for (int i = layers.size() - 1; i >= 0; i--) {
                Layer l = layers.get(i);
                l.options().set(l.relayIndex(), new RelayMessageOption(msg));
                msg = new Dhcp6RelayMessage(l.type(), l.hopCount(), l.link(), l.peer(), l.options());
            }
        }
        return msg;
    }

    /**
     * Appends {@code message} at the writer index of {@code out}. On failure nothing is appended.
     *
     * @throws IllegalArgumentException when the message cannot be encoded (an option or relayed
     *     message longer than 65535 bytes, a relay without a relay message option, relays nested
     *     deeper than {@link Dhcp6Message#MAX_RELAY_DEPTH})
     */
    public void encode(Dhcp6Message message, ByteBuf out) {
        int start = out.writerIndex();
        try {
            Dhcp6Encoder.write(message, out);
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
    }
}
