package io.tui.dhcp.core.host;

import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.config.model.Reservation;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Subnet;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.wire.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The reservations written in a configuration ({@code reservations} globally and in subnets), indexed. Immutable. */
public final class ConfigHostSource implements HostSource {
    private record Key(long subnetId, IdentifierType type, Bytes identifier) {}

    private record AddressKey(long subnetId, IpAddress address) {}

    private final Map<Key, Host> byIdentifier = new HashMap<>();
    private final Map<AddressKey, List<Host>> byAddress = new HashMap<>();
    private final Map<Long, List<Host>> bySubnet = new HashMap<>();

    public ConfigHostSource(ServerConfig config) {
        for (Reservation r : config.reservations()) {
            add(0, r);
        }
        for (Subnet s : config.subnets()) {
            for (Reservation r : s.reservations()) {
                add(s.id(), r);
            }
        }
    }

    private void add(long subnetId, Reservation r) {
        IdentifierType type = IdentifierType.fromKea(r.identifier().type());
        if (type == null) {
            return;
        }
        Bytes id;
        try {
            id = Bytes.fromHex(r.identifier().hex());
        } catch (ParseException e) {
            return; // the loader accepted it; a form Bytes does not read cannot match any packet anyway
        }
        Host h = new Host(subnetId, type, id, r);
        byIdentifier.putIfAbsent(new Key(subnetId, type, id), h);
        for (IpAddress a : r.addresses()) {
            byAddress.computeIfAbsent(new AddressKey(subnetId, a), k -> new ArrayList<>()).add(h);
        }
        bySubnet.computeIfAbsent(subnetId, k -> new ArrayList<>()).add(h);
    }

    @Override
    public Host get(long subnetId, IdentifierType type, Bytes identifier) {
        return byIdentifier.get(new Key(subnetId, type, identifier));
    }

    @Override
    public List<Host> byAddress(long subnetId, IpAddress address) {
        return List.copyOf(byAddress.getOrDefault(new AddressKey(subnetId, address), List.of()));
    }

    @Override
    public List<Host> bySubnet(long subnetId) {
        return List.copyOf(bySubnet.getOrDefault(subnetId, List.of()));
    }
}
