package io.tui.dhcp.core.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/**
 * Kea's {@code syslog} and {@code syslog:NAME} outputs: datagrams to the local syslog socket ({@code /dev/log}) in the
 * RFC 3164 form glibc's {@code syslog(3)} writes, {@code <PRI>Mmm dd hh:mm:ss TAG[PID]: message}, the time stamp in
 * local time and the tag the server's name ({@code kea-dhcp4}, as Kea's program name).
 *
 * <p>The facility is Kea 2.2's: {@code syslog} logs to {@code local0}; {@code syslog:NAME} to the facility called NAME
 * ({@code user}, {@code daemon}, {@code local0} ... {@code local7}, case-insensitive), and to {@code user} when NAME is
 * no facility (so {@code syslog:}, whose NAME is Kea's {@code kea}). The severity is log4cplus's: ERROR (and FATAL,
 * which Tui logs as ERROR) {@code err}, WARN {@code warning}, INFO {@code info}, DEBUG {@code debug}.
 *
 * <p>When the socket is missing or refuses a message the line goes to the fallback stream (stderr) as
 * {@code TAG[PID]: message}, as glibc's {@code LOG_PERROR} writes it, after one warning. A message that fails on a
 * connected socket is retried once on a new connection (the syslog daemon restarted); a socket that could not be
 * reached is tried again for the first message after {@value #RETRY_SECONDS} seconds.
 */
final class SyslogSink implements AutoCloseable {
    /** Where glibc's {@code syslog(3)} sends. */
    static final Path DEV_LOG = Path.of("/dev/log");

    static final int RETRY_SECONDS = 5;

    private static final Map<String, Integer> FACILITIES = Map.ofEntries(
            Map.entry("kern", 0), Map.entry("user", 1), Map.entry("mail", 2), Map.entry("daemon", 3),
            Map.entry("auth", 4), Map.entry("syslog", 5), Map.entry("lpr", 6), Map.entry("news", 7),
            Map.entry("uucp", 8), Map.entry("cron", 9), Map.entry("authpriv", 10), Map.entry("ftp", 11),
            Map.entry("local0", 16), Map.entry("local1", 17), Map.entry("local2", 18), Map.entry("local3", 19),
            Map.entry("local4", 20), Map.entry("local5", 21), Map.entry("local6", 22), Map.entry("local7", 23));
    private static final int USER = 1;
    private static final int LOCAL0 = 16;
    /** glibc's {@code "%h %e %T"} in the C locale. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.US);

    private final Path socket;
    private final int facility;
    private final String name;
    /** {@code TAG[PID]: }, what precedes every message. */
    private final String tag;
    private final ZoneId zone;
    private final PrintStream fallback;
    private UnixDatagram connection;
    private long retryAt;
    private boolean warned;

    /**
     * @param output   Kea's {@code output} value, {@code syslog} or {@code syslog:NAME}
     * @param tag      the program name the lines carry
     * @param socket   the syslog socket ({@link #DEV_LOG})
     * @param fallback where lines go while the socket cannot be reached
     */
    SyslogSink(String output, String tag, Path socket, ZoneId zone, PrintStream fallback) {
        this.socket = socket;
        this.facility = facility(output);
        this.name = tag;
        this.tag = tag + "[" + ProcessHandle.current().pid() + "]: ";
        this.zone = zone;
        this.fallback = fallback;
        synchronized (this) {
            String failure = connect();
            if (failure != null) {
                unavailable(failure);
            }
        }
    }

    /** The facility number of a {@code syslog} or {@code syslog:NAME} output, as Kea 2.2 chooses it. */
    static int facility(String output) {
        int colon = output.indexOf(':');
        if (colon < 0) {
            return LOCAL0;
        }
        return FACILITIES.getOrDefault(output.substring(colon + 1).toLowerCase(Locale.ROOT), USER);
    }

    /** The syslog severity of a JUL level: 3 (err), 4 (warning), 6 (info) or 7 (debug); 2 (crit) above SEVERE. */
    static int severity(Level level) {
        int v = level.intValue();
        return v > Level.SEVERE.intValue() ? 2 : v == Level.SEVERE.intValue() ? 3
                : v >= Level.WARNING.intValue() ? 4 : v >= Level.INFO.intValue() ? 6 : 7;
    }

    /** Sends {@code message} logged at {@code time} with {@code level}. */
    synchronized void send(Level level, Instant time, String message) {
        byte[] datagram = ("<" + (facility * 8 + severity(level)) + ">" + STAMP.format(time.atZone(zone)) + " " + tag
                + message).getBytes(StandardCharsets.UTF_8);
        String failure = null;
        if (connection == null && System.nanoTime() - retryAt >= 0) {
            failure = connect();
        }
        // a send that fails on a connected socket is tried once more on a new one: the daemon may have restarted
        for (int attempt = 0; connection != null; attempt++) {
            try {
                connection.send(datagram);
                return;
            } catch (IOException e) {
                failure = e.getMessage();
                disconnect();
                if (attempt == 0 && connect() instanceof String reconnect) {
                    failure = reconnect;
                }
            }
        }
        if (failure != null) {
            unavailable(failure);
        }
        fallback.print(tag + message);
        fallback.flush();
    }

    /** Not connected: warns (the first time) and sets when to try again. */
    private void unavailable(String failure) {
        retryAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(RETRY_SECONDS);
        if (!warned) {
            warned = true;
            fallback.print(tag + "WARN  [" + name + "] cannot log to syslog at " + socket + " (" + failure
                    + "): logging to stderr instead\n");
            fallback.flush();
        }
    }

    /** Connects; returns why not, or null. */
    private String connect() {
        try {
            connection = UnixDatagram.connect(socket);
            return null;
        } catch (IOException | RuntimeException | LinkageError e) {
            // LinkageError: no native access (the FFM downcalls could not be linked)
            connection = null;
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    private void disconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                // the descriptor is released by close(2) even when it reports an error
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        disconnect();
        fallback.flush();
    }
}
