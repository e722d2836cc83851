package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/** INF_MAX_RT, option 83 (RFC 8415 section 21.25): an unsigned 32-bit number of seconds. */
public record InfMaxRtOption(long seconds) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.INF_MAX_RT;

    public InfMaxRtOption {
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

    static InfMaxRtOption decode(WireReader r) throws ParseException {
        if (r.remaining() != 4) {
            throw r.fail("length must be 4, is " + r.remaining());
        }
        return new InfMaxRtOption(r.u32());
    }
}
