package io.tui.dhcp.core.wire.v4;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One option of a {@link Dhcp4Options} container as seen while iterating: the code and the whole
 * (RFC 3396 concatenated) value. The value array is the container's own: treat it as read-only.
 */
public record Dhcp4Option(int code, byte[] value) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Dhcp4Option(int c, byte[] v) && c == code && Arrays.equals(v, value);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return code + "=" + HexFormat.of().formatHex(value);
    }
}
