package io.tui.hooks.leasecmds;

import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.hook.ServerControl;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.Lease6;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code lease4-write}/{@code lease6-write}: writes the leases as a Kea 2.2 memfile CSV file, only into the data
 * directory, the directory of the memfile lease file (as Kea 2.6.3+ and 3.x allow only their lease directory).
 * A file name with a directory part elsewhere, {@code ..}, a symbolic link, and the lease file in use (which the
 * running store appends to) are refused with result 1. The file is written beside its target and moved into place.
 */
final class LeaseFileWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    static final String HEADER4 = "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,"
            + "hostname,state,user_context";
    static final String HEADER6 = "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,"
            + "prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context,hwtype,hwaddr_source";

    private final Path dataDir;
    private final Path leaseFile;

    private LeaseFileWriter(Path dataDir, Path leaseFile) {
        this.dataDir = dataDir;
        this.leaseFile = leaseFile;
    }

    /** The writer of a configuration: memfile only, with a lease file {@code name} that fixes the directory. */
    static LeaseFileWriter forConfig(ServerConfig config, ServerControl control, int v) throws CommandFailure {
        Services.Database db = config.services().leaseDatabase();
        if (db == null || !"memfile".equals(db.type())) {
            throw CommandFailure.error("lease" + v + "-write is supported with the memfile lease database only");
        }
        if (db.name() == null || db.name().isEmpty()) {
            throw CommandFailure.error("lease" + v + "-write needs the memfile lease-database 'name': lease files "
                    + "are written only into its directory");
        }
        Path name = Path.of(db.name());
        if (!name.isAbsolute()) {
            Path cfg = control == null ? null : control.configFile();
            Path base = cfg == null ? null : cfg.toAbsolutePath().getParent();
            name = base == null ? name.toAbsolutePath() : base.resolve(name);
        }
        name = name.normalize();
        return new LeaseFileWriter(name.getParent(), name);
    }

    /** Where {@code filename} goes: a plain name lands in the data directory; anything that leaves it is refused. */
    Path resolve(String filename) throws CommandFailure {
        Path given;
        try {
            given = Path.of(filename);
        } catch (java.nio.file.InvalidPathException e) {
            throw invalid(filename);
        }
        Path target = (given.isAbsolute() ? given : dataDir.resolve(given)).normalize();
        if (!dataDir.equals(target.getParent()) || filename.contains("..")) {
            throw invalid(filename);
        }
        if (Files.isSymbolicLink(target) || (Files.exists(target) && !Files.isRegularFile(target,
                LinkOption.NOFOLLOW_LINKS))) {
            throw CommandFailure.error("'" + filename + "' is not a regular file: lease files are written only to "
                    + "regular files");
        }
        if (target.equals(leaseFile)) {
            throw CommandFailure.error("'" + filename + "' is the lease file in use; write the leases to another "
                    + "file in " + dataDir);
        }
        return target;
    }

    private CommandFailure invalid(String filename) {
        return CommandFailure.error("invalid path specified: '" + filename + "', supported path is '" + dataDir
                + "'");
    }

    /** Writes {@code text} to {@code target} through a temporary file in the same directory. */
    void write(Path target, CharSequence text) throws CommandFailure {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dataDir, ".lease-write-", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw CommandFailure.error("could not write '" + target + "': " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file was moved, or cannot be removed: nothing more to do
                }
            }
        }
    }

    // ---- Kea 2.2's CSV rows ---------------------------------------------------------------------------------

    static void rows4(Iterable<Lease4> leases, StringBuilder sb) {
        sb.append(HEADER4).append('\n');
        for (Lease4 l : leases) {
            sb.append(l.addressText()).append(',');
            l.hwAddress().appendHex(sb);
            sb.append(',');
            l.clientId().appendHex(sb);
            sb.append(',').append(l.validLifetime()).append(',').append(l.expire()).append(',').append(l.subnetId())
                    .append(',').append(l.fqdnFwd() ? '1' : '0').append(',').append(l.fqdnRev() ? '1' : '0')
                    .append(',');
            escaped(sb, l.hostname());
            sb.append(',').append(l.state().code()).append(',');
            escaped(sb, l.userContext());
            sb.append('\n');
        }
    }

    static void rows6(Iterable<Lease6> leases, StringBuilder sb) {
        sb.append(HEADER6).append('\n');
        for (Lease6 l : leases) {
            sb.append(l.addressText()).append(',');
            l.duid().appendHex(sb);
            sb.append(',').append(l.validLifetime()).append(',').append(l.expire()).append(',').append(l.subnetId())
                    .append(',').append(l.preferredLifetime()).append(',').append(l.type().code()).append(',')
                    .append(l.iaid()).append(',').append(l.prefixLength()).append(',')
                    .append(l.fqdnFwd() ? '1' : '0').append(',').append(l.fqdnRev() ? '1' : '0').append(',');
            escaped(sb, l.hostname());
            sb.append(',');
            l.hwAddress().appendHex(sb);
            sb.append(',').append(l.state().code()).append(',');
            escaped(sb, l.userContext());
            sb.append(',');
            if (!l.hwAddress().isEmpty()) {
                sb.append(l.hwType()).append(',').append(l.hwAddressSource());
            } else {
                sb.append(',');
            }
            sb.append('\n');
        }
    }

    /** Kea's escaping of free text: comma, ampersand and control characters as {@code &#xHH}. */
    private static void escaped(StringBuilder sb, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '&' || c < 0x20 || c == 0x7f) {
                sb.append("&#x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                sb.append(c);
            }
        }
    }
}
