package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/** IA_TA, option 4 (RFC 8415 section 21.5): IAID and nested options. */
public record IaTaOption(int iaid, Dhcp6Options options) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.IA_TA;

    public IaTaOption {
        Checks.nonNull(options, "options");
    }

    public static IaTaOption of(int iaid, Dhcp6Option... nested) {
        return new IaTaOption(iaid, Dhcp6Options.of(nested));
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        out.writeInt(iaid);
        options.writeTo(out);
    }

    static IaTaOption decode(WireReader r, int depth) throws ParseException {
        if (r.remaining() < 4) {
            throw r.fail("IA_TA shorter than 4 bytes");
        }
        return new IaTaOption(r.i32(), Dhcp6Options.parseTyped(r, "IA_TA", depth));
    }
}
