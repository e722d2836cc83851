package io.tui.dhcp.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Prerequisites that live outside the repository: Debian's Kea 2.2 and the clients, root for network
 * namespaces, and Kea's reference data in {@code shared/kea-reference} beside the checkout.
 *
 * <p>On a developer's machine a missing prerequisite skips the test. Under CI ({@code CI} set in the
 * environment, as {@code .ci/run} is run) it fails the test: CI installs everything, so a skip there would
 * hide a test that silently stopped running.
 */
public final class External {
    private External() {
    }

    /** True when running under CI. */
    public static boolean underCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false");
    }

    /** Skips (or, under CI, fails) the calling test unless {@code present}. */
    public static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if (underCi()) {
            fail("CI must provide " + what);
        }
        Assumptions.abort(what + " is not available here");
    }

    /** Requires an executable file, such as {@code /usr/sbin/kea-dhcp4}. */
    public static Path requireExecutable(String path) {
        Path p = Path.of(path);
        require(Files.isExecutable(p), path);
        return p;
    }

    /** Requires root (network namespaces, raw sockets). */
    public static void requireRoot() {
        require("root".equals(System.getProperty("user.name")), "root (for network namespaces)");
    }

    /**
     * Kea's example configurations: the {@code tui.kea.examples} system property, or
     * {@code shared/kea-reference/examples} in the working directory or any directory above it (CI clones the
     * repository with {@code shared/} beside it), or under {@code /work}; null when absent.
     */
    public static Path findKeaExamples() {
        String prop = System.getProperty("tui.kea.examples");
        if (prop != null) {
            return Path.of(prop);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/kea-reference/examples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        Path fixed = Path.of("/work/shared/kea-reference/examples");
        return Files.isDirectory(fixed) ? fixed : null;
    }

    /** Kea's example configurations, or a skip (a failure under CI) when they are absent. */
    public static Path keaExamples() {
        Path p = findKeaExamples();
        require(p != null, "Kea's example configurations (shared/kea-reference/examples)");
        return p;
    }
}
