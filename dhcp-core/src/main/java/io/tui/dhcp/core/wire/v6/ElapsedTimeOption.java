package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/** Elapsed time, option 8 (RFC 8415 section 21.9): hundredths of a second, 0xffff meaning "longer". */
public record ElapsedTimeOption(int hundredths) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.ELAPSED_TIME;

    public ElapsedTimeOption {
        Checks.u16(hundredths, "elapsed time");
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        out.writeShort(hundredths);
    }

    static ElapsedTimeOption decode(WireReader r) throws ParseException {
        if (r.remaining() != 2) {
            throw r.fail("length must be 2, is " + r.remaining());
        }
        return new ElapsedTimeOption(r.u16());
    }
}
