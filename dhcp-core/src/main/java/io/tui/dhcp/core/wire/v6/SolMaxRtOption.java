package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/** SOL_MAX_RT, option 82 (RFC 8415 section 21.24): an unsigned 32-bit number of seconds. */
public record SolMaxRtOption(long seconds) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.SOL_MAX_RT;

    public SolMaxRtOption {
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

    static SolMaxRtOption decode(WireReader r) throws ParseException {
        if (r.remaining() != 4) {
            throw r.fail("length must be 4, is " + r.remaining());
        }
        return new SolMaxRtOption(r.u32());
    }
}
