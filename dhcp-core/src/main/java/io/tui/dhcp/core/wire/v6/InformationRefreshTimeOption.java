package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/** Information refresh time, option 32 (RFC 8415 section 21.23): an unsigned 32-bit number of seconds. */
public record InformationRefreshTimeOption(long seconds) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.INFORMATION_REFRESH_TIME;

    public InformationRefreshTimeOption {
        Checks.u32(seconds, "seconds");
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        out.writeInt((int) seconds);
    }

    static InformationRefreshTimeOption decode(WireReader r) throws ParseException {
        if (r.remaining() != 4) {
            throw r.fail("length must be 4, is " + r.remaining());
        }
        return new InformationRefreshTimeOption(r.u32());
    }
}
