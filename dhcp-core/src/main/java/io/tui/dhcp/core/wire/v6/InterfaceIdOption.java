package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/** Interface-id, option 18 (RFC 8415 section 21.18), echoed by the server in RELAY-REPL: opaque bytes. */
public record InterfaceIdOption(Octets id) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.INTERFACE_ID;

    public InterfaceIdOption {
        Checks.nonNull(id, "id");
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        id.writeTo(out);
    }

    static InterfaceIdOption decode(WireReader r) throws ParseException {
        if (r.remaining() == 0) {
            throw r.fail("empty");
        }
        return new InterfaceIdOption(r.rest());
    }
}
