package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;

/**
 * Writes messages. Relay chains are written without recursion: each layer's options up to its relay
 * message option are written on the way in, the relay message lengths are back-filled and the
 * remaining options written on the way out, so the bytes follow option order exactly.
 */
final class Dhcp6Encoder {
    private Dhcp6Encoder() {
    }

    static void write(Dhcp6Message message, ByteBuf out) {
        int max = Dhcp6Message.MAX_RELAY_DEPTH;
        Dhcp6RelayMessage[] layers = null;
        int[] relayIndex = null;
        int[] lengthAt = null;
        int depth = 0;
        Dhcp6Message cur = message;
        while (cur instanceof Dhcp6RelayMessage r) {
            if (depth == max) {
                throw new IllegalArgumentException("relay chain deeper than " + max);
            }
            if (layers == null) {
                layers = new Dhcp6RelayMessage[4];
                relayIndex = new int[4];
                lengthAt = new int[4];
            } else if (depth == layers.length) {
                layers = java.util.Arrays.copyOf(layers, depth * 2);
                relayIndex = java.util.Arrays.copyOf(relayIndex, depth * 2);
                lengthAt = java.util.Arrays.copyOf(lengthAt, depth * 2);
            }
            out.writeByte(r.typeCode()).writeByte(r.hopCount());
            r.linkAddress().writeTo(out);
            r.peerAddress().writeTo(out);
            Dhcp6Options opts = r.options();
            int idx = -1;
            for (int i = 0, n = opts.size(); i < n; i++) {
                if (opts.at(i) instanceof RelayMessageOption) {
                    idx = i;
                    break;
                }
                Dhcp6Options.writeOption(out, opts.at(i));
            }
            if (idx < 0) {
                throw new IllegalArgumentException("relay message at depth " + depth + " has no relay message option");
            }
            out.writeShort(Dhcp6OptionCode.RELAY_MSG);
            lengthAt[depth] = out.writerIndex();
            out.writeShort(0);
            layers[depth] = r;
            relayIndex[depth] = idx;
            depth++;
            cur = ((RelayMessageOption) opts.at(idx)).message();
        }
        Dhcp6ClientMessage c = (Dhcp6ClientMessage) cur;
        out.writeByte(c.typeCode()).writeMedium(c.transactionId());
        c.options().writeTo(out);
        for (int d = depth - 1; d >= 0; d--) {
            int len = out.writerIndex() - lengthAt[d] - 2;
            if (len > 0xFFFF) {
                throw new IllegalArgumentException("relayed message at depth " + d + " longer than 65535 bytes");
            }
            out.setShort(lengthAt[d], len);
            Dhcp6Options opts = layers[d].options();
            for (int i = relayIndex[d] + 1, n = opts.size(); i < n; i++) {
                if (opts.at(i) instanceof RelayMessageOption) {
                    throw new IllegalArgumentException("relay message at depth " + d + " has two relay message options");
                }
                Dhcp6Options.writeOption(out, opts.at(i));
            }
        }
    }
}
