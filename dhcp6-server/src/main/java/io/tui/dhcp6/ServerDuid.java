package io.tui.dhcp6;

import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.wire.ParseException;
import io.tui.dhcp.core.wire.v6.Duid;
import io.tui.dhcp.core.wire.v6.Octets;
import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The server identifier (DUID) as Kea's {@code DUIDFactory} makes it: from the {@code server-id} map, filling what
 * the map leaves out from the DUID stored in {@code <data-directory>/kea-dhcp6-serverid} when it is of the same type,
 * else generating it (LLT/LL: the first up, non-loopback interface with a hardware address of at least 6 bytes;
 * LLT time: seconds since 2000-01-01; EN: ISC's enterprise number 2495 and 6 random bytes), and writing the result
 * back to the file (one line, colon-separated lower-case hex, as Kea) unless {@code persist} is false.
 */
public final class ServerDuid {
    /** Kea's file name in the data directory. */
    public static final String FILE_NAME = "kea-dhcp6-serverid";
    /** Seconds from the Unix epoch to 2000-01-01T00:00:00Z, the DUID-LLT epoch. */
    static final long EPOCH_2000 = 946_684_800L;
    /** ISC's enterprise number, Kea's default for DUID-EN. */
    static final long ISC_ENTERPRISE = 2495;

    /** A hardware address source: type and bytes. */
    public record HardwareAddress(int htype, byte[] address) {}

    private ServerDuid() {}

    /**
     * Loads or creates the server DUID.
     *
     * @param config  the {@code server-id} settings
     * @param file    the file the DUID is kept in ({@code <data-directory>/kea-dhcp6-serverid})
     * @param clock   for the LLT time
     * @param hwSource where a generated LLT/LL DUID takes its link-layer address from
     */
    public static Duid loadOrCreate(Services.ServerId config, Path file, Clock clock,
            java.util.function.Supplier<HardwareAddress> hwSource) throws IOException {
        Duid stored = read(file);
        byte[] ident = config.identifier().isEmpty() ? new byte[0] : HexFormat.of().parseHex(
                config.identifier().replace(":", "").replace(" ", "").toLowerCase());
        Duid duid = switch (config.type()) {
            case "EN" -> {
                long ent = config.enterpriseId();
                byte[] id = ident;
                if (stored instanceof Duid.En en) {
                    ent = ent != 0 ? ent : en.enterpriseNumber();
                    id = id.length > 0 ? id : en.identifier().toByteArray();
                }
                if (ent == 0) {
                    ent = ISC_ENTERPRISE;
                }
                if (id.length == 0) {
                    id = new byte[6];
                    new SecureRandom().nextBytes(id);
                }
                yield new Duid.En(ent, Octets.of(id));
            }
            case "LL" -> {
                int htype = config.htype();
                byte[] id = ident;
                if (stored instanceof Duid.Ll ll) {
                    htype = htype != 0 ? htype : ll.hardwareType();
                    id = id.length > 0 ? id : ll.linkLayerAddress().toByteArray();
                }
                if (id.length == 0) {
                    HardwareAddress hw = hwSource.get();
                    id = hw.address();
                    htype = htype != 0 ? htype : hw.htype();
                }
                yield new Duid.Ll(htype != 0 ? htype : 1, Octets.of(id));
            }
            default -> {
                int htype = config.htype();
                long time = config.time();
                byte[] id = ident;
                if (stored instanceof Duid.Llt llt) {
                    htype = htype != 0 ? htype : llt.hardwareType();
                    time = time != 0 ? time : llt.time();
                    id = id.length > 0 ? id : llt.linkLayerAddress().toByteArray();
                }
                if (id.length == 0) {
                    HardwareAddress hw = hwSource.get();
                    id = hw.address();
                    htype = htype != 0 ? htype : hw.htype();
                }
                if (time == 0) {
                    time = (clock.instant().getEpochSecond() - EPOCH_2000) & 0xffff_ffffL;
                }
                yield new Duid.Llt(htype != 0 ? htype : 1, time, Octets.of(id));
            }
        };
        if (config.persist() && !duid.equals(stored)) {
            write(file, duid);
        }
        return duid;
    }

    /** The DUID in {@code file}, or null when the file is absent or does not hold one. */
    public static Duid read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? null : Duid.parseHex(text);
        } catch (IOException | ParseException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Writes {@code duid} to {@code file} in Kea's text form, atomically. */
    public static void write(Path file, Duid duid) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text(duid) + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Kea's text form of a DUID: colon-separated lower-case hex. */
    public static String text(Duid duid) {
        byte[] b = duid.toOctets().toByteArray();
        StringBuilder sb = new StringBuilder(b.length * 3);
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return sb.toString();
    }

    /**
     * The hardware address of the first interface (by index) that is up, not loopback and has an address of at
     * least 6 bytes that is not all zeros; a random locally administered MAC when there is none.
     */
    public static HardwareAddress firstInterfaceAddress() {
        List<NetworkInterface> candidates = new ArrayList<>();
        try {
            var all = NetworkInterface.getNetworkInterfaces();
            while (all != null && all.hasMoreElements()) {
                candidates.add(all.nextElement());
            }
        } catch (SocketException e) {
            candidates.clear();
        }
        candidates.sort(Comparator.comparingInt(NetworkInterface::getIndex));
        for (NetworkInterface ni : candidates) {
            try {
                byte[] mac = ni.getHardwareAddress();
                if (ni.isUp() && !ni.isLoopback() && mac != null && mac.length >= 6 && !allZero(mac)) {
                    return new HardwareAddress(1, mac);
                }
            } catch (SocketException e) {
                // interface went away: try the next
            }
        }
        byte[] mac = new byte[6];
        new SecureRandom().nextBytes(mac);
        mac[0] = (byte) ((mac[0] & 0xfc) | 0x02);
        return new HardwareAddress(1, mac);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
