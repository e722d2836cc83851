package io.tui.dhcp.core.lease;

/** Range checks shared by the lease records. */
final class LeaseChecks {
    private LeaseChecks() {
    }

    static void uint32(String name, long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException(name + " out of range 0..4294967295: " + value);
        }
    }
}
