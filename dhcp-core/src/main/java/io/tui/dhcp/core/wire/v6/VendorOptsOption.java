package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/**
 * Vendor-specific information, option 17 (RFC 8415 section 21.17): enterprise number and
 * sub-options in the vendor's own code space, kept as {@link RawOption}s.
 */
public record VendorOptsOption(long enterpriseNumber, Dhcp6Options options) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.VENDOR_OPTS;

    public VendorOptsOption {
        Checks.u32(enterpriseNumber, "enterprise number");
        Checks.nonNull(options, "options");
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        out.writeInt((int) enterpriseNumber);
        options.writeTo(out);
    }

    static VendorOptsOption decode(WireReader r) throws ParseException {
        if (r.remaining() < 4) {
            throw r.fail("shorter than 4 bytes");
        }
        long ent = r.u32();
        Dhcp6Options subs = Dhcp6Options.parseRaw(r.array(), r.position(), r.end(), "vendor options " + ent);
        r.skip(r.remaining());
        return new VendorOptsOption(ent, subs);
    }
}
