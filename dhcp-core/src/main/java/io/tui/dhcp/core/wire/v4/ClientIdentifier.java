package io.tui.dhcp.core.wire.v4;

import io.tui.dhcp.core.wire.ParseException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Option 61 (RFC 2132 9.14): a type byte (1 = Ethernet address, 255 = RFC 4361 IAID+DUID, 0 = opaque) and
 * the identifier. The id array is held, not copied.
 */
public record ClientIdentifier(int type, byte[] id) {

    public ClientIdentifier {
        if (type < 0 || type > 255 || id == null || id.length == 0) {
            throw new IllegalArgumentException("client identifier needs a type 0..255 and at least one byte");
        }
    }

    /** @throws ParseException when shorter than the RFC 2132 minimum of two bytes */
    public static ClientIdentifier parse(byte[] v) throws ParseException {
        if (v.length < 2) {
            throw new ParseException("option 61 has length " + v.length + ", minimum is 2");
        }
        return new ClientIdentifier(v[0] & 0xff, Arrays.copyOfRange(v, 1, v.length));
    }

    /** The option value: type then identifier. */
    public byte[] encode() {
        byte[] v = new byte[1 + id.length];
        v[0] = (byte) type;
        System.arraycopy(id, 0, v, 1, id.length);
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientIdentifier(int t, byte[] i) && t == type && Arrays.equals(i, id);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return "ClientIdentifier[" + type + ":" + HexFormat.of().formatHex(id) + "]";
    }
}
