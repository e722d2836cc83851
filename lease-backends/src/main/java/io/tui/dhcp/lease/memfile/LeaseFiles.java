package io.tui.dhcp.lease.memfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The files of one memfile lease database, named as Kea names them by appending a suffix to the lease file's name.
 *
 * <ul>
 *   <li>{@code <name>}: the current file, appended to by the server;</li>
 *   <li>{@code <name>.1}: the previous file, the result of the last cleanup (kea-lfc's {@code -x});</li>
 *   <li>{@code <name>.2}: the copy, the current file moved aside by the server when a cleanup starts ({@code -i});</li>
 *   <li>{@code <name>.output}: the cleanup's output while it is being written ({@code -o});</li>
 *   <li>{@code <name>.completed}: the finished output, {@code .1} + {@code .2} merged ({@code -f});</li>
 *   <li>{@code <name>.pid}: the process id of the running cleanup ({@code -p}).</li>
 * </ul>
 *
 * <p>Loading order (as Kea's memfile): if {@code .completed} exists it already holds {@code .1} and {@code .2}, so
 * {@code .completed} then the current file are read; otherwise {@code .1}, {@code .2}, then the current file.
 *
 * @param current the lease file's name (Kea's {@code lease-database.name})
 */
public record LeaseFiles(Path current) {

    public Path previous() {
        return suffixed(".1");
    }

    public Path copy() {
        return suffixed(".2");
    }

    public Path output() {
        return suffixed(".output");
    }

    public Path finish() {
        return suffixed(".completed");
    }

    public Path pid() {
        return suffixed(".pid");
    }

    private Path suffixed(String suffix) {
        return current.resolveSibling(current.getFileName().toString() + suffix);
    }

    /** The files to replay, in order, for the state on disk now. */
    public List<Path> loadOrder() {
        if (Files.exists(finish())) {
            return List.of(finish(), current);
        }
        return List.of(previous(), copy(), current);
    }

    /**
     * Brings the files into a clean state after a crash, before loading. Fails if another live process holds the
     * cleanup pid file (a kea-lfc or another Tui working on these files).
     *
     * <ul>
     *   <li>a stale {@code .pid} (its process is gone, is this process, or is a program that cannot be a cleanup)
 *       is removed;</li>
     *   <li>{@code .completed} exists: the cleanup finished its merge but not its renames; finish them
     *       (remove {@code .1} and {@code .2}, rename {@code .completed} to {@code .1});</li>
     *   <li>{@code .output} exists without {@code .completed}: a merge was interrupted; it is removed (its inputs
     *       {@code .1}/{@code .2} are intact and are merged again by the next cleanup).</li>
     * </ul>
     * A {@code .2} left behind stays: it is loaded, and merged by the next cleanup.
     *
     * @return what was done, for the log
     */
    public List<String> recover(boolean fsync) throws IOException, LeaseFileException {
        java.util.ArrayList<String> done = new java.util.ArrayList<>();
        Optional<Long> holder = readPid();
        if (holder.isPresent()) {
            long pid = holder.get();
            boolean alive = pid != ProcessHandle.current().pid()
                    && ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(LeaseFiles::mayClean).orElse(false);
            if (alive) {
                throw new LeaseFileException("lease file cleanup is running in process " + pid + " (" + pid()
                        + "); cannot load " + current + " now");
            }
            Files.deleteIfExists(pid());
            done.add("removed stale " + pid());
        } else if (Files.exists(pid())) {
            Files.deleteIfExists(pid());
            done.add("removed unreadable " + pid());
        }
        if (Files.exists(finish())) {
            finishCleanup(fsync);
            done.add("finished an interrupted cleanup: " + finish() + " is now " + previous());
        } else if (Files.deleteIfExists(output())) {
            done.add("removed the partial output " + output());
        }
        return done;
    }

    /** The last steps of a cleanup: remove {@code .1} and {@code .2}, rename {@code .completed} to {@code .1}. */
    void finishCleanup(boolean fsync) throws IOException {
        Files.deleteIfExists(previous());
        Files.deleteIfExists(copy());
        Files.move(finish(), previous(), StandardCopyOption.ATOMIC_MOVE);
        if (fsync) {
            Durability.syncDirectory(current);
        }
    }

    /**
     * Whether a live process could be a lease file cleanup: kea-lfc, a Kea server or a JVM (another Tui). A pid
     * reused after a crash by an unrelated program does not block loading (Kea would refuse to start then).
     * When the command is not visible, the process is assumed to be a cleanup.
     */
    private static boolean mayClean(ProcessHandle process) {
        return process.info().command().map(c -> {
            String name = Path.of(c).getFileName().toString();
            return name.startsWith("kea") || name.startsWith("java");
        }).orElse(true);
    }

    private Optional<Long> readPid() throws IOException {
        try {
            String text = Files.readString(pid(), StandardCharsets.US_ASCII).trim();
            return Optional.of(Long.parseLong(text));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (NumberFormatException | java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }

    void writePid() throws IOException {
        Files.writeString(pid(), ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
    }
}
