package io.tui.dhcp.core.wire.v4;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.wire.ParseException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One fuzzing step for the DHCPv4 codec, for a Jazzer harness or a plain test: decode the input; when it
 * decodes, read every typed view, re-encode and check the bytes are the input, decode again and check the
 * fields, then check the canonical and the overloaded encodings decode to the same packet.
 *
 * <p>Throws only {@link AssertionError}, and only for a real bug (an unchecked exception from the codec is
 * reported as one).
 */
public final class Dhcp4FuzzTarget {
    private Dhcp4FuzzTarget() {
    }

    /** Entry point for a Jazzer {@code fuzzerTestOneInput(byte[])} or {@code @FuzzTest}. */
    public static void fuzzOne(byte[] data) {
        try {
            check(data);
        } catch (AssertionError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AssertionError("unchecked exception for input " + HexFormat.of().formatHex(data), e);
        }
    }

    /** Decodes {@code data}; returns null when it is rejected (after checking the exception). */
    static Dhcp4Packet check(byte[] data) {
        Dhcp4Codec codec = new Dhcp4Codec();
        Dhcp4Packet p;
        try {
            p = codec.decode(Unpooled.wrappedBuffer(data));
        } catch (ParseException e) {
            if (e.offset() < -1 || e.offset() > data.length || e.getMessage() == null) {
                throw new AssertionError("bad ParseException " + e.getMessage() + " offset " + e.offset());
            }
            return null;
        }
        readViews(p);

        // at an offset inside a larger buffer
        ByteBuf shifted = Unpooled.buffer(data.length + 3).writeBytes(new byte[] {1, 2, 3}).writeBytes(data);
        shifted.readerIndex(3);
        Dhcp4Packet s = decode(codec, shifted, "shifted input");
        same(p, s, "decoding at reader index 3");

        byte[] again = encode(codec, p, 0);
        if (!Arrays.equals(again, data)) {
            throw new AssertionError("re-encoding differs\n in:  " + hex(data) + "\n out: " + hex(again));
        }
        same(p, decode(codec, Unpooled.wrappedBuffer(again), "re-encoding"), "re-encoding");

        Dhcp4Packet canonicalSource = decode(codec, Unpooled.wrappedBuffer(data), "input");
        canonicalSource.discardWireLayout();
        byte[] canonical = encode(codec, canonicalSource, 0);
        if (canonical.length <= Dhcp4Codec.MAX_MESSAGE_LENGTH) {
            Dhcp4Packet c = decode(codec, Unpooled.wrappedBuffer(canonical), "canonical encoding");
            same(p, c, "canonical encoding");
            if (c.hasWireLayout()) {
                throw new AssertionError("canonical encoding decoded with a layout: " + hex(canonical));
            }
            byte[] overloaded = encode(codec, c, 300);
            if (overloaded.length <= Dhcp4Codec.MAX_MESSAGE_LENGTH) {
                Dhcp4Packet o = decode(codec, Unpooled.wrappedBuffer(overloaded), "overloaded encoding");
                same(p, o, "overloaded encoding");
                if (!Arrays.equals(overloaded, encode(codec, o, 0))) {
                    throw new AssertionError("overloaded encoding not reproduced: " + hex(overloaded));
                }
            }
        }
        return p;
    }

    private static Dhcp4Packet decode(Dhcp4Codec codec, ByteBuf in, String what) {
        try {
            return codec.decode(in);
        } catch (ParseException e) {
            throw new AssertionError(what + " does not decode: " + e.getMessage(), e);
        }
    }

    private static byte[] encode(Dhcp4Codec codec, Dhcp4Packet p, int max) {
        ByteBuf out = Unpooled.buffer(512);
        codec.encode(p, out, max);
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }

    private static void same(Dhcp4Packet a, Dhcp4Packet b, String what) {
        if (!a.equals(b)) {
            throw new AssertionError(what + " changed the packet\n was: " + a + "\n now: " + b);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** Reads every typed view; each may fail only with ParseException, and echoes must be exact. */
    private static void readViews(Dhcp4Packet p) {
        Dhcp4Options o = p.options();
        try {
            o.messageType();
        } catch (ParseException ignored) {
            // malformed content is reported, not thrown unchecked
        }
        for (int code : new int[] {50, 54, 118}) {
            try {
                o.ipv4(code, 0);
            } catch (ParseException ignored) {
                // as above
            }
        }
        try {
            o.leaseTime();
            o.renewalTime();
            o.rebindingTime();
        } catch (ParseException ignored) {
            // as above
        }
        try {
            o.maxMessageSize();
        } catch (ParseException ignored) {
            // as above
        }
        try {
            o.hostname();
        } catch (ParseException ignored) {
            // as above
        }
        try {
            o.vendorClassIdentifier();
        } catch (ParseException ignored) {
            // as above
        }
        try {
            ClientIdentifier id = o.clientIdentifier();
            if (id != null && !Arrays.equals(id.encode(), o.get(61))) {
                throw new AssertionError("option 61 view does not re-encode");
            }
        } catch (ParseException ignored) {
            // as above
        }
        try {
            ParameterRequestList prl = o.parameterRequestList();
            if (prl != null && prl.size() != o.get(55).length) {
                throw new AssertionError("option 55 view size");
            }
        } catch (ParseException ignored) {
            // as above
        }
        try {
            ClientFqdn f = o.clientFqdn();
            if (f != null) {
                f.nameText();
                if (!Arrays.equals(f.encode(), o.get(81))) {
                    throw new AssertionError("option 81 view does not re-encode");
                }
            }
        } catch (ParseException ignored) {
            // as above
        }
        try {
            RelayAgentInfo r = o.relayAgentInfo();
            if (r != null) {
                if (!Arrays.equals(r.encode(), o.get(82))) {
                    throw new AssertionError("option 82 view does not re-encode");
                }
                r.circuitId();
                r.remoteId();
                r.subscriberId();
                r.relayId();
                try {
                    r.linkSelection();
                    r.serverIdOverride();
                } catch (ParseException ignored) {
                    // as above
                }
            }
        } catch (ParseException ignored) {
            // as above
        }
        try {
            VendorIdentifyingClass c = o.vendorIdentifyingClass();
            if (c != null) {
                for (VendorIdentifyingClass.Entry e : c.entries()) {
                    try {
                        e.items();
                    } catch (ParseException ignored) {
                        // as above
                    }
                }
            }
        } catch (ParseException ignored) {
            // as above
        }
        try {
            VendorSpecificInfo v = o.vendorSpecificInfo();
            if (v != null && !Arrays.equals(v.encode(), o.get(125))) {
                throw new AssertionError("option 125 view does not re-encode");
            }
        } catch (ParseException ignored) {
            // as above
        }
        VendorEncapsulatedOptions veo = o.vendorEncapsulatedOptions();
        if (veo != null) {
            veo.subOptions();
        }
        try {
            o.clientSystemArchitectures();
        } catch (ParseException ignored) {
            // as above
        }
        try {
            o.clientNetworkInterfaceId();
        } catch (ParseException ignored) {
            // as above
        }
        try {
            ClientMachineId m = o.clientMachineId();
            if (m != null) {
                m.uuid();
            }
        } catch (ParseException ignored) {
            // as above
        }
        p.hardwareAddress();
        p.snameString();
        p.fileString();
        p.toString();
    }
}
