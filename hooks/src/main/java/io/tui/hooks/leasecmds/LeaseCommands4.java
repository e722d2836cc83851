package io.tui.hooks.leasecmds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.LeaseKey;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.hook.CommandRegistry;
import io.tui.dhcp.core.hook.CommandRequest;
import io.tui.dhcp.core.hook.CommandResponse;
import io.tui.dhcp.core.hook.ServerServices;
import io.tui.dhcp.core.lease.Lease4;
import java.util.List;

/** The DHCPv4 lease_cmds commands. */
final class LeaseCommands4 extends LeaseCommands<Lease4, Integer> {

    LeaseCommands4(ServerServices services, LeaseJson json) {
        super(services, json, 4);
    }

    @Override
    LeaseService<Lease4, Integer, Client4> leases() {
        return services.leases4();
    }

    @Override
    ObjectNode render(Lease4 lease) {
        return json.render(lease);
    }

    @Override
    ObjectNode renderAll(List<Lease4> leases) {
        return json.leases4(leases);
    }

    @Override
    LeaseJson.Parsed<Lease4> parse(JsonNode args) throws CommandFailure {
        return json.parse4(args, config(), now());
    }

    @Override
    Integer key(IpAddress address) {
        return address.value().intValue();
    }

    @Override
    Integer keyOf(Lease4 lease) {
        return lease.address();
    }

    @Override
    String addedText(Lease4 lease) {
        return "Lease for address " + lease.addressText() + ", subnet-id " + lease.subnetId() + " added.";
    }

    @Override
    void csv(List<Lease4> leases, StringBuilder sb) {
        LeaseFileWriter.rows4(leases, sb);
    }

    @Override
    void registerFamily(CommandRegistry registry, List<String> names) {
        add(registry, names, "lease4-get-by-client-id", this::getByClientId);
    }

    @Override
    Lease4 byIdentifier(LeaseQuery q, String verb) throws CommandFailure {
        LeaseKey key = switch (q.kind()) {
            case HW_ADDRESS -> new LeaseKey.Hw4(q.identifier(), q.subnetId());
            case CLIENT_ID -> new LeaseKey.ClientId4(q.identifier(), q.subnetId());
            default -> throw CommandFailure.error(verb + " by duid is not allowed in v4.");
        };
        List<Lease4> found = leases().find(key);
        return found.isEmpty() ? null : found.get(0);
    }

    CommandResponse getByClientId(CommandRequest r) throws CommandFailure {
        JsonNode args = mapArgs(r);
        String text = stringParam(args, "client-id");
        return leasesFound(leases().byClientId(Identifiers.clientId(text)));
    }
}
