package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;
import java.util.List;

/** Vendor class, option 16 (RFC 8415 section 21.16): enterprise number and opaque data items. */
public record VendorClassOption(long enterpriseNumber, List<Octets> data) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.VENDOR_CLASS;

    public VendorClassOption {
        Checks.u32(enterpriseNumber, "enterprise number");
        data = List.copyOf(data);
        for (Octets c : data) {
            Checks.u16(c.length(), "vendor class data length");
        }
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        out.writeInt((int) enterpriseNumber);
        for (Octets c : data) {
            out.writeShort(c.length());
            c.writeTo(out);
        }
    }

    static VendorClassOption decode(WireReader r) throws ParseException {
        if (r.remaining() < 4) {
            throw r.fail("shorter than 4 bytes");
        }
        long ent = r.u32();
        return new VendorClassOption(ent, UserClassOption.readItems(r));
    }
}
