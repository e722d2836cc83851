package io.tui.dhcp.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version and build facts, from the build.properties resource Maven fills in at build time. */
public record BuildInfo(String version, String javaRelease, String nettyVersion, String jacksonVersion) {

    public static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return new BuildInfo(p.getProperty("version", "unknown"), p.getProperty("java.release", "unknown"),
                p.getProperty("netty.version", "unknown"), p.getProperty("jackson.version", "unknown"));
    }
}
