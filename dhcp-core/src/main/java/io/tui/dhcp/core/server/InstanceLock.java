package io.tui.dhcp.core.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file holding this process's pid under an exclusive lock: Kea's PID file ({@code <dir>/<config
 * name>.kea-dhcp4.pid}), and the lock beside a lease file that stops a second server using the same file. The lock is
 * the kernel's (fcntl), so it goes away with the process; the file is deleted on {@link #close}.
 */
public final class InstanceLock implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates (or takes over a stale) {@code path}, locks it and writes this process's pid.
     *
     * @throws IOException when another live process holds it (the message names its pid) or the file cannot be
     *     written
     */
    public static InstanceLock acquire(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String other;
            try {
                other = Files.readString(path, StandardCharsets.US_ASCII).trim();
            } catch (IOException e) {
                other = "?";
            }
            ch.close();
            throw new IOException(path + " is locked by another running instance (pid " + other + ")");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        ch.force(false);
        return new InstanceLock(path, ch, lock);
    }

    /**
     * Kea's PID file name: {@code <dir>/<config file name without extension>.<process>.pid}, so
     * {@code kea-dhcp4.conf} run by {@code kea-dhcp4} gives {@code kea-dhcp4.kea-dhcp4.pid}.
     */
    public static Path keaPidFile(Path dir, Path configFile, String process) {
        String name = configFile == null ? "tui" : configFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        return dir.resolve(name + "." + process + ".pid");
    }

    /**
     * The directory of PID files: {@code KEA_PIDFILE_DIR} from the environment when set, else {@code fallback}
     * (Debian's Kea uses {@code /run/kea}).
     */
    public static Path pidDirectory(java.util.Map<String, String> env, Path fallback) {
        String dir = env.get("KEA_PIDFILE_DIR");
        return dir != null && !dir.isEmpty() ? Path.of(dir) : fallback;
    }

    public Path path() {
        return path;
    }

    /** Releases the lock and deletes the file. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(path);
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
