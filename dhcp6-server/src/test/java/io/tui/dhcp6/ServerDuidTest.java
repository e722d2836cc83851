package io.tui.dhcp6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.testing.External;
import io.tui.dhcp.core.wire.v6.Duid;
import io.tui.dhcp.core.wire.v6.Octets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerDuidTest {
    static final ServerDuid.HardwareAddress MAC = new ServerDuid.HardwareAddress(1,
            new byte[] {2, 0, 0x5e, 0, 0x53, 1});
    static final Clock T0 = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    static Services.ServerId config(String type, String ident, long time, int htype, long ent, boolean persist) {
        return new Services.ServerId(type, ident, time, htype, ent, persist, Map.of());
    }

    @Test
    void lltIsGeneratedWrittenInKeasFormAndReusedAcrossRestarts(@TempDir Path dir) throws Exception {
        Path f = dir.resolve(ServerDuid.FILE_NAME);
        Duid first = ServerDuid.loadOrCreate(config("LLT", "", 0, 0, 0, true), f, T0, () -> MAC);
        Duid.Llt llt = assertInstanceOf(Duid.Llt.class, first);
        assertEquals(1, llt.hardwareType());
        assertEquals(Instant.parse("2026-11-22T10:00:00Z").getEpochSecond() - 946_684_800L, llt.time());
        assertEquals(Octets.of(MAC.address()), llt.linkLayerAddress());
        String text = Files.readString(f);
        assertEquals("00:01:00:01:" + hex4(llt.time()) + ":02:00:5e:00:53:01\n", text);
        // a restart an hour later, on a machine with another MAC: the stored DUID stays
        Clock later = Clock.offset(T0, Duration.ofHours(1));
        Duid again = ServerDuid.loadOrCreate(config("LLT", "", 0, 0, 0, true), f, later,
                () -> new ServerDuid.HardwareAddress(1, new byte[] {9, 9, 9, 9, 9, 9}));
        assertEquals(first, again);
    }

    private static String hex4(long v) {
        return String.format("%02x:%02x:%02x:%02x", (v >> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
    }

    @Test
    void configuredValuesWinAndAreStored(@TempDir Path dir) throws Exception {
        Path f = dir.resolve(ServerDuid.FILE_NAME);
        Duid en = ServerDuid.loadOrCreate(config("EN", "7475692D7665637431", 0, 0, 32473, true), f, T0, () -> MAC);
        assertEquals(new Duid.En(32473, Octets.ofHex("74:75:69:2d:76:65:63:74:31")), en);
        assertEquals("00:02:00:00:7e:d9:74:75:69:2d:76:65:63:74:31\n", Files.readString(f));
        // the type changes: a new DUID of the new type replaces the stored one
        Duid ll = ServerDuid.loadOrCreate(config("LL", "", 0, 0, 0, true), f, T0, () -> MAC);
        assertEquals(new Duid.Ll(1, Octets.of(MAC.address())), ll);
        assertEquals(ll, ServerDuid.read(f));
        // an EN without identifier gets ISC's number and a random identifier, kept from then on
        Path g = dir.resolve("other");
        Duid.En gen = (Duid.En) ServerDuid.loadOrCreate(config("EN", "", 0, 0, 0, true), g, T0, () -> MAC);
        assertEquals(2495, gen.enterpriseNumber());
        assertEquals(6, gen.identifier().length());
        assertEquals(gen, ServerDuid.loadOrCreate(config("EN", "", 0, 0, 0, true), g, T0, () -> MAC));
    }

    @Test
    void persistFalseWritesNothingAndGarbageIsIgnored(@TempDir Path dir) throws Exception {
        Path f = dir.resolve(ServerDuid.FILE_NAME);
        ServerDuid.loadOrCreate(config("LLT", "", 0, 0, 0, false), f, T0, () -> MAC);
        assertFalse(Files.exists(f));
        Files.writeString(f, "not a duid\n");
        Duid d = ServerDuid.loadOrCreate(config("LL", "", 0, 0, 0, true), f, T0, () -> MAC);
        assertEquals(d, ServerDuid.read(f));
    }

    /** Kea 2.2 writes the file; Tui reads it and keeps Kea's DUID (and Kea keeps Tui's). */
    @Test
    void keaAndTuiShareTheServeridFile(@TempDir Path dir) throws Exception {
        External.requireRoot();
        External.requireExecutable("/usr/sbin/kea-dhcp6");
        String ns = "t6d" + Long.toHexString(System.nanoTime() & 0xffff);
        Path conf = dir.resolve("kea6.json");
        Files.writeString(conf, """
                {"Dhcp6": {"interfaces-config": {"interfaces": []}, "data-directory": "%s",
                  "server-id": {"type": "EN"},
                  "lease-database": {"type": "memfile", "persist": false}, "subnet6": []}}
                """.formatted(dir));
        new ProcessBuilder("ip", "netns", "add", ns).start().waitFor();
        try {
            Process kea = new ProcessBuilder("ip", "netns", "exec", ns, "env", "KEA_PIDFILE_DIR=" + dir,
                    "KEA_LOCKFILE_DIR=" + dir, "kea-dhcp6", "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("kea.log").toFile()).start();
            Path f = dir.resolve(ServerDuid.FILE_NAME);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!Files.exists(f) && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            kea.destroy();
            kea.waitFor(10, TimeUnit.SECONDS);
            assertTrue(Files.exists(f), Files.readString(dir.resolve("kea.log")));
            Duid fromKea = ServerDuid.read(f);
            Duid.En en = assertInstanceOf(Duid.En.class, fromKea);
            assertEquals(2495, en.enterpriseNumber());
            String keaText = Files.readString(f).trim();
            assertEquals(keaText, ServerDuid.text(fromKea), "Tui's text form is Kea's");
            Duid tui = ServerDuid.loadOrCreate(config("EN", "", 0, 0, 0, true), f, T0, () -> MAC);
            assertEquals(fromKea, tui);
            assertNotEquals(0, Files.size(f));
        } finally {
            new ProcessBuilder("ip", "netns", "del", ns).start().waitFor();
        }
    }
}
