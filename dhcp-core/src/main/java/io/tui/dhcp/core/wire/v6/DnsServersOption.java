package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;
import java.util.ArrayList;
import java.util.List;

/** DNS recursive name servers, option 23 (RFC 3646): a list of IPv6 addresses. */
public record DnsServersOption(List<Ip6Address> servers) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.DNS_SERVERS;

    public DnsServersOption {
        servers = List.copyOf(servers);
    }

    public static DnsServersOption of(Ip6Address... servers) {
        return new DnsServersOption(List.of(servers));
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        for (Ip6Address a : servers) {
            a.writeTo(out);
        }
    }

    static List<Ip6Address> readAddresses(WireReader r) throws ParseException {
        if (r.remaining() % 16 != 0) {
            throw r.fail("length " + r.remaining() + " is not a multiple of 16");
        }
        List<Ip6Address> list = new ArrayList<>(r.remaining() / 16);
        while (r.hasRemaining()) {
            list.add(r.ip6());
        }
        return list;
    }

    static DnsServersOption decode(WireReader r) throws ParseException {
        return new DnsServersOption(readAddresses(r));
    }
}
