package io.tui.dhcp.core.wire.v6;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the DHCPv6 codec with Jazzer.
 *
 * <p>Under plain {@code mvn verify} this runs in regression mode over the seed corpus in
 * {@code Dhcp6CodecFuzzTestInputs/fuzz} (the captured vectors). The {@code fuzz-v6} Surefire execution
 * runs it again with {@code JAZZER_FUZZ=1}, mutating for a bounded time. Every finding is a failure:
 * the target throws only {@link AssertionError}, and only for a real bug (an unchecked exception, or a
 * round trip that is not byte-exact).
 */
class Dhcp6CodecFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void fuzz(byte[] data) {
        Dhcp6FuzzTarget.fuzzOne(data);
    }
}
