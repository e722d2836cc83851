package io.tui.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Plain clients for the tests: a UNIX socket as socat uses it, and raw HTTP/1.1 over TCP or TLS. */
final class Clients {
    static final ObjectMapper JSON = new ObjectMapper();

    private Clients() {
    }

    /** Sends {@code text} over the UNIX socket and reads until the server closes. */
    static String unix(Path socket, String text) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            return readAll(ch);
        }
    }

    static String readAll(SocketChannel ch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.allocate(65536);
        while (true) {
            int n = ch.read(in.clear());
            if (n < 0) {
                return out.toString(StandardCharsets.UTF_8);
            }
            out.write(in.array(), 0, n);
        }
    }

    /** An HTTP answer. */
    record Http(int status, String headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int c = line.indexOf(':');
                if (c > 0 && line.substring(0, c).equalsIgnoreCase(name)) {
                    return line.substring(c + 1).strip();
                }
            }
            return null;
        }
    }

    /** POSTs {@code body} (null: send {@code rawRequest} instead) and reads one answer; closes the connection. */
    static Http post(InetSocketAddress to, SSLContext tls, String body, String user, String password)
            throws IOException {
        StringBuilder r = new StringBuilder();
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        r.append("POST / HTTP/1.1\r\nHost: ").append(to.getHostString()).append(':').append(to.getPort())
                .append("\r\nContent-Type: application/json\r\nContent-Length: ").append(b.length)
                .append("\r\nConnection: close\r\n");
        if (user != null) {
            r.append("Authorization: Basic ").append(Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8))).append("\r\n");
        }
        r.append("\r\n");
        byte[] head = r.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + b.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(b, 0, all, head.length, b.length);
        return raw(to, tls, all);
    }

    /** Sends raw bytes and parses the one answer. */
    static Http raw(InetSocketAddress to, SSLContext tls, byte[] request) throws IOException {
        try (Socket s = connect(to, tls)) {
            s.setSoTimeout(20000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            return read(s.getInputStream());
        }
    }

    static Socket connect(InetSocketAddress to, SSLContext tls) throws IOException {
        Socket plain = new Socket();
        plain.connect(to, 5000);
        if (tls == null) {
            return plain;
        }
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, to.getHostString(), to.getPort(), true);
        s.startHandshake();
        return s;
    }

    /** Reads one HTTP answer (Content-Length framed). */
    static Http read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed before an answer: " + head);
            }
            head.write(c);
            last4 = (last4 << 8) | c;
            if (last4 == 0x0d0a0d0a) {
                break;
            }
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(h.substring(9, 12));
        Http partial = new Http(status, h, "");
        String cl = partial.header("Content-Length");
        byte[] body = cl == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(cl));
        return new Http(status, h, new String(body, StandardCharsets.UTF_8));
    }

    /** A TCP port free now on 127.0.0.1. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Copies the test PEMs into {@code dir}/tls. */
    static Path copyTls(Path dir) throws IOException {
        Path tls = dir.resolve("tls");
        Files.createDirectories(tls);
        for (String f : new String[] {"ca.pem", "server.pem", "server-key.pem", "server-key-rsa.pem", "client.pem",
            "client-key.pem", "rogue-ca.pem", "rogue-client.pem", "rogue-client-key.pem"}) {
            try (InputStream in = Clients.class.getResourceAsStream("/tls/" + f)) {
                Files.write(tls.resolve(f), in.readAllBytes());
            }
        }
        return tls;
    }

    /** A client TLS context trusting the test CA, with the given client certificate (or none). */
    static SSLContext clientTls(Path tls, String clientName) throws Exception {
        return Pem.context(clientName == null ? null : tls.resolve(clientName + ".pem"),
                clientName == null ? null : tls.resolve(clientName + "-key.pem"), tls.resolve("ca.pem"));
    }
}
