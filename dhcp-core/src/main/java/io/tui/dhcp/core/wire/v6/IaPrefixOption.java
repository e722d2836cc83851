package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/**
 * IAPREFIX, option 26 (RFC 8415 section 21.22): lifetimes, prefix length, prefix and nested options
 * (status code, PD exclude).
 */
public record IaPrefixOption(long preferredLifetime, long validLifetime, int prefixLength, Ip6Address prefix,
        Dhcp6Options options) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.IAPREFIX;

    public IaPrefixOption {
        Checks.u32(preferredLifetime, "preferred lifetime");
        Checks.u32(validLifetime, "valid lifetime");
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("prefix length out of 0..128: " + prefixLength);
        }
        Checks.nonNull(prefix, "prefix");
        Checks.nonNull(options, "options");
    }

    public static IaPrefixOption of(Ip6Address prefix, int prefixLength, long preferred, long valid,
            Dhcp6Option... nested) {
        return new IaPrefixOption(preferred, valid, prefixLength, prefix, Dhcp6Options.of(nested));
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        out.writeInt((int) preferredLifetime).writeInt((int) validLifetime).writeByte(prefixLength);
        prefix.writeTo(out);
        options.writeTo(out);
    }

    static IaPrefixOption decode(WireReader r, int depth) throws ParseException {
        if (r.remaining() < 25) {
            throw r.fail("IAPREFIX shorter than 25 bytes");
        }
        long pref = r.u32();
        long valid = r.u32();
        int at = r.position();
        int plen = r.u8();
        if (plen > 128) {
            throw new ParseException("IAPREFIX prefix length " + plen + " > 128", at);
        }
        Ip6Address prefix = r.ip6();
        return new IaPrefixOption(pref, valid, plen, prefix, Dhcp6Options.parseTyped(r, "IAPREFIX", depth));
    }
}
