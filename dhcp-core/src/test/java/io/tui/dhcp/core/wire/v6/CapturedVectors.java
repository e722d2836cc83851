package io.tui.dhcp.core.wire.v6;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * DHCPv6 datagrams captured with tcpdump from real clients (ISC dhclient, dhcpcd, Kea's perfdhcp in
 * relay mode) talking to Kea 2.2.0, stored as hex under {@code vectors/v6/}.
 */
final class CapturedVectors {
    private CapturedVectors() {
    }

    /** File name → datagram bytes, in name order. */
    static Map<String, byte[]> all() {
        URL dir = CapturedVectors.class.getClassLoader().getResource("vectors/v6");
        if (dir == null) {
            throw new IllegalStateException("test resources vectors/v6 missing");
        }
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".hex")).toList()) {
                out.put(p.getFileName().toString(), Hex.bytes(Files.readString(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static byte[] get(String name) {
        byte[] b = all().get(name);
        if (b == null) {
            throw new IllegalArgumentException("no vector " + name);
        }
        return b;
    }
}
