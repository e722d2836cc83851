package io.tui.dhcp.core.server;

import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.config.model.Subnet;
import java.util.List;
import java.util.Map;

/**
 * One configured v4 subnet at run time.
 *
 * @param config   the subnet as configured, inheritance resolved
 * @param network  the network address (big-endian int)
 * @param length   the prefix length
 * @param pools    its pools, in configuration order
 * @param reserved single-address engine pools of the addresses reserved to hosts in this subnet, by address; only the
 *                 reserved client's requests name them (in-pool ones carry their pool's id, out-of-pool ones
 *                 {@link Runtime4#OUT_OF_POOL_ID})
 */
public record Subnet4Runtime(Subnet config, int network, int length, List<Pool4Runtime> pools,
        Map<Integer, Pool4> reserved) {
    public Subnet4Runtime {
        pools = List.copyOf(pools);
        reserved = Map.copyOf(reserved);
    }

    public long id() {
        return config.id();
    }

    public int mask() {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    /** Whether {@code address} is inside the subnet's prefix. */
    public boolean contains(int address) {
        return (address & mask()) == network;
    }

    /** The pool whose range holds {@code address}, or null. */
    public Pool4Runtime poolOf(int address) {
        for (Pool4Runtime p : pools) {
            if (p.range().contains(address)) {
                return p;
            }
        }
        return null;
    }

    /** The shared network name, or null. */
    public String sharedNetwork() {
        return config.sharedNetwork();
    }
}
