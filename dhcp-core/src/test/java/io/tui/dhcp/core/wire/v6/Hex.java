package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;

/** Test helpers: hex written by hand from the RFC layouts, independent of the encoder. */
final class Hex {
    private Hex() {
    }

    /** Bytes from hex with spaces, newlines and {@code #} comments to the end of a line allowed. */
    static byte[] bytes(String hex) {
        StringBuilder sb = new StringBuilder();
        for (String line : hex.split("\n")) {
            int hash = line.indexOf('#');
            sb.append(hash >= 0 ? line.substring(0, hash) : line);
        }
        return HexFormat.of().parseHex(sb.toString().replaceAll("[\\s:]", ""));
    }

    /** One option as hex: code, length (counted here from the payload hex) and payload. */
    static String tlv(int code, String payloadHex) {
        int len = bytes(payloadHex).length;
        return String.format("%04x%04x", code, len) + payloadHex.replaceAll("\\s", "");
    }

    static String ascii(String s) {
        return HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    static ByteBuf buf(byte[] b) {
        return Unpooled.wrappedBuffer(b);
    }

    static byte[] toBytes(ByteBuf b) {
        byte[] a = new byte[b.readableBytes()];
        b.getBytes(b.readerIndex(), a);
        return a;
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
