package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/** Relay agent remote-id, option 37 (RFC 4649): enterprise number and remote-id bytes. */
public record RemoteIdOption(long enterpriseNumber, Octets remoteId) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.REMOTE_ID;

    public RemoteIdOption {
        Checks.u32(enterpriseNumber, "enterprise number");
        Checks.nonNull(remoteId, "remote-id");
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        out.writeInt((int) enterpriseNumber);
        remoteId.writeTo(out);
    }

    static RemoteIdOption decode(WireReader r) throws ParseException {
        if (r.remaining() < 4) {
            throw r.fail("shorter than 4 bytes");
        }
        return new RemoteIdOption(r.u32(), r.rest());
    }
}
