package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/** Client link-layer address, option 79 (RFC 6939): hardware type and address, added by relays. */
public record ClientLinkLayerAddressOption(int linkLayerType, Octets address) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.CLIENT_LINKLAYER_ADDR;

    public ClientLinkLayerAddressOption {
        Checks.u16(linkLayerType, "link-layer type");
        Checks.nonNull(address, "address");
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        out.writeShort(linkLayerType);
        address.writeTo(out);
    }

    static ClientLinkLayerAddressOption decode(WireReader r) throws ParseException {
        if (r.remaining() < 2) {
            throw r.fail("shorter than 2 bytes");
        }
        return new ClientLinkLayerAddressOption(r.u16(), r.rest());
    }
}
