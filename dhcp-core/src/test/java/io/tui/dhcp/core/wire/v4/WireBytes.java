package io.tui.dhcp.core.wire.v4;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Test-side builder of DHCPv4 wire bytes, written from RFC 2131 figure 1 independently of the codec. */
final class WireBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("[\\s|_]", ""));
    }

    static String hexOf(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static String zeros(int n) {
        return "00".repeat(n);
    }

    /** Hex of an ASCII string. */
    static String ascii(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(String.format("%02x", (int) c));
        }
        return sb.toString();
    }

    /** Hex of a string padded with zeros to {@code len} bytes. */
    static String field(String s, int len) {
        return ascii(s) + zeros(len - s.length());
    }

    static ByteBuf buf(byte[] b) {
        return Unpooled.wrappedBuffer(b);
    }

    WireBytes put(String hex) {
        out.writeBytes(hex(hex));
        return this;
    }

    WireBytes put(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    int length() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /**
     * The 236-byte header: op htype hlen hops | xid | secs flags | ciaddr | yiaddr | siaddr | giaddr |
     * chaddr (16) | sname (64) | file (128), each given as hex.
     */
    static String header(String opHtypeHlenHops, String xid, String secsFlags, String ciaddr, String yiaddr,
            String siaddr, String giaddr, String chaddr16, String sname64, String file128) {
        String h = opHtypeHlenHops + xid + secsFlags + ciaddr + yiaddr + siaddr + giaddr + chaddr16 + sname64 + file128;
        if (hex(h).length != 236) {
            throw new IllegalArgumentException("header is " + hex(h).length + " bytes");
        }
        return h;
    }

    static final String COOKIE = "63825363";
}
