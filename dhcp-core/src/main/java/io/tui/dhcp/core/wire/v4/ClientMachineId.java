package io.tui.dhcp.core.wire.v4;

import io.tui.dhcp.core.wire.ParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Option 97 (RFC 4578 2.3): a type byte and the machine identifier. Type 0 is a 16-byte UUID/GUID; other
 * types are kept opaque. The id array is held, not copied.
 */
public record ClientMachineId(int type, byte[] id) {

    public static final int TYPE_GUID = 0;

    /** @throws ParseException when empty, or of type 0 with an identifier that is not 16 bytes */
    public static ClientMachineId parse(byte[] v) throws ParseException {
        if (v.length == 0) {
            throw new ParseException("option 97 is empty");
        }
        int type = v[0] & 0xff;
        if (type == TYPE_GUID && v.length != 17) {
            throw new ParseException("option 97 type 0 (GUID) has length " + v.length + ", expected 17");
        }
        return new ClientMachineId(type, Arrays.copyOfRange(v, 1, v.length));
    }

    /**
     * The identifier of a type 0 option read as a UUID in network byte order, as sent (no reordering of the
     * little-endian fields some firmware uses); {@code null} for other types.
     */
    public UUID uuid() {
        if (type != TYPE_GUID || id.length != 16) {
            return null;
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = hi << 8 | (id[i] & 0xff);
            lo = lo << 8 | (id[i + 8] & 0xff);
        }
        return new UUID(hi, lo);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientMachineId(int t, byte[] i) && t == type && Arrays.equals(i, id);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return "ClientMachineId[" + type + ":" + HexFormat.of().formatHex(id) + "]";
    }
}
