package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.wire.ParseException;
import java.util.UUID;

/**
 * A DHCP Unique Identifier (RFC 8415 section 11): a 2-byte type and 1 to 128 bytes of identifier.
 * Known types decode to {@link Llt}, {@link En}, {@link Ll} and {@link Uuid}; any other type is kept
 * as {@link Unknown}. {@link #toOctets()} gives the exact wire bytes (the lease key).
 */
public sealed interface Duid {
    int TYPE_LLT = 1;
    int TYPE_EN = 2;
    int TYPE_LL = 3;
    int TYPE_UUID = 4;
    /** Shortest DUID: type plus one byte. */
    int MIN_LENGTH = 3;
    /** Longest DUID: type plus 128 bytes. */
    int MAX_LENGTH = 130;

    /** The DUID type code. */
    int type();

    /** Writes the DUID (type and identifier) at the writer index of {@code out}. */
    void writeTo(ByteBuf out);

    /** The wire bytes. */
    default Octets toOctets() {
        ByteBuf b = Unpooled.buffer(MAX_LENGTH);
        writeTo(b);
        byte[] a = new byte[b.readableBytes()];
        b.readBytes(a);
        return Octets.of(a);
    }

    /** Parses a DUID from its wire bytes. */
    static Duid parse(byte[] bytes) throws ParseException {
        return decode(new WireReader(bytes, 0, bytes.length, "DUID"));
    }

    /** Parses a DUID from hex such as {@code 00:01:00:01:...}. */
    static Duid parseHex(String hex) throws ParseException {
        return parse(Octets.ofHex(hex).toByteArray());
    }

    /** Reads the whole of {@code r} as a DUID. */
    static Duid decode(WireReader r) throws ParseException {
        int len = r.remaining();
        if (len < MIN_LENGTH || len > MAX_LENGTH) {
            throw r.fail("DUID length " + len + " outside " + MIN_LENGTH + ".." + MAX_LENGTH);
        }
        int type = r.u16();
        return switch (type) {
            case TYPE_LLT -> {
                if (r.remaining() < 6) {
                    throw r.fail("DUID-LLT shorter than 8 bytes");
                }
                yield new Llt(r.u16(), r.u32(), r.rest());
            }
            case TYPE_EN -> {
                if (r.remaining() < 5) {
                    throw r.fail("DUID-EN shorter than 7 bytes");
                }
                yield new En(r.u32(), r.rest());
            }
            case TYPE_LL -> {
                if (r.remaining() < 3) {
                    throw r.fail("DUID-LL shorter than 5 bytes");
                }
                yield new Ll(r.u16(), r.rest());
            }
            case TYPE_UUID -> {
                if (r.remaining() != 16) {
                    throw r.fail("DUID-UUID is 18 bytes, not " + len);
                }
                byte[] a = r.array();
                int p = r.position();
                long hi = 0;
                long lo = 0;
                for (int i = 0; i < 8; i++) {
                    hi = (hi << 8) | (a[p + i] & 0xFFL);
                    lo = (lo << 8) | (a[p + 8 + i] & 0xFFL);
                }
                r.skip(16);
                yield new Uuid(new UUID(hi, lo));
            }
            default -> new Unknown(type, r.rest());
        };
    }

    private static void checkU16(int v, String what) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(what + " out of range: " + v);
        }
    }

    private static void checkU32(long v, String what) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(what + " out of range: " + v);
        }
    }

    private static void checkLength(int total) {
        if (total < MIN_LENGTH || total > MAX_LENGTH) {
            throw new IllegalArgumentException("DUID length " + total + " outside " + MIN_LENGTH + ".." + MAX_LENGTH);
        }
    }

    /** DUID-LLT (type 1): hardware type, time (seconds since 2000-01-01 UTC, mod 2^32), link-layer address. */
    record Llt(int hardwareType, long time, Octets linkLayerAddress) implements Duid {
        public Llt {
            checkU16(hardwareType, "hardware type");
            checkU32(time, "time");
            checkLength(8 + linkLayerAddress.length());
        }

        @Override
        public int type() {
            return TYPE_LLT;
        }

        @Override
        public void writeTo(ByteBuf out) {
            out.writeShort(TYPE_LLT).writeShort(hardwareType).writeInt((int) time);
            linkLayerAddress.writeTo(out);
        }
    }

    /** DUID-EN (type 2): enterprise number and identifier. */
    record En(long enterpriseNumber, Octets identifier) implements Duid {
        public En {
            checkU32(enterpriseNumber, "enterprise number");
            checkLength(6 + identifier.length());
            if (identifier.isEmpty()) {
                throw new IllegalArgumentException("DUID-EN needs an identifier");
            }
        }

        @Override
        public int type() {
            return TYPE_EN;
        }

        @Override
        public void writeTo(ByteBuf out) {
            out.writeShort(TYPE_EN).writeInt((int) enterpriseNumber);
            identifier.writeTo(out);
        }
    }

    /** DUID-LL (type 3): hardware type and link-layer address. */
    record Ll(int hardwareType, Octets linkLayerAddress) implements Duid {
        public Ll {
            checkU16(hardwareType, "hardware type");
            checkLength(4 + linkLayerAddress.length());
            if (linkLayerAddress.isEmpty()) {
                throw new IllegalArgumentException("DUID-LL needs a link-layer address");
            }
        }

        @Override
        public int type() {
            return TYPE_LL;
        }

        @Override
        public void writeTo(ByteBuf out) {
            out.writeShort(TYPE_LL).writeShort(hardwareType);
            linkLayerAddress.writeTo(out);
        }
    }

    /** DUID-UUID (type 4, RFC 6355). */
    record Uuid(UUID uuid) implements Duid {
        public Uuid {
            java.util.Objects.requireNonNull(uuid);
        }

        @Override
        public int type() {
            return TYPE_UUID;
        }

        @Override
        public void writeTo(ByteBuf out) {
            out.writeShort(TYPE_UUID).writeLong(uuid.getMostSignificantBits()).writeLong(uuid.getLeastSignificantBits());
        }
    }

    /** A DUID of a type this package does not know, kept raw. */
    record Unknown(int type, Octets data) implements Duid {
        public Unknown {
            checkU16(type, "DUID type");
            if (type >= TYPE_LLT && type <= TYPE_UUID) {
                throw new IllegalArgumentException("DUID type " + type + " has its own record");
            }
            checkLength(2 + data.length());
        }

        @Override
        public void writeTo(ByteBuf out) {
            out.writeShort(type);
            data.writeTo(out);
        }
    }
}
