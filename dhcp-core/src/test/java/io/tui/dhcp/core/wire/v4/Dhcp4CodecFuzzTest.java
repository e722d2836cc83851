package io.tui.dhcp.core.wire.v4;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the DHCPv4 codec with Jazzer.
 *
 * <p>Under plain {@code mvn verify} this runs in regression mode over the seed corpus in
 * {@code Dhcp4CodecFuzzTestInputs/fuzz} (the captured vectors). The {@code fuzz-v4} Surefire execution
 * runs it again with {@code JAZZER_FUZZ=1}, mutating for a bounded time. Every finding is a failure:
 * the target throws only {@link AssertionError}, and only for a real bug (an unchecked exception, or a
 * round trip that is not byte-exact).
 */
class Dhcp4CodecFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void fuzz(byte[] data) {
        Dhcp4FuzzTarget.fuzzOne(data);
    }
}
