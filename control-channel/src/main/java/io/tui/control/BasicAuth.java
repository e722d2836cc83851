package io.tui.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * HTTP basic authentication against the configured clients (inline, or read once from files inside the
 * authentication directory; a name that leads outside it, through {@code ..} or a symbolic link, is refused).
 */
final class BasicAuth {
    private final String realm;
    private final List<byte[]> accepted;

    private BasicAuth(String realm, List<byte[]> accepted) {
        this.realm = realm;
        this.accepted = accepted;
    }

    static BasicAuth of(SocketSettings.Auth auth) throws ControlChannelException {
        List<byte[]> accepted = new ArrayList<>();
        for (SocketSettings.Client c : auth.clients()) {
            String user = c.user();
            String password = c.password();
            if (c.userFile() != null) {
                user = firstLine(read(auth.directory(), c.userFile()));
            }
            if (c.passwordFile() != null) {
                String pw = firstLine(read(auth.directory(), c.passwordFile()));
                if (user == null) {
                    int colon = pw.indexOf(':');
                    if (colon <= 0) {
                        throw new ControlChannelException("authentication: password-file " + c.passwordFile()
                                + " without a user must hold 'user:password'");
                    }
                    user = pw.substring(0, colon);
                    pw = pw.substring(colon + 1);
                }
                password = pw;
            }
            if (user == null || user.isEmpty() || user.indexOf(':') >= 0) {
                throw new ControlChannelException("authentication: a client has an empty or invalid user name");
            }
            accepted.add((user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        }
        return new BasicAuth(auth.realm(), List.copyOf(accepted));
    }

    private static String read(Path dir, String name) throws ControlChannelException {
        try {
            Path base = dir.toAbsolutePath().normalize();
            Path p = base.resolve(name).normalize();
            if (!p.startsWith(base)) {
                throw new ControlChannelException("authentication: file " + name + " is outside directory " + base);
            }
            Path real = p.toRealPath();
            if (!real.startsWith(base.toRealPath())) {
                throw new ControlChannelException("authentication: file " + name + " leads outside directory "
                        + base + " through a symbolic link");
            }
            return Files.readString(real, StandardCharsets.UTF_8);
        } catch (ControlChannelException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ControlChannelException("authentication: cannot read " + name + ": " + e, e);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    String realm() {
        return realm;
    }

    /** Whether an {@code Authorization} header value names an accepted client. */
    boolean accepts(String header) {
        if (header == null) {
            return false;
        }
        String h = header.strip();
        if (h.length() < 6 || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(h.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean ok = false;
        for (byte[] a : accepted) {
            ok |= MessageDigest.isEqual(a, given);
        }
        return ok;
    }
}
