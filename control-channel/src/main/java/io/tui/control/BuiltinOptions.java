package io.tui.control;

import io.tui.dhcp.core.cli.BuildInfo;
import io.tui.dhcp.core.config.model.Family;

/**
 * What the built-in commands need besides the server's services.
 *
 * @param revealSecrets   config-get shows database passwords and other secrets instead of {@code *****}
 *                        (an operator's opt-in; off by default)
 * @param version         version-get's text
 * @param extendedVersion version-get's {@code extended} argument
 * @param buildReport     build-report's text
 */
public record BuiltinOptions(boolean revealSecrets, String version, String extendedVersion, String buildReport) {

    /** Defaults from the build: secrets redacted, version and report from {@link BuildInfo}. */
    public static BuiltinOptions defaults(Family family) {
        BuildInfo b = BuildInfo.load();
        String extended = b.version() + "\nlinked with:\nJava " + Runtime.version() + "\nNetty " + b.nettyVersion()
                + "\nJackson " + b.jacksonVersion();
        String report = "Tui build configuration report\n"
                + "  Version:        " + b.version() + "\n"
                + "  Server:         " + (family == Family.V6 ? "tui-dhcp6" : "tui-dhcp4") + "\n"
                + "  Java release:   " + b.javaRelease() + "\n"
                + "  Java runtime:   " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")\n"
                + "  Netty:          " + b.nettyVersion() + "\n"
                + "  Jackson:        " + b.jacksonVersion() + "\n";
        return new BuiltinOptions(false, b.version(), extended, report);
    }

    public BuiltinOptions withRevealSecrets(boolean reveal) {
        return new BuiltinOptions(reveal, version, extendedVersion, buildReport);
    }
}
