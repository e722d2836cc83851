package io.tui.dhcp.lease.memfile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fsync helpers. */
final class Durability {
    private Durability() {
    }

    /** Forces the directory entry changes (create, rename, delete) in {@code file}'s directory to disk. */
    static void syncDirectory(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every file system lets a directory be opened or forced; the data files are still forced.
        }
    }
}
