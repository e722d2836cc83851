package io.tui.dhcp.lease.memfile;

import io.tui.dhcp.core.lease.AddressText;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.ParseException;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lease builders and file helpers for the tests. */
final class TestLeases {
    static final long T0 = 1_795_336_268L;

    private TestLeases() {
    }

    static int v4(String text) {
        try {
            return AddressText.parseV4(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Ip6Address v6(String text) {
        try {
            return AddressText.parseV6(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Bytes hex(String text) {
        try {
            return Bytes.fromHex(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A v4 lease for host number {@code n} in 10.0.0.0/8. */
    static Lease4 lease4(int n, String hostname) {
        byte[] mac = {0x02, 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        return new Lease4(0x0a000000 | n, Bytes.of(mac), Bytes.of(concat((byte) 1, mac)), 4000, T0 + n % 1000, 1,
                false, false, hostname, LeaseState.DEFAULT, "", 0);
    }

    static Lease6 lease6(int n, String hostname) {
        byte[] addr = new byte[16];
        addr[0] = 0x20;
        addr[1] = 0x01;
        addr[2] = 0x0d;
        addr[3] = (byte) 0xb8;
        addr[12] = (byte) (n >>> 24);
        addr[13] = (byte) (n >>> 16);
        addr[14] = (byte) (n >>> 8);
        addr[15] = (byte) n;
        byte[] duid = {0, 3, 0, 1, 0x02, 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        return new Lease6(Ip6Address.of(addr), Bytes.of(duid), 4000, T0 + n % 1000, 1, 3000, LeaseType.NA, n, 128, false,
                false, hostname, bytesOf(0x02, 0, n & 0xff, 1, 2, 3), LeaseState.DEFAULT, "", 1, 2, 0);
    }

    private static byte[] concat(byte first, byte[] rest) {
        byte[] out = new byte[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    static Map<Integer, Lease4> load4(Path... files) throws IOException, LeaseFileException {
        Map<Integer, Lease4> out = new HashMap<>();
        new LeaseFileLoader<>(new Lease4Codec(), 0).load(List.of(files), out);
        return out;
    }

    static Map<Ip6Address, Lease6> load6(Path... files) throws IOException, LeaseFileException {
        Map<Ip6Address, Lease6> out = new HashMap<>();
        new LeaseFileLoader<>(new Lease6Codec(), 0).load(List.of(files), out);
        return out;
    }

    /** Writes a v4 lease file with Tui's header and the given rows. */
    static void writeRows4(Path file, List<Lease4> rows) throws IOException {
        Lease4Codec codec = new Lease4Codec();
        List<String> lines = new ArrayList<>();
        lines.add(codec.header(false));
        for (Lease4 l : rows) {
            StringBuilder sb = new StringBuilder();
            codec.encode(l, false, sb);
            lines.add(sb.toString());
        }
        Files.write(file, lines);
    }

    static Bytes bytesOf(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return Bytes.of(b);
    }
}
