package io.tui.hooks.leasecmds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.alloc.Client6;
import io.tui.dhcp.core.alloc.LeaseConflictException;
import io.tui.dhcp.core.alloc.LeaseKey;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.hook.CommandRegistry;
import io.tui.dhcp.core.hook.CommandRequest;
import io.tui.dhcp.core.hook.CommandResponse;
import io.tui.dhcp.core.hook.ServerServices;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.util.ArrayList;
import java.util.List;

/** The DHCPv6 lease_cmds commands, lease6-bulk-apply included. */
final class LeaseCommands6 extends LeaseCommands<Lease6, Ip6Address> {

    LeaseCommands6(ServerServices services, LeaseJson json) {
        super(services, json, 6);
    }

    @Override
    LeaseService<Lease6, Ip6Address, Client6> leases() {
        return services.leases6();
    }

    @Override
    ObjectNode render(Lease6 lease) {
        return json.render(lease);
    }

    @Override
    ObjectNode renderAll(List<Lease6> leases) {
        return json.leases6(leases);
    }

    @Override
    LeaseJson.Parsed<Lease6> parse(JsonNode args) throws CommandFailure {
        return json.parse6(args, config(), now());
    }

    @Override
    Ip6Address key(IpAddress address) {
        return Ip6Address.of(address.toBytes());
    }

    @Override
    Ip6Address keyOf(Lease6 lease) {
        return lease.address();
    }

    @Override
    String addedText(Lease6 lease) {
        String what = lease.type() == LeaseType.PD
                ? "prefix " + lease.addressText() + "/" + lease.prefixLength()
                : "address " + lease.addressText();
        return "Lease for " + what + ", subnet-id " + lease.subnetId() + " added.";
    }

    @Override
    void csv(List<Lease6> leases, StringBuilder sb) {
        LeaseFileWriter.rows6(leases, sb);
    }

    @Override
    void registerFamily(CommandRegistry registry, List<String> names) {
        add(registry, names, "lease6-get-by-duid", this::getByDuid);
        add(registry, names, "lease6-bulk-apply", this::bulkApply);
    }

    /** Kea looks a DHCPv6 lease up by address and type: a prefix is not found as an address. */
    @Override
    Lease6 byAddress(LeaseQuery q) {
        Lease6 l = super.byAddress(q);
        return l != null && l.type() == q.type() ? l : null;
    }

    @Override
    Lease6 byIdentifier(LeaseQuery q, String verb) throws CommandFailure {
        if (q.kind() != LeaseQuery.Kind.DUID) {
            throw CommandFailure.error(verb + " by " + (q.kind() == LeaseQuery.Kind.HW_ADDRESS ? "hw-address"
                    : "client-id") + " is not allowed in v6.");
        }
        if (q.subnetId() < 0 || q.subnetId() > 0xffffffffL || q.iaid() < 0 || q.iaid() > 0xffffffffL) {
            return null;
        }
        List<Lease6> found = leases().find(new LeaseKey.Ia6(q.identifier(), q.iaid(), q.type(), q.subnetId()));
        if (found.size() > 1) {
            throw CommandFailure.error("More than one lease found for type " + q.type().code() + ", duid "
                    + q.identifier().toHex() + ", iaid " + q.iaid() + " and subnet-id " + q.subnetId());
        }
        return found.isEmpty() ? null : found.get(0);
    }

    CommandResponse getByDuid(CommandRequest r) throws CommandFailure {
        JsonNode args = mapArgs(r);
        String text = stringParam(args, "duid");
        return leasesFound(leases().byClientId(Identifiers.duid(text)));
    }

    /**
     * lease6-bulk-apply: every entry is parsed first (one malformed entry fails the whole command and changes
     * nothing), then the deletions run, then the additions and updates. Entries that fail are listed with their
     * result (3 not found, 4 conflict, 1 error); the others stay applied.
     */
    CommandResponse bulkApply(CommandRequest r) throws CommandFailure {
        JsonNode args = mapArgs(r);
        JsonNode deleted = args.get("deleted-leases");
        JsonNode leasesArg = args.get("leases");
        if (deleted == null && leasesArg == null) {
            throw CommandFailure.error("neither 'deleted-leases' nor 'leases' parameter specified");
        }
        if (deleted != null && !deleted.isArray()) {
            throw CommandFailure.error("the 'deleted-leases' parameter must be a list");
        }
        if (leasesArg != null && !leasesArg.isArray()) {
            throw CommandFailure.error("the 'leases' parameter must be a list");
        }
        List<LeaseQuery> deletions = new ArrayList<>();
        List<Lease6> upserts = new ArrayList<>();
        try {
            if (deleted != null) {
                for (JsonNode d : deleted) {
                    deletions.add(LeaseQuery.parse(d, true));
                }
            }
            if (leasesArg != null) {
                for (JsonNode l : leasesArg) {
                    if (!l.isObject()) {
                        throw CommandFailure.error("each entry of 'leases' must be a map");
                    }
                    upserts.add(parse(l).lease());
                }
            }
        } catch (CommandFailure f) {
            // a malformed entry: nothing is applied (Kea answers 1 for the whole command)
            throw CommandFailure.error(f.getMessage());
        }
        int applied = 0;
        ArrayNode failedDeleted = NODES.arrayNode();
        ArrayNode failedLeases = NODES.arrayNode();
        for (LeaseQuery q : deletions) {
            Lease6 lease;
            try {
                lease = q.kind() == LeaseQuery.Kind.ADDRESS ? byAddress(q) : byIdentifier(q, "Delete");
            } catch (CommandFailure f) {
                failedDeleted.add(failed(q, f.result(), f.getMessage()));
                continue;
            }
            if (lease == null || leases().delete(lease.address()) == null) {
                failedDeleted.add(failed(q, CommandResponse.EMPTY, "lease not found"));
            } else {
                applied++;
            }
        }
        for (Lease6 lease : upserts) {
            try {
                if (leases().get(lease.address()) != null) {
                    durable(leases().update(lease, true));
                } else {
                    durable(leases().add(lease));
                }
                applied++;
            } catch (LeaseConflictException e) {
                failedLeases.add(failed(lease, CommandFailure.CONFLICT, e.getMessage()));
            } catch (CommandFailure f) {
                failedLeases.add(failed(lease, f.result(), f.getMessage()));
            }
        }
        ObjectNode out = null;
        if (!failedDeleted.isEmpty() || !failedLeases.isEmpty()) {
            out = NODES.objectNode();
            if (!failedDeleted.isEmpty()) {
                out.set("failed-deleted-leases", failedDeleted);
            }
            if (!failedLeases.isEmpty()) {
                out.set("failed-leases", failedLeases);
            }
        }
        String text = "Bulk apply of " + applied + " IPv6 leases completed.";
        return new CommandResponse(applied > 0 ? CommandResponse.SUCCESS : CommandResponse.EMPTY, text, out);
    }

    private static ObjectNode failed(LeaseQuery q, int result, String message) {
        ObjectNode o = NODES.objectNode();
        if (q.kind() != LeaseQuery.Kind.ADDRESS) {
            o.put("duid", q.identifier().toHex());
        }
        o.put("error-message", message);
        if (q.address() != null) {
            o.put("ip-address", q.address().toString());
        }
        o.put("result", result);
        o.put("type", LeaseJson.typeText(q.type()));
        return o;
    }

    private static ObjectNode failed(Lease6 lease, int result, String message) {
        ObjectNode o = NODES.objectNode();
        o.put("error-message", message);
        o.put("ip-address", lease.addressText());
        o.put("result", result);
        o.put("type", LeaseJson.typeText(lease.type()));
        return o;
    }
}
