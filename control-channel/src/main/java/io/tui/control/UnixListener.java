package io.tui.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A UNIX stream control socket, as Kea's: one JSON command per connection, one JSON object back, then close.
 * Each connection is served on its own virtual thread and bounded in time ({@link Limits#timeout()}: a partial
 * command is answered with result 1 when it runs out) and size; connections beyond {@link Limits#maxConnections()}
 * are answered with result 1 at once. The socket file is created with the configured mode (0600 by default) by
 * binding under a temporary name, setting the mode and renaming, so no client can connect through a wider mode;
 * a directory every user may write to is refused.
 */
final class UnixListener implements Listener {
    private final SocketSettings settings;
    private final CommandDispatcher dispatcher;
    private final ScheduledExecutorService watchdog;
    private final ByteBudget budget;
    private final ServerSocketChannel server;
    private final Semaphore slots;
    private final Semaphore refusing = new Semaphore(32);
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread acceptor;

    private UnixListener(SocketSettings settings, CommandDispatcher dispatcher, ScheduledExecutorService watchdog,
            ByteBudget budget, ServerSocketChannel server) {
        this.budget = budget;
        this.settings = settings;
        this.dispatcher = dispatcher;
        this.watchdog = watchdog;
        this.server = server;
        this.slots = new Semaphore(settings.limits().maxConnections());
        this.acceptor = Thread.ofPlatform().daemon().name("tui-control-unix-" + settings.unixPath().getFileName())
                .unstarted(this::acceptLoop);
    }

    static UnixListener open(SocketSettings s, CommandDispatcher dispatcher, ScheduledExecutorService watchdog,
            ByteBudget budget) throws ControlChannelException {
        Path path = s.unixPath();
        Path dir = path.getParent();
        try {
            PosixFileAttributes da = Files.readAttributes(dir, PosixFileAttributes.class);
            if (!da.isDirectory()) {
                throw new ControlChannelException("control socket " + path + ": " + dir + " is not a directory");
            }
            if (da.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new ControlChannelException("control socket " + path + ": directory " + dir
                        + " is writable by every user; put the socket in a directory only the server may write");
            }
        } catch (ControlChannelException e) {
            throw e;
        } catch (IOException e) {
            throw new ControlChannelException("control socket " + path + ": directory " + dir + ": " + e, e);
        }
        removeStale(path);
        // a short temporary name (8 characters), so it fits wherever the final name fits (108-byte paths)
        Path tmp = dir.resolve(".t" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2));
        ServerSocketChannel server = null;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(tmp), 128);
            Files.setPosixFilePermissions(tmp, s.mode());
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                if (server != null) {
                    server.close();
                }
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
            throw new ControlChannelException("control socket " + path + ": " + e.getMessage(), e);
        }
        UnixListener l = new UnixListener(s, dispatcher, watchdog, budget, server);
        l.acceptor.start();
        dispatcher.logger().info("COMMAND_ACCEPTOR_START Starting to accept connections via unix domain socket bound "
                + "to " + path);
        return l;
    }

    /** Removes a socket file no server answers on; refuses anything else in the way. */
    private static void removeStale(Path path) throws ControlChannelException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isOther()) {
                throw new ControlChannelException("control socket " + path
                        + ": a file that is not a socket is in the way");
            }
            boolean live;
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                live = probe.isConnected();
            } catch (IOException notListening) {
                live = false;
            }
            if (live) {
                throw new ControlChannelException("control socket " + path + ": another server is listening on it");
            }
            Files.delete(path);
        } catch (ControlChannelException e) {
            throw e;
        } catch (IOException e) {
            throw new ControlChannelException("control socket " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SocketSettings settings() {
        return settings;
    }

    Path path() {
        return settings.unixPath();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed.get()) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed.get()) {
                    return;
                }
                pause(); // such as EMFILE: do not spin
                continue;
            }
            if (!slots.tryAcquire()) {
                refuse(ch);
                continue;
            }
            open.add(ch);
            Thread.ofVirtual().name("tui-control-unix-conn").start(() -> {
                try {
                    serve(ch);
                } finally {
                    open.remove(ch);
                    slots.release();
                }
            });
        }
    }

    /**
     * Too many clients: say so and close. The answer goes out at once; the client's command is then read and
     * discarded for at most a second (so a client that writes before it reads sees the answer), on a virtual
     * thread of a small bounded set; beyond that set the connection is just closed.
     */
    private void refuse(SocketChannel ch) {
        byte[] answer = reply("{ \"result\": 1, \"text\": \"Too many connections over control channel ("
                + settings.limits().maxConnections() + "); try again later\" }");
        if (!refusing.tryAcquire()) {
            Sockets.closeQuietly(ch);
            return;
        }
        Thread.ofVirtual().name("tui-control-unix-refuse").start(() -> {
            ScheduledFuture<?> cut = watchdog.schedule(() -> Sockets.closeQuietly(ch), 1, TimeUnit.SECONDS);
            try (ch) {
                ByteBuffer out = ByteBuffer.wrap(answer);
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                ch.shutdownOutput();
                ByteBuffer sink = ByteBuffer.allocate(4096);
                long left = 1 << 20;
                int n;
                while (left > 0 && (n = ch.read(sink.clear())) >= 0) {
                    left -= n;
                }
            } catch (IOException ignored) {
                // the client went away, or the second is up
            } finally {
                cut.cancel(false);
                refusing.release();
            }
        });
    }

    private static final String BUSY = "{ \"result\": 1, \"text\": \"Control channel busy: too many large commands "
            + "in flight; try again later\" }";

    private static byte[] reply(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private void serve(SocketChannel ch) {
        AtomicBoolean timedOut = new AtomicBoolean();
        long timeoutMs = settings.limits().timeout().toMillis();
        // First the read deadline: shut input down so the blocked read returns and the client is told.
        ScheduledFuture<?> readDeadline = watchdog.schedule(() -> {
            timedOut.set(true);
            try {
                ch.shutdownInput();
            } catch (IOException ignored) {
                // already gone
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
        // Then, once the answer is ready, the write deadline: a client that does not read its answer is cut off.
        ScheduledFuture<?> writeDeadline = null;
        long reserved = 0;
        try (ch) {
            int max = settings.limits().maxCommandSize();
            int first = Math.min(max + 1, 16 << 10);
            byte[] buf = null;
            int len = 0;
            JsonFrame frame = new JsonFrame();
            String answer = null;
            boolean tooLarge = false;
            if (budget.reserve(first)) {
                reserved = first;
                buf = new byte[first];
            } else {
                answer = BUSY;
                tooLarge = true; // drain what the client sends, then it sees the answer
            }
            while (answer == null) {
                if (len == buf.length) {
                    int grown = (int) Math.min((long) max + 1, 2L * buf.length);
                    if (!budget.reserve(grown - buf.length)) {
                        answer = BUSY;
                        tooLarge = true; // drain what the client still sends, then it sees the answer
                        break;
                    }
                    reserved += grown - buf.length;
                    buf = java.util.Arrays.copyOf(buf, grown);
                }
                int n;
                try {
                    n = ch.read(ByteBuffer.wrap(buf, len, buf.length - len));
                } catch (IOException e) {
                    if (!timedOut.get()) {
                        return;
                    }
                    n = -1;
                }
                if (n < 0) {
                    if (timedOut.get()) {
                        dispatcher.logger().warning("COMMAND_SOCKET_CONNECTION_TIMEOUT Timeout occurred for connection "
                                + "over socket " + settings.unixPath() + " after " + len + " bytes");
                        answer = "{ \"result\": 1, \"text\": \"Connection over control channel timed out, discarded "
                                + "partial command of " + len + " bytes\" }";
                    } else if (len == 0) {
                        return;
                    } else {
                        answer = dispatcher.dispatchText(new String(buf, 0, len, StandardCharsets.UTF_8), "unix");
                    }
                    break;
                }
                int end = frame.feed(buf, len, len + n);
                len += n;
                if (end >= 0) {
                    readDeadline.cancel(false);
                    answer = dispatcher.dispatchText(new String(buf, 0, end, StandardCharsets.UTF_8), "unix");
                    break;
                }
                if (len > max) {
                    answer = "{ \"result\": 1, \"text\": \"Command over control channel exceeds the limit of " + max
                            + " bytes; discarded\" }";
                    tooLarge = true;
                    break;
                }
            }
            if (!tooLarge) {
                readDeadline.cancel(false);
            }
            writeDeadline = watchdog.schedule(() -> Sockets.closeQuietly(ch), timeoutMs, TimeUnit.MILLISECONDS);
            ByteBuffer out = ByteBuffer.wrap(reply(answer));
            while (out.hasRemaining()) {
                ch.write(out);
            }
            if (tooLarge) {
                // let a client that writes everything before it reads finish writing, then see the answer;
                // bounded by the read deadline
                ch.shutdownOutput();
                ByteBuffer sink = ByteBuffer.allocate(64 << 10);
                while (!timedOut.get() && ch.read(sink.clear()) >= 0) {
                    // discard
                }
            }
        } catch (IOException | RuntimeException e) {
            // client gone or cut off by the deadline
        } finally {
            budget.release(reserved);
            readDeadline.cancel(false);
            if (writeDeadline != null) {
                writeDeadline.cancel(false);
            }
        }
    }

    @Override
    public int inFlight() {
        return open.size();
    }

    @Override
    public void close(boolean graceful) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Sockets.stopAccepting(server, open, graceful, acceptor);
        try {
            Files.deleteIfExists(settings.unixPath());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
