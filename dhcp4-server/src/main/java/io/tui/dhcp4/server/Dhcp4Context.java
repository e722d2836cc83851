package io.tui.dhcp4.server;

import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.classify.Packet4View;
import io.tui.dhcp.core.hook.Callouts;
import io.tui.dhcp.core.host.Host;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.server.Pool4Runtime;
import io.tui.dhcp.core.server.Runtime4;
import io.tui.dhcp.core.server.Subnet4Runtime;
import io.tui.dhcp.core.wire.v4.Dhcp4Packet;
import io.tui.dhcp.core.wire.v4.DhcpMessageType;
import java.util.List;
import java.util.Set;

/** Everything the pipeline learns about one message, filled in step by step. Confined to one thread at a time. */
final class Dhcp4Context {
    final Inbound4 in;
    final Dhcp4Processor.State state;
    final Runtime4 rt;
    final long now;
    Dhcp4Packet query;
    /** The hooks' callouts in force when the message arrived, or null (read once per message). */
    Callouts callouts;
    Packet4View view;
    /** Null for BOOTP. */
    DhcpMessageType type;
    Set<String> classes;
    Subnet4Runtime subnet;
    List<Subnet4Runtime> candidates = List.of();
    Host host;
    Client4 client;
    /** The server identifier this reply carries. */
    int serverId;
    Lease4 lease;
    /** A subnet4_select callout dropped the packet. */
    boolean dropped;
    /** A lease4_renew callout skipped the renewal: the lease in the store is the one before it. */
    boolean leaseSkipped;
    /** The valid lifetime granted by this reply (an earlier offer may carry another). */
    long valid;
    Pool4Runtime pool;
    Dhcp4Packet reply;
    String hostname = "";
    /** Option 81 to send back, or null. */
    byte[] fqdnReply;
    /** Option 12 to send back, or null. */
    String hostnameReply;

    Dhcp4Context(Inbound4 in, Dhcp4Processor.State state, long now) {
        this.in = in;
        this.state = state;
        this.rt = state.runtime();
        this.now = now;
    }

    /** The candidate subnet holding {@code address}, or null. */
    Subnet4Runtime subnetOf(int address) {
        for (Subnet4Runtime s : candidates) {
            if (s.contains(address)) {
                return s;
            }
        }
        return null;
    }

    /** The reserved address's engine pool, when the host reserves one in the subnet of {@code s}. */
    Pool4 reservedPool(Subnet4Runtime s) {
        Integer a = host == null ? null : host.ipv4();
        return a == null ? null : s.reserved().get(a);
    }
}
