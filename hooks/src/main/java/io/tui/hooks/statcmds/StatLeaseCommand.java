package io.tui.hooks.statcmds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.config.model.PdPool;
import io.tui.dhcp.core.config.model.Pool;
import io.tui.dhcp.core.config.model.Subnet;
import io.tui.dhcp.core.hook.CommandRequest;
import io.tui.dhcp.core.hook.CommandResponse;
import io.tui.dhcp.core.hook.ServerServices;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.stats.StatNames;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stat-lease4-get} and {@code stat-lease6-get}: per-subnet lease counts as a result set
 * ({@code columns}, {@code rows}, {@code timestamp}), for every subnet, one {@code subnet-id}, or a
 * {@code subnet-range}. Totals come from the configured pools, assigned and declined counts from the lease store
 * ({@link LeaseService#countByState}), cumulative counts from the statistics. As in Kea, {@code assigned} counts
 * leases in the default state only; declined leases are counted apart.
 */
final class StatLeaseCommand {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    static final List<String> COLUMNS4 = List.of("subnet-id", "total-addresses", "cumulative-assigned-addresses",
            "assigned-addresses", "declined-addresses");
    /** Kea's code names the declined column {@code declined-nas} (its documentation says declined-addresses). */
    static final List<String> COLUMNS6 = List.of("subnet-id", "total-nas", "cumulative-assigned-nas",
            "assigned-nas", "declined-nas", "total-pds", "cumulative-assigned-pds", "assigned-pds");

    private final ServerServices services;
    private final boolean v6;
    private final String command;

    StatLeaseCommand(ServerServices services, boolean v6) {
        this.services = services;
        this.v6 = v6;
        this.command = v6 ? "stat-lease6-get" : "stat-lease4-get";
    }

    String command() {
        return command;
    }

    /** The handler; never throws. */
    CommandResponse handle(CommandRequest request) {
        try {
            return run(request.arguments());
        } catch (IllegalArgumentException e) {
            return CommandResponse.error(e.getMessage());
        } catch (RuntimeException e) {
            return CommandResponse.error(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private CommandResponse run(JsonNode args) {
        long first = 0;
        long last = 0;
        String label = "all subnets";
        boolean single = false;
        boolean range = false;
        if (args != null && !args.isNull()) {
            if (!args.isObject()) {
                throw new IllegalArgumentException("'arguments' parameter is not a map");
            }
            JsonNode id = args.get("subnet-id");
            if (id != null) {
                if (!id.isIntegralNumber()) {
                    throw new IllegalArgumentException("'subnet-id' parameter is not integer");
                }
                if (!id.canConvertToLong() || id.longValue() <= 0) {
                    throw new IllegalArgumentException("'subnet-id' parameter must be > 0");
                }
                first = last = id.longValue();
                single = true;
                label = "subnet-id=" + first;
            }
            JsonNode r = args.get("subnet-range");
            if (r != null) {
                if (single) {
                    throw new IllegalArgumentException("cannot specify both subnet-id and subnet-range");
                }
                if (!r.isObject()) {
                    throw new IllegalArgumentException("subnet-range parameter is not a map");
                }
                first = positive(r, "first-subnet-id");
                last = positive(r, "last-subnet-id");
                if (last < first) {
                    throw new IllegalArgumentException("'last-subnet-id' must be greater than 'first-subnet-id'");
                }
                range = true;
                label = "subnets " + first + " through " + last;
            }
        }
        final long from = first;
        final long to = last;
        final boolean selected = single || range;
        List<Subnet> subnets = services.config().subnets().stream()
                .filter(s -> !selected || (s.id() >= from && s.id() <= to))
                .sorted(Comparator.comparingLong(Subnet::id))
                .toList();
        String prefix = command + "[" + label + "]: ";
        if (subnets.isEmpty()) {
            String why = single
                    ? "subnet-id: " + first + " does not exist"
                    : "selected ID range: " + first + " through " + last + " includes no known subnets";
            return new CommandResponse(CommandResponse.EMPTY, prefix + "no matching data, " + why,
                    NODES.objectNode());
        }
        Map<Long, long[]> counts = counts(single || range ? first : 0, single || range ? last : 0);
        ObjectNode set = NODES.objectNode();
        ArrayNode cols = set.putArray("columns");
        (v6 ? COLUMNS6 : COLUMNS4).forEach(cols::add);
        ArrayNode rows = set.putArray("rows");
        for (Subnet s : subnets) {
            long[] c = counts.getOrDefault(s.id(), new long[3]);
            ArrayNode row = rows.addArray();
            row.add(s.id());
            if (v6) {
                row.add(naTotal(s));
                row.add(stat(s.id(), "cumulative-assigned-nas"));
                row.add(c[0]);
                row.add(c[1]);
                row.add(pdTotal(s));
                row.add(stat(s.id(), "cumulative-assigned-pds"));
                row.add(c[2]);
            } else {
                row.add(naTotal(s));
                row.add(stat(s.id(), StatNames.CUMULATIVE_ASSIGNED_ADDRESSES));
                row.add(c[0]);
                row.add(c[1]);
            }
        }
        set.put("timestamp", LocalDateTime.ofInstant(services.clock().instant(), services.clock().getZone())
                .format(STAMP));
        ObjectNode out = NODES.objectNode();
        out.set("result-set", set);
        return CommandResponse.ok(prefix + subnets.size() + " rows found", out);
    }

    private static long positive(JsonNode range, String name) {
        JsonNode v = range.get(name);
        if (v == null || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("'" + name + "' parameter missing or not an integer");
        }
        if (!v.canConvertToLong() || v.longValue() <= 0) {
            throw new IllegalArgumentException("'" + name + "' parameter must be > 0");
        }
        return v.longValue();
    }

    /** Per subnet: {assigned addresses/NAs, declined addresses/NAs, assigned PDs}. */
    private Map<Long, long[]> counts(long from, long to) {
        List<LeaseService.LeaseCount> rows = v6
                ? services.leases6().countByState(from, to)
                : services.leases4().countByState(from, to);
        Map<Long, long[]> out = new HashMap<>();
        for (LeaseService.LeaseCount r : rows) {
            long[] c = out.computeIfAbsent(r.subnetId(), k -> new long[3]);
            if (r.type() == 2) {
                if (r.state() == LeaseState.DEFAULT) {
                    c[2] += r.count();
                }
            } else if (r.type() == 0) {
                if (r.state() == LeaseState.DEFAULT) {
                    c[0] += r.count();
                } else if (r.state() == LeaseState.DECLINED) {
                    c[1] += r.count();
                }
            }
        }
        return out;
    }

    /** Addresses in the subnet's pools (v4) or non-temporary address pools (v6). */
    static BigInteger naTotal(Subnet s) {
        BigInteger total = BigInteger.ZERO;
        for (Pool p : s.pools()) {
            total = total.add(p.range().last().value().subtract(p.range().first().value())).add(BigInteger.ONE);
        }
        return total;
    }

    /** Prefixes the subnet's prefix delegation pools can delegate. */
    static BigInteger pdTotal(Subnet s) {
        BigInteger total = BigInteger.ZERO;
        for (PdPool p : s.pdPools()) {
            int bits = p.delegatedLength() - p.prefix().length();
            if (bits >= 0) {
                total = total.add(BigInteger.ONE.shiftLeft(bits));
            }
        }
        return total;
    }

    /** The current value of the subnet's statistic, 0 when absent. */
    private long stat(long subnetId, String name) {
        String full = StatNames.subnet(subnetId, name);
        JsonNode samples = services.stats().get(full).get(full);
        if (samples == null || !samples.isArray() || samples.isEmpty()) {
            return 0;
        }
        JsonNode value = samples.get(0).get(0);
        return value != null && value.canConvertToLong() ? value.longValue() : 0;
    }
}
