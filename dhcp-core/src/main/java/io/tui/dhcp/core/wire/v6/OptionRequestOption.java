package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;
import java.util.Arrays;

/** Option request, option 6 (RFC 8415 section 21.7): the option codes the client asks for, in order. */
public record OptionRequestOption(int[] codes) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.ORO;

    public OptionRequestOption {
        codes = codes.clone();
        for (int c : codes) {
            Checks.u16(c, "requested option code");
        }
    }

    public static OptionRequestOption of(int... codes) {
        return new OptionRequestOption(codes);
    }

    /** A copy of the requested codes. */
    @Override
    public int[] codes() {
        return codes.clone();
    }

    public int size() {
        return codes.length;
    }

    public int codeAt(int i) {
        return codes[i];
    }

    /** Whether {@code code} is requested. */
    public boolean requests(int code) {
        for (int c : codes) {
            if (c == code) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        for (int c : codes) {
            out.writeShort(c);
        }
    }

    static OptionRequestOption decode(WireReader r) throws ParseException {
        if ((r.remaining() & 1) != 0) {
            throw r.fail("odd length " + r.remaining());
        }
        int[] c = new int[r.remaining() / 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = r.u16();
        }
        return new OptionRequestOption(c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptionRequestOption other && Arrays.equals(codes, other.codes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codes);
    }

    @Override
    public String toString() {
        return "OptionRequestOption" + Arrays.toString(codes);
    }
}
