package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * NTP server, option 56 (RFC 5908): a list of sub-options, each a server address (1), a multicast
 * address (2) or a server FQDN (3); other sub-option codes are kept raw.
 */
public record NtpServerOption(List<Suboption> suboptions) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.NTP_SERVER;
    public static final int SUBOPT_SRV_ADDR = 1;
    public static final int SUBOPT_MC_ADDR = 2;
    public static final int SUBOPT_SRV_FQDN = 3;

    public NtpServerOption {
        suboptions = List.copyOf(suboptions);
    }

    public static NtpServerOption of(Suboption... suboptions) {
        return new NtpServerOption(List.of(suboptions));
    }

    /** One NTP server sub-option. */
    public sealed interface Suboption {
        int code();

        void writePayload(ByteBuf out);
    }

    /** Sub-option 1: a unicast server address. */
    public record ServerAddress(Ip6Address address) implements Suboption {
        public ServerAddress {
            Checks.nonNull(address, "address");
        }

        @Override
        public int code() {
            return SUBOPT_SRV_ADDR;
        }

        @Override
        public void writePayload(ByteBuf out) {
            address.writeTo(out);
        }
    }

    /** Sub-option 2: a multicast address. */
    public record MulticastAddress(Ip6Address address) implements Suboption {
        public MulticastAddress {
            Checks.nonNull(address, "address");
        }

        @Override
        public int code() {
            return SUBOPT_MC_ADDR;
        }

        @Override
        public void writePayload(ByteBuf out) {
            address.writeTo(out);
        }
    }

    /** Sub-option 3: a fully qualified server name, held without the trailing dot. */
    public record ServerFqdn(String name) implements Suboption {
        public ServerFqdn {
            name = DomainListOption.normalize(Checks.nonNull(name, "name"));
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty NTP server name");
            }
            DnsNameCodec.wireLength(name.equals(".") ? name : name + ".");
        }

        @Override
        public int code() {
            return SUBOPT_SRV_FQDN;
        }

        @Override
        public void writePayload(ByteBuf out) {
            DomainListOption.writeFqdn(out, name);
        }
    }

    /** A sub-option of another code, kept raw. */
    public record Other(int code, Octets data) implements Suboption {
        public Other {
            Checks.u16(code, "sub-option code");
            Checks.u16(data.length(), "sub-option length");
            if (code >= SUBOPT_SRV_ADDR && code <= SUBOPT_SRV_FQDN) {
                throw new IllegalArgumentException("NTP sub-option " + code + " has its own record");
            }
        }

        @Override
        public void writePayload(ByteBuf out) {
            data.writeTo(out);
        }
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        for (Suboption s : suboptions) {
            int start = out.writerIndex();
            out.writeShort(s.code()).writeShort(0);
            s.writePayload(out);
            out.setShort(start + 2, out.writerIndex() - start - 4);
        }
    }

    static NtpServerOption decode(WireReader r) throws ParseException {
        List<Suboption> subs = new ArrayList<>(2);
        while (r.hasRemaining()) {
            if (r.remaining() < 4) {
                throw r.fail("truncated NTP sub-option header");
            }
            int code = r.u16();
            int len = r.u16();
            WireReader s = r.sub(len, "NTP sub-option " + code);
            subs.add(switch (code) {
                case SUBOPT_SRV_ADDR, SUBOPT_MC_ADDR -> {
                    if (len != 16) {
                        throw s.fail("length must be 16, is " + len);
                    }
                    Ip6Address a = s.ip6();
                    yield code == SUBOPT_SRV_ADDR ? new ServerAddress(a) : new MulticastAddress(a);
                }
                case SUBOPT_SRV_FQDN -> {
                    String name = DnsNameCodec.read(s, false);
                    s.expectEnd();
                    yield new ServerFqdn(name);
                }
                default -> new Other(code, s.rest());
            });
        }
        return new NtpServerOption(subs);
    }
}
