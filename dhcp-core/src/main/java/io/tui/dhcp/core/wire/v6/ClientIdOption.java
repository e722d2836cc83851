package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/** Option client identifier (RFC 8415 section 21): a DUID. */
public record ClientIdOption(Duid duid) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.CLIENTID;

    public ClientIdOption {
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

    static ClientIdOption decode(WireReader r) throws ParseException {
        return new ClientIdOption(Duid.decode(r));
    }
}
