package io.tui.control;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * An HTTP or HTTPS control socket, as Kea 3's direct HTTP control sockets and Kea's control agent: {@code POST} a
 * JSON command, get {@code [ {answer} ]} back. Basic authentication is checked before the body is read (a refused
 * client gets 401 and nothing runs). Each connection runs on its own virtual thread; each request must arrive
 * within {@link Limits#timeout()} (a watchdog closes the connection otherwise) and within
 * {@link Limits#maxCommandSize()}; HTTP/1.1 keep-alive is honoured with the same idle bound.
 */
final class HttpListener implements Listener {
    private static final int MAX_HEAD = 32 << 10;
    private static final int MAX_REQUESTS_PER_CONNECTION = 1000;
    /** A stalled read times out (408) at the limit; a client that trickles bytes is cut off this much later. */
    private static final long GRACE_MS = 1000;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final SocketSettings settings;
    private final CommandDispatcher dispatcher;
    private final ScheduledExecutorService watchdog;
    private final ByteBudget budget;
    private final ServerSocket server;
    private final BasicAuth auth;
    private final Semaphore slots;
    private final Semaphore refusing = new Semaphore(32);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread acceptor;

    private HttpListener(SocketSettings settings, CommandDispatcher dispatcher, ScheduledExecutorService watchdog,
            ByteBudget budget, ServerSocket server, BasicAuth auth) {
        this.budget = budget;
        this.settings = settings;
        this.dispatcher = dispatcher;
        this.watchdog = watchdog;
        this.server = server;
        this.auth = auth;
        this.slots = new Semaphore(settings.limits().maxConnections());
        this.acceptor = Thread.ofPlatform().daemon().name("tui-control-" + settings.type() + "-" + settings.port())
                .unstarted(this::acceptLoop);
    }

    static HttpListener open(SocketSettings s, CommandDispatcher dispatcher, ScheduledExecutorService watchdog,
            ByteBudget budget) throws ControlChannelException {
        String where = s.type() + "://" + s.address() + ":" + s.port();
        BasicAuth auth = s.auth() == null ? null : BasicAuth.of(s.auth());
        ServerSocket server = null;
        try {
            if (s.tls() != null) {
                SSLContext ctx;
                try {
                    ctx = Pem.context(s.tls().certFile(), s.tls().keyFile(), s.tls().trustAnchor());
                } catch (GeneralSecurityException | IOException e) {
                    throw new ControlChannelException("control socket " + where + ": TLS setup failed: "
                            + e.getMessage(), e);
                }
                SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
                ss.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                if (s.tls().certRequired()) {
                    ss.setNeedClientAuth(true);
                } else if (s.tls().trustAnchor() != null) {
                    ss.setWantClientAuth(true);
                }
                server = ss;
            } else {
                server = new ServerSocket();
            }
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(s.address()), s.port()), 128);
        } catch (ControlChannelException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
            throw new ControlChannelException("control socket " + where + ": " + e.getMessage(), e);
        }
        HttpListener l = new HttpListener(s, dispatcher, watchdog, budget, server, auth);
        l.acceptor.start();
        dispatcher.logger().info("COMMAND_HTTP_LISTENER_STARTED Command " + s.type().toUpperCase(java.util.Locale.ROOT)
                + " service bound to address " + s.address() + ":" + l.address().getPort()
                + (auth == null ? "" : " with basic authentication") + (s.tls() == null ? "" : ", TLS")
                + (s.tls() != null && s.tls().certRequired() ? " requiring client certificates" : ""));
        if (auth == null && (s.tls() == null || !s.tls().certRequired())) {
            dispatcher.logger().warning("COMMAND_HTTP_SOCKET_UNAUTHENTICATED anyone who can reach " + s.address() + ":"
                    + l.address().getPort() + " can control this server: configure 'authentication' or "
                    + "https with 'cert-required'");
        }
        return l;
    }

    @Override
    public SocketSettings settings() {
        return settings;
    }

    /** The bound address (the real port when 0 was configured). */
    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
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
            Socket sock;
            try {
                sock = server.accept();
            } catch (IOException e) {
                if (closed.get() || server.isClosed()) {
                    return;
                }
                pause(); // such as EMFILE: do not spin
                continue;
            }
            if (!slots.tryAcquire()) {
                refuse(sock);
                continue;
            }
            open.add(sock);
            Thread.ofVirtual().name("tui-control-http-conn").start(() -> {
                try {
                    serve(sock);
                } finally {
                    open.remove(sock);
                    slots.release();
                    Sockets.closeQuietly(sock);
                }
            });
        }
    }

    /**
     * Too many clients: 503 within a second on a virtual thread of a small bounded set (the request is read and
     * discarded so the client sees the answer); beyond that set the connection is just closed.
     */
    private void refuse(Socket sock) {
        if (!refusing.tryAcquire()) {
            Sockets.closeQuietly(sock);
            return;
        }
        Thread.ofVirtual().name("tui-control-http-refuse").start(() -> {
            ScheduledFuture<?> cut = watchdog.schedule(() -> Sockets.closeQuietly(sock), 1, TimeUnit.SECONDS);
            try (sock) {
                sock.setSoTimeout(1000);
                if (sock instanceof SSLSocket ssl) {
                    ssl.startHandshake();
                }
                send(sock.getOutputStream(), 503, "Service Unavailable", error(503, "Service Unavailable"), false,
                        null);
                InputStream in = sock.getInputStream();
                byte[] sink = new byte[4096];
                long left = 1 << 20;
                int n;
                while (left > 0 && (n = in.read(sink)) >= 0) {
                    left -= n;
                }
            } catch (IOException | RuntimeException ignored) {
                // gone, or the second is up
            } finally {
                cut.cancel(false);
                refusing.release();
            }
        });
    }

    private record Request(String method, String version, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final class HttpError extends Exception {
        final int status;

        HttpError(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }
    }

    private void serve(Socket sock) {
        long timeoutMs = settings.limits().timeout().toMillis();
        try {
            sock.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs));
            sock.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(sock.getInputStream(), 8192);
            OutputStream out = sock.getOutputStream();
            for (int n = 0; n < MAX_REQUESTS_PER_CONNECTION; n++) {
                Deadline deadline = new Deadline(sock, timeoutMs);
                try {
                    if (n == 0 && sock instanceof SSLSocket ssl) {
                        ssl.startHandshake();
                    }
                    if (!handle(in, out, deadline, String.valueOf(sock.getRemoteSocketAddress()))) {
                        return;
                    }
                } finally {
                    deadline.cancel();
                }
            }
        } catch (IOException | RuntimeException e) {
            // client gone, cut off by the deadline, or a failed TLS handshake
        }
    }

    /**
     * Closes the connection when a request (or, after {@link #restart}, the answer) takes longer than allowed. The
     * command itself runs outside any deadline: only the client's own reading and writing are bounded.
     */
    private final class Deadline {
        private final Socket sock;
        private final long ms;
        private ScheduledFuture<?> task;

        Deadline(Socket sock, long ms) {
            this.sock = sock;
            this.ms = ms;
            this.task = watchdog.schedule(() -> Sockets.closeQuietly(sock), ms + GRACE_MS, TimeUnit.MILLISECONDS);
        }

        void cancel() {
            task.cancel(false);
        }

        void restart() {
            task.cancel(false);
            task = watchdog.schedule(() -> Sockets.closeQuietly(sock), ms + GRACE_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Serves one request; false when the connection is to close. */
    private boolean handle(InputStream in, OutputStream out, Deadline deadline, String peer) throws IOException {
        Request req;
        try {
            req = readHead(in);
            if (req == null) {
                return false;
            }
        } catch (HttpError e) {
            send(out, e.status, e.getMessage(), error(e.status, e.getMessage()), false, null);
            return false;
        }
        boolean keepAlive = keepAlive(req);
        try {
            if (!req.method().equals("POST")) {
                throw new HttpError(405, "Method Not Allowed");
            }
            if (req.header("transfer-encoding") != null) {
                throw new HttpError(411, "Length Required");
            }
            String cl = req.header("content-length");
            if (cl == null) {
                throw new HttpError(411, "Length Required");
            }
            long length;
            try {
                length = Long.parseLong(cl.strip());
            } catch (NumberFormatException e) {
                throw new HttpError(400, "Bad Request");
            }
            if (length < 0) {
                throw new HttpError(400, "Bad Request");
            }
            if (auth != null && !auth.accepts(req.header("authorization"))) {
                dispatcher.logger().info("HTTP_CLIENT_REQUEST_NOT_AUTHORIZED " + (req.header("authorization") == null
                        ? "missing" : "wrong") + " credentials from " + peer);
                Map<String, String> h = new LinkedHashMap<>();
                h.put("WWW-Authenticate", "Basic realm=\"" + auth.realm().replace("\"", "") + "\"");
                send(out, 401, "Unauthorized", error(401, "Unauthorized"), false, h);
                return false;
            }
            if (length > settings.limits().maxCommandSize()) {
                send(out, 413, "Payload Too Large", error(413, "Payload Too Large"), false, null);
                // let a client that writes its whole body before reading see the answer (bounded by the deadline)
                in.skipNBytes(Math.min(length, 64L << 20));
                return false;
            }
            if (!budget.reserve(length)) {
                send(out, 503, "Service Unavailable", error(503, "Service Unavailable"), false, null);
                in.skipNBytes(Math.min(length, 64L << 20));
                return false;
            }
            String expect = req.header("expect");
            if (expect != null && expect.equalsIgnoreCase("100-continue")) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            String answer;
            try {
                byte[] body;
                try {
                    body = in.readNBytes((int) length);
                } catch (java.net.SocketTimeoutException e) {
                    throw new HttpError(408, "Request Timeout");
                }
                if (body.length < length) {
                    return false;
                }
                deadline.cancel();
                answer = dispatcher.dispatchText(new String(body, StandardCharsets.UTF_8), settings.type());
            } finally {
                budget.release(length);
            }
            deadline.restart();
            send(out, 200, "OK", "[ " + answer + " ]", keepAlive, null);
            return keepAlive;
        } catch (HttpError e) {
            send(out, e.status, e.getMessage(), error(e.status, e.getMessage()), false, null);
            return false;
        }
    }

    private static boolean keepAlive(Request req) {
        String c = req.header("connection");
        if (req.version().equals("HTTP/1.0")) {
            return c != null && c.equalsIgnoreCase("keep-alive");
        }
        return c == null || !c.equalsIgnoreCase("close");
    }

    private static String error(int status, String reason) {
        return "{ \"result\": " + status + ", \"text\": \"" + reason + "\" }";
    }

    /** Reads the request line and headers; null at a clean end of stream before any byte. */
    private static Request readHead(InputStream in) throws IOException, HttpError {
        byte[] buf = new byte[1024];
        int len = 0;
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (java.net.SocketTimeoutException e) {
                if (len == 0) {
                    return null; // an idle keep-alive connection: just close
                }
                throw new HttpError(408, "Request Timeout");
            }
            if (b < 0) {
                if (len == 0) {
                    return null;
                }
                throw new HttpError(400, "Bad Request");
            }
            if (len == 0 && (b == '\r' || b == '\n')) {
                continue; // stray line ends between requests
            }
            if (len == buf.length) {
                if (len >= MAX_HEAD) {
                    throw new HttpError(431, "Request Header Fields Too Large");
                }
                buf = java.util.Arrays.copyOf(buf, len * 2);
            }
            buf[len++] = (byte) b;
            if (b == '\n' && (len >= 2 && buf[len - 2] == '\n'
                    || len >= 3 && buf[len - 2] == '\r' && buf[len - 3] == '\n')) {
                break;
            }
        }
        String headText = new String(buf, 0, len, StandardCharsets.ISO_8859_1);
        String[] lines = headText.split("\r?\n");
        String[] rl = lines[0].split(" ");
        if (rl.length != 3 || !rl[2].startsWith("HTTP/1.")) {
            throw new HttpError(400, "Bad Request");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new HttpError(400, "Bad Request");
            }
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            if (headers.containsKey(name) && (name.equals("content-length") || name.equals("authorization"))) {
                throw new HttpError(400, "Bad Request");
            }
            headers.put(name, value);
        }
        return new Request(rl[0], rl[2], headers);
    }

    private void send(OutputStream out, int status, String reason, String body, boolean keepAlive,
            Map<String, String> extra) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder(256);
        h.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        h.append("Content-Type: application/json\r\n");
        h.append("Content-Length: ").append(b.length).append("\r\n");
        h.append("Date: ").append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        h.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n");
        if (extra != null) {
            extra.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        }
        settings.headers().forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        h.append("\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(b);
        out.flush();
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
    }
}
