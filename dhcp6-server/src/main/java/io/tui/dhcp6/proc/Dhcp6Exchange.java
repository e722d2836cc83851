package io.tui.dhcp6.proc;

import io.tui.dhcp.core.classify.Packet6View;
import io.tui.dhcp.core.config.model.Reservation;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.wire.v6.Dhcp6ClientMessage;
import io.tui.dhcp.core.wire.v6.Dhcp6Message;
import io.tui.dhcp.core.wire.v6.Dhcp6Option;
import io.tui.dhcp.core.wire.v6.Dhcp6RelayMessage;
import io.tui.dhcp.core.wire.v6.Duid;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The context of one DHCPv6 exchange: the query as received, what the pipeline's stages learn about it (classes,
 * subnet, host, leases), and the reply being built. One per message, used by one thread.
 */
public final class Dhcp6Exchange {
    final Dhcp6Runtime runtime;
    final Dhcp6Message query;
    final Dhcp6ClientMessage client;
    final List<Dhcp6RelayMessage> relays;
    final Received received;
    final long now;
    final Packet6View view;

    /** The client's DUID (option 1), or null when absent. */
    Duid clientDuid;
    /** The client's DUID bytes (the lease key), or null. */
    Bytes duidBytes;
    /** The client's hardware address when known (from its DUID or the relay's option 79), or empty. */
    Bytes hwAddress = Bytes.EMPTY;
    /** The client's hostname (from its FQDN option), or empty. */
    String hostname = "";
    /** The codes of the client's option request option. */
    final Set<Integer> requested = new HashSet<>();
    /** The client classes, in the order they were assigned. */
    Set<String> classes;
    /** The selected subnet, or null. */
    Dhcp6Runtime.SubnetPools subnet;
    /** The client's host reservation, or null. */
    Reservation host;
    /** The reply's message type (ADVERTISE or REPLY). */
    int replyType;
    /** The reply's options, in the order they are added (sorted by code when sent, as Kea does). */
    final List<Dhcp6Option> replyOptions = new ArrayList<>();
    /** Leases granted or offered in this exchange (for pool option lookup). */
    final List<Lease6> granted = new ArrayList<>();
    /** Stages that must complete (lease writes) before the reply is sent. */
    final List<CompletionStage<Void>> durable = new ArrayList<>();
    /** Whether the reply is a bare UseMulticast status. */
    boolean useMulticast;
    /** Whether the reply carries the rapid commit option. */
    boolean rapidCommit;
    /** The lease service in force for this query. */
    io.tui.dhcp.core.alloc.LeaseService<Lease6, io.tui.dhcp.core.wire.v6.Ip6Address, io.tui.dhcp.core.alloc.Client6> leases;
    /** Why the query was dropped, or null. */
    String dropReason;
    /** The hooks' callouts in force when the query arrived, or null (read once per query). */
    io.tui.dhcp.core.hook.Callouts callouts;
    /** Leases this exchange released or declined (leases6_committed's {@code deleted_leases6}). */
    final List<Lease6> deleted = new ArrayList<>();
    /** A callout dropped the query (lease6_decline DROP). */
    String hookDrop;

    Dhcp6Exchange(Dhcp6Runtime runtime, Dhcp6Message query, Received received, long now, int length) {
        this.runtime = runtime;
        this.query = query;
        this.client = query.innermost();
        this.relays = query.relayLayers();
        this.received = received;
        this.now = now;
        this.view = new Packet6View(query, received.iface(), received.source(), null, length);
    }

    /** The selected subnet, or null. */
    public Dhcp6Runtime.SubnetPools subnet() {
        return subnet;
    }

    /** The client classes. */
    public Set<String> classes() {
        return classes;
    }

    /** Why the query was dropped, or null when it was answered. */
    public String dropReason() {
        return dropReason;
    }

    boolean relayed() {
        return !relays.isEmpty();
    }
}
