package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/** Relay agent subscriber-id, option 38 (RFC 4580): opaque bytes. */
public record SubscriberIdOption(Octets id) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.SUBSCRIBER_ID;

    public SubscriberIdOption {
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

    static SubscriberIdOption decode(WireReader r) throws ParseException {
        if (r.remaining() == 0) {
            throw r.fail("empty");
        }
        return new SubscriberIdOption(r.rest());
    }
}
