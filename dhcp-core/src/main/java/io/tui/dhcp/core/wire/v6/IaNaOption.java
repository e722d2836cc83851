package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/**
 * IA_NA, option 3 (RFC 8415 section 21.4): IAID, T1, T2 and nested options (IAADDR, status code).
 * Times are unsigned 32-bit seconds held in a long.
 */
public record IaNaOption(int iaid, long t1, long t2, Dhcp6Options options) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.IA_NA;

    public IaNaOption {
        Checks.u32(t1, "T1");
        Checks.u32(t2, "T2");
        Checks.nonNull(options, "options");
    }

    public static IaNaOption of(int iaid, long t1, long t2, Dhcp6Option... nested) {
        return new IaNaOption(iaid, t1, t2, Dhcp6Options.of(nested));
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        out.writeInt(iaid).writeInt((int) t1).writeInt((int) t2);
        options.writeTo(out);
    }

    static IaNaOption decode(WireReader r, int depth) throws ParseException {
        if (r.remaining() < 12) {
            throw r.fail("IA_NA shorter than 12 bytes");
        }
        int iaid = r.i32();
        long t1 = r.u32();
        long t2 = r.u32();
        return new IaNaOption(iaid, t1, t2, Dhcp6Options.parseTyped(r, "IA_NA", depth));
    }
}
