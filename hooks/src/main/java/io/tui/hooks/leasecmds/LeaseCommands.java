package io.tui.hooks.leasecmds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.alloc.LeaseConflictException;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Subnet;
import io.tui.dhcp.core.hook.CommandHandler;
import io.tui.dhcp.core.hook.CommandRegistry;
import io.tui.dhcp.core.hook.CommandRequest;
import io.tui.dhcp.core.hook.CommandResponse;
import io.tui.dhcp.core.hook.ServerServices;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.LeaseState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The lease_cmds commands one family shares with the other: the handlers, Kea's argument checks and texts. The
 * family classes supply parsing, rendering and the few commands only one family has.
 *
 * <p>Every change goes through {@link LeaseService}'s administrative methods, which keep the free-address
 * structures, the statistics and the lease store consistent; a handler answers once the change is durable.
 *
 * @param <L> the lease type
 * @param <K> the address type
 */
abstract class LeaseCommands<L, K> {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** How long a command waits for its change to become durable before answering with an error. */
    static final long DURABLE_TIMEOUT_SECONDS = 30;

    final ServerServices services;
    final LeaseJson json;
    /** {@code 4} or {@code 6}. */
    final int v;
    /** {@code IPv4} or {@code IPv6}. */
    final String ip;

    LeaseCommands(ServerServices services, LeaseJson json, int v) {
        this.services = services;
        this.json = json;
        this.v = v;
        this.ip = "IPv" + v;
    }

    // ---- what a family supplies ---------------------------------------------------------------------------------

    abstract LeaseService<L, K, ?> leases();

    abstract ObjectNode render(L lease);

    abstract ObjectNode renderAll(List<L> leases);

    abstract LeaseJson.Parsed<L> parse(JsonNode args) throws CommandFailure;

    /** The key of an address of this family. */
    abstract K key(IpAddress address);

    abstract K keyOf(L lease);

    /** The text of {@code lease4-add}'s answer: {@code Lease for address A, subnet-id S added.} */
    abstract String addedText(L lease);

    /** Writes the lease file rows of {@code leases} (Kea 2.2's CSV layout) into {@code sb}. */
    abstract void csv(List<L> leases, StringBuilder sb);

    /** Registers the commands only this family has. */
    abstract void registerFamily(CommandRegistry registry, List<String> names);

    // ---- registration -------------------------------------------------------------------------------------------

    /** Registers this family's commands, adding each name to {@code names} as it is registered. */
    final void register(CommandRegistry registry, List<String> names) {
        String p = "lease" + v + "-";
        add(registry, names, p + "add", this::add);
        add(registry, names, p + "get", this::get);
        add(registry, names, p + "get-all", this::getAll);
        add(registry, names, p + "get-page", this::getPage);
        add(registry, names, p + "get-by-hostname", this::getByHostname);
        add(registry, names, p + "get-by-hw-address", this::getByHwAddress);
        add(registry, names, p + "get-by-state", this::getByState);
        add(registry, names, p + "del", this::del);
        add(registry, names, p + "update", this::update);
        add(registry, names, p + "wipe", this::wipe);
        add(registry, names, p + "resend-ddns", this::resendDdns);
        add(registry, names, p + "write", this::write);
        registerFamily(registry, names);
    }

    /** A handler body that may fail with {@link CommandFailure}. */
    @FunctionalInterface
    interface Body {
        CommandResponse run(CommandRequest request) throws CommandFailure;
    }

    static void add(CommandRegistry registry, List<String> names, String name, Body body) {
        registry.register(name, guarded(body));
        names.add(name);
    }

    /** Turns failures and surprises into Kea answers: a handler never throws. */
    static CommandHandler guarded(Body body) {
        return request -> {
            try {
                return body.run(request);
            } catch (CommandFailure f) {
                return f.response();
            } catch (RuntimeException e) {
                return CommandResponse.error(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        };
    }

    // ---- shared helpers -----------------------------------------------------------------------------------------

    ServerConfig config() {
        return services.config();
    }

    long now() {
        return services.clock().instant().getEpochSecond();
    }

    static boolean isMap(JsonNode args) {
        return args != null && args.isObject();
    }

    /** Kea's by-identifier commands: {@code Command arguments missing or a not a map.} */
    static JsonNode mapArgs(CommandRequest r) throws CommandFailure {
        if (!isMap(r.arguments())) {
            throw CommandFailure.error("Command arguments missing or a not a map.");
        }
        return r.arguments();
    }

    /** Waits until a change is durable; a store failure is result 1. */
    static void durable(CompletionStage<Void> stage) throws CommandFailure {
        try {
            stage.toCompletableFuture().get(DURABLE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.error("interrupted while writing the lease");
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw CommandFailure.error("the lease could not be written to the lease database: " + c.getMessage());
        } catch (TimeoutException e) {
            throw CommandFailure.error("the lease database did not confirm the write within "
                    + DURABLE_TIMEOUT_SECONDS + " s");
        }
    }

    /** The address in an {@code ip-address} argument of this family, with Kea's texts. */
    K addressArg(JsonNode args) throws CommandFailure {
        JsonNode a = args.get("ip-address");
        if (a == null) {
            throw CommandFailure.error("missing parameter 'ip-address'");
        }
        if (!a.isTextual()) {
            throw CommandFailure.error("'ip-address' is not a string.");
        }
        IpAddress addr = Identifiers.address(a.textValue());
        if (addr.v6() != (v == 6)) {
            throw CommandFailure.error("Invalid " + ip + " address specified: " + a.textValue());
        }
        return key(addr);
    }

    CommandResponse leasesFound(List<L> found) {
        String text = found.size() + " " + ip + " lease(s) found.";
        return new CommandResponse(found.isEmpty() ? CommandResponse.EMPTY : CommandResponse.SUCCESS, text,
                renderAll(found));
    }

    // ---- the commands ---------------------------------------------------------------------------------------

    CommandResponse add(CommandRequest r) throws CommandFailure {
        if (!isMap(r.arguments())) {
            throw CommandFailure.error("no parameters specified for the command");
        }
        L lease = parse(r.arguments()).lease();
        try {
            durable(leases().add(lease));
        } catch (LeaseConflictException e) {
            if (leases().get(keyOf(lease)) == null) {
                // another change of the same address was under way (Kea's multi-threaded answer)
                throw CommandFailure.conflict("ResourceBusy: IP address:" + LeaseQuery.text(keyOf(lease))
                        + " could not be added.");
            }
            throw CommandFailure.conflict(ip + " lease already exists.");
        }
        return CommandResponse.ok(addedText(lease));
    }

    CommandResponse get(CommandRequest r) throws CommandFailure {
        LeaseQuery q = LeaseQuery.parse(r.arguments(), v == 6);
        L found = switch (q.kind()) {
            case ADDRESS -> byAddress(q);
            case HW_ADDRESS, CLIENT_ID, DUID -> byIdentifier(q, "Query");
        };
        if (found == null) {
            return new CommandResponse(CommandResponse.EMPTY, "Lease not found.", null);
        }
        return CommandResponse.ok(ip + " lease found.", render(found));
    }

    /** The lease of the query's address (and for DHCPv6, of its type), or null. */
    L byAddress(LeaseQuery q) {
        if (q.address() == null) {
            return null;
        }
        return leases().get(key(q.address()));
    }

    /** The lease of the query's identifier in its subnet, or null; {@code verb} is Query or Delete. */
    abstract L byIdentifier(LeaseQuery q, String verb) throws CommandFailure;

    CommandResponse getAll(CommandRequest r) throws CommandFailure {
        JsonNode args = r.arguments();
        List<L> found = new ArrayList<>();
        if (args == null || args.isNull()) {
            found.addAll(leases().page(null, Integer.MAX_VALUE));
            return leasesFound(found);
        }
        JsonNode subnets = args.get("subnets");
        if (subnets == null) {
            throw CommandFailure.error("'subnets' parameter not specified");
        }
        if (!subnets.isArray()) {
            throw CommandFailure.error("'subnets' parameter must be a list");
        }
        for (JsonNode id : subnets) {
            if (!id.isIntegralNumber()) {
                throw CommandFailure.error("listed subnet identifiers must be numbers");
            }
        }
        for (JsonNode id : subnets) {
            if (id.canConvertToLong() && id.longValue() > 0) {
                found.addAll(leases().bySubnet(id.longValue()));
            }
        }
        return leasesFound(found);
    }

    CommandResponse getPage(CommandRequest r) throws CommandFailure {
        JsonNode args = r.arguments();
        if (!isMap(args)) {
            throw CommandFailure.error("no parameters specified for the " + r.command() + " command");
        }
        JsonNode from = args.get("from");
        if (from == null) {
            throw CommandFailure.error("'from' parameter not specified");
        }
        if (!from.isTextual()) {
            throw CommandFailure.error("'from' parameter must be a string");
        }
        K after = null;
        if (!from.textValue().equals("start")) {
            IpAddress a = IpAddress.parseAny(from.textValue());
            if (a == null) {
                throw CommandFailure.error("'from' parameter value is neither 'start' keyword nor a valid " + ip
                        + " address");
            }
            if (a.v6() != (v == 6)) {
                throw CommandFailure.error("'from' parameter value " + a + " is not an " + ip + " address");
            }
            after = key(a);
        }
        JsonNode limit = args.get("limit");
        if (limit == null) {
            throw CommandFailure.error("'limit' parameter not specified");
        }
        if (!limit.isIntegralNumber()) {
            throw CommandFailure.error("'limit' parameter must be a number");
        }
        if (limit.canConvertToLong() && limit.longValue() == 0) {
            throw CommandFailure.error("page size of retrieved leases must not be 0");
        }
        if (!limit.canConvertToLong() || limit.longValue() < 0 || limit.longValue() > 0xffffffffL) {
            throw CommandFailure.error("page size of retrieved leases must not be greater than 4294967295");
        }
        int size = (int) Math.min(Integer.MAX_VALUE, limit.longValue());
        List<L> page = leases().page(after, size);
        ObjectNode out = renderAll(page);
        out.put("count", page.size());
        String text = page.size() + " " + ip + " lease(s) found.";
        return new CommandResponse(page.isEmpty() ? CommandResponse.EMPTY : CommandResponse.SUCCESS, text, out);
    }

    CommandResponse getByHostname(CommandRequest r) throws CommandFailure {
        JsonNode args = mapArgs(r);
        String hostname = stringParam(args, "hostname");
        if (hostname.isEmpty()) {
            throw CommandFailure.error("'hostname' parameter is empty");
        }
        return leasesFound(leases().byHostname(hostname.toLowerCase(java.util.Locale.ROOT)));
    }

    CommandResponse getByHwAddress(CommandRequest r) throws CommandFailure {
        JsonNode args = mapArgs(r);
        String text = stringParam(args, "hw-address");
        if (v == 6 && text.isEmpty()) {
            throw CommandFailure.error("'hw-address' parameter must not be empty");
        }
        Bytes hw = Identifiers.hwAddress(text);
        if (hw.isEmpty()) {
            return leasesFound(List.of());
        }
        return leasesFound(leases().byHwAddress(hw));
    }

    /** A mandatory string parameter of the by-identifier commands, with their texts. */
    static String stringParam(JsonNode args, String name) throws CommandFailure {
        JsonNode n = args.get(name);
        if (n == null) {
            throw CommandFailure.error("'" + name + "' parameter not specified");
        }
        if (!n.isTextual()) {
            throw CommandFailure.error("'" + name + "' parameter must be a string");
        }
        return n.textValue();
    }

    CommandResponse getByState(CommandRequest r) throws CommandFailure {
        JsonNode args = mapArgs(r);
        JsonNode s = args.get("state");
        if (s == null) {
            throw CommandFailure.error("'state' parameter not specified");
        }
        long code;
        if (s.isIntegralNumber()) {
            if (!s.canConvertToLong() || s.longValue() < 0) {
                throw CommandFailure.error("'state' parameter value (" + s.asText() + ") is not recognized");
            }
            code = s.longValue();
        } else if (s.isTextual()) {
            code = switch (s.textValue()) {
                case "assigned", "default" -> LeaseState.DEFAULT.code();
                case "declined" -> LeaseState.DECLINED.code();
                case "expired-reclaimed" -> LeaseState.EXPIRED_RECLAIMED.code();
                case "released" -> LeaseState.RELEASED.code();
                case "registered" -> LeaseState.REGISTERED.code();
                default -> throw CommandFailure.error("'state' parameter value (" + s.textValue()
                        + ") is not recognized");
            };
        } else {
            throw CommandFailure.error("'state' parameter must be a number or a string");
        }
        long subnetId = 0;
        JsonNode sid = args.get("subnet-id");
        if (sid != null) {
            if (!sid.isIntegralNumber() || !sid.canConvertToLong() || sid.longValue() < 0
                    || sid.longValue() > 0xffffffffL) {
                throw CommandFailure.error("'subnet-id' parameter must be a number between 0 and 4294967295");
            }
            subnetId = sid.longValue();
        }
        List<L> found = code < LeaseState.values().length
                ? leases().byState(LeaseState.values()[(int) code], subnetId) : List.of();
        String text = found.size() + " " + ip + " lease(s) found with state " + code + ".";
        return new CommandResponse(found.isEmpty() ? CommandResponse.EMPTY : CommandResponse.SUCCESS, text,
                renderAll(found));
    }

    CommandResponse del(CommandRequest r) throws CommandFailure {
        LeaseQuery q = LeaseQuery.parse(r.arguments(), v == 6);
        L lease = switch (q.kind()) {
            case ADDRESS -> byAddress(q);
            case HW_ADDRESS, CLIENT_ID, DUID -> byIdentifier(q, "Delete");
        };
        // update-ddns is accepted: Tui has no DNS updates, so there is nothing to remove from DNS
        if (lease == null || leases().delete(keyOf(lease)) == null) {
            return new CommandResponse(CommandResponse.EMPTY, ip + " lease not found.", null);
        }
        return CommandResponse.ok(ip + " lease deleted.");
    }

    CommandResponse update(CommandRequest r) throws CommandFailure {
        if (!isMap(r.arguments())) {
            throw CommandFailure.error("no parameters specified for " + r.command() + " command");
        }
        LeaseJson.Parsed<L> p = parse(r.arguments());
        L lease = p.lease();
        String notThere = "failed to update the lease with address " + LeaseQuery.text(keyOf(lease))
                + " either because the lease has been deleted or it has changed in the database, in both cases a "
                + "retry might succeed";
        boolean existed = leases().get(keyOf(lease)) != null;
        if (!existed && !p.forceCreate()) {
            throw CommandFailure.error(notThere);
        }
        try {
            durable(leases().update(lease, p.forceCreate()));
        } catch (LeaseConflictException e) {
            if (!p.forceCreate() && leases().get(keyOf(lease)) == null) {
                throw CommandFailure.error(notThere);
            }
            // another change of the same address was under way (Kea's multi-threaded answer)
            throw CommandFailure.conflict("ResourceBusy: IP address:" + LeaseQuery.text(keyOf(lease))
                    + " could not be updated.");
        }
        return CommandResponse.ok(existed ? ip + " lease updated." : ip + " lease added.");
    }

    CommandResponse wipe(CommandRequest r) throws CommandFailure {
        JsonNode args = r.arguments();
        long subnetId = 0;
        if (isMap(args)) {
            subnetId = Args.unsigned(args, "subnet-id", 0xffffffffL, 0);
        }
        long deleted = 0;
        StringBuilder ids = new StringBuilder();
        if (subnetId != 0) {
            deleted = leases().wipe(subnetId);
            ids.append(' ').append(subnetId);
        } else {
            for (Subnet s : config().subnets().stream()
                    .sorted(java.util.Comparator.comparingLong(Subnet::id)).toList()) {
                deleted += leases().wipe(s.id());
                ids.append(' ').append(s.id());
            }
        }
        String text = "Deleted " + deleted + " " + ip + " lease(s) from subnet(s)" + ids;
        return new CommandResponse(deleted > 0 ? CommandResponse.SUCCESS : CommandResponse.EMPTY, text, null);
    }

    CommandResponse resendDdns(CommandRequest r) throws CommandFailure {
        JsonNode args = mapArgs(r);
        JsonNode a = args.get("ip-address");
        if (a == null) {
            throw CommandFailure.error("'ip-address' parameter is missing.");
        }
        if (!a.isTextual() || IpAddress.parseAny(a.textValue()) == null) {
            throw CommandFailure.error("'" + (a.isTextual() ? a.textValue() : a.toString())
                    + "' is not a valid IP address.");
        }
        if (IpAddress.parseAny(a.textValue()).v6() != (v == 6)) {
            throw CommandFailure.error("Invalid " + ip + " address specified: " + a.textValue());
        }
        // Tui sends no DNS updates: Kea answers so when DDNS updating is disabled
        throw CommandFailure.error("DDNS updating is not enabled");
    }

    CommandResponse write(CommandRequest r) throws CommandFailure {
        if (!isMap(r.arguments())) {
            throw CommandFailure.error("no parameters specified for the command");
        }
        JsonNode f = r.arguments().get("filename");
        if (f == null) {
            throw CommandFailure.error("'filename' parameter not specified");
        }
        if (!f.isTextual()) {
            throw CommandFailure.error("'filename' parameter must be a string");
        }
        if (f.textValue().isEmpty()) {
            throw CommandFailure.error("'filename' parameter is empty");
        }
        LeaseFileWriter writer = LeaseFileWriter.forConfig(config(), services.control(), v);
        java.nio.file.Path target = writer.resolve(f.textValue());
        StringBuilder sb = new StringBuilder();
        csv(leases().page(null, Integer.MAX_VALUE), sb);
        writer.write(target, sb);
        return CommandResponse.ok(ip + " lease database into '" + target + "'.");
    }
}
