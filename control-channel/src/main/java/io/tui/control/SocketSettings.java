package io.tui.control;

import io.tui.dhcp.core.config.model.Services;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One control socket's settings, read from a {@code control-socket}/{@code control-sockets} entry.
 *
 * <p>Kea's keys: {@code socket-type} ({@code unix}, {@code http}, {@code https}), {@code socket-name},
 * {@code socket-address}, {@code socket-port}, {@code trust-anchor}, {@code cert-file}, {@code key-file},
 * {@code cert-required}, {@code authentication} ({@code type} basic, {@code realm}, {@code directory},
 * {@code clients} with {@code user}/{@code password} or {@code user-file}/{@code password-file}),
 * {@code http-headers} ({@code name}/{@code value}). Tui's additions: {@code socket-mode} (octal text, UNIX, default
 * {@code "0600"}), {@code max-command-size} (bytes), {@code command-timeout} (milliseconds),
 * {@code max-connections}.
 */
public record SocketSettings(String type, Path unixPath, Set<PosixFilePermission> mode, String address, int port,
        Limits limits, Tls tls, Auth auth, Map<String, String> headers) {

    /** TLS files (PEM): CA file or directory, certificate chain, private key; whether clients must show a cert. */
    public record Tls(Path trustAnchor, Path certFile, Path keyFile, boolean certRequired) {}

    /** Basic authentication: realm, the directory relative file names resolve in, the clients. */
    public record Auth(String realm, Path directory, List<Client> clients) {
        public Auth {
            clients = List.copyOf(clients);
        }
    }

    /** One client: inline user/password or files holding them (a password file alone holds {@code user:password}). */
    public record Client(String user, String password, String userFile, String passwordFile) {}

    public boolean unix() {
        return type.equals("unix");
    }

    /**
     * Reads an entry. {@code baseDir} is where relative TLS and credential files are found when the entry gives no
     * {@code authentication.directory} (normally the configuration file's directory); {@code defaults} the limits an
     * entry does not override.
     */
    public static SocketSettings of(Services.ControlSocket cs, Path baseDir, Limits defaults)
            throws ControlChannelException {
        Map<String, Object> p = cs.parameters();
        String type = cs.type() == null ? "unix" : cs.type();
        Limits limits = new Limits(
                (int) Math.min(Integer.MAX_VALUE, number(p, "max-command-size", defaults.maxCommandSize())),
                Duration.ofMillis(number(p, "command-timeout", defaults.timeout().toMillis())),
                (int) Math.min(Integer.MAX_VALUE, number(p, "max-connections", defaults.maxConnections())));
        switch (type) {
            case "unix" -> {
                if (cs.name() == null || cs.name().isEmpty()) {
                    throw new ControlChannelException("control socket: missing 'socket-name'");
                }
                for (String k : List.of("trust-anchor", "cert-file", "key-file", "authentication")) {
                    if (p.containsKey(k)) {
                        throw new ControlChannelException("control socket " + cs.name() + ": '" + k
                                + "' is for http/https sockets, not unix");
                    }
                }
                String modeText = p.get("socket-mode") instanceof String s ? s : "0600";
                return new SocketSettings(type, Path.of(cs.name()).toAbsolutePath().normalize(), mode(modeText),
                        null, 0, limits, null, null, Map.of());
            }
            case "http", "https" -> {
                String address = cs.address() == null ? "127.0.0.1" : cs.address();
                int port = cs.port() == 0 && !p.containsKey("socket-port") ? 8000 : cs.port();
                Tls tls = tls(p, type, baseDir);
                Auth auth = auth(p, baseDir);
                Map<String, String> headers = new LinkedHashMap<>();
                if (p.get("http-headers") instanceof List<?> list) {
                    for (Object o : list) {
                        if (o instanceof Map<?, ?> h && h.get("name") instanceof String n
                                && h.get("value") instanceof String v) {
                            if (!token(n) || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                                throw new ControlChannelException("control socket: bad http-header '" + n + "'");
                            }
                            headers.put(n, v);
                        } else {
                            throw new ControlChannelException(
                                    "control socket: each http-headers entry needs a string 'name' and 'value'");
                        }
                    }
                }
                return new SocketSettings(type, null, null, address, port, limits, tls, auth, Map.copyOf(headers));
            }
            default -> throw new ControlChannelException("control socket: unsupported socket-type '" + type + "'");
        }
    }

    private static Tls tls(Map<String, Object> p, String type, Path baseDir) throws ControlChannelException {
        String ta = text(p, "trust-anchor");
        String cert = text(p, "cert-file");
        String key = text(p, "key-file");
        boolean required = !(p.get("cert-required") instanceof Boolean b) || b;
        boolean any = ta != null || cert != null || key != null;
        if (type.equals("http")) {
            if (any) {
                throw new ControlChannelException(
                        "control socket: TLS files given for socket-type 'http'; use 'https'");
            }
            return null;
        }
        if (cert == null || key == null) {
            throw new ControlChannelException("control socket: socket-type 'https' needs 'cert-file' and 'key-file'");
        }
        if (ta == null && required) {
            throw new ControlChannelException(
                    "control socket: 'cert-required' needs a 'trust-anchor' to verify client certificates");
        }
        return new Tls(ta == null ? null : baseDir.resolve(ta), baseDir.resolve(cert), baseDir.resolve(key),
                required);
    }

    private static Auth auth(Map<String, Object> p, Path baseDir) throws ControlChannelException {
        if (!(p.get("authentication") instanceof Map<?, ?> a)) {
            if (p.containsKey("authentication")) {
                throw new ControlChannelException("control socket: 'authentication' must be a map");
            }
            return null;
        }
        Object t = a.get("type");
        if (t != null && !"basic".equals(t)) {
            throw new ControlChannelException("control socket: unsupported authentication type '" + t
                    + "' (only 'basic')");
        }
        String realm = a.get("realm") instanceof String r ? r : "kea-control-agent";
        Path dir = a.get("directory") instanceof String d ? baseDir.resolve(d) : baseDir;
        List<Client> clients = new ArrayList<>();
        if (a.get("clients") instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> c)) {
                    throw new ControlChannelException("control socket: each authentication client must be a map");
                }
                Client cl = new Client(str(c, "user"), str(c, "password"), str(c, "user-file"),
                        str(c, "password-file"));
                if (cl.user() != null && cl.userFile() != null || cl.password() != null && cl.passwordFile() != null) {
                    throw new ControlChannelException(
                            "control socket: a client gives either 'user' or 'user-file', 'password' or 'password-file'");
                }
                if (cl.user() == null && cl.userFile() == null && cl.passwordFile() == null) {
                    throw new ControlChannelException("control socket: an authentication client needs a user");
                }
                if (cl.user() != null && cl.user().indexOf(':') >= 0) {
                    throw new ControlChannelException("control socket: user names may not contain ':'");
                }
                clients.add(cl);
            }
        }
        if (clients.isEmpty()) {
            throw new ControlChannelException("control socket: basic authentication needs at least one client");
        }
        return new Auth(realm, dir, clients);
    }

    private static String str(Map<?, ?> m, String k) {
        return m.get(k) instanceof String s ? s : null;
    }

    private static String text(Map<String, Object> p, String k) {
        return p.get(k) instanceof String s && !s.isEmpty() ? s : null;
    }

    private static long number(Map<String, Object> p, String k, long dflt) throws ControlChannelException {
        Object v = p.get(k);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n && n.longValue() > 0) {
            return n.longValue();
        }
        throw new ControlChannelException("control socket: '" + k + "' must be a positive integer");
    }

    private static Set<PosixFilePermission> mode(String text) throws ControlChannelException {
        if (!text.matches("0?[0-7]{3}")) {
            throw new ControlChannelException("control socket: 'socket-mode' must be octal such as \"0600\": " + text);
        }
        int m = Integer.parseInt(text, 8);
        if ((m & 0002) != 0) {
            throw new ControlChannelException("control socket: 'socket-mode' " + text
                    + " would let every local user send commands");
        }
        StringBuilder s = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((m & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
        }
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        set.addAll(PosixFilePermissions.fromString(s.toString()));
        return set;
    }

    private static boolean token(String n) {
        if (n.isEmpty()) {
            return false;
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
