package io.tui.dhcp.core.host;

import io.tui.dhcp.core.lease.Bytes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Kea's reservation lookup for one client: the identifier types of {@code host-reservation-identifiers} are tried in
 * order, first in the selected subnet (when {@code reservations-in-subnet}), then globally (when
 * {@code reservations-global}); the first match wins. Family-neutral: a v4 server passes hw-address, client-id,
 * circuit-id (and duid from a RFC 4361 client-id, flex-id from a hook); a v6 server passes duid, hw-address, flex-id.
 */
public final class HostLookup {
    private final HostSource source;
    private final List<IdentifierType> order;

    /**
     * @param order the configured {@code host-reservation-identifiers} names, in order; unknown names are ignored
     */
    public HostLookup(HostSource source, List<String> order) {
        this.source = source;
        List<IdentifierType> types = new ArrayList<>();
        for (String name : order) {
            IdentifierType t = IdentifierType.fromKea(name);
            if (t != null && !types.contains(t)) {
                types.add(t);
            }
        }
        this.order = List.copyOf(types);
    }

    public HostSource source() {
        return source;
    }

    /** The identifier types tried, in order. */
    public List<IdentifierType> order() {
        return order;
    }

    /** A client's identifiers by type. */
    public static final class Identifiers {
        private final Map<IdentifierType, Bytes> values = new EnumMap<>(IdentifierType.class);

        /** Sets one identifier; null or empty values are ignored. */
        public Identifiers with(IdentifierType type, Bytes value) {
            if (value != null && !value.isEmpty()) {
                values.put(type, value);
            }
            return this;
        }

        public Bytes get(IdentifierType type) {
            return values.get(type);
        }

        public boolean isEmpty() {
            return values.isEmpty();
        }
    }

    /**
     * The client's reservation, or null.
     *
     * @param subnetId the selected subnet, or 0 when none was selected (only global reservations are searched)
     * @param inSubnet whether subnet reservations are searched ({@code reservations-in-subnet})
     * @param global whether global reservations are searched ({@code reservations-global})
     */
    public Host find(long subnetId, boolean inSubnet, boolean global, Identifiers ids) {
        if (ids.isEmpty()) {
            return null;
        }
        if (subnetId != 0 && inSubnet) {
            Host h = first(subnetId, ids);
            if (h != null) {
                return h;
            }
        }
        return global ? first(0, ids) : null;
    }

    private Host first(long subnetId, Identifiers ids) {
        for (IdentifierType t : order) {
            Bytes v = ids.get(t);
            if (v != null) {
                Host h = source.get(subnetId, t, v);
                if (h != null) {
                    return h;
                }
            }
        }
        return null;
    }
}
