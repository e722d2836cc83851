package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/** Reconfigure message, option 19 (RFC 8415 section 21.19): the message type the client should send. */
public record ReconfigureMessageOption(int messageType) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.RECONF_MSG;

    public ReconfigureMessageOption {
        Checks.u8(messageType, "message type");
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        out.writeByte(messageType);
    }

    static ReconfigureMessageOption decode(WireReader r) throws ParseException {
        if (r.remaining() != 1) {
            throw r.fail("length must be 1, is " + r.remaining());
        }
        return new ReconfigureMessageOption(r.u8());
    }
}
