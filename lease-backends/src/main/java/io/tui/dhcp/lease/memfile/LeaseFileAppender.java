package io.tui.dhcp.lease.memfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends lease rows to the current lease file, many rows per system call.
 *
 * <p>Rows are written whole and in the order {@link #append} was called, never interleaved, and a row's future
 * completes once the row is written, so a server sends its ACK after its row is in the file. How rows are grouped
 * depends on fsync:
 *
 * <ul>
 *   <li><b>fsync off</b> (Kea's behaviour: rows reach the OS page cache, a crash of the machine, not of the process,
 *       may lose the last rows): the caller writes. A thread that processes a batch of packets calls {@link #hold}
 *       first: its rows wait in memory, and {@link #release} writes every waiting row with one {@code write(2)} and
 *       completes their futures on that thread. So a packet thread pays one system call per batch and never hands a
 *       row to another thread. A thread that does not hold (a control command, the expiry timer) writes its row, and
 *       every row waiting before it, at once. There is no writer thread.</li>
 *   <li><b>fsync on</b>: one writer thread takes everything queued, writes it with one {@code write(2)} and forces it
 *       with one {@code fdatasync}, then completes every caller's future (group commit: the callers share the slow
 *       call). No lock is held while a caller waits: {@link #append} only enqueues. Dependent stages attached
 *       without {@code *Async} run on the writer thread: keep them short. {@link #hold} and {@link #release} change
 *       nothing.</li>
 * </ul>
 *
 * <p>On a write error the file is truncated back to the last complete batch and the batch's futures fail; later
 * batches are tried again.
 *
 * <p>Opening repairs a torn last line (a crash during a write) by ending it, so that the next row starts on its own
 * line; the torn row itself is then reported as a bad row by the loader.
 *
 * @param <L> the lease type
 */
public final class LeaseFileAppender<L> implements AutoCloseable {
    private static final int MAX_BATCH = 8192;

    private sealed interface Op permits Row, Rotate, Stop {
        CompletableFuture<Void> done();
    }

    private record Row(byte[] bytes, CompletableFuture<Void> done) implements Op {
    }

    private record Rotate(Path target, CompletableFuture<Void> done) implements Op {
    }

    private record Stop(CompletableFuture<Void> done) implements Op {
    }

    private final Path file;
    private final LeaseCodec<L, ?> codec;
    private final boolean withPoolId;
    private final boolean fsync;
    private final LinkedBlockingQueue<Op> queue = new LinkedBlockingQueue<>();
    /** The writer thread (fsync on); null when callers write (fsync off). */
    private final Thread writer;
    /** fsync off: guards the file, the waiting rows and the holders. */
    private final ReentrantLock lock = new ReentrantLock();
    /** fsync off: rows appended and not yet written, in order. */
    private final List<Row> waiting = new ArrayList<>();
    /** fsync off: the threads that hold their rows until they release. */
    private final List<Thread> holders = new ArrayList<>(2);
    private final Object closeLock = new Object();
    private volatile boolean closed;
    private volatile long rowsWritten;
    private volatile long batchesWritten;

    // Owned by the writer thread after construction (fsync on), guarded by the lock (fsync off).
    private FileChannel channel;
    private long goodSize;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);

    /**
     * Opens (creating it with the header if needed) {@code file} for appending.
     *
     * @param withPoolId whether rows carry Kea 2.4+'s pool_id column; must match the file's header if it exists
     */
    public LeaseFileAppender(Path file, LeaseCodec<L, ?> codec, boolean withPoolId, boolean fsync,
                             ThreadFactory threads) throws IOException {
        this.file = file;
        this.codec = codec;
        this.withPoolId = withPoolId;
        this.fsync = fsync;
        openChannel();
        if (fsync) {
            this.writer = threads.newThread(this::writeLoop);
            writer.start();
        } else {
            this.writer = null;
        }
    }

    /** Whether rows carry the pool_id column. */
    public boolean withPoolId() {
        return withPoolId;
    }

    /**
     * Appends the row for {@code lease}; the future completes once it is written (and forced, with fsync on). With
     * fsync off and the calling thread holding, the row waits for {@link #release}; otherwise it is written now,
     * after every row waiting before it.
     */
    public CompletableFuture<Void> append(L lease) {
        StringBuilder sb = new StringBuilder(160);
        codec.encode(lease, withPoolId, sb);
        sb.append('\n');
        Row row = new Row(sb.toString().getBytes(StandardCharsets.UTF_8), new CompletableFuture<>());
        if (writer != null) {
            return enqueue(row);
        }
        List<Row> written;
        lock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new IOException("lease file appender for " + file + " is closed"));
            }
            waiting.add(row);
            written = holders.contains(Thread.currentThread()) ? null : writeWaiting();
        } finally {
            lock.unlock();
        }
        complete(written);
        return row.done();
    }

    /**
     * fsync off: the calling thread's rows wait in memory until it calls {@link #release} (a packet thread does this
     * around a batch of packets). fsync on: nothing.
     */
    public void hold() {
        if (writer != null) {
            return;
        }
        lock.lock();
        try {
            if (!holders.contains(Thread.currentThread())) {
                holders.add(Thread.currentThread());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * fsync off: stops holding, writes every waiting row with one system call and completes their futures on the
     * calling thread. fsync on: nothing.
     */
    public void release() {
        if (writer != null) {
            return;
        }
        List<Row> written;
        lock.lock();
        try {
            holders.remove(Thread.currentThread());
            written = writeWaiting();
        } finally {
            lock.unlock();
        }
        complete(written);
    }

    /** fsync off, under the lock: writes the waiting rows; returns them for completion outside the lock. */
    private List<Row> writeWaiting() {
        if (waiting.isEmpty()) {
            return null;
        }
        List<Row> rows = new ArrayList<>(waiting);
        waiting.clear();
        IOException failure = write(rows);
        if (failure != null) {
            for (Row r : rows) {
                r.done().completeExceptionally(failure);
            }
            return null;
        }
        return rows;
    }

    private static void complete(List<Row> rows) {
        if (rows != null) {
            for (Row r : rows) {
                r.done().complete(null);
            }
        }
    }

    /**
     * Moves the current file to {@code target} between two batches and starts a new current file with the header.
     * Appenders are not blocked; rows appended before this are in the moved file, rows after it in the new one.
     */
    CompletableFuture<Void> rotateTo(Path target) {
        Rotate op = new Rotate(target, new CompletableFuture<>());
        if (writer != null) {
            return enqueue(op);
        }
        List<Row> written;
        lock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new IOException("lease file appender for " + file + " is closed"));
            }
            written = writeWaiting();
            rotate(op);
        } finally {
            lock.unlock();
        }
        complete(written);
        return op.done();
    }

    private CompletableFuture<Void> enqueue(Op op) {
        // The lock orders enqueues against close(), so no row lands after the writer's last look at the queue.
        // It is held only for the queue insertion, never across I/O.
        synchronized (closeLock) {
            if (closed) {
                return CompletableFuture.failedFuture(
                        new IOException("lease file appender for " + file + " is closed"));
            }
            queue.add(op);
        }
        return op.done();
    }

    /** Rows written so far. */
    public long rowsWritten() {
        return rowsWritten;
    }

    /** Batches (write calls) so far; rows / batches is the group commit factor. */
    public long batchesWritten() {
        return batchesWritten;
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() throws IOException {
        if (writer == null) {
            closeInline();
            return;
        }
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(new Stop(stopped));
        }
        boolean interrupted = false;
        while (true) {
            try {
                writer.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (stopped.isCompletedExceptionally()) {
            throw new IOException("closing " + file + " failed", stopped.exceptionNow());
        }
    }

    private void closeInline() throws IOException {
        List<Row> written;
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            holders.clear();
            written = writeWaiting();
            stop(new Stop(stopped));
        } finally {
            lock.unlock();
        }
        complete(written);
        if (stopped.isCompletedExceptionally()) {
            throw new IOException("closing " + file + " failed", stopped.exceptionNow());
        }
    }

    private void openChannel() throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            long size = ch.size();
            String prefix = "";
            if (size == 0) {
                prefix = codec.header(withPoolId) + "\n";
            } else {
                ByteBuffer last = ByteBuffer.allocate(1);
                ch.read(last, size - 1);
                if (last.get(0) != '\n') {
                    prefix = "\n";
                }
            }
            ch.position(size);
            if (!prefix.isEmpty()) {
                ByteBuffer bb = ByteBuffer.wrap(prefix.getBytes(StandardCharsets.UTF_8));
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
                if (fsync) {
                    ch.force(false);
                }
            }
            goodSize = ch.position();
            if (size == 0 && fsync) {
                Durability.syncDirectory(file);
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        channel = ch;
    }

    private void writeLoop() {
        List<Op> batch = new ArrayList<>();
        boolean running = true;
        while (running) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, so no row is dropped
            }
            queue.drainTo(batch, MAX_BATCH);
            int i = 0;
            while (i < batch.size()) {
                int j = i;
                while (j < batch.size() && batch.get(j) instanceof Row) {
                    j++;
                }
                if (j > i) {
                    writeRows(batch.subList(i, j));
                }
                if (j < batch.size()) {
                    Op op = batch.get(j);
                    if (op instanceof Rotate rotate) {
                        rotate(rotate);
                    } else if (op instanceof Stop stop) {
                        running = false;
                        stop(stop);
                        for (Op rest : batch.subList(j + 1, batch.size())) {
                            rest.done().completeExceptionally(new IOException("lease file appender closed"));
                        }
                        break;
                    }
                }
                i = j + 1;
            }
            batch.clear();
        }
        Op late;
        while ((late = queue.poll()) != null) {
            late.done().completeExceptionally(new IOException("lease file appender closed"));
        }
    }

    private void writeRows(List<Op> rows) {
        Exception failure = write(rows);
        for (Op op : rows) {
            if (failure == null) {
                op.done().complete(null);
            } else {
                op.done().completeExceptionally(failure);
            }
        }
    }

    /** Writes the rows with one write (and fdatasync with fsync on); the failure, or null. Writer or lock owner. */
    private IOException write(List<? extends Op> rows) {
        int total = 0;
        for (Op op : rows) {
            total += ((Row) op).bytes().length;
        }
        if (buffer.capacity() < total) {
            buffer = ByteBuffer.allocateDirect(Math.max(total, buffer.capacity() * 2));
        }
        buffer.clear();
        for (Op op : rows) {
            buffer.put(((Row) op).bytes());
        }
        buffer.flip();
        try {
            if (channel == null) {
                throw new IOException("lease file " + file + " is not open");
            }
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (fsync) {
                channel.force(false);
            }
            goodSize += total;
            rowsWritten += rows.size();
            batchesWritten++;
            return null;
        } catch (IOException | RuntimeException e) {
            repair();
            return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private void repair() {
        if (channel == null) {
            return;
        }
        try {
            channel.truncate(goodSize);
            channel.position(goodSize);
        } catch (IOException e) {
            // The next batch fails again or succeeds; the loader reports a torn row either way.
        }
    }

    private void rotate(Rotate op) {
        try {
            if (channel != null) {
                channel.close();
                channel = null;
            }
            IOException failure = null;
            try {
                Files.move(file, op.target(), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                failure = e;
            }
            // As Kea: whether or not the move worked, reopen the current file (a new one when it moved).
            openChannel();
            if (fsync) {
                Durability.syncDirectory(file);
            }
            if (failure != null) {
                op.done().completeExceptionally(failure);
            } else {
                op.done().complete(null);
            }
        } catch (IOException | RuntimeException e) {
            op.done().completeExceptionally(e);
        }
    }

    private void stop(Stop op) {
        try {
            if (channel != null) {
                if (fsync) {
                    channel.force(false);
                }
                channel.close();
                channel = null;
            }
            op.done().complete(null);
        } catch (IOException | RuntimeException e) {
            op.done().completeExceptionally(e);
        }
    }
}
