package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/** Option server identifier (RFC 8415 section 21): a DUID. */
public record ServerIdOption(Duid duid) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.SERVERID;

    public ServerIdOption {
        Checks.nonNull(duid, "duid");
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        duid.writeTo(out);
    }

    static ServerIdOption decode(WireReader r) throws ParseException {
        return new ServerIdOption(Duid.decode(r));
    }
}
