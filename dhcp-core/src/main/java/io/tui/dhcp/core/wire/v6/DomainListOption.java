package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Domain search list, option 24 (RFC 3646): fully qualified names, uncompressed. Names are held
 * without the trailing dot ({@code "example.com"}); the root is {@code "."}. See {@link DnsNameCodec}
 * for the escaping of unusual bytes.
 */
public record DomainListOption(List<String> domains) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.DOMAIN_LIST;

    public DomainListOption {
        List<String> norm = new ArrayList<>(domains.size());
        for (String d : domains) {
            String n = normalize(d);
            if (n.isEmpty()) {
                throw new IllegalArgumentException("empty domain name");
            }
            DnsNameCodec.wireLength(n + (n.equals(".") ? "" : "."));
            norm.add(n);
        }
        domains = List.copyOf(norm);
    }

    public static DomainListOption of(String... domains) {
        return new DomainListOption(List.of(domains));
    }

    /** Drops one unescaped trailing dot, except from the root name. */
    static String normalize(String d) {
        if (d.equals(".") || !DnsNameCodec.isFullyQualified(d)) {
            return d;
        }
        return d.substring(0, d.length() - 1);
    }

    static void writeFqdn(ByteBuf out, String name) {
        DnsNameCodec.write(out, name.equals(".") ? name : name + ".");
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        for (String d : domains) {
            writeFqdn(out, d);
        }
    }

    static DomainListOption decode(WireReader r) throws ParseException {
        List<String> list = new ArrayList<>(2);
        while (r.hasRemaining()) {
            list.add(normalize(DnsNameCodec.read(r, false)));
        }
        return new DomainListOption(list);
    }
}
