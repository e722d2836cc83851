package io.tui.dhcp.core.server;

import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.config.model.Pool;
import java.util.List;

/**
 * One configured v4 pool at run time.
 *
 * @param config    the pool as configured (options, client classes)
 * @param range     the whole range with its Kea pool id (statistics, total-addresses)
 * @param dynamic   the parts of the range the engine hands to any client: the range minus the addresses reserved
 *                  to hosts (one piece when nothing in it is reserved); each piece carries the pool's id
 */
public record Pool4Runtime(Pool config, Pool4 range, List<Pool4> dynamic) {
    public Pool4Runtime {
        dynamic = List.copyOf(dynamic);
    }

    /** Number of addresses in the range. */
    public long size() {
        return range.size();
    }
}
