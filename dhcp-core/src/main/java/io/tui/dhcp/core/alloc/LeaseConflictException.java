package io.tui.dhcp.core.alloc;

/** An administrative lease change that contradicts the stored leases (the lease exists, or does not). */
public final class LeaseConflictException extends Exception {
    public LeaseConflictException(String message) {
        super(message);
    }
}
