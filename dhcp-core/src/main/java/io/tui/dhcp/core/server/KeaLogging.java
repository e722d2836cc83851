package io.tui.dhcp.core.server;

import io.tui.dhcp.core.config.model.Services;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Kea's {@code loggers} on {@code java.util.logging}. Each configured logger name ({@code kea-dhcp4},
 * {@code kea-dhcp4.packets}, ...) is the JUL logger of that name; the server logs to those names. Severity maps
 * FATAL/ERROR to SEVERE, WARN to WARNING, INFO to INFO, and DEBUG to FINE (debuglevel 0-24), FINER (25-49) or FINEST
 * (50-99); NONE turns the logger off. Outputs: {@code stdout}, {@code stderr}, {@code syslog} / {@code syslog:NAME}
 * (datagrams to the syslog socket, {@code /dev/log}, with Kea's facility; see {@link SyslogSink}), or a file,
 * appended and rotated at {@code maxsize} bytes keeping {@code maxver} old versions ({@code file.1} ... as Kea).
 * Lines look like Kea's: {@code 2026-11-22 10:00:00.123 INFO  [kea-dhcp4.dhcp4/1234.1] message}; syslog messages,
 * which syslog stamps with the time and the process, like Kea's too: {@code INFO  [kea-dhcp4.dhcp4.1] message}.
 *
 * <p>Not a singleton: {@link #apply} returns the handlers it installed, and {@link #close} removes them (on reload
 * the server closes the old set after installing the new one).
 */
public final class KeaLogging implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private record Installed(Logger logger, Handler handler, Level oldLevel, boolean oldUseParent) {}

    private final List<Installed> installed;
    private final List<Logger> strongRefs;

    private KeaLogging(List<Installed> installed, List<Logger> refs) {
        this.installed = installed;
        this.strongRefs = refs;
    }

    /** The JUL level of a Kea severity and debuglevel. */
    public static Level level(String severity, int debugLevel) {
        return switch (severity == null ? "INFO" : severity.toUpperCase(Locale.ROOT)) {
            case "FATAL", "ERROR" -> Level.SEVERE;
            case "WARN", "WARNING" -> Level.WARNING;
            case "DEBUG" -> debugLevel >= 50 ? Level.FINEST : debugLevel >= 25 ? Level.FINER : Level.FINE;
            case "NONE" -> Level.OFF;
            default -> Level.INFO;
        };
    }

    /**
     * Where the outputs write: {@code stdout}, {@code stderr} (also where syslog lines go while the syslog socket
     * cannot be reached), the syslog socket, and the time zone of the syslog time stamps (local time, as glibc's).
     */
    public record Destinations(PrintStream stdout, PrintStream stderr, Path syslogSocket, ZoneId zone) {
        /** The process's streams, {@code /dev/log} and the system time zone: what the servers use. */
        public static Destinations system() {
            return new Destinations(System.out, System.err, SyslogSink.DEV_LOG, ZoneId.systemDefault());
        }
    }

    /**
     * Installs the configured loggers. With none configured, {@code defaultName} logs INFO to stdout, as Kea does
     * (DEBUG at debuglevel 99 with {@code debug}, Kea's {@code -d}). {@code defaultName} is also the syslog tag.
     */
    public static KeaLogging apply(List<Services.Logger> loggers, String defaultName, boolean debug) {
        return apply(loggers, defaultName, debug, Destinations.system());
    }

    /** {@link #apply(List, String, boolean)} writing to {@code to}. */
    public static KeaLogging apply(List<Services.Logger> loggers, String defaultName, boolean debug,
            Destinations to) {
        List<Installed> out = new ArrayList<>();
        List<Logger> refs = new ArrayList<>();
        List<Services.Logger> effective = loggers;
        if (effective.isEmpty()) {
            effective = List.of(new Services.Logger(defaultName, "INFO", 0,
                    List.of(new Services.OutputOption("stdout", true, 0, 0, null, java.util.Map.of())),
                    java.util.Map.of()));
        }
        for (Services.Logger l : effective) {
            Logger logger = Logger.getLogger(l.name());
            refs.add(logger);
            Level level = debug ? Level.FINEST : level(l.severity(), l.debugLevel());
            Level old = logger.getLevel();
            boolean oldParent = logger.getUseParentHandlers();
            logger.setLevel(level);
            logger.setUseParentHandlers(false);
            List<Services.OutputOption> outputs = l.outputs().isEmpty()
                    ? List.of(new Services.OutputOption("stdout", true, 0, 0, null, java.util.Map.of()))
                    : l.outputs();
            for (Services.OutputOption o : outputs) {
                Handler h = handler(o, defaultName, to);
                h.setLevel(Level.ALL);
                logger.addHandler(h);
                out.add(new Installed(logger, h, old, oldParent));
            }
        }
        return new KeaLogging(List.copyOf(out), List.copyOf(refs));
    }

    private static Handler handler(Services.OutputOption o, String tag, Destinations to) {
        String output = o.output() == null ? "stdout" : o.output();
        if (output.equals("stdout")) {
            return new LineHandler(new ConsoleSink(to.stdout()), o.flush());
        }
        if (output.equals("stderr")) {
            return new LineHandler(new ConsoleSink(to.stderr()), o.flush());
        }
        if (output.equals("syslog") || output.startsWith("syslog:")) {
            return new SyslogHandler(new SyslogSink(output, tag, to.syslogSocket(), to.zone(), to.stderr()));
        }
        return new LineHandler(new FileSink(Path.of(output), o.maxSize(), o.maxVersions()), o.flush());
    }

    /** Where formatted lines go. */
    private interface Sink {
        void write(String line) throws IOException;

        void flush() throws IOException;

        void close() throws IOException;
    }

    private record ConsoleSink(PrintStream stream) implements Sink {
        @Override
        public void write(String line) {
            stream.print(line);
        }

        @Override
        public void flush() {
            stream.flush();
        }

        @Override
        public void close() {
            stream.flush();
        }
    }

    /** An appended file rotated as Kea's log4cplus does: {@code name} -> {@code name.1} -> ... {@code name.maxver}. */
    private static final class FileSink implements Sink {
        private final Path path;
        private final long maxSize;
        private final long maxVersions;
        private Writer writer;
        private long size;

        FileSink(Path path, long maxSize, long maxVersions) {
            this.path = path;
            this.maxSize = maxSize;
            this.maxVersions = maxVersions;
            try {
                open();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open log file " + path, e);
            }
        }

        private void open() throws IOException {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            OutputStream os = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            writer = new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8);
            size = Files.size(path);
        }

        @Override
        public synchronized void write(String line) throws IOException {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            if (maxSize > 0 && size + b.length > maxSize && size > 0) {
                rotate();
            }
            writer.write(line);
            size += b.length;
        }

        private void rotate() throws IOException {
            writer.close();
            if (maxVersions > 0) {
                for (long v = maxVersions - 1; v >= 1; v--) {
                    Path from = Path.of(path + "." + v);
                    if (Files.exists(from)) {
                        Files.move(from, Path.of(path + "." + (v + 1)), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Files.move(path, Path.of(path + ".1"), StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(path);
            }
            open();
        }

        @Override
        public synchronized void flush() throws IOException {
            writer.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            writer.close();
        }
    }

    /** Kea's line after the time stamp: severity, {@code [logger<separator>thread]} and the message, with a newline. */
    private static String line(LogRecord r, String separator) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(String.format(Locale.ROOT, "%-5s", severity(r.getLevel()))).append(" [")
                .append(r.getLoggerName()).append(separator)
                .append(Thread.currentThread().threadId()).append("] ").append(r.getMessage());
        if (r.getThrown() != null) {
            sb.append(": ").append(r.getThrown());
        }
        return sb.append('\n').toString();
    }

    private static String severity(Level l) {
        int v = l.intValue();
        return v >= Level.SEVERE.intValue() ? "ERROR" : v >= Level.WARNING.intValue() ? "WARN"
                : v >= Level.INFO.intValue() ? "INFO" : "DEBUG";
    }

    /** Kea's syslog layout ({@code %-5p [%c.%t] %m\n}): syslog adds the time and the process. */
    private static final class SyslogHandler extends Handler {
        private final SyslogSink sink;

        SyslogHandler(SyslogSink sink) {
            this.sink = sink;
        }

        @Override
        public void publish(LogRecord r) {
            if (isLoggable(r)) {
                sink.send(r.getLevel(), r.getInstant(), line(r, "."));
            }
        }

        @Override
        public void flush() {
            // every message is sent when logged
        }

        @Override
        public void close() {
            sink.close();
        }
    }

    private static final class LineHandler extends Handler {
        private final Sink sink;
        private final boolean flushEach;
        private final String pid = "/" + ProcessHandle.current().pid() + ".";

        LineHandler(Sink sink, boolean flushEach) {
            this.sink = sink;
            this.flushEach = flushEach;
        }

        @Override
        public void publish(LogRecord r) {
            if (!isLoggable(r)) {
                return;
            }
            String text = TIME.format(r.getInstant()) + ' ' + line(r, pid);
            try {
                sink.write(text);
                if (flushEach) {
                    sink.flush();
                }
            } catch (IOException e) {
                reportError("log write failed", e, java.util.logging.ErrorManager.WRITE_FAILURE);
            }
        }

        @Override
        public void flush() {
            try {
                sink.flush();
            } catch (IOException e) {
                reportError("log flush failed", e, java.util.logging.ErrorManager.FLUSH_FAILURE);
            }
        }

        @Override
        public void close() {
            try {
                sink.close();
            } catch (IOException e) {
                reportError("log close failed", e, java.util.logging.ErrorManager.CLOSE_FAILURE);
            }
        }
    }

    /** The loggers configured (kept strongly referenced so JUL keeps their settings). */
    public List<Logger> loggers() {
        return strongRefs;
    }

    /** Removes and closes the handlers this call installed, restoring the loggers' levels. */
    @Override
    public void close() {
        for (Installed i : installed) {
            i.logger().removeHandler(i.handler());
            i.handler().close();
            i.logger().setLevel(i.oldLevel());
            i.logger().setUseParentHandlers(i.oldUseParent());
        }
    }
}
