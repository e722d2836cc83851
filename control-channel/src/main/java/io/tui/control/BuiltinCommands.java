package io.tui.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.config.ConfigRenderer;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.hook.CommandHandler;
import io.tui.dhcp.core.hook.CommandRegistry;
import io.tui.dhcp.core.hook.CommandRequest;
import io.tui.dhcp.core.hook.CommandResponse;
import io.tui.dhcp.core.hook.ServerControl;
import io.tui.dhcp.core.hook.ServerServices;
import io.tui.dhcp.core.stats.StatsRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kea's built-in commands of a DHCP server: configuration, service control and statistics. Texts and shapes follow
 * Kea 2.2 (checked against a running kea-dhcp4) and the Kea API reference; {@code config-hash-get} and the hashes
 * in {@code config-get}/{@code config-set} follow Kea 2.4.
 */
public final class BuiltinCommands {
    /** Every command {@link #register} adds. */
    public static final List<String> NAMES = List.of("build-report", "config-get", "config-hash-get",
            "config-reload", "config-set", "config-test", "config-write", "dhcp-disable", "dhcp-enable",
            "leases-reclaim", "libreload", "list-commands", "server-tag-get", "set-config", "shutdown",
            "statistic-get", "statistic-get-all", "statistic-global-get-all", "statistic-remove",
            "statistic-remove-all", "statistic-reset", "statistic-reset-all", "statistic-sample-age-set",
            "statistic-sample-age-set-all", "statistic-sample-count-set", "statistic-sample-count-set-all",
            "status-get", "version-get");

    /** Member names whose values config-get hides unless secrets are revealed (and any name ending so). */
    private static final Set<String> SECRETS = Set.of("password", "secret");

    static boolean secret(String key) {
        for (String s : SECRETS) {
            if (key.equals(s) || key.endsWith("-" + s)) {
                return true;
            }
        }
        return false;
    }
    static final String REDACTED = "*****";

    private final CommandRegistry registry;
    private final ServerServices services;
    private final BuiltinOptions options;
    private final ConfigRenderer renderer = new ConfigRenderer();
    private final KeaJson json = new KeaJson();

    private BuiltinCommands(CommandRegistry registry, ServerServices services, BuiltinOptions options) {
        this.registry = registry;
        this.services = services;
        this.options = options;
    }

    /** Registers every built-in command into {@code registry}, answering from {@code services}. */
    public static void register(CommandRegistry registry, ServerServices services, BuiltinOptions options) {
        BuiltinCommands b = new BuiltinCommands(registry, services, options);
        Map<String, CommandHandler> m = new java.util.LinkedHashMap<>();
        m.put("build-report", r -> CommandResponse.ok(options.buildReport()));
        m.put("config-get", b::configGet);
        m.put("config-hash-get", r -> CommandResponse.ok(null, obj().put("hash", b.hash(services.config()))));
        m.put("config-set", b::configSet);
        m.put("set-config", b::configSet);
        m.put("config-test", b::configTest);
        m.put("config-reload", b::configReload);
        m.put("config-write", b::configWrite);
        m.put("dhcp-disable", b::dhcpDisable);
        m.put("dhcp-enable", b::dhcpEnable);
        m.put("leases-reclaim", b::leasesReclaim);
        m.put("libreload", b::libreload);
        m.put("list-commands", b::listCommands);
        m.put("server-tag-get", r -> CommandResponse.ok(null, obj().put("server-tag",
                nonNull(services.control().serverTag()))));
        m.put("shutdown", b::shutdown);
        m.put("status-get", r -> CommandResponse.ok(null, services.control().status().deepCopy()));
        m.put("version-get", r -> CommandResponse.ok(options.version(),
                obj().put("extended", options.extendedVersion())));
        b.statistics(m);
        for (var e : m.entrySet()) {
            registry.register(e.getKey(), e.getValue());
        }
    }

    /** Removes what {@link #register} added (a server tearing its channel down). */
    public static void unregister(CommandRegistry registry) {
        for (String n : NAMES) {
            registry.unregister(n);
        }
    }

    // ---- configuration -------------------------------------------------------------------------------------------

    private CommandResponse configGet(CommandRequest r) {
        ServerConfig c = services.config();
        JsonNode doc = json.mapper().valueToTree(renderer.toMap(c));
        if (!options.revealSecrets()) {
            redact(doc);
        }
        ObjectNode args = (ObjectNode) doc;
        args.put("hash", hash(c));
        return CommandResponse.ok(null, args);
    }

    /**
     * Replaces the values of secret members ({@code password}, {@code secret}, and names ending {@code -password}
     * or {@code -secret} such as HA's {@code basic-auth-password}) anywhere in {@code node}.
     */
    static void redact(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (var it = o.properties().iterator(); it.hasNext();) {
                var e = it.next();
                if (secret(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()) {
                    e.setValue(JsonNodeFactory.instance.textNode(REDACTED));
                } else {
                    redact(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (JsonNode n : a) {
                redact(n);
            }
        }
    }

    /** SHA-256 of the rendered configuration (secrets included), upper-case hex as Kea 2.4 prints it. */
    String hash(ServerConfig c) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(renderer.toJson(c).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private ObjectNode document(CommandRequest r) throws Args.Bad {
        ObjectNode a = Args.map(r, true);
        String root = services.family().rootKey();
        JsonNode body = a.get(root);
        if (body == null) {
            throw new Args.Bad("Missing mandatory '" + root + "' parameter.");
        }
        if (!body.isObject()) {
            throw new Args.Bad("'" + root + "' parameter expected to be a map.");
        }
        ObjectNode doc = obj();
        doc.set(root, body.deepCopy());
        JsonNode running = json.mapper().valueToTree(renderer.toMap(services.config()));
        unredact(doc, running);
        return doc;
    }

    /**
     * config-get's answer sent back with config-set/config-test keeps the running secrets: a secret member whose
     * value is still {@code *****} takes the running configuration's value at the same place (when there is one),
     * so a tool that edits what config-get returned does not set every password to {@code *****}.
     */
    static void unredact(JsonNode given, JsonNode running) {
        if (given instanceof ObjectNode o && running instanceof ObjectNode r) {
            for (var it = o.properties().iterator(); it.hasNext();) {
                var e = it.next();
                JsonNode was = r.get(e.getKey());
                if (was == null) {
                    continue;
                }
                if (secret(e.getKey()) && e.getValue().isTextual() && REDACTED.equals(e.getValue().textValue())
                        && was.isValueNode()) {
                    e.setValue(was.deepCopy());
                } else {
                    unredact(e.getValue(), was);
                }
            }
        } else if (given instanceof ArrayNode a && running instanceof ArrayNode r) {
            for (int i = 0; i < a.size() && i < r.size(); i++) {
                unredact(a.get(i), r.get(i));
            }
        }
    }

    private CommandResponse configSet(CommandRequest r) {
        try {
            ServerControl.ConfigOutcome o = services.control().setConfig(document(r));
            if (!o.ok()) {
                return CommandResponse.error(joined(o.errors()));
            }
            return CommandResponse.ok("Configuration successful.", obj().put("hash", hash(services.config())));
        } catch (Args.Bad e) {
            return e.response();
        }
    }

    private CommandResponse configTest(CommandRequest r) {
        try {
            ServerControl.ConfigOutcome o = services.control().testConfig(document(r));
            if (!o.ok()) {
                return CommandResponse.error(joined(o.errors()));
            }
            return CommandResponse.ok("Configuration seems sane. Control-socket, hook-libraries, and D2 "
                    + "configuration were sanity checked, but not applied.");
        } catch (Args.Bad e) {
            return e.response();
        }
    }

    private CommandResponse configReload(CommandRequest r) {
        if (services.control().configFile() == null) {
            return CommandResponse.error("Config reload failed: the server was started without a configuration file");
        }
        ServerControl.ConfigOutcome o = services.control().reloadConfig();
        if (!o.ok()) {
            return CommandResponse.error("Config reload failed: " + joined(o.errors()));
        }
        return CommandResponse.ok("Configuration successful.");
    }

    private CommandResponse configWrite(CommandRequest r) {
        ObjectNode a;
        String given;
        try {
            a = Args.map(r, false);
            JsonNode f = a == null ? null : a.get("filename");
            if (f != null && !f.isTextual()) {
                return CommandResponse.error("passed parameter 'filename' is not a string");
            }
            given = f == null ? null : f.textValue();
        } catch (Args.Bad e) {
            return e.response();
        }
        Path configFile = services.control().configFile();
        if (configFile == null) {
            return CommandResponse.error("Unable to write configuration: the server was started without a "
                    + "configuration file, so there is no directory it may write to");
        }
        Path dir = configFile.toAbsolutePath().normalize().getParent();
        String name = given == null ? configFile.toString() : given;
        if (name.isEmpty()) {
            return CommandResponse.error("Unable to write configuration: 'filename' is empty");
        }
        Path target;
        try {
            Path p = Path.of(name);
            target = (p.isAbsolute() ? p : dir.resolve(p)).normalize();
        } catch (InvalidPathException e) {
            return CommandResponse.error("Unable to write configuration to " + name + ": invalid path");
        }
        String refusal = "Unable to write configuration to " + name
                + ": only files inside the configuration directory " + dir + " may be written";
        if (!target.startsWith(dir) || target.equals(dir)) {
            return CommandResponse.error(refusal);
        }
        try {
            Path realDir = dir.toRealPath();
            Path parent = target.getParent();
            if (!Files.isDirectory(parent)) {
                return CommandResponse.error("Unable to write configuration to " + name + ": no directory " + parent);
            }
            Path realParent = parent.toRealPath();
            if (!realParent.startsWith(realDir)) {
                return CommandResponse.error(refusal + " (a symbolic link leads outside it)");
            }
            Path realTarget = realParent.resolve(target.getFileName());
            if (Files.isSymbolicLink(realTarget)) {
                return CommandResponse.error(refusal + " (the file is a symbolic link)");
            }
            if (Files.exists(realTarget, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(realTarget,
                    LinkOption.NOFOLLOW_LINKS)) {
                return CommandResponse.error("Unable to write configuration to " + name + ": not a regular file");
            }
            byte[] bytes = renderer.toJson(services.config()).getBytes(StandardCharsets.UTF_8);
            Path tmp = Files.createTempFile(realParent, ".tui-config-write", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    out.write(bytes);
                }
                if (Files.exists(realTarget, LinkOption.NOFOLLOW_LINKS)) {
                    // a rewritten file keeps its mode (a new one is 0600: it may hold passwords)
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(realTarget,
                            LinkOption.NOFOLLOW_LINKS));
                }
                Files.move(tmp, realTarget, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return CommandResponse.ok("Configuration written to " + name + " successful",
                    obj().put("filename", name).put("size", bytes.length));
        } catch (IOException | RuntimeException e) {
            return CommandResponse.error("Unable to write configuration to " + name + ": " + e.getMessage());
        }
    }

    // ---- service control -----------------------------------------------------------------------------------------

    /** dhcp-disable/-enable's origin: {@code origin-id} (Kea 2.4) or {@code origin} (Kea 2.2), default user. */
    private static String origin(ObjectNode a) throws Args.Bad {
        if (a != null && a.has("origin-id")) {
            JsonNode id = a.get("origin-id");
            if (!id.isIntegralNumber() || !id.canConvertToLong()) {
                throw new Args.Bad("'origin-id' argument must be a number");
            }
            long v = id.longValue();
            if (v == 1) {
                return "user";
            }
            if (v >= 2000 && v < 3000) {
                return "ha-partner";
            }
            if (v >= 1000 && v < 2000) {
                return "ha-local";
            }
            throw new Args.Bad("invalid value used for 'origin-id' parameter: " + v);
        }
        JsonNode o = a == null ? null : a.get("origin");
        if (o == null) {
            return "user";
        }
        if (!o.isTextual()) {
            throw new Args.Bad("'origin' argument must be a string");
        }
        String s = o.textValue();
        if (!s.equals("user") && !s.equals("ha-partner")) {
            throw new Args.Bad("invalid value used for 'origin' parameter: " + s);
        }
        return s;
    }

    private String serviceName() {
        return services.family() == Family.V6 ? "DHCPv6" : "DHCPv4";
    }

    private CommandResponse dhcpDisable(CommandRequest r) {
        try {
            ObjectNode a = Args.map(r, false);
            Duration max = null;
            JsonNode mp = a == null ? null : a.get("max-period");
            if (mp != null) {
                if (!mp.isIntegralNumber() || !mp.canConvertToLong()) {
                    return CommandResponse.error("'max-period' argument must be a number");
                }
                if (mp.longValue() <= 0) {
                    return CommandResponse.error("'max-period' must be positive integer");
                }
                max = Duration.ofSeconds(mp.longValue());
            }
            String origin = origin(a);
            services.control().disable(origin, max);
            return CommandResponse.ok(serviceName() + " service disabled"
                    + (max == null ? "" : " for " + max.toSeconds() + " seconds"));
        } catch (Args.Bad e) {
            return e.response();
        }
    }

    private CommandResponse dhcpEnable(CommandRequest r) {
        try {
            services.control().enable(origin(Args.map(r, false)));
            return CommandResponse.ok("DHCP service successfully enabled");
        } catch (Args.Bad e) {
            return e.response();
        }
    }

    private CommandResponse leasesReclaim(CommandRequest r) {
        try {
            ObjectNode a = Args.map(r, false);
            if (a == null) {
                return CommandResponse.error("Missing mandatory 'remove' parameter.");
            }
            boolean remove = Args.bool(a, "remove", true);
            services.control().reclaimNow(remove);
            return CommandResponse.ok("Reclamation of expired leases is complete.");
        } catch (Args.Bad e) {
            return e.response();
        }
    }

    private CommandResponse libreload(CommandRequest r) {
        ServerControl.ConfigOutcome o = services.control().reloadHooks();
        if (!o.ok()) {
            return CommandResponse.error("Failed to reload hooks libraries: " + joined(o.errors()));
        }
        return CommandResponse.ok("Hooks libraries successfully reloaded.");
    }

    private CommandResponse listCommands(CommandRequest r) {
        ArrayNode names = JsonNodeFactory.instance.arrayNode();
        for (String n : registry.names()) {
            names.add(n);
        }
        return CommandResponse.ok(null, names);
    }

    private CommandResponse shutdown(CommandRequest r) {
        int exit = 0;
        JsonNode a = r.arguments();
        if (a != null) {
            if (!a.isObject()) {
                return CommandResponse.error("Argument must be a map");
            }
            JsonNode v = a.get("exit-value");
            if (v != null) {
                if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                    return CommandResponse.error("parameter 'exit-value' is not an integer");
                }
                exit = v.intValue();
            }
        }
        services.control().shutdown(exit);
        return CommandResponse.ok("Shutting down.");
    }

    // ---- statistics ----------------------------------------------------------------------------------------------

    private interface StatCommand {
        CommandResponse run(ObjectNode args, StatsRegistry stats) throws Args.Bad;
    }

    private CommandHandler stat(boolean argsRequired, StatCommand c) {
        return r -> {
            try {
                ObjectNode a = Args.map(r, false);
                if (a == null && argsRequired) {
                    a = obj();
                }
                return c.run(a, services.stats());
            } catch (Args.Bad e) {
                return e.response();
            } catch (IllegalArgumentException e) {
                return CommandResponse.error(e.getMessage());
            }
        };
    }

    private static String notFound(String name) {
        return "No '" + name + "' statistic found";
    }

    private static Duration age(ObjectNode a) throws Args.Bad {
        long d = Args.integer(a, "duration", true);
        if (d < 0) {
            throw new Args.Bad("'duration' parameter must not be negative");
        }
        return Duration.ofSeconds(d);
    }

    private static int samples(ObjectNode a) throws Args.Bad {
        long n = Args.integer(a, "max-samples", true);
        if (n == 0) {
            throw new Args.Bad("'max-samples' parameter must not be zero");
        }
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new Args.Bad("'max-samples' parameter must be between 1 and " + Integer.MAX_VALUE);
        }
        return (int) n;
    }

    private void statistics(Map<String, CommandHandler> m) {
        m.put("statistic-get", stat(true, (a, s) -> CommandResponse.ok(null, s.get(Args.string(a, "name", true)))));
        m.put("statistic-get-all", stat(false, (a, s) -> CommandResponse.ok(null, s.getAll())));
        m.put("statistic-global-get-all", stat(false, (a, s) -> CommandResponse.ok(null, s.getAllGlobal())));
        m.put("statistic-reset", stat(true, (a, s) -> {
            String n = Args.string(a, "name", true);
            return s.reset(n) ? CommandResponse.ok("Statistic '" + n + "' reset.")
                    : CommandResponse.error(notFound(n));
        }));
        m.put("statistic-remove", stat(true, (a, s) -> {
            String n = Args.string(a, "name", true);
            return s.remove(n) ? CommandResponse.ok("Statistic '" + n + "' removed.")
                    : CommandResponse.error(notFound(n));
        }));
        m.put("statistic-reset-all", stat(false, (a, s) -> {
            s.resetAll();
            return CommandResponse.ok("All statistics reset to neutral values.");
        }));
        m.put("statistic-remove-all", stat(false, (a, s) -> {
            s.removeAll();
            return CommandResponse.ok("Warning: statistic-remove-all command is deprecated. All statistics removed.");
        }));
        m.put("statistic-sample-age-set", stat(true, (a, s) -> {
            String n = Args.string(a, "name", true);
            Duration d = age(a);
            return s.setMaxSampleAge(n, d) ? CommandResponse.ok("Statistic '" + n + "' duration limit is set.")
                    : CommandResponse.error(notFound(n));
        }));
        m.put("statistic-sample-age-set-all", stat(true, (a, s) -> {
            s.setMaxSampleAgeAll(age(a));
            return CommandResponse.ok("All statistics duration limit are set.");
        }));
        m.put("statistic-sample-count-set", stat(true, (a, s) -> {
            String n = Args.string(a, "name", true);
            int max = samples(a);
            return s.setMaxSampleCount(n, max) ? CommandResponse.ok("Statistic '" + n + "' count limit is set.")
                    : CommandResponse.error(notFound(n));
        }));
        m.put("statistic-sample-count-set-all", stat(true, (a, s) -> {
            s.setMaxSampleCountAll(samples(a));
            return CommandResponse.ok("All statistics count limit are set.");
        }));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static ObjectNode obj() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String joined(List<String> errors) {
        return errors.isEmpty() ? "unknown error" : String.join("; ", errors);
    }
}
