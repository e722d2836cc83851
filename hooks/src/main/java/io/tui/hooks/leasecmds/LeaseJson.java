package io.tui.hooks.leasecmds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Subnet;
import io.tui.dhcp.core.config.model.Triplet;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.util.List;

/**
 * Leases to and from Kea's lease JSON: what {@code lease4-get} returns and what {@code lease4-add} takes.
 *
 * <p>Rendering follows Kea's {@code Lease4::toElement}/{@code Lease6::toElement}: keys in alphabetical order,
 * {@code client-id} only when the lease has one, {@code hw-address} always for DHCPv4 and only when known for
 * DHCPv6, {@code prefix-len} only for prefixes, {@code pool-id} only when not 0, {@code user-context} only when set.
 *
 * <p>Parsing follows Kea's lease parser, in its order of checks and with its texts.
 */
public final class LeaseJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long UINT32 = 0xffffffffL;

    private final ObjectMapper mapper;

    public LeaseJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    // ---- rendering ----------------------------------------------------------------------------------------------

    public ObjectNode render(Lease4 l) {
        ObjectNode o = NODES.objectNode();
        if (!l.clientId().isEmpty()) {
            o.put("client-id", l.clientId().toHex());
        }
        o.put("cltt", l.cltt());
        o.put("fqdn-fwd", l.fqdnFwd());
        o.put("fqdn-rev", l.fqdnRev());
        o.put("hostname", l.hostname());
        o.put("hw-address", l.hwAddress().toHex());
        o.put("ip-address", l.addressText());
        if (l.poolId() != 0) {
            o.put("pool-id", l.poolId());
        }
        o.put("state", l.state().code());
        o.put("subnet-id", l.subnetId());
        putContext(o, l.userContext());
        o.put("valid-lft", l.validLifetime());
        return o;
    }

    public ObjectNode render(Lease6 l) {
        ObjectNode o = NODES.objectNode();
        o.put("cltt", l.cltt());
        o.put("duid", l.duid().toHex());
        o.put("fqdn-fwd", l.fqdnFwd());
        o.put("fqdn-rev", l.fqdnRev());
        o.put("hostname", l.hostname());
        if (!l.hwAddress().isEmpty()) {
            o.put("hw-address", l.hwAddress().toHex());
        }
        o.put("iaid", l.iaid());
        o.put("ip-address", l.addressText());
        if (l.poolId() != 0) {
            o.put("pool-id", l.poolId());
        }
        o.put("preferred-lft", l.preferredLifetime());
        if (l.type() == LeaseType.PD) {
            o.put("prefix-len", l.prefixLength());
        }
        o.put("state", l.state().code());
        o.put("subnet-id", l.subnetId());
        o.put("type", typeText(l.type()));
        putContext(o, l.userContext());
        o.put("valid-lft", l.validLifetime());
        return o;
    }

    /** {@code {"leases": [...]}}: an empty list renders as {@code []}. */
    public ObjectNode leases4(List<Lease4> leases) {
        ObjectNode o = NODES.objectNode();
        ArrayNode a = o.putArray("leases");
        for (Lease4 l : leases) {
            a.add(render(l));
        }
        return o;
    }

    public ObjectNode leases6(List<Lease6> leases) {
        ObjectNode o = NODES.objectNode();
        ArrayNode a = o.putArray("leases");
        for (Lease6 l : leases) {
            a.add(render(l));
        }
        return o;
    }

    /** Kea's type names: {@code IA_NA}, {@code IA_TA}, {@code IA_PD}. */
    public static String typeText(LeaseType t) {
        return switch (t) {
            case NA -> "IA_NA";
            case TA -> "IA_TA";
            case PD -> "IA_PD";
        };
    }

    private void putContext(ObjectNode o, String context) {
        if (context.isEmpty()) {
            return;
        }
        try {
            JsonNode n = mapper.readTree(context);
            if (n != null && n.isObject()) {
                o.set("user-context", n);
            }
        } catch (JsonProcessingException e) {
            // a context that is not JSON (a hand-edited lease file) is left out rather than failing the command
        }
    }

    // ---- parsing ------------------------------------------------------------------------------------------------

    /** A parsed lease and its {@code force-create} flag (lease4-update, lease6-update). */
    public record Parsed<L>(L lease, boolean forceCreate) {}

    /** Parses a DHCPv4 lease as {@code lease4-add}/{@code lease4-update} take it; {@code now} in epoch seconds. */
    public Parsed<Lease4> parse4(JsonNode args, ServerConfig config, long now) throws CommandFailure {
        IpAddress addr = Identifiers.address(Args.string(args, "ip-address"));
        if (addr.v6()) {
            throw CommandFailure.error("Non-IPv4 address specified: " + addr);
        }
        Bytes hw = Identifiers.hwAddress(Args.string(args, "hw-address"));
        long subnetId = Args.unsigned(args, "subnet-id", UINT32, 0);
        Subnet subnet = subnetFor(config, addr, subnetId, "IPv4", true);
        Bytes clientId = Bytes.EMPTY;
        String cid = Args.string(args, "client-id", null);
        if (cid != null) {
            clientId = Identifiers.clientId(cid);
        }
        long valid = args.has("valid-lft") ? Args.unsigned(args, "valid-lft", UINT32) : lifetime(subnet.effective()
                .valid());
        long expire = expire(args, addr, valid, now);
        boolean fwd = Args.bool(args, "fqdn-fwd", false);
        boolean rev = Args.bool(args, "fqdn-rev", false);
        String hostname = hostname(args, fwd, rev);
        LeaseState state = state(args);
        String context = userContext(args);
        if (hw.isEmpty() && clientId.isEmpty()) {
            throw CommandFailure.error("Lease4: " + addr + ", state: " + stateName(state)
                    + " has neither hardware address or client id");
        }
        long poolId = Args.unsigned(args, "pool-id", UINT32, 0);
        boolean force = Args.bool(args, "force-create", false);
        Lease4 lease = new Lease4(addr.value().intValue(), hw, clientId, valid, expire, subnet.id(), fwd, rev,
                hostname, state, context, poolId);
        return new Parsed<>(lease, force);
    }

    /** Parses a DHCPv6 lease as {@code lease6-add}/{@code lease6-update}/{@code lease6-bulk-apply} take it. */
    public Parsed<Lease6> parse6(JsonNode args, ServerConfig config, long now) throws CommandFailure {
        IpAddress addr = Identifiers.address(Args.string(args, "ip-address"));
        if (!addr.v6()) {
            throw CommandFailure.error("Non-IPv6 address specified: " + addr);
        }
        Bytes duid = Identifiers.duid(Args.string(args, "duid"));
        LeaseType type = LeaseType.NA;
        int prefixLength = 128;
        String typeText = Args.string(args, "type", null);
        if (typeText != null) {
            switch (typeText) {
                case "IA_NA" -> type = LeaseType.NA;
                case "IA_TA" -> type = LeaseType.TA;
                case "IA_PD" -> {
                    type = LeaseType.PD;
                    prefixLength = (int) Args.unsigned(args, "prefix-len", 255);
                    if (prefixLength < 1 || prefixLength > 128) {
                        throw CommandFailure.error("Invalid prefix length: " + prefixLength
                                + ", must be between 1 and 128");
                    }
                }
                default -> throw CommandFailure.error("Incorrect lease type: " + typeText
                        + ", the only supported values are: na, ta and pd");
            }
        }
        long subnetId = Args.unsigned(args, "subnet-id", UINT32, 0);
        if (subnetId == 0 && type != LeaseType.NA) {
            throw CommandFailure.error("Subnet-id is 0 or not specified. This is allowed for address leases only, "
                    + "not prefix leases.");
        }
        Subnet subnet = subnetFor(config, addr, subnetId, "IPv6", type == LeaseType.NA);
        long iaid = Args.unsigned(args, "iaid", UINT32);
        Bytes hw = Bytes.EMPTY;
        String hwText = Args.string(args, "hw-address", null);
        if (hwText != null) {
            hw = Identifiers.hwAddress(hwText);
        }
        long valid = args.has("valid-lft") ? Args.unsigned(args, "valid-lft", UINT32) : lifetime(subnet.effective()
                .valid());
        // as Kea's lease parser: without preferred-lft the subnet's valid lifetime is used (not its preferred one)
        long preferred = args.has("preferred-lft") ? Args.unsigned(args, "preferred-lft", UINT32)
                : lifetime(subnet.effective().valid());
        long expire = expire(args, addr, valid, now);
        boolean fwd = Args.bool(args, "fqdn-fwd", false);
        boolean rev = Args.bool(args, "fqdn-rev", false);
        String hostname = hostname(args, fwd, rev);
        LeaseState state = state(args);
        if (state == LeaseState.DECLINED && type == LeaseType.PD) {
            throw CommandFailure.error("Invalid declined state for PD prefix.");
        }
        String context = userContext(args);
        long poolId = Args.unsigned(args, "pool-id", UINT32, 0);
        boolean force = Args.bool(args, "force-create", false);
        Ip6Address address = Ip6Address.of(addr.toBytes());
        Lease6 lease = new Lease6(address, duid, valid, expire, subnet.id(), preferred, type, iaid, prefixLength,
                fwd, rev, hostname, hw, state, context, hw.isEmpty() ? 0 : 1, 0, poolId);
        return new Parsed<>(lease, force);
    }

    /**
     * The subnet of a lease: the configured subnet {@code subnetId}, which must contain the address when
     * {@code checkRange}; or with {@code subnetId} 0, the subnet Kea selects for the address alone
     * ({@link ServerConfig#selectSubnet}). Kea refuses a lease that does not fit so whatever {@code sanity-checks}
     * says.
     */
    static Subnet subnetFor(ServerConfig config, IpAddress addr, long subnetId, String family, boolean checkRange)
            throws CommandFailure {
        if (subnetId != 0) {
            Subnet s = config.subnet(subnetId);
            if (s == null) {
                throw CommandFailure.conflict("Invalid subnet-id: No " + family + " subnet with subnet-id="
                        + subnetId + " currently configured.");
            }
            if (checkRange && !s.prefix().contains(addr)) {
                throw CommandFailure.conflict("The address " + addr + " does not belong to subnet " + s.prefix()
                        + ", subnet-id=" + subnetId);
            }
            return s;
        }
        Subnet s = config.selectSubnet(addr);
        if (s == null) {
            throw CommandFailure.conflict("subnet-id not specified and failed to find a subnet for address " + addr);
        }
        return s;
    }

    private static long lifetime(Triplet t) {
        return t == null ? 0 : t.value();
    }

    /** Kea's cltt rule: {@code expire} given means cltt = expire - valid; otherwise cltt is now. */
    private static long expire(JsonNode args, IpAddress addr, long valid, long now) throws CommandFailure {
        if (!args.has("expire")) {
            return now + valid;
        }
        long expire = Args.integer(args, "expire");
        if (expire <= 0) {
            throw CommandFailure.error("expiration time must be positive for address " + addr);
        }
        if (expire < valid) {
            throw CommandFailure.error("expiration time must be greater than valid lifetime for address " + addr);
        }
        return expire;
    }

    private static String hostname(JsonNode args, boolean fwd, boolean rev) throws CommandFailure {
        String hostname = Args.string(args, "hostname", "");
        if (hostname.isEmpty() && (fwd || rev)) {
            throw CommandFailure.error("No hostname specified and either forward or reverse fqdn was set to true.");
        }
        // Kea keeps hostnames in lower case
        return hostname.toLowerCase(java.util.Locale.ROOT);
    }

    private static LeaseState state(JsonNode args) throws CommandFailure {
        JsonNode v = args.get("state");
        if (v == null || v.isNull()) {
            return LeaseState.DEFAULT;
        }
        long code = Args.unsigned(args, "state", 255);
        if (code > LeaseState.EXPIRED_RECLAIMED.code()) {
            throw CommandFailure.error("Invalid state value: " + code + ", supported values are: 0 (default), "
                    + "1 (declined) and 2 (expired-reclaimed)");
        }
        return LeaseState.values()[(int) code];
    }

    static String stateName(LeaseState s) {
        return switch (s) {
            case DEFAULT -> "default";
            case DECLINED -> "declined";
            case EXPIRED_RECLAIMED -> "expired-reclaimed";
            case RELEASED -> "released";
            case REGISTERED -> "registered";
        };
    }

    /** The user context (a map) with {@code comment} folded in, as JSON text; empty when neither is given. */
    private String userContext(JsonNode args) throws CommandFailure {
        JsonNode ctx = args.get("user-context");
        if (ctx != null && !ctx.isObject()) {
            throw CommandFailure.error("Invalid user context '" + ctx + "' is not a JSON map.");
        }
        JsonNode comment = args.get("comment");
        if (comment != null) {
            if (ctx != null && ctx.has("comment")) {
                throw CommandFailure.error("Duplicated comment entry '" + comment + "' in user context '" + ctx
                        + "'");
            }
            ObjectNode copy = ctx == null ? NODES.objectNode() : ((ObjectNode) ctx).deepCopy();
            copy.set("comment", comment);
            ctx = copy;
        }
        if (ctx == null) {
            return "";
        }
        try {
            return mapper.writeValueAsString(ctx);
        } catch (JsonProcessingException e) {
            throw CommandFailure.error("user context cannot be written: " + e.getOriginalMessage());
        }
    }
}
