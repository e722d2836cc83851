package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/**
 * Client FQDN, option 39 (RFC 4704): flags (S, O, N) and a domain name that may be partial.
 * The name follows {@link DnsNameCodec}'s text form: {@code "host.example.com."} is fully qualified,
 * {@code "host"} partial, {@code ""} no name. All 8 flag bits are kept as sent.
 */
public record ClientFqdnOption(int flags, String domainName) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.CLIENT_FQDN;
    /** S: the server should perform the AAAA update. */
    public static final int FLAG_S = 0x01;
    /** O: the server has overridden the client's S preference. */
    public static final int FLAG_O = 0x02;
    /** N: the server should perform no DNS updates. */
    public static final int FLAG_N = 0x04;

    public ClientFqdnOption {
        Checks.u8(flags, "flags");
        Checks.nonNull(domainName, "domain name");
        DnsNameCodec.wireLength(domainName);
    }

    public boolean s() {
        return (flags & FLAG_S) != 0;
    }

    public boolean o() {
        return (flags & FLAG_O) != 0;
    }

    public boolean n() {
        return (flags & FLAG_N) != 0;
    }

    /** Whether the name is fully qualified (ends with a dot). */
    public boolean isFullyQualified() {
        return DnsNameCodec.isFullyQualified(domainName);
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        out.writeByte(flags);
        DnsNameCodec.write(out, domainName);
    }

    static ClientFqdnOption decode(WireReader r) throws ParseException {
        if (r.remaining() < 1) {
            throw r.fail("empty");
        }
        int flags = r.u8();
        String name = r.hasRemaining() ? DnsNameCodec.read(r, true) : "";
        r.expectEnd();
        return new ClientFqdnOption(flags, name);
    }
}
