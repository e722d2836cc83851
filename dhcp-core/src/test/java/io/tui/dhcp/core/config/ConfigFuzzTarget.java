package io.tui.dhcp.core.config;

import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import java.nio.charset.StandardCharsets;

/**
 * One fuzzing step for the configuration layer: the input, as text, is loaded as a DHCPv4 and as a DHCPv6
 * configuration. Each load must end in a snapshot or a {@link ConfigException} with a message; a snapshot must
 * render and load back to an equal snapshot. Throws only {@link AssertionError}, for a real bug.
 */
public final class ConfigFuzzTarget {
    private ConfigFuzzTarget() {}

    public static void fuzzOne(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        for (Family f : Family.values()) {
            try {
                check(text, f);
            } catch (AssertionError e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("unchecked exception loading " + f + " config: " + text, e);
            }
        }
    }

    static void check(String text, Family f) {
        ConfigLoader loader = new ConfigLoader(f, m -> {});
        ServerConfig c;
        try {
            c = loader.loadText(text, "fuzz.json", null);
        } catch (ConfigException e) {
            if (e.messages().isEmpty() || e.getMessage().isBlank()) {
                throw new AssertionError("config error without a message");
            }
            return;
        }
        String rendered = new ConfigRenderer().toJson(c);
        try {
            ServerConfig again = loader.loadText(rendered, "rendered.json", null);
            if (!again.equals(c)) {
                throw new AssertionError("round trip changed the snapshot:\n" + text + "\n---\n" + rendered);
            }
        } catch (ConfigException e) {
            throw new AssertionError("rendered config does not load: " + e.getMessage() + "\n" + rendered, e);
        }
    }
}
