package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/** IAADDR, option 5 (RFC 8415 section 21.6): address, lifetimes and nested options (status code). */
public record IaAddressOption(Ip6Address address, long preferredLifetime, long validLifetime, Dhcp6Options options)
        implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.IAADDR;

    public IaAddressOption {
        Checks.nonNull(address, "address");
        Checks.u32(preferredLifetime, "preferred lifetime");
        Checks.u32(validLifetime, "valid lifetime");
        Checks.nonNull(options, "options");
    }

    public static IaAddressOption of(Ip6Address address, long preferred, long valid, Dhcp6Option... nested) {
        return new IaAddressOption(address, preferred, valid, Dhcp6Options.of(nested));
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        address.writeTo(out);
        out.writeInt((int) preferredLifetime).writeInt((int) validLifetime);
        options.writeTo(out);
    }

    static IaAddressOption decode(WireReader r, int depth) throws ParseException {
        if (r.remaining() < 24) {
            throw r.fail("IAADDR shorter than 24 bytes");
        }
        Ip6Address a = r.ip6();
        long pref = r.u32();
        long valid = r.u32();
        return new IaAddressOption(a, pref, valid, Dhcp6Options.parseTyped(r, "IAADDR", depth));
    }
}
