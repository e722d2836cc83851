package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/** Reconfigure accept, option 20 (RFC 8415 section 21.20): no payload. */
public record ReconfigureAcceptOption() implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.RECONF_ACCEPT;

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        // no payload
    }

    static ReconfigureAcceptOption decode(WireReader r) throws ParseException {
        if (r.remaining() != 0) {
            throw r.fail("length must be 0, is " + r.remaining());
        }
        return new ReconfigureAcceptOption();
    }
}
