package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/** Server unicast, option 12 (RFC 8415 section 21.12): the address clients may unicast to. */
public record ServerUnicastOption(Ip6Address address) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.UNICAST;

    public ServerUnicastOption {
        Checks.nonNull(address, "address");
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        address.writeTo(out);
    }

    static ServerUnicastOption decode(WireReader r) throws ParseException {
        if (r.remaining() != 16) {
            throw r.fail("length must be 16, is " + r.remaining());
        }
        return new ServerUnicastOption(r.ip6());
    }
}
