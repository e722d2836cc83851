package io.tui.dhcp.core.wire.v4;

import io.tui.dhcp.core.wire.ParseException;
import java.util.Arrays;

/** Option 55 (RFC 2132 9.8): the option codes a client asks for, in its order of preference. */
public final class ParameterRequestList {
    private final byte[] codes;

    private ParameterRequestList(byte[] codes) {
        this.codes = codes;
    }

    /** @throws ParseException when empty (RFC 2132 gives it a minimum length of 1) */
    public static ParameterRequestList parse(byte[] v) throws ParseException {
        if (v.length == 0) {
            throw new ParseException("option 55 is empty");
        }
        return new ParameterRequestList(v.clone());
    }

    public int size() {
        return codes.length;
    }

    /** The code at position {@code i}. */
    public int code(int i) {
        return codes[i] & 0xff;
    }

    public boolean contains(int code) {
        for (byte c : codes) {
            if ((c & 0xff) == code) {
                return true;
            }
        }
        return false;
    }

    /** The requested codes in order. */
    public int[] codes() {
        int[] out = new int[codes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = codes[i] & 0xff;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterRequestList p && Arrays.equals(p.codes, codes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codes);
    }

    @Override
    public String toString() {
        return "ParameterRequestList" + Arrays.toString(codes());
    }
}
