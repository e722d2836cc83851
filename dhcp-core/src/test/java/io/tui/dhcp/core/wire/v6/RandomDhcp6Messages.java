package io.tui.dhcp.core.wire.v6;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Random valid DHCPv6 messages built from the typed records (and raw options of codes without a
 * view), nested IAs and relay chains included. Deterministic for a seeded generator.
 */
final class RandomDhcp6Messages {
    private final RandomGenerator rnd;

    RandomDhcp6Messages(RandomGenerator rnd) {
        this.rnd = rnd;
    }

    Dhcp6Message message() {
        Dhcp6Message m = clientMessage();
        int depth = rnd.nextInt(8) == 0 ? rnd.nextInt(32) + 1 : rnd.nextInt(4);
        for (int i = 0; i < depth; i++) {
            m = relay(m, depth > 6);
        }
        return m;
    }

    Dhcp6ClientMessage clientMessage() {
        int type;
        do {
            type = rnd.nextInt(10) == 0 ? rnd.nextInt(256) : 1 + rnd.nextInt(37);
        } while (type == 12 || type == 13);
        Dhcp6Options o = new Dhcp6Options();
        int n = rnd.nextInt(9);
        for (int i = 0; i < n; i++) {
            o.add(option(0));
        }
        return new Dhcp6ClientMessage(type, rnd.nextInt(1 << 24), o);
    }

    Dhcp6RelayMessage relay(Dhcp6Message inner, boolean small) {
        Dhcp6Options o = new Dhcp6Options();
        int n = small ? rnd.nextInt(2) : rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            o.add(switch (rnd.nextInt(5)) {
                case 0 -> new InterfaceIdOption(octets(1, 12));
                case 1 -> new RemoteIdOption(u32(), octets(0, 12));
                case 2 -> new SubscriberIdOption(octets(1, 12));
                case 3 -> new ClientLinkLayerAddressOption(rnd.nextInt(1 << 16), octets(0, 8));
                default -> rawUnknown();
            });
        }
        o.add(rnd.nextInt(o.size() + 1), new RelayMessageOption(inner));
        int type = rnd.nextBoolean() ? 12 : 13;
        return new Dhcp6RelayMessage(type, rnd.nextInt(256), ip6(), ip6(), o);
    }

    Dhcp6Option option(int depth) {
        return switch (rnd.nextInt(31)) {
            case 0 -> new ClientIdOption(duid());
            case 1 -> new ServerIdOption(duid());
            case 2 -> new IaNaOption(rnd.nextInt(), u32(), u32(), nested(depth, true));
            case 3 -> new IaTaOption(rnd.nextInt(), nested(depth, true));
            case 4 -> new IaPdOption(rnd.nextInt(), u32(), u32(), nested(depth, false));
            case 5 -> iaAddress(depth);
            case 6 -> iaPrefix(depth);
            case 7 -> {
                int[] codes = new int[rnd.nextInt(6)];
                for (int i = 0; i < codes.length; i++) {
                    codes[i] = rnd.nextInt(1 << 16);
                }
                yield new OptionRequestOption(codes);
            }
            case 8 -> new PreferenceOption(rnd.nextInt(256));
            case 9 -> new ElapsedTimeOption(rnd.nextInt(1 << 16));
            case 10 -> new ServerUnicastOption(ip6());
            case 11 -> new StatusCodeOption(rnd.nextInt(1 << 16), text());
            case 12 -> new RapidCommitOption();
            case 13 -> new UserClassOption(items());
            case 14 -> new VendorClassOption(u32(), items());
            case 15 -> {
                Dhcp6Options subs = new Dhcp6Options();
                for (int i = rnd.nextInt(3); i > 0; i--) {
                    subs.add(RawOption.of(rnd.nextInt(1 << 16), octets(0, 10).toByteArray()));
                }
                yield new VendorOptsOption(u32(), subs);
            }
            case 16 -> new InterfaceIdOption(octets(1, 20));
            case 17 -> new ReconfigureMessageOption(rnd.nextInt(256));
            case 18 -> new ReconfigureAcceptOption();
            case 19 -> {
                List<Ip6Address> l = new ArrayList<>();
                for (int i = rnd.nextInt(4); i > 0; i--) {
                    l.add(ip6());
                }
                yield new DnsServersOption(l);
            }
            case 20 -> {
                List<String> l = new ArrayList<>();
                for (int i = rnd.nextInt(4); i > 0; i--) {
                    l.add(domain(rnd.nextInt(4) == 0));
                }
                yield new DomainListOption(l);
            }
            case 21 -> new InformationRefreshTimeOption(u32());
            case 22 -> new RemoteIdOption(u32(), octets(0, 16));
            case 23 -> new SubscriberIdOption(octets(1, 16));
            case 24 -> new ClientFqdnOption(rnd.nextInt(256), switch (rnd.nextInt(4)) {
                case 0 -> "";
                case 1 -> domain(false);
                default -> domain(false) + ".";
            });
            case 25 -> {
                List<NtpServerOption.Suboption> l = new ArrayList<>();
                for (int i = rnd.nextInt(4); i > 0; i--) {
                    l.add(switch (rnd.nextInt(4)) {
                        case 0 -> new NtpServerOption.ServerAddress(ip6());
                        case 1 -> new NtpServerOption.MulticastAddress(ip6());
                        case 2 -> new NtpServerOption.ServerFqdn(domain(false));
                        default -> new NtpServerOption.Other(4 + rnd.nextInt(100), octets(0, 6));
                    });
                }
                yield new NtpServerOption(l);
            }
            case 26 -> new PdExcludeOption(1 + rnd.nextInt(128), octets(1, 16));
            case 27 -> new ClientLinkLayerAddressOption(rnd.nextInt(1 << 16), octets(0, 16));
            case 28 -> new SolMaxRtOption(u32());
            case 29 -> new InfMaxRtOption(u32());
            default -> rawUnknown();
        };
    }

    private Dhcp6Options nested(int depth, boolean addresses) {
        Dhcp6Options o = new Dhcp6Options();
        if (depth >= 3) {
            return o;
        }
        for (int i = rnd.nextInt(4); i > 0; i--) {
            o.add(switch (rnd.nextInt(4)) {
                case 0, 1 -> addresses ? iaAddress(depth + 1) : iaPrefix(depth + 1);
                case 2 -> new StatusCodeOption(rnd.nextInt(24), text());
                default -> rnd.nextBoolean() ? rawUnknown() : option(depth + 1);
            });
        }
        return o;
    }

    private IaAddressOption iaAddress(int depth) {
        Dhcp6Options o = new Dhcp6Options();
        if (depth < 3 && rnd.nextBoolean()) {
            o.add(new StatusCodeOption(rnd.nextInt(24), text()));
        }
        return new IaAddressOption(ip6(), u32(), u32(), o);
    }

    private IaPrefixOption iaPrefix(int depth) {
        Dhcp6Options o = new Dhcp6Options();
        int plen = rnd.nextInt(129);
        if (depth < 3 && plen < 128 && rnd.nextBoolean()) {
            Ip6Address p = ip6();
            int ex = plen + 1 + rnd.nextInt(128 - plen);
            o.add(PdExcludeOption.of(p, plen, ip6(), ex));
        }
        if (depth < 3 && rnd.nextBoolean()) {
            o.add(new StatusCodeOption(rnd.nextInt(24), text()));
        }
        return new IaPrefixOption(u32(), u32(), plen, ip6(), o);
    }

    private RawOption rawUnknown() {
        int code;
        do {
            code = rnd.nextInt(1 << 16);
        } while (Dhcp6OptionViews.hasView(code) || code == Dhcp6OptionCode.RELAY_MSG);
        return RawOption.of(code, octets(0, 24).toByteArray());
    }

    private Duid duid() {
        return switch (rnd.nextInt(5)) {
            case 0 -> new Duid.Llt(rnd.nextInt(1 << 16), u32(), octets(0, 20));
            case 1 -> new Duid.En(u32(), octets(1, 20));
            case 2 -> new Duid.Ll(rnd.nextInt(1 << 16), octets(1, 20));
            case 3 -> new Duid.Uuid(new UUID(rnd.nextLong(), rnd.nextLong()));
            default -> new Duid.Unknown(5 + rnd.nextInt(0xFFFF - 4), octets(1, 128));
        };
    }

    private List<Octets> items() {
        List<Octets> l = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
            l.add(octets(0, 12));
        }
        return l;
    }

    private long u32() {
        return switch (rnd.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 0xFFFFFFFFL;
            default -> rnd.nextLong(1L << 32);
        };
    }

    Ip6Address ip6() {
        return new Ip6Address(rnd.nextLong(), rnd.nextInt(3) == 0 ? rnd.nextInt(256) : rnd.nextLong());
    }

    private Octets octets(int min, int max) {
        byte[] b = new byte[min + rnd.nextInt(max - min + 1)];
        rnd.nextBytes(b);
        return Octets.of(b);
    }

    /** Text of random code points: ASCII, Latin-1, CJK and astral (surrogate pairs), all valid UTF-16. */
    private String text() {
        StringBuilder sb = new StringBuilder();
        for (int i = rnd.nextInt(12); i > 0; i--) {
            sb.appendCodePoint(switch (rnd.nextInt(4)) {
                case 0 -> 0x20 + rnd.nextInt(0x5f);
                case 1 -> 0xa0 + rnd.nextInt(0x60);
                case 2 -> 0x4e00 + rnd.nextInt(0x500);
                default -> 0x1f300 + rnd.nextInt(0x200);
            });
        }
        return sb.toString();
    }

    /** A domain name in the canonical text form; with {@code odd}, labels hold escaped bytes. */
    String domain(boolean odd) {
        StringBuilder sb = new StringBuilder();
        int labels = 1 + rnd.nextInt(4);
        for (int l = 0; l < labels; l++) {
            if (l > 0) {
                sb.append('.');
            }
            int len = 1 + rnd.nextInt(odd ? 10 : 20);
            for (int i = 0; i < len; i++) {
                if (odd && rnd.nextInt(3) == 0) {
                    int b = rnd.nextInt(256);
                    if (b == '.' || b == '\\') {
                        sb.append('\\').append((char) b);
                    } else if (b < 0x21 || b > 0x7e) {
                        sb.append('\\').append(String.format("%03d", b));
                    } else {
                        sb.append((char) b);
                    }
                } else {
                    sb.append("abcdefghijklmnopqrstuvwxyzABCZ0123456789-_".charAt(rnd.nextInt(42)));
                }
            }
        }
        return sb.toString();
    }
}
