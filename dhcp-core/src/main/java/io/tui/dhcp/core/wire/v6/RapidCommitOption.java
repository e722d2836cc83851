package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/** Rapid commit, option 14 (RFC 8415 section 21.14): no payload. */
public record RapidCommitOption() implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.RAPID_COMMIT;

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        // no payload
    }

    static RapidCommitOption decode(WireReader r) throws ParseException {
        if (r.remaining() != 0) {
            throw r.fail("length must be 0, is " + r.remaining());
        }
        return new RapidCommitOption();
    }
}
