package io.tui.dhcp4.server;

import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.alloc.Allocation;
import io.tui.dhcp.core.alloc.AllocationRequest;
import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.LeaseService;
import io.tui.dhcp.core.alloc.Lifetimes;
import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.classify.Packet4View;
import io.tui.dhcp.core.config.model.ClientClass;
import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.config.model.NetworkParams;
import io.tui.dhcp.core.config.model.OptionData;
import io.tui.dhcp.core.config.model.Services;
import io.tui.dhcp.core.config.model.SharedNetwork;
import io.tui.dhcp.core.config.model.Triplet;
import io.tui.dhcp.core.hook.CalloutHandle;
import io.tui.dhcp.core.hook.CalloutPoint;
import io.tui.dhcp.core.hook.Callouts;
import io.tui.dhcp.core.host.HostLookup;
import io.tui.dhcp.core.host.IdentifierType;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.server.ClassGuard;
import io.tui.dhcp.core.server.Pool4Runtime;
import io.tui.dhcp.core.server.Runtime4;
import io.tui.dhcp.core.server.Subnet4Runtime;
import io.tui.dhcp.core.server.SubnetSelector4;
import io.tui.dhcp.core.stats.StatNames;
import io.tui.dhcp.core.stats.Statistic;
import io.tui.dhcp.core.stats.StatsRegistry;
import io.tui.dhcp.core.wire.ParseException;
import io.tui.dhcp.core.wire.v4.ClientFqdn;
import io.tui.dhcp.core.wire.v4.Dhcp4Codec;
import io.tui.dhcp.core.wire.v4.Dhcp4OptionCodes;
import io.tui.dhcp.core.wire.v4.Dhcp4Options;
import io.tui.dhcp.core.wire.v4.Dhcp4Packet;
import io.tui.dhcp.core.wire.v4.DhcpMessageType;
import io.tui.dhcp.core.wire.v4.ParameterRequestList;
import io.tui.dhcp.core.wire.v4.RelayAgentInfo;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The DHCPv4 packet pipeline: one {@link Dhcp4Context} per message through a plain chain of steps (decode, accept,
 * classify, select the subnet, look up the host, classify again, the message's own step, options, route). Thread-safe
 * and socket-free: the transport hands in {@link Inbound4} and sends the {@link Reply4} once the returned stage
 * completes, which is after the lease change is durable in the store.
 *
 * <p>Kea's rules followed here: DISCOVER is answered with an OFFER (nothing written); REQUEST in SELECTING (server
 * identifier must be ours, else dropped), INIT-REBOOT (NAK when the address is not on the client's link or not its
 * lease; silence when the server is not {@code authoritative} and knows no lease of the client), RENEWING and
 * REBINDING get exactly the address asked for, or a NAK; DECLINE holds the address for
 * {@code decline-probation-period}; RELEASE keeps the lease as expired-reclaimed (affinity); INFORM gets options and
 * no lease; BOOTP only with Kea's bootp hook library configured.
 */
public final class Dhcp4Processor {
    private static final Logger LOG = Logger.getLogger("kea-dhcp4.dhcp4");
    private static final Logger PACKETS = Logger.getLogger("kea-dhcp4.packets");
    private static final CompletionStage<Reply4> NONE = CompletableFuture.completedStage(null);
    /** Options the server writes itself; configured values of these are not copied into replies. */
    private static final Set<Integer> SERVER_SET = Set.of(Dhcp4OptionCodes.PAD, Dhcp4OptionCodes.SUBNET_MASK,
            Dhcp4OptionCodes.HOST_NAME, Dhcp4OptionCodes.REQUESTED_ADDRESS, Dhcp4OptionCodes.LEASE_TIME,
            Dhcp4OptionCodes.OPTION_OVERLOAD, Dhcp4OptionCodes.MESSAGE_TYPE, Dhcp4OptionCodes.SERVER_IDENTIFIER,
            Dhcp4OptionCodes.PARAMETER_REQUEST_LIST, Dhcp4OptionCodes.RENEWAL_TIME, Dhcp4OptionCodes.REBINDING_TIME,
            Dhcp4OptionCodes.CLIENT_IDENTIFIER, Dhcp4OptionCodes.CLIENT_FQDN,
            Dhcp4OptionCodes.RELAY_AGENT_INFORMATION, Dhcp4OptionCodes.END);
    /** Kea sends these whenever they are configured, requested or not. */
    private static final Set<Integer> BASIC = Set.of(Dhcp4OptionCodes.ROUTERS, Dhcp4OptionCodes.DOMAIN_NAME_SERVERS,
            Dhcp4OptionCodes.DOMAIN_NAME);
    private static final int BROADCAST = 0xffff_ffff;

    /**
     * What one message is processed against: the runtime configuration and the lease service, swapped together.
     *
     * @param leases the v4 lease service; {@link LeaseService#request} must be implemented
     */
    public record State(Runtime4 runtime, LeaseService<Lease4, Integer, Client4> leases) {}

    private final Supplier<State> state;
    private final StatsRegistry stats;
    private final Clock clock;
    private final BooleanSupplier enabled;
    private final int serverPort;
    private final int clientPort;
    private final Dhcp4Codec codec = new Dhcp4Codec();
    private final Statistic received;
    private final Statistic parseFailed;
    private final Statistic receiveDrop;
    private final Statistic sent;
    private final Statistic offerSent;
    private final Statistic ackSent;
    private final Statistic nakSent;
    private final Statistic[] typeReceived = new Statistic[DhcpMessageType.values().length + 1];
    private final Statistic unknownReceived;
    private final Map<String, Statistic> failures = new ConcurrentHashMap<>();
    private volatile Supplier<Callouts> callouts = () -> null;

    /**
     * @param state      the current configuration and leases (read once per message)
     * @param enabled    false while {@code dhcp-disable} is in force: every message is dropped
     * @param serverPort the port relays are answered on (Kea's {@code -p}, 67)
     * @param clientPort the port clients are answered on (Kea's {@code -P}, 68)
     */
    public Dhcp4Processor(Supplier<State> state, StatsRegistry stats, Clock clock, BooleanSupplier enabled,
            int serverPort, int clientPort) {
        this.state = state;
        this.stats = stats;
        this.clock = clock;
        this.enabled = enabled;
        this.serverPort = serverPort;
        this.clientPort = clientPort;
        this.received = zero(StatNames.PKT4_RECEIVED);
        this.parseFailed = zero(StatNames.PKT4_PARSE_FAILED);
        this.receiveDrop = zero(StatNames.PKT4_RECEIVE_DROP);
        this.sent = zero(StatNames.PKT4_SENT);
        this.offerSent = zero(StatNames.PKT4_OFFER_SENT);
        this.ackSent = zero(StatNames.PKT4_ACK_SENT);
        this.nakSent = zero(StatNames.PKT4_NAK_SENT);
        for (DhcpMessageType t : DhcpMessageType.values()) {
            String name = switch (t) {
                case DHCPDISCOVER -> StatNames.PKT4_DISCOVER_RECEIVED;
                case DHCPOFFER -> StatNames.PKT4_OFFER_RECEIVED;
                case DHCPREQUEST -> StatNames.PKT4_REQUEST_RECEIVED;
                case DHCPACK -> StatNames.PKT4_ACK_RECEIVED;
                case DHCPNAK -> StatNames.PKT4_NAK_RECEIVED;
                case DHCPRELEASE -> StatNames.PKT4_RELEASE_RECEIVED;
                case DHCPDECLINE -> StatNames.PKT4_DECLINE_RECEIVED;
                case DHCPINFORM -> StatNames.PKT4_INFORM_RECEIVED;
                default -> null;
            };
            typeReceived[t.ordinal()] = name == null ? null : zero(name);
        }
        this.unknownReceived = zero(StatNames.PKT4_UNKNOWN_RECEIVED);
        for (String f : new String[] {"v4-allocation-fail", "v4-allocation-fail-shared-network",
                "v4-allocation-fail-subnet", "v4-allocation-fail-no-pools", "v4-allocation-fail-classes"}) {
            failures.put(f, zero(f));
        }
    }

    /**
     * Where the hooks' callouts in force are read, once per message (they change when hooks are reloaded); the
     * supplier may return null (no hooks). {@link Dhcp4Server} wires its control's attached management.
     */
    public void callouts(Supplier<Callouts> source) {
        this.callouts = source == null ? () -> null : source;
    }

    private Statistic zero(String name) {
        Statistic s = stats.counter(name);
        if (stats.get(name).isEmpty()) {
            s.set(0);
        }
        return s;
    }

    /** Counts a reply handed to the socket (the transport calls it after a successful send). */
    public void countSent(Reply4 reply) {
        sent.increment();
        byte[] t = reply.packet().options().get(Dhcp4OptionCodes.MESSAGE_TYPE);
        if (t != null && t.length == 1) {
            switch (t[0]) {
                case 2 -> offerSent.increment();
                case 5 -> ackSent.increment();
                case 6 -> nakSent.increment();
                default -> { }
            }
        }
    }

    /** Encodes a reply into a buffer from {@code alloc} (the caller sends it, which releases it). */
    public io.netty.buffer.ByteBuf encode(Dhcp4Packet reply, io.netty.buffer.ByteBufAllocator alloc) {
        io.netty.buffer.ByteBuf buf = alloc.directBuffer(576);
        try {
            codec.encode(reply, buf, 0);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    /** Encodes a reply, honouring the client's maximum message size (option 57). */
    public ByteBuffer encode(Dhcp4Packet reply, int maxMessageSize) {
        io.netty.buffer.ByteBuf buf = Unpooled.buffer(576);
        try {
            codec.encode(reply, buf, maxMessageSize);
            ByteBuffer out = ByteBuffer.allocate(buf.readableBytes());
            buf.readBytes(out);
            return out.flip();
        } finally {
            buf.release();
        }
    }

    /**
     * Processes one datagram. The stage completes with the reply to send, or null when none is due; it never
     * completes exceptionally for bad input (a malformed packet is counted and dropped).
     */
    public CompletionStage<Reply4> process(Inbound4 in) {
        received.increment();
        try {
            return processChecked(in);
        } catch (ParseException e) {
            parseFailed.increment();
            receiveDrop.increment();
            PACKETS.fine(() -> "DHCP4_PACKET_DROP_0001 failed to parse packet from " + ip(in.source()) + ": "
                    + e.getMessage());
            return NONE;
        } catch (io.tui.dhcp.lease.sql.StoreUnavailableException e) {
            receiveDrop.increment(); // the lease or host database is down or saturated: dropped, not queued
            PACKETS.fine(() -> "DHCP4_PACKET_DROP database unavailable: " + e.getMessage());
            return NONE;
        } catch (RuntimeException e) {
            receiveDrop.increment();
            LOG.log(Level.WARNING, "DHCP4_PACKET_PROCESS_EXCEPTION dropping a packet from " + ip(in.source()), e);
            return NONE;
        }
    }

    private CompletionStage<Reply4> processChecked(Inbound4 in) throws ParseException {
        Dhcp4Packet query = codec.decode(Unpooled.wrappedBuffer(in.data()));
        if (query.op() != Dhcp4Packet.BOOTREQUEST) {
            return drop("not a BOOTREQUEST");
        }
        State st = state.get();
        Dhcp4Context ctx = new Dhcp4Context(in, st, clock.instant().getEpochSecond());
        ctx.query = query;
        ctx.callouts = callouts.get();
        ctx.type = query.options().messageType();
        if (ctx.type == null) {
            if (!bootpEnabled(st.runtime())) {
                return drop("BOOTP is not enabled (no bootp hook library)");
            }
        } else {
            Statistic s = typeReceived[ctx.type.ordinal()];
            (s == null ? unknownReceived : s).increment();
        }
        if (!enabled.getAsBoolean()) {
            return drop("the service is disabled");
        }
        if (query.hardwareAddress().length == 0 && !query.options().contains(Dhcp4OptionCodes.CLIENT_IDENTIFIER)) {
            return drop("no hardware address and no client identifier");
        }
        try {
            ctx.view = new Packet4View(query, in.iface(), inet(in.source()), null, in.data().length);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        ctx.serverId = in.ifaceAddress();
        if (ctx.type != null && !acceptServerId(ctx)) {
            return drop("not for us (server identifier " + ip(query.options().serverIdentifier().orElse(0)) + ")");
        }
        ctx.classes = st.runtime().classifier().classifyEarly(ctx.view);
        if (has(ctx, CalloutPoint.PKT4_RECEIVE)) {
            CalloutHandle h = ctx.callouts.call(CalloutPoint.PKT4_RECEIVE,
                    () -> new CalloutHandle(CalloutPoint.PKT4_RECEIVE).set("query4", query));
            if (h != null && h.status() == CalloutHandle.Status.DROP) {
                return drop("DHCP4_HOOK_PACKET_RCVD_SKIP a pkt4_receive callout dropped the packet");
            }
        }
        selectSubnet(ctx);
        if (ctx.dropped) {
            return drop("DHCP4_HOOK_SUBNET4_SELECT_DROP a subnet4_select callout dropped the packet");
        }
        lookupHost(ctx);
        CompletionStage<Reply4> out;
        if (ctx.type == null) {
            out = bootp(ctx);
        } else {
            out = switch (ctx.type) {
                case DHCPDISCOVER -> discover(ctx);
                case DHCPREQUEST -> request(ctx);
                case DHCPRELEASE -> release(ctx);
                case DHCPDECLINE -> decline(ctx);
                case DHCPINFORM -> inform(ctx);
                default -> drop("message type " + ctx.type + " is not for a server");
            };
        }
        if (out == NONE || !(has(ctx, CalloutPoint.LEASES4_COMMITTED) || has(ctx, CalloutPoint.PKT4_SEND))) {
            return out;
        }
        return out.thenApply(r -> afterProcessing(ctx, r));
    }

    // ---- hook points -------------------------------------------------------------------------------------------

    private static boolean has(Dhcp4Context ctx, CalloutPoint point) {
        return ctx.callouts != null && ctx.callouts.has(point);
    }

    /**
     * leases4_committed (REQUEST and BOOTP, after the lease change is durable) and pkt4_send (every reply): DROP
     * (either) or SKIP (pkt4_send) and the reply is not sent. Never throws: a failure here sends the reply as built.
     */
    private Reply4 afterProcessing(Dhcp4Context ctx, Reply4 reply) {
        if (reply == null) {
            return null;
        }
        try {
            if ((ctx.type == null || ctx.type == DhcpMessageType.DHCPREQUEST)
                    && has(ctx, CalloutPoint.LEASES4_COMMITTED)) {
                byte[] t = reply.packet().options().get(Dhcp4OptionCodes.MESSAGE_TYPE);
                boolean ack = ctx.type == null // a BOOTP reply, or an ACK
                        || t != null && t.length == 1 && t[0] == DhcpMessageType.DHCPACK.code();
                List<Lease4> granted = ack && ctx.lease != null && !ctx.leaseSkipped ? List.of(ctx.lease) : List.of();
                CalloutHandle h = ctx.callouts.call(CalloutPoint.LEASES4_COMMITTED,
                        () -> new CalloutHandle(CalloutPoint.LEASES4_COMMITTED).set("query4", ctx.query)
                                .set("leases4", granted).set("deleted_leases4", List.<Lease4>of()));
                if (h != null && h.status() == CalloutHandle.Status.DROP) {
                    receiveDrop.increment();
                    PACKETS.fine("DHCP4_HOOK_LEASES4_COMMITTED_DROP a leases4_committed callout dropped the packet");
                    return null;
                }
            }
            if (has(ctx, CalloutPoint.PKT4_SEND)) {
                CalloutHandle h = ctx.callouts.call(CalloutPoint.PKT4_SEND,
                        () -> new CalloutHandle(CalloutPoint.PKT4_SEND).set("response4", reply.packet())
                                .set("query4", ctx.query));
                if (h != null && h.status() != CalloutHandle.Status.CONTINUE) {
                    PACKETS.fine("DHCP4_HOOK_PACKET_SEND_SKIP a pkt4_send callout suppressed the response");
                    return null;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "DHCP4_HOOK_FAILED the after-processing callouts failed", e);
        }
        return reply;
    }

    /**
     * lease4_select (a new lease: offered, or granted by REQUEST/BOOTP) or lease4_renew (REQUEST of the client's
     * current lease). Returns true when a callout set SKIP or DROP. For a real allocation the engine has already
     * committed the lease: a SKIP at lease4_select puts back what the address held before (the previous lease, or
     * nothing); a SKIP at lease4_renew puts back the lease as it was before the renewal (Kea: the lease is not
     * updated in the database and the ACK is sent as if it were).
     */
    private boolean leaseCallout(Dhcp4Context ctx, Allocation<Lease4> a, boolean fake, Lease4 before,
            boolean bootp) {
        boolean renew = !fake && !bootp && a.status() == Allocation.Status.EXISTING && before != null;
        CalloutPoint point = renew ? CalloutPoint.LEASE4_RENEW : CalloutPoint.LEASE4_SELECT;
        if (!has(ctx, point)) {
            return false;
        }
        Lease4 lease = a.lease();
        Subnet4Runtime leaseSubnet = ctx.subnetOf(lease.address());
        Subnet4Runtime subnet = leaseSubnet != null ? leaseSubnet : ctx.subnet;
        CalloutHandle h = ctx.callouts.call(point, () -> {
            CalloutHandle x = new CalloutHandle(point).set("query4", ctx.query).set("subnet4", subnet)
                    .set("lease4", lease);
            if (renew) {
                x.set("clientid", ctx.client.clientId()).set("hwaddr", ctx.client.hwAddress());
            } else {
                x.set("fake_allocation", fake);
            }
            return x;
        });
        if (h == null || h.status() == CalloutHandle.Status.CONTINUE) {
            return false;
        }
        if (!fake) {
            undo(ctx, a, before, bootp);
        }
        LOG.fine(() -> "DHCP4_HOOK_" + point.name() + "_SKIP " + ip(lease.address()) + " for "
                + ctx.client.hwAddress().toHex());
        return true;
    }

    /**
     * Puts back what {@code address} held before the engine's change: {@code before}, or no lease. A BOOTP
     * allocation does not know what the address held when it was not free: that lease is released instead.
     */
    private static void undo(Dhcp4Context ctx, Allocation<Lease4> a, Lease4 before, boolean bootp) {
        int address = a.lease().address();
        try {
            if (bootp) {
                if (a.status() == Allocation.Status.HINT || a.status() == Allocation.Status.NEW) {
                    ctx.state.leases().delete(address);
                } else {
                    ctx.state.leases().release(ctx.client, address, true, ctx.now);
                }
            } else if (before == null) {
                ctx.state.leases().delete(address);
            } else {
                ctx.state.leases().update(before, true);
            }
        } catch (io.tui.dhcp.core.alloc.LeaseConflictException | RuntimeException e) {
            LOG.log(Level.WARNING, "DHCP4_HOOK_UNDO_FAILED cannot put back the lease of " + ip(address), e);
        }
    }

    /** lease4_release / lease4_decline: true when a callout set SKIP or DROP (the lease is left as it is). */
    private static boolean skipped(Dhcp4Context ctx, CalloutPoint point, int address) {
        if (!has(ctx, point)) {
            return false;
        }
        Lease4 lease = ctx.state.leases().get(address);
        if (lease == null || !ctx.client.owns(lease)) {
            return false; // Kea calls out for the client's lease only
        }
        CalloutHandle h = ctx.callouts.call(point,
                () -> new CalloutHandle(point).set("query4", ctx.query).set("lease4", lease));
        return h != null && h.status() != CalloutHandle.Status.CONTINUE;
    }

    private CompletionStage<Reply4> drop(String why) {
        receiveDrop.increment();
        PACKETS.fine(() -> "DHCP4_PACKET_DROP " + why);
        return NONE;
    }

    private static boolean bootpEnabled(Runtime4 rt) {
        for (Services.HookLibrary h : rt.config().services().hooks()) {
            if (h.library().endsWith("libdhcp_bootp.so")) {
                return true;
            }
        }
        return false;
    }

    // ---- acceptance, selection, hosts ----------------------------------------------------------------------------

    private boolean acceptServerId(Dhcp4Context ctx) throws ParseException {
        OptionalInt sid = ctx.query.options().serverIdentifier();
        if (sid.isEmpty()) {
            return true;
        }
        int id = sid.getAsInt();
        if (id == ctx.in.ifaceAddress()) {
            return true;
        }
        RelayAgentInfo rai = ctx.query.options().relayAgentInfo();
        if (rai != null && rai.serverIdOverride().isPresent() && rai.serverIdOverride().getAsInt() == id) {
            ctx.serverId = id;
            return true;
        }
        // a server identifier configured with option-data (global, class, network, subnet)
        for (OptionData o : ctx.rt.config().options()) {
            if (isServerId(o, id)) {
                ctx.serverId = id;
                return true;
            }
        }
        for (Subnet4Runtime s : ctx.rt.subnets()) {
            for (OptionData o : s.config().inheritedOptions()) {
                if (isServerId(o, id)) {
                    ctx.serverId = id;
                    return true;
                }
            }
        }
        for (ClientClass c : ctx.rt.classes().values()) {
            for (OptionData o : c.options()) {
                if (isServerId(o, id)) {
                    ctx.serverId = id;
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isServerId(OptionData o, int id) {
        byte[] p = o.resolved().payload();
        return o.resolved().code() == Dhcp4OptionCodes.SERVER_IDENTIFIER && "dhcp4".equals(o.resolved().space())
                && p.length == 4 && ByteBuffer.wrap(p).getInt() == id;
    }

    private static void selectSubnet(Dhcp4Context ctx) throws ParseException {
        ctx.subnet = SubnetSelector4.select(ctx.rt, selectorInput(ctx), ctx.classes);
        if (has(ctx, CalloutPoint.SUBNET4_SELECT)) {
            subnetCallout(ctx);
        }
        if (ctx.subnet != null) {
            ctx.candidates = SubnetSelector4.candidates(ctx.rt, ctx.subnet, ctx.classes);
        }
    }

    /**
     * subnet4_select: a callout may replace {@code subnet4} (with one of {@code subnet4collection}, or a subnet of
     * the configuration by id, or null); SKIP leaves the client without a subnet, DROP drops the packet.
     */
    private static void subnetCallout(Dhcp4Context ctx) {
        Subnet4Runtime selected = ctx.subnet;
        CalloutHandle h = ctx.callouts.call(CalloutPoint.SUBNET4_SELECT,
                () -> new CalloutHandle(CalloutPoint.SUBNET4_SELECT).set("query4", ctx.query)
                        .set("subnet4", selected).set("subnet4collection", ctx.rt.subnets()));
        if (h == null) {
            return;
        }
        switch (h.status()) {
            case DROP -> {
                ctx.subnet = null;
                ctx.dropped = true;
            }
            case SKIP -> ctx.subnet = null;
            case CONTINUE -> {
                Object chosen = h.get("subnet4");
                if (chosen instanceof Subnet4Runtime r) {
                    ctx.subnet = ctx.rt.subnet(r.id()); // this configuration's runtime of that subnet
                } else if (chosen instanceof io.tui.dhcp.core.config.model.Subnet c) {
                    ctx.subnet = ctx.rt.subnet(c.id());
                } else {
                    ctx.subnet = null;
                }
            }
        }
    }

    private static SubnetSelector4.Input selectorInput(Dhcp4Context ctx) throws ParseException {
        Dhcp4Options o = ctx.query.options();
        int link = 0;
        RelayAgentInfo rai = o.relayAgentInfo();
        if (rai != null && rai.linkSelection().isPresent()) {
            link = rai.linkSelection().getAsInt();
        } else if (o.subnetSelection().isPresent()) {
            link = o.subnetSelection().getAsInt();
        }
        return new SubnetSelector4.Input(ctx.in.iface(), ctx.in.ifaceAddress(),
                ctx.query.giaddr(), ctx.query.ciaddr(), link, ctx.in.source(), ctx.in.broadcast());
    }

    private static void lookupHost(Dhcp4Context ctx) throws ParseException {
        Dhcp4Packet q = ctx.query;
        HostLookup.Identifiers ids = new HostLookup.Identifiers();
        byte[] hw = q.hardwareAddress();
        ids.with(IdentifierType.HW_ADDRESS, Bytes.of(hw));
        byte[] cid = q.options().get(Dhcp4OptionCodes.CLIENT_IDENTIFIER);
        if (cid != null) {
            ids.with(IdentifierType.CLIENT_ID, Bytes.of(cid));
            if (cid.length > 5 && (cid[0] & 0xff) == 255) { // RFC 4361: type 255, IAID, DUID
                ids.with(IdentifierType.DUID, Bytes.copyOf(cid, 5, cid.length - 5));
            }
        }
        RelayAgentInfo rai = q.options().relayAgentInfo();
        if (rai != null && rai.circuitId() != null) {
            ids.with(IdentifierType.CIRCUIT_ID, Bytes.of(rai.circuitId()));
        }
        NetworkParams p = ctx.subnet != null ? ctx.subnet.config().effective() : ctx.rt.config().global();
        boolean inSubnet = !Boolean.FALSE.equals(p.reservationsInSubnet());
        boolean global = Boolean.TRUE.equals(p.reservationsGlobal());
        ctx.host = ctx.rt.hosts().find(ctx.subnet == null ? 0 : ctx.subnet.id(), inSubnet, global, ids);
        if (ctx.host == null && ctx.subnet != null && inSubnet) {
            // Kea looks in every subnet of the shared network the client may use
            for (Subnet4Runtime s : ctx.candidates) {
                if (s != ctx.subnet) {
                    ctx.host = ctx.rt.hosts().find(s.id(), true, false, ids);
                    if (ctx.host != null) {
                        break;
                    }
                }
            }
        }
        if (ctx.host != null) {
            ctx.classes.addAll(ctx.host.reservation().clientClasses());
        }
        ctx.rt.classifier().classifyAfterHostLookup(ctx.view, ctx.host != null, ctx.classes);
        // the client as the lease store knows it
        Bytes hwBytes = Bytes.of(hw);
        boolean matchClientId = ctx.subnet == null
                || !Boolean.FALSE.equals(ctx.subnet.config().effective().matchClientId());
        Bytes clientId = cid != null && (matchClientId || hw.length == 0) ? Bytes.of(cid) : Bytes.EMPTY;
        ctx.client = new Client4(hwBytes, clientId);
    }

    /** The pools the client may be given an address from: its reserved address first, then the dynamic pools. */
    private static List<Pool4> dynamicPools(Dhcp4Context ctx) {
        List<Pool4> pools = new ArrayList<>();
        for (Subnet4Runtime s : ctx.candidates) {
            for (Pool4Runtime p : s.pools()) {
                if (ClassGuard.allows(p.config().clientClasses(), ctx.classes)) {
                    pools.addAll(p.dynamic());
                }
            }
        }
        return pools;
    }

    private static Pool4 reserved(Dhcp4Context ctx) {
        for (Subnet4Runtime s : ctx.candidates) {
            Pool4 p = ctx.reservedPool(s);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    // ---- message handlers ------------------------------------------------------------------------------------------

    private CompletionStage<Reply4> discover(Dhcp4Context ctx) throws ParseException {
        if (ctx.subnet == null) {
            return drop("DHCP4_SUBNET_SELECTION_FAILED no subnet for the DISCOVER");
        }
        clientName(ctx);
        ctx.valid = validLifetime(ctx);
        Lifetimes life = Lifetimes.of(ctx.valid);
        Pool4 reserved = reserved(ctx);
        Allocation<Lease4> a = null;
        if (reserved != null) {
            a = ctx.state.leases().allocate(new AllocationRequest<>(ctx.client, List.of(reserved), reserved.first(),
                    life, ctx.hostname, true, ctx.now));
        }
        if (a == null || !a.granted()) {
            List<Pool4> pools = dynamicPools(ctx);
            Integer hint = ctx.query.options().requestedAddress().isPresent()
                    ? ctx.query.options().requestedAddress().getAsInt() : null;
            if (pools.isEmpty()) {
                return allocationFailed(ctx);
            }
            a = ctx.state.leases().allocate(new AllocationRequest<>(ctx.client, pools, hint, life, ctx.hostname, true,
                    ctx.now));
        }
        if (!a.granted() || leaseCallout(ctx, a, true, null, false)) {
            return allocationFailed(ctx);
        }
        ctx.lease = a.lease();
        Dhcp4Packet reply = buildReply(ctx, DhcpMessageType.DHCPOFFER);
        return a.durable().thenApply(v -> route(ctx, reply));
    }

    private CompletionStage<Reply4> allocationFailed(Dhcp4Context ctx) {
        countFailure("v4-allocation-fail", ctx.subnet);
        boolean anyPool = false;
        boolean anyAllowed = false;
        for (Subnet4Runtime s : ctx.candidates) {
            for (Pool4Runtime p : s.pools()) {
                anyPool = true;
                anyAllowed |= ClassGuard.allows(p.config().clientClasses(), ctx.classes);
            }
        }
        String kind = !anyPool ? "v4-allocation-fail-no-pools" : !anyAllowed ? "v4-allocation-fail-classes"
                : ctx.subnet.sharedNetwork() != null ? "v4-allocation-fail-shared-network"
                : "v4-allocation-fail-subnet";
        countFailure(kind, ctx.subnet);
        LOG.info(() -> "DHCP4_LEASE_ALLOC_FAIL no address for " + ctx.client.hwAddress().toHex() + " in subnet "
                + ctx.subnet.id() + " (" + kind + ")");
        return NONE;
    }

    private void countFailure(String name, Subnet4Runtime subnet) {
        failures.computeIfAbsent(name, stats::counter).increment();
        if (subnet != null) {
            String sn = StatNames.subnet(subnet.id(), name);
            failures.computeIfAbsent(sn, stats::counter).increment();
        }
    }

    private CompletionStage<Reply4> request(Dhcp4Context ctx) throws ParseException {
        Dhcp4Options o = ctx.query.options();
        OptionalInt requested = o.requestedAddress();
        boolean selecting = o.serverIdentifier().isPresent();
        boolean initReboot = !selecting && requested.isPresent();
        int address = requested.isPresent() ? requested.getAsInt() : ctx.query.ciaddr();
        if (address == 0) {
            return drop("REQUEST names no address");
        }
        boolean authoritative = Boolean.TRUE.equals((ctx.subnet != null ? ctx.subnet.config().effective()
                : ctx.rt.config().global()).authoritative());
        if (ctx.subnet == null) {
            return authoritative || !initReboot ? nak(ctx, "no subnet for the client")
                    : drop("no subnet and not authoritative");
        }
        boolean onLink = false;
        for (Subnet4Runtime s : ctx.candidates) {
            onLink |= s.contains(address);
        }
        if (!onLink) {
            return nak(ctx, "address " + ip(address) + " is not on the client's network");
        }
        Lease4 current = ctx.state.leases().get(address);
        if (initReboot) {
            // RFC 2131 4.3.2: a client rebooting with an address that is not its lease is told so
            for (Subnet4Runtime s : ctx.candidates) {
                for (Lease4 own : clientLeases(ctx, s.id())) {
                    if (own.address() != address && active(own, ctx.now)) {
                        return nak(ctx, "the client's lease is " + ip(own.address()) + ", not " + ip(address));
                    }
                }
            }
        }
        if (initReboot && !authoritative) {
            boolean knows = current != null && ctx.client.owns(current);
            if (!knows) {
                boolean anyLease = false;
                for (Subnet4Runtime s : ctx.candidates) {
                    anyLease |= !clientLeases(ctx, s.id()).isEmpty();
                }
                if (!anyLease) {
                    return drop("INIT-REBOOT from a client without a lease, not authoritative: staying silent");
                }
            }
        }
        if (ctx.host != null && ctx.host.ipv4() != null && ctx.host.ipv4() != address && reserved(ctx) != null
                && (current == null || !ctx.client.owns(current))) {
            // the reserved address is what this client gets (unless another client holds it)
            Lease4 atReserved = ctx.state.leases().get(ctx.host.ipv4());
            if (atReserved == null || ctx.client.owns(atReserved)) {
                return nak(ctx, "the client has a reservation for " + ip(ctx.host.ipv4()));
            }
        }
        clientName(ctx);
        ctx.valid = validLifetime(ctx);
        Lifetimes life = Lifetimes.of(ctx.valid);
        List<Pool4> pools = new ArrayList<>(dynamicPools(ctx));
        Pool4 reserved = reserved(ctx);
        if (reserved != null) {
            pools.add(0, reserved);
        }
        Allocation<Lease4> a = ctx.state.leases().request(
                new AllocationRequest<>(ctx.client, pools, address, life, ctx.hostname, false, ctx.now), address);
        if (!a.granted()) {
            return nak(ctx, "address " + ip(address) + " is not available to the client");
        }
        if (leaseCallout(ctx, a, false, current, false)) {
            if (a.status() != Allocation.Status.EXISTING || current == null) {
                return nak(ctx, "a lease4_select callout refused " + ip(address));
            }
            ctx.leaseSkipped = true; // lease4_renew SKIP: the lease stays as it was, the ACK goes out (Kea)
        }
        ctx.lease = a.lease();
        Dhcp4Packet reply = buildReply(ctx, DhcpMessageType.DHCPACK);
        return a.durable().thenApply(v -> route(ctx, reply));
    }

    /** The client's leases in a subnet (by client identifier when it sends one, else by hardware address). */
    private static List<Lease4> clientLeases(Dhcp4Context ctx, long subnetId) {
        List<Lease4> out = new ArrayList<>();
        if (!ctx.client.clientId().isEmpty()) {
            out.addAll(ctx.state.leases().find(new io.tui.dhcp.core.alloc.LeaseKey.ClientId4(ctx.client.clientId(),
                    subnetId)));
        }
        if (!ctx.client.hwAddress().isEmpty()) {
            for (Lease4 l : ctx.state.leases().find(new io.tui.dhcp.core.alloc.LeaseKey.Hw4(ctx.client.hwAddress(),
                    subnetId))) {
                if (ctx.client.owns(l) && !out.contains(l)) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    private CompletionStage<Reply4> nak(Dhcp4Context ctx, String why) {
        LOG.fine(() -> "DHCP4_PACKET_NAK " + ctx.client.hwAddress().toHex() + ": " + why);
        Dhcp4Packet reply = Dhcp4Packet.replyTo(ctx.query);
        reply.options().putMessageType(DhcpMessageType.DHCPNAK);
        reply.options().putServerIdentifier(serverId(ctx));
        byte[] cid = ctx.query.options().get(Dhcp4OptionCodes.CLIENT_IDENTIFIER);
        if (cid != null) {
            reply.options().put(Dhcp4OptionCodes.CLIENT_IDENTIFIER, cid);
        }
        reply.options().echoRelayAgentInfo(ctx.query.options());
        if (ctx.query.giaddr() != 0) {
            reply.broadcast(true);
            return CompletableFuture.completedStage(new Reply4(reply, Reply4.Route.RELAY, ctx.query.giaddr(),
                    serverPort, ctx.in.iface(), serverId(ctx), null));
        }
        return CompletableFuture.completedStage(new Reply4(reply, Reply4.Route.BROADCAST, BROADCAST, clientPort,
                ctx.in.iface(), serverId(ctx), null));
    }

    private CompletionStage<Reply4> release(Dhcp4Context ctx) {
        int address = ctx.query.ciaddr();
        if (address == 0) {
            return drop("RELEASE without ciaddr");
        }
        if (skipped(ctx, CalloutPoint.LEASE4_RELEASE, address)) {
            LOG.fine(() -> "DHCP4_HOOK_LEASE4_RELEASE_SKIP " + ip(address) + " is not released");
            return NONE;
        }
        Allocation<Lease4> a = ctx.state.leases().release(ctx.client, address, true, ctx.now);
        LOG.fine(() -> "DHCP4_RELEASE " + ip(address) + " by " + ctx.client.hwAddress().toHex() + ": " + a.status());
        return a.durable().thenApply(v -> null);
    }

    private CompletionStage<Reply4> decline(Dhcp4Context ctx) throws ParseException {
        OptionalInt requested = ctx.query.options().requestedAddress();
        if (requested.isEmpty()) {
            return drop("DECLINE without a requested address (option 50)");
        }
        if (skipped(ctx, CalloutPoint.LEASE4_DECLINE, requested.getAsInt())) {
            LOG.fine(() -> "DHCP4_HOOK_DECLINE_SKIP " + ip(requested.getAsInt()) + " is not declined");
            return NONE;
        }
        long probation = ctx.rt.config().settings().declineProbationPeriod();
        Allocation<Lease4> a = ctx.state.leases().decline(ctx.client, requested.getAsInt(), probation, ctx.now);
        LOG.info(() -> "DHCP4_DECLINE_LEASE " + ip(requested.getAsInt()) + " declined by "
                + ctx.client.hwAddress().toHex() + ": " + a.status());
        return a.durable().thenApply(v -> null);
    }

    private CompletionStage<Reply4> inform(Dhcp4Context ctx) {
        if (ctx.subnet == null) {
            return drop("no subnet for the INFORM");
        }
        Dhcp4Packet reply = buildReply(ctx, DhcpMessageType.DHCPACK);
        reply.ciaddr(ctx.query.ciaddr());
        return CompletableFuture.completedStage(route(ctx, reply));
    }

    private CompletionStage<Reply4> bootp(Dhcp4Context ctx) {
        if (ctx.subnet == null) {
            return drop("no subnet for the BOOTP request");
        }
        Lifetimes life = Lifetimes.of(0xffff_ffffL);
        Pool4 reserved = reserved(ctx);
        List<Pool4> pools = new ArrayList<>(dynamicPools(ctx));
        if (reserved != null) {
            pools.add(0, reserved);
        }
        Allocation<Lease4> a = ctx.state.leases().allocate(new AllocationRequest<>(ctx.client, pools,
                reserved == null ? null : reserved.first(), life, "", false, ctx.now));
        if (!a.granted()) {
            return allocationFailed(ctx);
        }
        if (leaseCallout(ctx, a, false, null, true)) {
            return allocationFailed(ctx);
        }
        ctx.lease = a.lease();
        Dhcp4Packet reply = buildReply(ctx, null);
        return a.durable().thenApply(v -> route(ctx, reply));
    }

    // ---- lifetimes, names ---------------------------------------------------------------------------------------

    private static long validLifetime(Dhcp4Context ctx) throws ParseException {
        Triplet t = null;
        for (Map.Entry<String, ClientClass> e : ctx.rt.classes().entrySet()) {
            if (ctx.classes.contains(e.getKey()) && e.getValue().valid() != null) {
                t = e.getValue().valid();
                break;
            }
        }
        if (t == null) {
            t = ctx.subnet.config().effective().valid();
        }
        if (t == null) {
            return 7200;
        }
        var asked = ctx.query.options().leaseTime();
        return asked.isPresent() ? t.clamp(asked.getAsLong()) : t.value();
    }

    private static String text(Dhcp4Context ctx, String key) {
        for (Map<String, Object> m : List.of(ctx.subnet == null ? Map.<String, Object>of() : ctx.subnet.config().extras(),
                sharedExtras(ctx), ctx.rt.config().extras())) {
            if (m.get(key) instanceof String s) {
                return s;
            }
        }
        return null;
    }

    private static Map<String, Object> sharedExtras(Dhcp4Context ctx) {
        SharedNetwork n = ctx.subnet == null ? null : ctx.rt.sharedNetworkConfig(ctx.subnet.sharedNetwork());
        return n == null ? Map.of() : n.extras();
    }

    /**
     * Hostname (12) and client FQDN (81) with Kea's qualifying rules, DNS updates off: a reserved hostname wins; a
     * partial name is qualified with {@code ddns-qualifying-suffix}; names are lower-cased. The lease stores the
     * name (an FQDN with its trailing dot, as Kea); the reply echoes the option the client sent.
     */
    private static void clientName(Dhcp4Context ctx) throws ParseException {
        String suffix = text(ctx, "ddns-qualifying-suffix");
        String reserved = ctx.host == null ? null : ctx.host.reservation().hostname();
        ClientFqdn fqdn = ctx.query.options().clientFqdn();
        if (fqdn != null) {
            String name = reserved != null && !reserved.isEmpty() ? reserved : fqdn.nameText();
            name = name.toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !name.endsWith(".")) {
                name = suffix == null || suffix.isEmpty() ? name + "." : name + "." + trimDot(suffix) + ".";
            }
            ctx.hostname = name.equals(".") ? "" : name;
            int flags = ClientFqdn.FLAG_N | (fqdn.flags() & ClientFqdn.FLAG_E);
            ClientFqdn out = (fqdn.flags() & ClientFqdn.FLAG_E) != 0 || ctx.hostname.isEmpty()
                    ? ClientFqdn.ofWireName(flags, 0, 0, ctx.hostname)
                    : new ClientFqdn(flags, 0, 0, ctx.hostname.getBytes(StandardCharsets.ISO_8859_1));
            ctx.fqdnReply = out.encode();
            return;
        }
        String hn = ctx.query.options().hostname();
        if (reserved != null && !reserved.isEmpty()) {
            hn = reserved;
        }
        if (hn != null && !hn.isEmpty()) {
            hn = hn.toLowerCase(Locale.ROOT);
            if (!hn.endsWith(".") && suffix != null && !suffix.isEmpty() && hn.indexOf('.') < 0) {
                hn = hn + "." + trimDot(suffix);
            }
            ctx.hostname = hn;
            ctx.hostnameReply = hn;
        }
    }

    private static String trimDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    // ---- reply assembly ----------------------------------------------------------------------------------------

    private static int serverId(Dhcp4Context ctx) {
        return ctx.serverId;
    }

    private Dhcp4Packet buildReply(Dhcp4Context ctx, DhcpMessageType type) {
        Dhcp4Packet q = ctx.query;
        Dhcp4Packet reply = Dhcp4Packet.replyTo(q);
        Dhcp4Options ro = reply.options();
        if (ctx.lease != null) {
            reply.yiaddr(ctx.lease.address());
            ctx.pool = ctx.subnetOf(ctx.lease.address()) == null ? null
                    : ctx.subnetOf(ctx.lease.address()).poolOf(ctx.lease.address());
        }
        if (type == DhcpMessageType.DHCPACK && ctx.lease != null) {
            reply.ciaddr(q.ciaddr());
        }
        Subnet4Runtime subnet = ctx.lease != null && ctx.subnetOf(ctx.lease.address()) != null
                ? ctx.subnetOf(ctx.lease.address()) : ctx.subnet;
        // additional classes asked for by the pool, subnet and shared network
        SharedNetwork net = ctx.rt.sharedNetworkConfig(subnet.sharedNetwork());
        List<String> poolAdditional = ctx.pool != null ? ctx.pool.config().additionalClasses() : List.of();
        List<String> netAdditional = net != null ? net.additionalClasses() : List.of();
        if (!poolAdditional.isEmpty() || !subnet.config().additionalClasses().isEmpty() || !netAdditional.isEmpty()) {
            List<String> additional = new ArrayList<>(poolAdditional);
            additional.addAll(subnet.config().additionalClasses());
            additional.addAll(netAdditional);
            ctx.rt.classifier().classifyAdditional(ctx.view, additional, ctx.classes);
        }
        if (type != null) {
            ro.putMessageType(type);
        }
        int sid = serverId(ctx);
        // the configured option set, most specific scope first: the first option of each code wins
        OptionChoice chosen = new OptionChoice();
        if (ctx.host != null) {
            chosen.offer(ctx.host.reservation().options(), ctx.classes);
        }
        if (ctx.pool != null) {
            chosen.offer(ctx.pool.config().options(), ctx.classes);
        }
        chosen.offer(subnet.config().inheritedOptions(), ctx.classes);
        for (Map.Entry<String, ClientClass> e : ctx.rt.classes().entrySet()) {
            if (!e.getValue().options().isEmpty() && ctx.classes.contains(e.getKey())) {
                chosen.offer(e.getValue().options(), ctx.classes);
            }
        }
        chosen.offer(ctx.rt.config().options(), ctx.classes);
        OptionData configuredSid = chosen.get(Dhcp4OptionCodes.SERVER_IDENTIFIER);
        if (configuredSid != null && configuredSid.resolved().length() == 4) {
            sid = ByteBuffer.wrap(configuredSid.resolved().payload()).getInt();
            ctx.serverId = sid;
        }
        if (type != null && sid != 0) {
            ro.putServerIdentifier(sid);
        }
        boolean leaseReply = ctx.lease != null && type != null;
        if (leaseReply) {
            long valid = ctx.valid > 0 ? ctx.valid : ctx.lease.validLifetime();
            ro.putLeaseTime(valid);
            NetworkParams p = subnet.config().effective();
            Long t1 = p.renewTimer();
            Long t2 = p.rebindTimer();
            if (Boolean.TRUE.equals(p.calculateTeeTimes())) {
                if (t1 == null) {
                    t1 = (long) (valid * (p.t1Percent() == null ? 0.5 : p.t1Percent()));
                }
                if (t2 == null) {
                    t2 = (long) (valid * (p.t2Percent() == null ? 0.875 : p.t2Percent()));
                }
            }
            if (t2 != null && t2 < valid) {
                if (t1 != null && t1 < t2) {
                    ro.putRenewalTime(t1);
                }
                ro.putRebindingTime(t2);
            } else if (t1 != null && t1 < valid) {
                ro.putRenewalTime(t1);
            }
        }
        ParameterRequestList prl;
        try {
            prl = q.options().parameterRequestList();
        } catch (ParseException e) {
            prl = null;
        }
        OptionData mask = chosen.get(Dhcp4OptionCodes.SUBNET_MASK);
        if (mask == null || !mask.neverSend()) {
            ro.putSubnetMask(subnet.mask());
        }
        long[] requested = new long[4];
        if (prl != null) {
            for (int c : prl.codes()) {
                requested[c >>> 6] |= 1L << c;
            }
        }
        for (int i = 0; i < chosen.size(); i++) {
            OptionData od = chosen.at(i);
            int code = od.resolved().code();
            if (SERVER_SET.contains(code) || od.neverSend() || od.resolved().neverSend()) {
                continue;
            }
            if (od.alwaysSend() || od.resolved().alwaysSend() || (requested[code >>> 6] & 1L << code) != 0
                    || BASIC.contains(code)) {
                ro.put(code, od.resolved().payload());
            }
        }
        // fixed fields: subnet, then classes, then the reservation
        NetworkParams p = subnet.config().effective();
        IpAddress siaddr = p.nextServer();
        String sname = p.serverHostname();
        String file = p.bootFileName();
        for (Map.Entry<String, ClientClass> e : ctx.rt.classes().entrySet()) {
            if (ctx.classes.contains(e.getKey())) {
                ClientClass c = e.getValue();
                siaddr = c.nextServer() != null ? c.nextServer() : siaddr;
                sname = c.serverHostname() != null && !c.serverHostname().isEmpty() ? c.serverHostname() : sname;
                file = c.bootFileName() != null && !c.bootFileName().isEmpty() ? c.bootFileName() : file;
            }
        }
        if (ctx.host != null) {
            var r = ctx.host.reservation();
            siaddr = r.nextServer() != null ? r.nextServer() : siaddr;
            sname = r.serverHostname() != null && !r.serverHostname().isEmpty() ? r.serverHostname() : sname;
            file = r.bootFileName() != null && !r.bootFileName().isEmpty() ? r.bootFileName() : file;
        }
        if (siaddr != null) {
            reply.siaddr(siaddr.value().intValue());
        }
        if (sname != null && !sname.isEmpty()) {
            reply.sname(sname);
        }
        if (file != null && !file.isEmpty()) {
            reply.file(file);
        }
        if (ctx.fqdnReply != null && type != null) {
            ro.put(Dhcp4OptionCodes.CLIENT_FQDN, ctx.fqdnReply);
        } else if (ctx.hostnameReply != null && type != null) {
            ro.putHostname(ctx.hostnameReply);
        }
        byte[] cid = q.options().get(Dhcp4OptionCodes.CLIENT_IDENTIFIER);
        if (cid != null && type != null && !Boolean.FALSE.equals(ctx.rt.config().extras().get("echo-client-id"))) {
            ro.put(Dhcp4OptionCodes.CLIENT_IDENTIFIER, cid);
        }
        ro.echoRelayAgentInfo(q.options());
        return reply;
    }

    /** RFC 2131 4.1: where the reply goes. */
    private Reply4 route(Dhcp4Context ctx, Dhcp4Packet reply) {
        Dhcp4Packet q = ctx.query;
        int sid = serverId(ctx);
        if (q.giaddr() != 0) {
            return new Reply4(reply, Reply4.Route.RELAY, q.giaddr(), serverPort, ctx.in.iface(), sid, null);
        }
        if (q.ciaddr() != 0) {
            return new Reply4(reply, Reply4.Route.UNICAST, q.ciaddr(), clientPort, ctx.in.iface(), sid, null);
        }
        if (q.broadcast() || reply.yiaddr() == 0 || q.htype() != Dhcp4Packet.HTYPE_ETHERNET || q.hlen() != 6) {
            return new Reply4(reply, Reply4.Route.BROADCAST, BROADCAST, clientPort, ctx.in.iface(), sid, null);
        }
        return new Reply4(reply, Reply4.Route.LINK_LAYER, reply.yiaddr(), clientPort, ctx.in.iface(), sid,
                Arrays.copyOf(q.chaddr(), 6));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    static String ip(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
    }

    private static InetAddress inet(int a) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
    }

    /** Whether a lease of the given state is in use by its client. */
    static boolean active(Lease4 l, long now) {
        return l.state() == LeaseState.DEFAULT && l.expire() > now;
    }

    /**
     * The options of one reply, chosen scope by scope: the first {@code dhcp4} option of each code that the client's
     * classes allow, in the order chosen. A bitmap of the 256 codes and a small array, no map per packet.
     */
    private static final class OptionChoice {
        private final long[] taken = new long[4];
        private OptionData[] chosen = new OptionData[8];
        private int size;

        void offer(List<OptionData> scope, Set<String> classes) {
            for (OptionData od : scope) {
                int code = od.resolved().code();
                if ((taken[code >>> 6] & 1L << code) != 0 || !"dhcp4".equals(od.resolved().space())) {
                    continue;
                }
                if (!od.clientClasses().isEmpty() && !ClassGuard.allows(od.clientClasses(), classes)) {
                    continue;
                }
                taken[code >>> 6] |= 1L << code;
                if (size == chosen.length) {
                    chosen = java.util.Arrays.copyOf(chosen, size * 2);
                }
                chosen[size++] = od;
            }
        }

        int size() {
            return size;
        }

        OptionData at(int i) {
            return chosen[i];
        }

        OptionData get(int code) {
            if ((taken[code >>> 6] & 1L << code) == 0) {
                return null;
            }
            for (int i = 0; i < size; i++) {
                if (chosen[i].resolved().code() == code) {
                    return chosen[i];
                }
            }
            return null;
        }
    }
}
