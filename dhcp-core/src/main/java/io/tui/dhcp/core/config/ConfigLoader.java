package io.tui.dhcp.core.config;

import io.tui.dhcp.core.config.json.JsonValue;
import io.tui.dhcp.core.config.json.JsonValue.JsonObject;
import io.tui.dhcp.core.config.json.KeaJsonReader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.schema.KeaSchema;
import io.tui.dhcp.core.config.schema.SchemaValidator;
import io.tui.dhcp.core.config.schema.Scope;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Loads a Kea configuration for one server family: reads the text (comments, includes, positions), checks every
 * parameter against {@link KeaSchema}, and builds the immutable {@link ServerConfig} snapshot. This is the one code
 * path behind {@code -t}, start-up, {@code config-set}, {@code config-test} and SIGHUP.
 */
public final class ConfigLoader {
    private final Family family;
    private final WarningSink warnings;

    public ConfigLoader(Family family, WarningSink warnings) {
        this.family = family;
        this.warnings = warnings;
    }

    public Family family() {
        return family;
    }

    public ServerConfig loadFile(Path file) throws ConfigException {
        return load(new KeaJsonReader(warnings::warn).readFile(file));
    }

    /**
     * Loads configuration text that did not come from a file; {@code name} appears in positions, includes resolve
     * against {@code includeBase} (null refuses them).
     */
    public ServerConfig loadText(String text, String name, Path includeBase) throws ConfigException {
        return load(new KeaJsonReader(warnings::warn).readText(text, name, includeBase));
    }

    /** Builds a snapshot from an already parsed document (a whole file: top level with {@code Dhcp4}/{@code Dhcp6}). */
    public ServerConfig load(JsonValue root) throws ConfigException {
        Scope rootScope = family.v6() ? KeaSchema.root6() : KeaSchema.root4();
        String other = family.v6() ? "Dhcp4" : "Dhcp6";
        if (root instanceof JsonObject top && !top.has(family.rootKey()) && top.has(other)) {
            throw new ConfigException("no " + family.rootKey() + " map found: this configuration is for the DHCPv"
                    + (family.v6() ? "4" : "6") + " server (" + other + ")", top.members().get(other).keyPosition());
        }
        Set<String> notImplemented = new SchemaValidator(warnings).validate(root, rootScope);
        JsonObject top = (JsonObject) root;
        JsonValue dhcp = top.get(family.rootKey());
        if (!(dhcp instanceof JsonObject g)) {
            throw new ConfigException("no " + family.rootKey() + " map found in the configuration", root.position());
        }
        JsonObject logging = top.get("Logging") instanceof JsonObject l ? l : null;
        if (logging != null && logging.has("loggers")) {
            if (g.has("loggers")) {
                throw new ConfigException("loggers are given both in " + family.rootKey() + " and in Logging; keep one",
                        logging.members().get("loggers").keyPosition());
            }
            Map<String, JsonValue.Member> members = new LinkedHashMap<>(g.members());
            members.put("loggers", logging.members().get("loggers"));
            g = new JsonObject(members, g.position());
        }
        Scope globalScope = Json.child(rootScope, family.rootKey());
        return new ConfigBuilder(family, globalScope).build(g, notImplemented);
    }
}
