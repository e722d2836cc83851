package io.tui.dhcp.lease.memfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replays lease files into a map of live leases, the way Kea's memfile loads them: files in order, within a file
 * rows in order, the last row for an address wins and a row with valid lifetime 0 deletes the address's lease.
 * Expired and expired-reclaimed leases stay (kea-lfc keeps them too). Only the map holds leases: the file is
 * streamed.
 *
 * @param <L> the lease type
 * @param <K> the key (address) type
 */
public final class LeaseFileLoader<L, K> {
    private final LeaseCodec<L, K> codec;
    private final LeaseFileReader<L> reader;

    /**
     * @param codec        the family's codec
     * @param maxRowErrors bad rows tolerated per file, as Kea's max-row-errors (0 = unlimited); a file with more
     *                     fails the load
     */
    public LeaseFileLoader(LeaseCodec<L, K> codec, long maxRowErrors) {
        this.codec = codec;
        this.reader = new LeaseFileReader<>(codec, maxRowErrors);
    }

    /** Replays the files that exist among {@code files}, in order, into {@code target}. */
    public LoadReport load(List<Path> files, Map<K, L> target) throws IOException, LeaseFileException {
        List<FileReport> reports = new ArrayList<>();
        for (Path file : files) {
            if (Files.exists(file)) {
                reports.add(reader.read(file, lease -> apply(target, lease)));
            }
        }
        return new LoadReport(reports, target.size());
    }

    private void apply(Map<K, L> target, L lease) {
        if (codec.isDeletion(lease)) {
            target.remove(codec.key(lease));
        } else {
            target.put(codec.key(lease), lease);
        }
    }
}
