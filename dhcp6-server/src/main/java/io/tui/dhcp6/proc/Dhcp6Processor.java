package io.tui.dhcp6.proc;

import io.tui.dhcp.core.alloc.Allocation;
import io.tui.dhcp.core.alloc.AllocationRequest;
import io.tui.dhcp.core.alloc.Client6;
import io.tui.dhcp.core.alloc.LeaseKey;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.alloc.Lifetimes;
import io.tui.dhcp.core.alloc.PdPool;
import io.tui.dhcp.core.alloc.Pool;
import io.tui.dhcp.core.alloc.Pool6;
import io.tui.dhcp.core.config.model.ClientClass;
import io.tui.dhcp.core.config.model.NetworkParams;
import io.tui.dhcp.core.config.model.OptionData;
import io.tui.dhcp.core.config.model.Reservation;
import io.tui.dhcp.core.config.model.SharedNetwork;
import io.tui.dhcp.core.config.model.Subnet;
import io.tui.dhcp.core.config.model.Triplet;
import io.tui.dhcp.core.hook.CalloutHandle;
import io.tui.dhcp.core.hook.CalloutPoint;
import io.tui.dhcp.core.hook.Callouts;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.lease.LeaseType;
import io.tui.dhcp.core.option.ResolvedOption;
import io.tui.dhcp.core.wire.ParseException;
import io.tui.dhcp.core.wire.v6.ClientFqdnOption;
import io.tui.dhcp.core.wire.v6.ClientIdOption;
import io.tui.dhcp.core.wire.v6.Dhcp6ClientMessage;
import io.tui.dhcp.core.wire.v6.Dhcp6Message;
import io.tui.dhcp.core.wire.v6.Dhcp6MessageType;
import io.tui.dhcp.core.wire.v6.Dhcp6Option;
import io.tui.dhcp.core.wire.v6.Dhcp6OptionCode;
import io.tui.dhcp.core.wire.v6.Dhcp6Options;
import io.tui.dhcp.core.wire.v6.Dhcp6RelayMessage;
import io.tui.dhcp.core.wire.v6.Dhcp6Relays;
import io.tui.dhcp.core.wire.v6.Dhcp6StatusCode;
import io.tui.dhcp.core.wire.v6.Duid;
import io.tui.dhcp.core.wire.v6.IaAddressOption;
import io.tui.dhcp.core.wire.v6.IaNaOption;
import io.tui.dhcp.core.wire.v6.IaPdOption;
import io.tui.dhcp.core.wire.v6.IaPrefixOption;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.core.wire.v6.Octets;
import io.tui.dhcp.core.wire.v6.OptionRequestOption;
import io.tui.dhcp.core.wire.v6.PdExcludeOption;
import io.tui.dhcp.core.wire.v6.RapidCommitOption;
import io.tui.dhcp.core.wire.v6.RawOption;
import io.tui.dhcp.core.wire.v6.ServerIdOption;
import io.tui.dhcp.core.wire.v6.StatusCodeOption;
import java.net.Inet6Address;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The DHCPv6 message pipeline (RFC 8415 as Kea 2.2 applies it). One {@link Dhcp6Exchange} per query passes through
 * the stages in order: {@code accept} (server-id and client-id rules, unicast rules), {@code classify} (ALL,
 * VENDOR_CLASS_*, class tests), {@code selectSubnet} (relay interface-id, relay link-address against {@code relay}
 * addresses and subnet prefixes, else the receiving interface), {@code hostLookup} (KNOWN/UNKNOWN and the classes
 * that depend on them), {@code additionalClasses}, the message type's handler (IA_NA and IA_PD through the lease
 * service), {@code appendOptions} (ORO and {@code always-send}) and {@code build} (RELAY-REPL chain with interface-id
 * echoed). Thread-safe: the processor holds no per-message state.
 */
public final class Dhcp6Processor {

    /** The outcome of one query: the reply to send once {@code durable} completes, or a drop. */
    public record Result(Dhcp6Message reply, CompletionStage<Void> durable, Dhcp6Exchange exchange) {
        public boolean dropped() {
            return reply == null;
        }
    }

    private static final CompletionStage<Void> DONE = CompletableFuture.completedStage(null);

    private final Supplier<Dhcp6Runtime> runtime;
    private final Supplier<LeaseService<Lease6, Ip6Address, Client6>> leasesNow;
    private final Dhcp6Stats stats;
    private final Clock clock;
    private volatile Supplier<Callouts> callouts = () -> null;

    /**
     * @param runtime the configuration in force (read once per query)
     * @param leases  the v6 lease service (read once per query, so a reload can replace it)
     */
    public Dhcp6Processor(Supplier<Dhcp6Runtime> runtime, Supplier<LeaseService<Lease6, Ip6Address, Client6>> leases,
            Dhcp6Stats stats, Clock clock) {
        this.runtime = runtime;
        this.leasesNow = leases;
        this.stats = stats;
        this.clock = clock;
    }

    /**
     * Where the hooks' callouts in force are read, once per query (they change when hooks are reloaded); the
     * supplier may return null (no hooks). {@code Dhcp6Server} wires its control's attached management.
     */
    public void callouts(Supplier<Callouts> source) {
        this.callouts = source == null ? () -> null : source;
    }

    /** Processes one decoded query; counts it and the reply in the statistics. */
    public Result process(Dhcp6Message query, Received received, int length) {
        Dhcp6Exchange x;
        try {
            x = new Dhcp6Exchange(runtime.get(), query, received, clock.instant().getEpochSecond(), length);
            x.leases = leasesNow.get();
            x.callouts = callouts.get();
        } catch (IllegalStateException e) {
            stats.parseFailed();
            return new Result(null, DONE, null);
        }
        stats.received(x.client.typeCode());
        try {
            if (accept(x)) {
                classify(x);
                if (received(x)) {
                    selectSubnet(x);
                }
                if (x.dropReason == null) {
                    hostLookup(x);
                    additionalClasses(x);
                    if (handle(x) && x.hookDrop == null && committed(x)) {
                        appendOptions(x);
                        Dhcp6Message reply = send(x, build(x));
                        if (reply != null) {
                            stats.sent(x.replyType);
                            return new Result(reply, all(x.durable), x);
                        }
                        // pkt6_send suppressed the reply: not sent, not a receive drop (as Kea)
                        return new Result(null, all(x.durable), x);
                    }
                    if (x.hookDrop != null) {
                        x.dropReason = x.hookDrop;
                    }
                }
            }
        } catch (ParseException e) {
            x.dropReason = "malformed option: " + e.getMessage();
        } catch (RuntimeException e) {
            // a defect, not the client's fault: the query is dropped and counted, the server goes on
            x.dropReason = "internal error: " + e;
            java.util.logging.Logger.getLogger("kea-dhcp6.packets").warning("DHCP6_PACKET_PROCESS_EXCEPTION "
                    + e);
        }
        if (x.dropReason == null) {
            x.dropReason = "not answered";
        }
        stats.dropped();
        return new Result(null, all(x.durable), x);
    }

    private static CompletionStage<Void> all(List<CompletionStage<Void>> stages) {
        if (stages.isEmpty()) {
            return DONE;
        }
        if (stages.size() == 1) {
            return stages.getFirst();
        }
        return CompletableFuture.allOf(stages.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new));
    }

    // ---- hook points ---------------------------------------------------------------------------------------------

    private static boolean has(Dhcp6Exchange x, CalloutPoint point) {
        return x.callouts != null && x.callouts.has(point);
    }

    /** pkt6_receive: DROP drops the query (counted in pkt6-receive-drop); SKIP is CONTINUE. */
    private static boolean received(Dhcp6Exchange x) {
        if (!has(x, CalloutPoint.PKT6_RECEIVE)) {
            return true;
        }
        CalloutHandle h = x.callouts.call(CalloutPoint.PKT6_RECEIVE,
                () -> new CalloutHandle(CalloutPoint.PKT6_RECEIVE).set("query6", x.query));
        return h == null || h.status() != CalloutHandle.Status.DROP
                || drop(x, "DHCP6_HOOK_PACKET_RCVD_SKIP a pkt6_receive callout dropped the packet");
    }

    /**
     * leases6_committed, for the messages that change leases (REQUEST, RENEW, REBIND, RELEASE, DECLINE, SOLICIT
     * with rapid commit): {@code leases6} the leases granted, {@code deleted_leases6} the ones released or
     * declined. Called once the changes are made in the lease service (before the write is durable). DROP: no reply.
     */
    private static boolean committed(Dhcp6Exchange x) {
        if (!has(x, CalloutPoint.LEASES6_COMMITTED) || x.useMulticast) {
            return true;
        }
        Dhcp6MessageType t = x.client.type();
        boolean changes = t == Dhcp6MessageType.REQUEST || t == Dhcp6MessageType.RENEW
                || t == Dhcp6MessageType.REBIND || t == Dhcp6MessageType.RELEASE || t == Dhcp6MessageType.DECLINE
                || t == Dhcp6MessageType.SOLICIT && x.rapidCommit;
        if (!changes) {
            return true;
        }
        List<Lease6> leases = List.copyOf(x.granted);
        List<Lease6> deleted = List.copyOf(x.deleted);
        CalloutHandle h = x.callouts.call(CalloutPoint.LEASES6_COMMITTED,
                () -> new CalloutHandle(CalloutPoint.LEASES6_COMMITTED).set("query6", x.query)
                        .set("leases6", leases).set("deleted_leases6", deleted));
        return h == null || h.status() != CalloutHandle.Status.DROP
                || drop(x, "DHCP6_HOOK_LEASES6_COMMITTED_DROP a leases6_committed callout dropped the packet");
    }

    /**
     * pkt6_send: {@code response6} (a callout may replace it with another message) and {@code query6}; SKIP or
     * DROP: the reply is not sent (null).
     */
    private static Dhcp6Message send(Dhcp6Exchange x, Dhcp6Message reply) {
        if (!has(x, CalloutPoint.PKT6_SEND)) {
            return reply;
        }
        CalloutHandle h = x.callouts.call(CalloutPoint.PKT6_SEND,
                () -> new CalloutHandle(CalloutPoint.PKT6_SEND).set("response6", reply).set("query6", x.query));
        if (h == null) {
            return reply;
        }
        if (h.status() != CalloutHandle.Status.CONTINUE) {
            x.dropReason = "DHCP6_HOOK_PACKET_SEND_SKIP a pkt6_send callout suppressed the reply";
            return null;
        }
        return h.get("response6") instanceof Dhcp6Message m ? m : reply;
    }

    /** The subnets as subnet6_select's {@code subnet6collection}. */
    private static List<Dhcp6Runtime.SubnetPools> subnetList(Dhcp6Runtime rt) {
        List<Dhcp6Runtime.SubnetPools> out = new ArrayList<>();
        rt.subnets().forEach(out::add);
        return List.copyOf(out);
    }

    /** Puts back what an address held before a change a callout refused: {@code before}, or no lease. */
    private static void undo(Dhcp6Exchange x, Ip6Address address, Lease6 before) {
        try {
            if (before == null) {
                x.leases.delete(address);
            } else {
                x.durable.add(x.leases.update(before, true));
            }
        } catch (io.tui.dhcp.core.alloc.LeaseConflictException | RuntimeException e) {
            java.util.logging.Logger.getLogger("kea-dhcp6.hooks").log(java.util.logging.Level.WARNING,
                    "DHCP6_HOOK_UNDO_FAILED cannot put back the lease of " + address, e);
        }
    }

    /**
     * The lease of {@code address} before a release or decline ({@code point}), read only when a callout needs it:
     * at {@code point} itself, or at leases6_committed ({@code deleted_leases6}); otherwise null, and the store is
     * not asked.
     */
    private static Lease6 leaseForHooks(Dhcp6Exchange x, CalloutPoint point, Ip6Address address) {
        return has(x, point) || has(x, CalloutPoint.LEASES6_COMMITTED) ? x.leases.get(address) : null;
    }

    /** lease6_release / lease6_decline for {@code lease} when it is the client's: SKIP or DROP status, or null. */
    private static CalloutHandle.Status leaseCallout(Dhcp6Exchange x, CalloutPoint point, Client6 client,
            Lease6 lease) {
        if (!has(x, point)) {
            return null;
        }
        if (lease == null || !client.owns(lease)) {
            return null; // Kea calls out for the client's lease only
        }
        CalloutHandle h = x.callouts.call(point,
                () -> new CalloutHandle(point).set("query6", x.query).set("lease6", lease));
        return h == null || h.status() == CalloutHandle.Status.CONTINUE ? null : h.status();
    }

    // ---- stage 1: accept ----------------------------------------------------------------------------------------

    private boolean accept(Dhcp6Exchange x) throws ParseException {
        Dhcp6MessageType type = x.client.type();
        if (type == null) {
            return drop(x, "unknown message type " + x.client.typeCode());
        }
        Dhcp6Options o = x.client.options();
        x.clientDuid = o.clientId();
        if (x.clientDuid != null) {
            // the lease key: the DUID's wire bytes, as received (o.clientId() checked they parse)
            x.duidBytes = Bytes.of(o.payload(Dhcp6OptionCode.CLIENTID));
        }
        Duid sid = o.serverId();
        boolean ours = sid != null && x.runtime.isServerId(o);
        boolean unicastDirect = x.received.unicast() && !x.relayed();
        switch (type) {
            case SOLICIT, CONFIRM, REBIND -> {
                if (x.clientDuid == null) {
                    return drop(x, type + " without a client identifier");
                }
                if (sid != null) {
                    return drop(x, type + " with a server identifier");
                }
                if (unicastDirect) {
                    return drop(x, type + " sent to a unicast address");
                }
            }
            case REQUEST, RENEW, RELEASE, DECLINE -> {
                if (x.clientDuid == null) {
                    return drop(x, type + " without a client identifier");
                }
                if (!ours) {
                    return drop(x, type + (sid == null ? " without a server identifier" : " for another server"));
                }
            }
            case INFORMATION_REQUEST -> {
                if (sid != null && !ours) {
                    return drop(x, "INFORMATION-REQUEST for another server");
                }
                if (unicastDirect) {
                    return drop(x, "INFORMATION-REQUEST sent to a unicast address");
                }
            }
            default -> {
                return drop(x, type + " is not a message a server answers");
            }
        }
        OptionRequestOption oro = o.optionRequest();
        if (oro != null) {
            for (int i = 0; i < oro.size(); i++) {
                x.requested.add(oro.codeAt(i));
            }
        }
        x.hwAddress = hardwareAddress(x);
        ClientFqdnOption fqdn = o.get(Dhcp6OptionCode.CLIENT_FQDN, ClientFqdnOption.class);
        if (fqdn != null && fqdn.domainName() != null) {
            x.hostname = fqdn.domainName();
        }
        x.replyType = type == Dhcp6MessageType.SOLICIT ? Dhcp6MessageType.ADVERTISE.code()
                : Dhcp6MessageType.REPLY.code();
        return true;
    }

    private static boolean drop(Dhcp6Exchange x, String reason) {
        x.dropReason = reason;
        return false;
    }

    /** The hardware address from the client link-layer address a relay added (79), else from a DUID-LLT/LL. */
    private static Bytes hardwareAddress(Dhcp6Exchange x) {
        for (int i = x.relays.size() - 1; i >= 0; i--) {
            Dhcp6Option o = x.relays.get(i).options().get(Dhcp6OptionCode.CLIENT_LINKLAYER_ADDR);
            if (o != null) {
                byte[] p = Dhcp6Options.toRaw(o).payload();
                if (p.length > 2) {
                    return Bytes.copyOf(p, 2, p.length - 2);
                }
            }
        }
        return switch (x.clientDuid) {
            case Duid.Llt llt -> Bytes.of(llt.linkLayerAddress().toByteArray());
            case Duid.Ll ll -> Bytes.of(ll.linkLayerAddress().toByteArray());
            case null, default -> Bytes.EMPTY;
        };
    }

    // ---- stage 2: classification --------------------------------------------------------------------------------

    private static void classify(Dhcp6Exchange x) {
        x.classes = x.runtime.classifier().classifyEarly(x.view);
    }

    // ---- stage 3: subnet selection -------------------------------------------------------------------------------

    /** Kea's v6 subnet selection (see the class comment); the chosen subnet must allow the client's classes. */
    static void selectSubnet(Dhcp6Exchange x) throws ParseException {
        x.subnet = findSubnet(x);
        if (!has(x, CalloutPoint.SUBNET6_SELECT)) {
            return;
        }
        Dhcp6Runtime.SubnetPools selected = x.subnet;
        CalloutHandle h = x.callouts.call(CalloutPoint.SUBNET6_SELECT,
                () -> new CalloutHandle(CalloutPoint.SUBNET6_SELECT).set("query6", x.query)
                        .set("subnet6", selected).set("subnet6collection", subnetList(x.runtime)));
        if (h == null) {
            return;
        }
        switch (h.status()) {
            case DROP -> {
                x.subnet = null;
                drop(x, "DHCP6_HOOK_SUBNET6_SELECT_DROP a subnet6_select callout dropped the packet");
            }
            case SKIP -> x.subnet = null;
            case CONTINUE -> {
                Object chosen = h.get("subnet6");
                x.subnet = chosen instanceof Dhcp6Runtime.SubnetPools sp ? x.runtime.subnet(sp.subnet().id())
                        : chosen instanceof Subnet c ? x.runtime.subnet(c.id()) : null;
            }
        }
    }

    private static Dhcp6Runtime.SubnetPools findSubnet(Dhcp6Exchange x) throws ParseException {
        Dhcp6Runtime rt = x.runtime;
        if (x.relayed()) {
            Octets ifaceId = null;
            Ip6Address link = null;
            for (int i = x.relays.size() - 1; i >= 0; i--) {
                Dhcp6RelayMessage r = x.relays.get(i);
                if (ifaceId == null) {
                    ifaceId = r.interfaceId();
                }
                Ip6Address la = r.linkAddress();
                if (link == null && !la.equals(Ip6Address.UNSPECIFIED) && !linkLocal(la)) {
                    link = la;
                }
            }
            if (ifaceId != null) {
                for (Dhcp6Runtime.SubnetPools sp : rt.subnets()) {
                    String want = sp.subnet().effective().interfaceId();
                    if (want != null && Octets.ofUtf8(want).equals(ifaceId) && allowed(x, sp)) {
                        return sp;
                    }
                }
            }
            if (link != null) {
                for (Dhcp6Runtime.SubnetPools sp : rt.subnets()) {
                    var relays = sp.subnet().effective().relayAddresses();
                    if (relays != null && allowed(x, sp)) {
                        for (var a : relays) {
                            if (Dhcp6Runtime.ip6(a).equals(link)) {
                                return sp;
                            }
                        }
                    }
                }
                for (Dhcp6Runtime.SubnetPools sp : rt.subnets()) {
                    if (sp.contains(link) && allowed(x, sp)) {
                        return sp;
                    }
                }
                return null;
            }
        }
        String iface = x.received.iface();
        if (iface != null) {
            for (Dhcp6Runtime.SubnetPools sp : rt.subnets()) {
                if (iface.equals(sp.subnet().effective().iface()) && allowed(x, sp)) {
                    return sp;
                }
            }
        }
        if (x.received.source() instanceof Inet6Address src) {
            Ip6Address a = Ip6Address.of(src.getAddress());
            if (!linkLocal(a)) {
                for (Dhcp6Runtime.SubnetPools sp : rt.subnets()) {
                    if (sp.contains(a) && allowed(x, sp)) {
                        return sp;
                    }
                }
            }
        }
        for (Ip6Address a : x.received.ifaceAddresses()) {
            for (Dhcp6Runtime.SubnetPools sp : rt.subnets()) {
                if (sp.contains(a) && allowed(x, sp)) {
                    return sp;
                }
            }
        }
        return null;
    }

    private static boolean linkLocal(Ip6Address a) {
        return (a.high() >>> 54) == (0xfe80L >>> 6);
    }

    /** Whether the client's classes let it use the subnet (and its shared network). */
    private static boolean allowed(Dhcp6Exchange x, Dhcp6Runtime.SubnetPools sp) {
        if (!member(x, sp.subnet().clientClasses())) {
            return false;
        }
        String net = sp.subnet().sharedNetwork();
        if (net != null) {
            for (SharedNetwork n : x.runtime.config().sharedNetworks()) {
                if (n.name().equals(net)) {
                    return member(x, n.clientClasses());
                }
            }
        }
        return true;
    }

    private static boolean member(Dhcp6Exchange x, List<String> required) {
        if (required.isEmpty()) {
            return true;
        }
        for (String c : required) {
            if (x.classes.contains(c)) {
                return true;
            }
        }
        return false;
    }

    // ---- stage 4: host lookup ------------------------------------------------------------------------------------

    private static void hostLookup(Dhcp6Exchange x) {
        var ids = new io.tui.dhcp.core.host.HostLookup.Identifiers()
                .with(io.tui.dhcp.core.host.IdentifierType.DUID, x.duidBytes)
                .with(io.tui.dhcp.core.host.IdentifierType.HW_ADDRESS, x.hwAddress);
        NetworkParams p = x.subnet == null ? x.runtime.config().global() : x.subnet.subnet().effective();
        var h = x.runtime.hosts().find(x.subnet == null ? 0 : x.subnet.subnet().id(),
                !Boolean.FALSE.equals(p.reservationsInSubnet()), Boolean.TRUE.equals(p.reservationsGlobal()), ids);
        x.host = h == null ? null : h.reservation();
        if (x.host != null) {
            x.classes.addAll(x.host.clientClasses());
            if (x.host.hostname() != null && !x.host.hostname().isEmpty()) {
                x.hostname = x.host.hostname();
            }
        }
        x.runtime.classifier().classifyAfterHostLookup(x.view, x.host != null, x.classes);
    }

    // ---- stage 5: additional classes ----------------------------------------------------------------------------

    private static void additionalClasses(Dhcp6Exchange x) {
        if (x.subnet == null) {
            return;
        }
        List<String> wanted = new ArrayList<>();
        Subnet s = x.subnet.subnet();
        for (var p : s.pools()) {
            wanted.addAll(p.additionalClasses());
        }
        for (var p : s.pdPools()) {
            wanted.addAll(p.additionalClasses());
        }
        wanted.addAll(s.additionalClasses());
        if (s.sharedNetwork() != null) {
            for (SharedNetwork n : x.runtime.config().sharedNetworks()) {
                if (n.name().equals(s.sharedNetwork())) {
                    wanted.addAll(n.additionalClasses());
                }
            }
        }
        if (!wanted.isEmpty()) {
            x.runtime.classifier().classifyAdditional(x.view, wanted, x.classes);
        }
    }

    // ---- stage 6: the message type's handler ---------------------------------------------------------------------

    private boolean handle(Dhcp6Exchange x) throws ParseException {
        Dhcp6MessageType type = x.client.type();
        x.replyOptions.add(new ServerIdOption(x.runtime.serverId()));
        if (x.clientDuid != null) {
            x.replyOptions.add(clientIdOption(x));
        }
        if (x.received.unicast() && !x.relayed() && !unicastAllowed(x)) {
            // RFC 8415 18.4: a server that did not offer unicast answers UseMulticast, and nothing else.
            x.replyOptions.add(StatusCodeOption.of(Dhcp6StatusCode.USE_MULTICAST,
                    "Unicast is not allowed; use multicast"));
            x.useMulticast = true;
            return true;
        }
        switch (type) {
            case SOLICIT -> {
                boolean rapid = x.client.options().hasRapidCommit() && x.subnet != null
                        && Boolean.TRUE.equals(x.subnet.subnet().effective().rapidCommit());
                if (rapid) {
                    x.replyType = Dhcp6MessageType.REPLY.code();
                    x.rapidCommit = true;
                    x.replyOptions.add(new RapidCommitOption());
                }
                assignAll(x, !rapid);
            }
            case REQUEST -> assignAll(x, false);
            case RENEW, REBIND -> extendAll(x);
            case RELEASE -> release(x);
            case DECLINE -> decline(x);
            case CONFIRM -> {
                return confirm(x);
            }
            case INFORMATION_REQUEST -> {
                // options only
            }
            default -> {
                return drop(x, type + " is not handled");
            }
        }
        return true;
    }

    private static ClientIdOption clientIdOption(Dhcp6Exchange x) {
        return new ClientIdOption(x.clientDuid);
    }

    /** Unicast is allowed when the server offers it: the {@code unicast} option (12) is configured for the client. */
    private static boolean unicastAllowed(Dhcp6Exchange x) {
        Dhcp6MessageType t = x.client.type();
        if (t != Dhcp6MessageType.REQUEST && t != Dhcp6MessageType.RENEW && t != Dhcp6MessageType.RELEASE
                && t != Dhcp6MessageType.DECLINE) {
            return true;
        }
        for (List<OptionData> list : optionLists(x)) {
            for (OptionData d : list) {
                if (d.resolved() != null && d.resolved().code() == Dhcp6OptionCode.UNICAST
                        && "dhcp6".equals(d.resolved().space())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void assignAll(Dhcp6Exchange x, boolean fake) throws ParseException {
        for (IaNaOption ia : x.client.options().iaNa()) {
            x.replyOptions.add(assignNa(x, ia, fake));
        }
        for (IaPdOption ia : x.client.options().iaPd()) {
            x.replyOptions.add(assignPd(x, ia, fake));
        }
    }

    private Client6 client(Dhcp6Exchange x, int iaid, LeaseType type) {
        return new Client6(x.duidBytes, Integer.toUnsignedLong(iaid), type, x.hwAddress);
    }

    /** The address pools of the network the client may use, selected subnet first. */
    private static List<Pool<Ip6Address>> pools(Dhcp6Exchange x, boolean pd, int lengthHint, boolean[] excluded) {
        List<Pool<Ip6Address>> out = new ArrayList<>();
        for (Dhcp6Runtime.SubnetPools sp : x.runtime.network(x.subnet)) {
            if (sp != x.subnet && !allowed(x, sp)) {
                continue;
            }
            Subnet s = sp.subnet();
            if (pd) {
                for (Dhcp6Runtime.PdRange p : sp.pd()) {
                    if (member(x, p.config().clientClasses())) {
                        out.addAll(p.dynamic());
                    } else {
                        excluded[0] = true;
                    }
                }
            } else {
                for (Dhcp6Runtime.NaPool p : sp.na()) {
                    if (member(x, p.config().clientClasses())) {
                        out.addAll(p.dynamic());
                    } else {
                        excluded[0] = true;
                    }
                }
            }
        }
        if (pd && lengthHint > 0) {
            // prefix-len-hint: pools delegating the asked length first, then shorter ones, then longer ones
            out.sort(Comparator.comparingInt(p -> {
                int d = ((PdPool) p).delegatedLength();
                return d == lengthHint ? 0 : d < lengthHint ? 1 : 2;
            }));
        }
        return out;
    }

    /** The lifetimes for an IA: a class's or the subnet's, clamped to the client's hints when it gave any. */
    private static Lifetimes lifetimes(Dhcp6Exchange x, Dhcp6Runtime.SubnetPools sp, long prefHint, long validHint) {
        NetworkParams p = sp.subnet().effective();
        Triplet valid = p.valid();
        Triplet preferred = p.preferred();
        for (String name : x.classes) {
            ClientClass c = x.runtime.clientClass(name);
            if (c != null) {
                if (c.valid() != null && valid == p.valid()) {
                    valid = c.valid();
                }
                if (c.preferred() != null && preferred == p.preferred()) {
                    preferred = c.preferred();
                }
            }
        }
        long v = validHint > 0 ? valid.clamp(validHint) : valid.value();
        long pr = preferred == null ? v * 5 / 8 : prefHint > 0 ? preferred.clamp(prefHint) : preferred.value();
        return new Lifetimes(v, Math.min(pr, v));
    }

    private IaNaOption assignNa(Dhcp6Exchange x, IaNaOption ia, boolean fake) throws ParseException {
        if (x.subnet == null) {
            stats.allocationFailed(0, Dhcp6Stats.Failure.SUBNET);
            return IaNaOption.of(ia.iaid(), 0, 0,
                    StatusCodeOption.of(Dhcp6StatusCode.NO_ADDRS_AVAIL, "Sorry, no subnet available."));
        }
        Ip6Address hint = null;
        long prefHint = 0;
        long validHint = 0;
        for (IaAddressOption a : ia.options().addresses()) {
            hint = a.address().equals(Ip6Address.UNSPECIFIED) ? null : a.address();
            prefHint = a.preferredLifetime();
            validHint = a.validLifetime();
            break;
        }
        Ip6Address reserved = reservedAddress(x);
        if (reserved != null) {
            hint = reserved;
        }
        Lease6 lease = allocate(x, client(x, ia.iaid(), LeaseType.NA), false, hint, 0,
                lifetimes(x, x.subnet, prefHint, validHint), fake);
        if (lease == null) {
            return IaNaOption.of(ia.iaid(), 0, 0,
                    StatusCodeOption.of(Dhcp6StatusCode.NO_ADDRS_AVAIL, "Sorry, no address could be allocated."));
        }
        long[] t = teeTimes(x, lease.preferredLifetime());
        return IaNaOption.of(ia.iaid(), t[0], t[1],
                IaAddressOption.of(lease.address(), lease.preferredLifetime(), lease.validLifetime()));
    }

    private IaPdOption assignPd(Dhcp6Exchange x, IaPdOption ia, boolean fake) throws ParseException {
        if (x.subnet == null) {
            stats.allocationFailed(0, Dhcp6Stats.Failure.SUBNET);
            return IaPdOption.of(ia.iaid(), 0, 0,
                    StatusCodeOption.of(Dhcp6StatusCode.NO_PREFIX_AVAIL, "Sorry, no subnet available."));
        }
        Ip6Address hint = null;
        int lengthHint = 0;
        long prefHint = 0;
        long validHint = 0;
        for (IaPrefixOption p : ia.options().prefixes()) {
            lengthHint = p.prefixLength();
            prefHint = p.preferredLifetime();
            validHint = p.validLifetime();
            if (!p.prefix().equals(Ip6Address.UNSPECIFIED)) {
                hint = p.prefix();
            }
            break;
        }
        Ip6Address reserved = reservedPrefix(x);
        if (reserved != null) {
            hint = reserved;
        }
        Lease6 lease = allocate(x, client(x, ia.iaid(), LeaseType.PD), true, hint, lengthHint,
                lifetimes(x, x.subnet, prefHint, validHint), fake);
        if (lease == null) {
            return IaPdOption.of(ia.iaid(), 0, 0,
                    StatusCodeOption.of(Dhcp6StatusCode.NO_PREFIX_AVAIL, "Sorry, no prefixes could be allocated."));
        }
        long[] t = teeTimes(x, lease.preferredLifetime());
        return IaPdOption.of(ia.iaid(), t[0], t[1], prefixOption(x, lease, lease.preferredLifetime(),
                lease.validLifetime()));
    }

    private static Ip6Address reservedAddress(Dhcp6Exchange x) {
        if (x.host == null || x.host.addresses().isEmpty()) {
            return null;
        }
        return Dhcp6Runtime.ip6(x.host.addresses().getFirst());
    }

    private static Ip6Address reservedPrefix(Dhcp6Exchange x) {
        if (x.host == null || x.host.prefixes().isEmpty()) {
            return null;
        }
        return Dhcp6Runtime.ip6(x.host.prefixes().getFirst().address());
    }

    /** One allocation through the lease service; counts failures. Null when nothing could be given. */
    private Lease6 allocate(Dhcp6Exchange x, Client6 client, boolean pd, Ip6Address hint, int lengthHint,
            Lifetimes lifetimes, boolean fake) {
        boolean[] excluded = {false};
        List<Pool<Ip6Address>> pools = pools(x, pd, lengthHint, excluded);
        if (hint != null && x.host != null) {
            for (Dhcp6Runtime.SubnetPools sp : x.runtime.network(x.subnet)) {
                Pool<Ip6Address> r = pd ? sp.reservedPd().get(hint) : sp.reservedNa().get(hint);
                if (r != null) {
                    pools.addFirst(r);
                    break;
                }
            }
        }
        long subnetId = x.subnet.subnet().id();
        if (pools.isEmpty()) {
            stats.allocationFailed(subnetId, excluded[0] ? Dhcp6Stats.Failure.CLASSES : Dhcp6Stats.Failure.NO_POOLS);
            return null;
        }
        boolean hook = has(x, CalloutPoint.LEASE6_SELECT);
        List<Lease6> before = hook && !fake ? clientLeases(x, client) : List.of();
        Allocation<Lease6> a = x.leases.allocate(new AllocationRequest<>(client, pools, hint, lifetimes, x.hostname,
                fake, x.now));
        if (!a.granted()) {
            stats.allocationFailed(subnetId, x.subnet.subnet().sharedNetwork() != null
                    ? Dhcp6Stats.Failure.SHARED_NETWORK : Dhcp6Stats.Failure.SUBNET);
            return null;
        }
        x.durable.add(a.durable());
        if (hook && selectSkipped(x, a.lease(), fake)) {
            if (!fake) {
                Lease6 prior = null;
                for (Lease6 l : before) {
                    if (l.address().equals(a.lease().address())) {
                        prior = l;
                    }
                }
                undo(x, a.lease().address(), prior);
            }
            return null;
        }
        x.granted.add(a.lease());
        return a.lease();
    }

    /** The client's leases of the IA in the network (any state): what an allocation may change. */
    private static List<Lease6> clientLeases(Dhcp6Exchange x, Client6 client) {
        List<Lease6> out = new ArrayList<>();
        for (Dhcp6Runtime.SubnetPools sp : x.runtime.network(x.subnet)) {
            out.addAll(x.leases.find(new LeaseKey.Ia6(x.duidBytes, client.iaid(), client.type(), sp.subnet().id())));
        }
        return out;
    }

    /** lease6_select: true when a callout set SKIP or DROP (the lease is not handed out). */
    private static boolean selectSkipped(Dhcp6Exchange x, Lease6 lease, boolean fake) {
        Dhcp6Runtime.SubnetPools sp = x.runtime.subnet(lease.subnetId());
        Dhcp6Runtime.SubnetPools subnet = sp != null ? sp : x.subnet;
        CalloutHandle h = x.callouts.call(CalloutPoint.LEASE6_SELECT,
                () -> new CalloutHandle(CalloutPoint.LEASE6_SELECT).set("query6", x.query).set("subnet6", subnet)
                        .set("fake_allocation", fake).set("lease6", lease));
        return h != null && h.status() != CalloutHandle.Status.CONTINUE;
    }

    /** IAPREFIX for a delegated prefix, with the pool's excluded prefix (RFC 6603) when the client asked for it. */
    private static IaPrefixOption prefixOption(Dhcp6Exchange x, Lease6 lease, long preferred, long valid) {
        io.tui.dhcp.core.config.model.PdPool pool = configPdPool(x.runtime, lease);
        if (pool != null && pool.excludedPrefix() != null && x.requested.contains(Dhcp6OptionCode.PD_EXCLUDE)) {
            int dlen = lease.prefixLength();
            int elen = pool.excludedPrefix().length();
            if (elen > dlen) {
                Ip6Address ex = excludedFor(lease.address(), dlen, Dhcp6Runtime.ip6(pool.excludedPrefix().address()));
                return IaPrefixOption.of(lease.address(), dlen, preferred, valid,
                        PdExcludeOption.of(lease.address(), dlen, ex, elen));
            }
        }
        return IaPrefixOption.of(lease.address(), lease.prefixLength(), preferred, valid);
    }

    /** The delegated prefix's bits up to {@code dlen}, then the configured excluded prefix's bits after it. */
    static Ip6Address excludedFor(Ip6Address delegated, int dlen, Ip6Address excluded) {
        long hiMask = dlen >= 64 ? -1L : dlen == 0 ? 0 : -1L << (64 - dlen);
        long loMask = dlen <= 64 ? 0 : dlen >= 128 ? -1L : -1L << (128 - dlen);
        return new Ip6Address((delegated.high() & hiMask) | (excluded.high() & ~hiMask),
                (delegated.low() & loMask) | (excluded.low() & ~loMask));
    }

    private static io.tui.dhcp.core.config.model.PdPool configPdPool(Dhcp6Runtime rt, Lease6 lease) {
        Dhcp6Runtime.SubnetPools sp = rt.subnet(lease.subnetId());
        if (sp == null) {
            return null;
        }
        for (Dhcp6Runtime.PdRange p : sp.pd()) {
            if (p.range().contains(lease.address())) {
                return p.config();
            }
        }
        return null;
    }

    private static List<OptionData> configPoolOptions(Dhcp6Runtime rt, Lease6 lease) {
        Dhcp6Runtime.SubnetPools sp = rt.subnet(lease.subnetId());
        if (sp == null) {
            return List.of();
        }
        if (lease.type() == LeaseType.PD) {
            io.tui.dhcp.core.config.model.PdPool p = configPdPool(rt, lease);
            return p == null ? List.of() : p.options();
        }
        Dhcp6Runtime.NaPool p = sp.naPoolOf(lease.address());
        return p == null ? List.of() : p.config().options();
    }

    /**
     * T1 and T2 of an IA from its preferred lifetime, as Kea: renew-timer/rebind-timer when given, else (with
     * calculate-tee-times) the percentages of the preferred lifetime; T1 is 0 unless below T2.
     */
    private static long[] teeTimes(Dhcp6Exchange x, long preferred) {
        NetworkParams p = x.subnet.subnet().effective();
        long t2 = 0;
        if (p.rebindTimer() != null) {
            t2 = p.rebindTimer();
        } else if (Boolean.TRUE.equals(p.calculateTeeTimes()) && p.t2Percent() != null) {
            t2 = Math.round(p.t2Percent() * preferred);
        }
        long t1 = 0;
        if (p.renewTimer() != null) {
            t1 = p.renewTimer();
        } else if (Boolean.TRUE.equals(p.calculateTeeTimes()) && p.t1Percent() != null) {
            t1 = Math.round(p.t1Percent() * preferred);
        }
        if (t2 > 0 && t1 >= t2) {
            t1 = 0;
        }
        return new long[] {Math.min(t1, 0xffff_ffffL), Math.min(t2, 0xffff_ffffL)};
    }

    // ---- RENEW / REBIND ------------------------------------------------------------------------------------------

    private void extendAll(Dhcp6Exchange x) throws ParseException {
        for (IaNaOption ia : x.client.options().iaNa()) {
            List<Ip6Address> asked = new ArrayList<>();
            for (IaAddressOption a : ia.options().addresses()) {
                asked.add(a.address());
            }
            List<Dhcp6Option> inner = new ArrayList<>();
            Lease6 first = extend(x, ia.iaid(), LeaseType.NA, asked, java.util.Map.of(), inner);
            if (first == null) {
                inner.add(StatusCodeOption.of(Dhcp6StatusCode.NO_BINDING, "No binding for this IA_NA."));
                x.replyOptions.add(new IaNaOption(ia.iaid(), 0, 0, Dhcp6Options.copyOf(inner)));
            } else {
                long[] t = teeTimes(x, first.preferredLifetime());
                x.replyOptions.add(new IaNaOption(ia.iaid(), t[0], t[1], Dhcp6Options.copyOf(inner)));
            }
        }
        for (IaPdOption ia : x.client.options().iaPd()) {
            List<Ip6Address> asked = new ArrayList<>();
            java.util.Map<Ip6Address, Integer> lengths = new java.util.HashMap<>();
            for (IaPrefixOption p : ia.options().prefixes()) {
                asked.add(p.prefix());
                lengths.putIfAbsent(p.prefix(), p.prefixLength());
            }
            List<Dhcp6Option> inner = new ArrayList<>();
            Lease6 first = extend(x, ia.iaid(), LeaseType.PD, asked, lengths, inner);
            if (first == null) {
                inner.add(StatusCodeOption.of(Dhcp6StatusCode.NO_BINDING, "No binding for this IA_PD."));
                x.replyOptions.add(new IaPdOption(ia.iaid(), 0, 0, Dhcp6Options.copyOf(inner)));
            } else {
                long[] t = teeTimes(x, first.preferredLifetime());
                x.replyOptions.add(new IaPdOption(ia.iaid(), t[0], t[1], Dhcp6Options.copyOf(inner)));
            }
        }
    }

    /**
     * Extends the IA's leases in the client's network (allocating one when it has none, as Kea does), adds them to
     * {@code inner}, and adds the addresses the client listed that it may no longer use with lifetimes 0.
     */
    private Lease6 extend(Dhcp6Exchange x, int iaid, LeaseType type, List<Ip6Address> asked,
            java.util.Map<Ip6Address, Integer> lengths, List<Dhcp6Option> inner) {
        if (x.subnet == null) {
            for (Ip6Address a : asked) {
                inner.add(zeroed(type, a, lengths.getOrDefault(a, 128)));
            }
            return null;
        }
        Client6 client = client(x, iaid, type);
        Lifetimes lt = lifetimes(x, x.subnet, 0, 0);
        Set<Ip6Address> given = new HashSet<>();
        Lease6 first = null;
        for (Dhcp6Runtime.SubnetPools sp : x.runtime.network(x.subnet)) {
            for (Lease6 l : x.leases.find(new LeaseKey.Ia6(x.duidBytes, Integer.toUnsignedLong(iaid), type,
                    sp.subnet().id()))) {
                if (l.state() != LeaseState.DEFAULT || !client.owns(l) || !allowed(x, sp)) {
                    continue;
                }
                Allocation<Lease6> a = x.leases.renew(new AllocationRequest<>(client, List.of(), null,
                        lifetimes(x, sp, 0, 0), x.hostname, false, x.now), l.address());
                if (a.granted()) {
                    x.durable.add(a.durable());
                    Lease6 kept = a.lease();
                    if (extendSkipped(x, sp, a.lease())) {
                        undo(x, l.address(), l); // not renewed: the lease stays as it was, and is sent as it is
                        kept = l;
                    }
                    x.granted.add(kept);
                    given.add(kept.address());
                    inner.add(leaseOption(x, kept));
                    first = first == null ? kept : first;
                }
            }
        }
        if (first == null) {
            Ip6Address hint = asked.isEmpty() ? null : asked.getFirst();
            Lease6 l = allocate(x, client, type == LeaseType.PD, hint, 0, lt, false);
            if (l != null) {
                given.add(l.address());
                inner.add(leaseOption(x, l));
                first = l;
            }
        }
        for (Ip6Address a : asked) {
            if (!a.equals(Ip6Address.UNSPECIFIED) && !given.contains(a)) {
                inner.add(zeroed(type, a, lengths.getOrDefault(a, 128)));
            }
        }
        return first;
    }

    /** lease6_renew (RENEW) or lease6_rebind (REBIND): true when a callout set SKIP or DROP. */
    private static boolean extendSkipped(Dhcp6Exchange x, Dhcp6Runtime.SubnetPools sp, Lease6 lease) {
        CalloutPoint point = x.client.type() == Dhcp6MessageType.REBIND ? CalloutPoint.LEASE6_REBIND
                : CalloutPoint.LEASE6_RENEW;
        if (!has(x, point)) {
            return false;
        }
        CalloutHandle h = x.callouts.call(point,
                () -> new CalloutHandle(point).set("query6", x.query).set("subnet6", sp).set("lease6", lease));
        return h != null && h.status() != CalloutHandle.Status.CONTINUE;
    }

    private static Dhcp6Option leaseOption(Dhcp6Exchange x, Lease6 l) {
        return l.type() == LeaseType.PD ? prefixOption(x, l, l.preferredLifetime(), l.validLifetime())
                : IaAddressOption.of(l.address(), l.preferredLifetime(), l.validLifetime());
    }

    private static Dhcp6Option zeroed(LeaseType type, Ip6Address a, int length) {
        return type == LeaseType.PD ? IaPrefixOption.of(a, length, 0, 0) : IaAddressOption.of(a, 0, 0);
    }

    // ---- RELEASE / DECLINE / CONFIRM -----------------------------------------------------------------------------

    private void release(Dhcp6Exchange x) throws ParseException {
        boolean allOk = true;
        for (IaNaOption ia : x.client.options().iaNa()) {
            List<Ip6Address> addrs = new ArrayList<>();
            for (IaAddressOption a : ia.options().addresses()) {
                addrs.add(a.address());
            }
            boolean ok = releaseIa(x, client(x, ia.iaid(), LeaseType.NA), addrs);
            allOk &= ok;
            x.replyOptions.add(IaNaOption.of(ia.iaid(), 0, 0, releaseStatus(ok)));
        }
        for (IaPdOption ia : x.client.options().iaPd()) {
            List<Ip6Address> addrs = new ArrayList<>();
            for (IaPrefixOption p : ia.options().prefixes()) {
                addrs.add(p.prefix());
            }
            boolean ok = releaseIa(x, client(x, ia.iaid(), LeaseType.PD), addrs);
            allOk &= ok;
            x.replyOptions.add(IaPdOption.of(ia.iaid(), 0, 0, releaseStatus(ok)));
        }
        x.replyOptions.add(allOk ? StatusCodeOption.of(Dhcp6StatusCode.SUCCESS, "Summary status for all processed IA_NAs")
                : StatusCodeOption.of(Dhcp6StatusCode.NO_BINDING, "One or more IAs had no binding"));
    }

    private static StatusCodeOption releaseStatus(boolean ok) {
        return ok ? StatusCodeOption.of(Dhcp6StatusCode.SUCCESS, "Lease released. Thank you, please come again.")
                : StatusCodeOption.of(Dhcp6StatusCode.NO_BINDING, "Sorry, no known leases for this IA.");
    }

    private boolean releaseIa(Dhcp6Exchange x, Client6 client, List<Ip6Address> addrs) {
        if (addrs.isEmpty()) {
            return false;
        }
        boolean ok = true;
        for (Ip6Address a : addrs) {
            Lease6 held = leaseForHooks(x, CalloutPoint.LEASE6_RELEASE, a);
            if (leaseCallout(x, CalloutPoint.LEASE6_RELEASE, client, held) != null) {
                continue; // SKIP: the lease is kept (and goes through expiry); the client is answered as released
            }
            Allocation<Lease6> r = x.leases.release(client, a, true, x.now);
            if (r.granted()) {
                x.durable.add(r.durable());
                if (held != null) {
                    x.deleted.add(held);
                }
            } else {
                ok = false;
            }
        }
        return ok;
    }

    private void decline(Dhcp6Exchange x) throws ParseException {
        long probation = x.runtime.config().settings().declineProbationPeriod();
        for (IaNaOption ia : x.client.options().iaNa()) {
            Client6 client = client(x, ia.iaid(), LeaseType.NA);
            boolean ok = !ia.options().addresses().isEmpty();
            for (IaAddressOption a : ia.options().addresses()) {
                Lease6 held = leaseForHooks(x, CalloutPoint.LEASE6_DECLINE, a.address());
                CalloutHandle.Status hook = leaseCallout(x, CalloutPoint.LEASE6_DECLINE, client, held);
                if (hook == CalloutHandle.Status.DROP) {
                    x.hookDrop = "DHCP6_HOOK_DECLINE_DROP a lease6_decline callout dropped the packet";
                    continue;
                }
                if (hook == CalloutHandle.Status.SKIP) {
                    continue; // not declined; the client is answered as if it were (Kea)
                }
                Allocation<Lease6> r = x.leases.decline(client, a.address(), probation, x.now);
                if (r.granted()) {
                    x.durable.add(r.durable());
                    if (held != null) {
                        x.deleted.add(held);
                    }
                } else {
                    ok = false;
                }
            }
            x.replyOptions.add(IaNaOption.of(ia.iaid(), 0, 0, ok
                    ? StatusCodeOption.of(Dhcp6StatusCode.SUCCESS, "Lease declined. Hopefully the next one will be better.")
                    : StatusCodeOption.of(Dhcp6StatusCode.NO_BINDING, "Server does not know about such an address.")));
        }
    }

    private static boolean confirm(Dhcp6Exchange x) throws ParseException {
        List<Ip6Address> addrs = new ArrayList<>();
        for (IaNaOption ia : x.client.options().iaNa()) {
            for (IaAddressOption a : ia.options().addresses()) {
                addrs.add(a.address());
            }
        }
        if (addrs.isEmpty()) {
            return drop(x, "CONFIRM without addresses");
        }
        if (x.subnet == null) {
            return drop(x, "CONFIRM from a link with no subnet");
        }
        List<Dhcp6Runtime.SubnetPools> net = x.runtime.network(x.subnet);
        for (Ip6Address a : addrs) {
            boolean on = false;
            for (Dhcp6Runtime.SubnetPools sp : net) {
                on |= sp.contains(a);
            }
            if (!on) {
                x.replyOptions.add(StatusCodeOption.of(Dhcp6StatusCode.NOT_ON_LINK,
                        "Some of the addresses are not on link."));
                return true;
            }
        }
        x.replyOptions.add(StatusCodeOption.of(Dhcp6StatusCode.SUCCESS, "All addresses are on-link."));
        return true;
    }

    // ---- stage 7: options ----------------------------------------------------------------------------------------

    /** The option-data lists in precedence order: host, pools of granted leases, subnet+network, classes, global. */
    private static List<List<OptionData>> optionLists(Dhcp6Exchange x) {
        List<List<OptionData>> lists = new ArrayList<>();
        if (x.host != null) {
            lists.add(x.host.options());
        }
        for (Lease6 l : x.granted) {
            lists.add(configPoolOptions(x.runtime, l));
        }
        if (x.subnet != null) {
            lists.add(x.subnet.subnet().inheritedOptions());
        }
        if (x.classes != null) {
            for (String name : x.classes) {
                ClientClass c = x.runtime.clientClass(name);
                if (c != null) {
                    lists.add(c.options());
                }
            }
        }
        lists.add(x.runtime.config().options());
        return lists;
    }

    /** Codes the server sets itself; configured option-data never replaces them. */
    private static boolean serverOwned(int code) {
        return switch (code) {
            case Dhcp6OptionCode.CLIENTID, Dhcp6OptionCode.SERVERID, Dhcp6OptionCode.IA_NA, Dhcp6OptionCode.IA_TA,
                 Dhcp6OptionCode.IAADDR, Dhcp6OptionCode.ORO, Dhcp6OptionCode.ELAPSED_TIME, Dhcp6OptionCode.RELAY_MSG,
                 Dhcp6OptionCode.STATUS_CODE, Dhcp6OptionCode.RAPID_COMMIT, Dhcp6OptionCode.INTERFACE_ID,
                 Dhcp6OptionCode.IA_PD, Dhcp6OptionCode.IAPREFIX, Dhcp6OptionCode.PD_EXCLUDE -> true;
            default -> false;
        };
    }

    /** Adds the configured options the client asked for (ORO) or that are {@code always-send}, first scope wins. */
    private static void appendOptions(Dhcp6Exchange x) {
        if (x.dropReason != null || x.useMulticast) {
            return;
        }
        List<List<OptionData>> lists = optionLists(x);
        // codes some scope sends always; the ORO asks for the rest (a few codes each: small arrays, no sets)
        int[] always = new int[4];
        int alwaysCount = 0;
        for (List<OptionData> list : lists) {
            for (OptionData d : list) {
                ResolvedOption r = d.resolved();
                if (r != null && r.alwaysSend() && "dhcp6".equals(r.space())
                        && !contains(always, alwaysCount, r.code())) {
                    if (alwaysCount == always.length) {
                        always = java.util.Arrays.copyOf(always, alwaysCount * 2);
                    }
                    always[alwaysCount++] = r.code();
                }
            }
        }
        int[] decided = new int[8];
        int decidedCount = 0;
        for (List<OptionData> list : lists) {
            for (OptionData d : list) {
                ResolvedOption r = d.resolved();
                if (r == null || !"dhcp6".equals(r.space()) || serverOwned(r.code())) {
                    continue;
                }
                int code = r.code();
                // the preference option is the server's own choice: sent whenever configured
                boolean wanted = code == Dhcp6OptionCode.PREFERENCE || x.requested.contains(code)
                        || contains(always, alwaysCount, code);
                if (!wanted || contains(decided, decidedCount, code) || !member(x, d.clientClasses())) {
                    continue;
                }
                if (decidedCount == decided.length) {
                    decided = java.util.Arrays.copyOf(decided, decidedCount * 2);
                }
                decided[decidedCount++] = code;
                if (!r.neverSend()) {
                    x.replyOptions.add(RawOption.of(code, r.payload()));
                }
            }
        }
    }

    private static boolean contains(int[] codes, int n, int code) {
        for (int i = 0; i < n; i++) {
            if (codes[i] == code) {
                return true;
            }
        }
        return false;
    }

    // ---- stage 8: the reply --------------------------------------------------------------------------------------

    private static Dhcp6Message build(Dhcp6Exchange x) {
        List<Dhcp6Option> opts = new ArrayList<>(x.replyOptions);
        opts.sort(Comparator.comparingInt(Dhcp6Option::code));
        Dhcp6ClientMessage reply = new Dhcp6ClientMessage(x.replyType, x.client.transactionId(),
                Dhcp6Options.copyOf(opts));
        return Dhcp6Relays.wrapReply(x.query, reply);
    }
}
