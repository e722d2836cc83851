package io.tui.dhcp.core.config;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the configuration layer with Jazzer. Under plain {@code mvn verify} it replays the seeds
 * in {@code ConfigFuzzTestInputs/fuzz}; with {@code JAZZER_FUZZ=1} it mutates them for a bounded time.
 */
class ConfigFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void fuzz(byte[] data) {
        ConfigFuzzTarget.fuzzOne(data);
    }
}
