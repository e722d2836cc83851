package io.tui.control.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.control.KeaJson;
import io.tui.control.Pem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * {@code tuictl}: sends one command to a Tui (or Kea) server over its UNIX control socket or HTTP(S) and prints the
 * answer. The exit code is the answer's result (0 success, 1 error, 2 unsupported, 3 empty); 4 means the server
 * could not be reached, 5 an HTTP error status (such as 401), 6 an answer that is not Kea JSON, 64 a usage error.
 */
public final class TuiCtl {
    public static final int EXIT_TRANSPORT = 4;
    public static final int EXIT_HTTP = 5;
    public static final int EXIT_BAD_ANSWER = 6;
    public static final int EXIT_USAGE = 64;

    static final String USAGE = """
            usage: tuictl [-s SOCKET | -u URL [--user USER (--password-file FILE | --password PW)]
                          [--ca FILE] [--cert FILE --key FILE]] [--timeout SECONDS] [--raw]
                          COMMAND [key=value ... | --json '{...}' | --json-file FILE]

              -s SOCKET        the server's UNIX control socket (default: $TUICTL_SOCKET)
              -u URL           the server's HTTP or HTTPS control socket, such as http://127.0.0.1:8000/
              --user USER      basic authentication user; the password comes from --password-file
                               (first line), --password or $TUICTL_PASSWORD
              --ca FILE        PEM trust anchor for https (default: the JDK's trust store)
              --cert/--key     PEM client certificate and key for servers with cert-required
              key=value        an argument; values are typed: numbers, true/false/null and JSON lists or
                               maps are JSON, anything else is a string. service=dhcp4[,dhcp6] sets the
                               command's service list.
              --json TEXT      the arguments map as JSON; --json-file FILE reads it from a file
              --raw            print the answer exactly as received (default: indented JSON)

            exit code: the answer's result (0 ok, 1 error, 2 unsupported, 3 empty), 4 server unreachable,
            5 HTTP error (401 ...), 6 answer not Kea JSON, 64 usage error
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final KeaJson json = new KeaJson();

    public TuiCtl(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(new TuiCtl(System.out, System.err, System.getenv()).run(args));
    }

    private static final class Usage extends Exception {
        Usage(String m) {
            super(m);
        }
    }

    /** Runs one invocation; returns the exit code. */
    public int run(String[] argv) {
        String socket = null;
        String url = null;
        String user = null;
        String password = null;
        String passwordFile = null;
        String ca = null;
        String cert = null;
        String key = null;
        String jsonText = null;
        String jsonFile = null;
        boolean raw = false;
        double timeout = 30;
        String command = null;
        List<String> pairs = new ArrayList<>();
        try {
            for (int i = 0; i < argv.length; i++) {
                String a = argv[i];
                switch (a) {
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "-s", "--socket" -> socket = value(argv, ++i, a);
                    case "-u", "--url" -> url = value(argv, ++i, a);
                    case "--user" -> user = value(argv, ++i, a);
                    case "--password" -> password = value(argv, ++i, a);
                    case "--password-file" -> passwordFile = value(argv, ++i, a);
                    case "--ca" -> ca = value(argv, ++i, a);
                    case "--cert" -> cert = value(argv, ++i, a);
                    case "--key" -> key = value(argv, ++i, a);
                    case "--json" -> jsonText = value(argv, ++i, a);
                    case "--json-file" -> jsonFile = value(argv, ++i, a);
                    case "--raw" -> raw = true;
                    case "--timeout" -> {
                        try {
                            timeout = Double.parseDouble(value(argv, ++i, a));
                        } catch (NumberFormatException e) {
                            throw new Usage("--timeout needs a number of seconds");
                        }
                        if (!(timeout > 0)) {
                            throw new Usage("--timeout must be positive");
                        }
                    }
                    default -> {
                        if (a.startsWith("-") && a.length() > 1) {
                            throw new Usage("unknown option " + a);
                        }
                        if (command == null) {
                            command = a;
                        } else {
                            pairs.add(a);
                        }
                    }
                }
            }
            if (command == null) {
                throw new Usage("no command given");
            }
            if (socket == null && url == null) {
                socket = env.get("TUICTL_SOCKET");
            }
            if (socket == null == (url == null)) {
                throw new Usage("give exactly one of -s SOCKET and -u URL");
            }
            if (socket != null && (user != null || ca != null || cert != null)) {
                throw new Usage("--user, --ca and --cert are for -u URL");
            }
            if (cert != null ^ key != null) {
                throw new Usage("--cert and --key go together");
            }
            int sources = (jsonText != null ? 1 : 0) + (jsonFile != null ? 1 : 0) + (pairs.isEmpty() ? 0 : 1);
            if (sources > 1) {
                throw new Usage("give arguments as key=value, --json or --json-file, not several");
            }
            ObjectNode cmd = JsonNodeFactory.instance.objectNode();
            cmd.put("command", command);
            if (jsonText != null || jsonFile != null) {
                String text = jsonText != null ? jsonText : Files.readString(Path.of(jsonFile));
                JsonNode a;
                try {
                    a = json.parse(text);
                } catch (JsonProcessingException e) {
                    throw new Usage("arguments are not JSON: " + KeaJson.reason(e));
                }
                if (!a.isObject()) {
                    throw new Usage("arguments must be a JSON map");
                }
                cmd.set("arguments", a);
            } else if (!pairs.isEmpty()) {
                ObjectNode a = JsonNodeFactory.instance.objectNode();
                for (String p : pairs) {
                    int eq = p.indexOf('=');
                    if (eq <= 0) {
                        throw new Usage("argument '" + p + "' is not key=value");
                    }
                    String k = p.substring(0, eq);
                    String v = p.substring(eq + 1);
                    if (k.equals("service")) {
                        ArrayNode list = cmd.putArray("service");
                        for (String s : v.split(",")) {
                            if (!s.isBlank()) {
                                list.add(s.strip());
                            }
                        }
                    } else {
                        a.set(k, typed(v));
                    }
                }
                if (!a.isEmpty()) {
                    cmd.set("arguments", a);
                }
            }
            if (user != null && password == null) {
                if (passwordFile != null) {
                    String pw = Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8);
                    int nl = pw.indexOf('\n');
                    password = (nl < 0 ? pw : pw.substring(0, nl)).replace("\r", "");
                } else {
                    password = env.get("TUICTL_PASSWORD");
                }
                if (password == null) {
                    throw new Usage("--user needs --password-file, --password or $TUICTL_PASSWORD");
                }
            }
            String request = json.write(cmd);
            Duration t = Duration.ofMillis((long) (timeout * 1000));
            String answer;
            try {
                answer = socket != null ? unix(Path.of(socket), request, t)
                        : http(url, request, user, password, ca, cert, key, t);
            } catch (HttpStatus e) {
                err.println("tuictl: HTTP " + e.status + (e.body.isBlank() ? "" : ": " + e.body.strip()));
                return EXIT_HTTP;
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                err.println("tuictl: cannot talk to " + (socket != null ? socket : url) + ": " + e.getMessage());
                return EXIT_TRANSPORT;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return EXIT_TRANSPORT;
            }
            return print(answer, raw);
        } catch (Usage e) {
            err.println("tuictl: " + e.getMessage());
            err.print(USAGE);
            return EXIT_USAGE;
        } catch (IOException e) {
            err.println("tuictl: " + e.getMessage());
            return EXIT_USAGE;
        }
    }

    private static String value(String[] argv, int i, String option) throws Usage {
        if (i >= argv.length) {
            throw new Usage(option + " needs a value");
        }
        return argv[i];
    }

    /** A key=value value: a JSON literal (number, boolean, null, list, map, quoted string) or else a string. */
    JsonNode typed(String v) {
        if (!v.isEmpty()) {
            char c = v.charAt(0);
            if (c == '{' || c == '[' || c == '"' || c == '-' || Character.isDigit(c) || v.equals("true")
                    || v.equals("false") || v.equals("null")) {
                try {
                    return json.parse(v);
                } catch (JsonProcessingException e) {
                    // not JSON: a string such as 192.0.2.10 or 1a:2b:3c
                }
            }
        }
        return JsonNodeFactory.instance.textNode(v);
    }

    private int print(String answer, boolean raw) {
        JsonNode node;
        try {
            node = json.parse(answer.strip());
        } catch (JsonProcessingException e) {
            err.println("tuictl: the answer is not JSON: " + KeaJson.reason(e));
            out.println(answer);
            return EXIT_BAD_ANSWER;
        }
        out.println(raw ? answer.strip() : json.writePretty(node));
        JsonNode first = node.isArray() && !node.isEmpty() ? node.get(0) : node;
        JsonNode result = first == null ? null : first.get("result");
        if (result == null || !result.isIntegralNumber()) {
            err.println("tuictl: the answer has no integer 'result'");
            return EXIT_BAD_ANSWER;
        }
        int r = result.intValue();
        return r >= 0 && r <= 3 ? r : EXIT_BAD_ANSWER;
    }

    private static String unix(Path socket, String request, Duration timeout) throws IOException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "tuictl-timeout");
            th.setDaemon(true);
            return th;
        });
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            // a server that never answers: closing the channel ends the blocked read
            timer.schedule(() -> closeQuietly(ch), timeout.toMillis(), TimeUnit.MILLISECONDS);
            ByteBuffer b = ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(64 << 10);
            while (true) {
                int n;
                try {
                    n = ch.read(in.clear());
                } catch (java.nio.channels.AsynchronousCloseException e) {
                    throw new IOException("no complete answer within " + timeout.toSeconds() + " s");
                }
                if (n < 0) {
                    break;
                }
                got.write(in.array(), 0, n);
            }
            if (got.size() == 0) {
                throw new IOException("the server closed the connection without an answer");
            }
            return got.toString(StandardCharsets.UTF_8);
        } finally {
            timer.shutdownNow();
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    private static final class HttpStatus extends IOException {
        final int status;
        final String body;

        HttpStatus(int status, String body) {
            super("HTTP " + status);
            this.status = status;
            this.body = body;
        }
    }

    private static String http(String url, String request, String user, String password, String ca, String cert,
            String key, Duration timeout) throws IOException, GeneralSecurityException, InterruptedException {
        URI uri = URI.create(url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("the URL must be http:// or https://");
        }
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout);
        if (uri.getScheme().equals("https") && (ca != null || cert != null)) {
            SSLContext ctx = Pem.context(cert == null ? null : Path.of(cert), key == null ? null : Path.of(key),
                    ca == null ? null : Path.of(ca));
            b.sslContext(ctx);
        }
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request, StandardCharsets.UTF_8));
        if (user != null) {
            rb.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try (HttpClient client = b.build()) {
            HttpResponse<String> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new HttpStatus(r.statusCode(), r.body());
            }
            return r.body();
        }
    }
}
