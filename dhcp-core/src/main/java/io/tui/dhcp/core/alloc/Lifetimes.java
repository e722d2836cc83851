package io.tui.dhcp.core.alloc;

/**
 * The lifetimes a lease is granted with, in seconds.
 *
 * @param valid     valid lifetime
 * @param preferred preferred lifetime (DHCPv6; ignored for v4)
 */
public record Lifetimes(long valid, long preferred) {
    public Lifetimes {
        if (valid < 0 || valid > 0xffff_ffffL || preferred < 0 || preferred > 0xffff_ffffL) {
            throw new IllegalArgumentException("lifetimes out of range: " + valid + "/" + preferred);
        }
    }

    /** A v4 lifetime. */
    public static Lifetimes of(long valid) {
        return new Lifetimes(valid, valid);
    }
}
