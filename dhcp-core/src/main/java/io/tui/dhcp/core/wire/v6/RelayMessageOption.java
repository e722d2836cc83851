package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;

/** Relay message, option 9 (RFC 8415 section 21.10): the relayed message, decoded. */
public record RelayMessageOption(Dhcp6Message message) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.RELAY_MSG;

    public RelayMessageOption {
        Checks.nonNull(message, "message");
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        Dhcp6Encoder.write(message, out);
    }
}
