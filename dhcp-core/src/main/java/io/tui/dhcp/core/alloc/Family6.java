package io.tui.dhcp.core.alloc;

import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease6;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.util.Comparator;
import java.util.function.Consumer;

/** The DHCPv6 lease family (addresses and delegated prefixes). */
public record Family6() implements LeaseFamily<Lease6, Ip6Address, Client6> {
    private static final Comparator<Ip6Address> ORDER = Comparator.naturalOrder();
    /** Kea's DUID of a declined lease: one zero byte. */
    private static final Bytes DECLINED_DUID = Bytes.of((byte) 0);

    @Override
    public Ip6Address address(Lease6 lease) {
        return lease.address();
    }

    @Override
    public long subnetId(Lease6 lease) {
        return lease.subnetId();
    }

    @Override
    public long expire(Lease6 lease) {
        return lease.expire();
    }

    @Override
    public LeaseState state(Lease6 lease) {
        return lease.state();
    }

    @Override
    public String hostname(Lease6 lease) {
        return lease.hostname();
    }

    @Override
    public io.tui.dhcp.core.lease.Bytes hwAddress(Lease6 lease) {
        return lease.hwAddress();
    }

    @Override
    public io.tui.dhcp.core.lease.Bytes clientId(Lease6 lease) {
        return lease.duid();
    }

    @Override
    public int typeCode(Lease6 lease) {
        return lease.type().code();
    }

    @Override
    public void keys(Lease6 lease, Consumer<LeaseKey> sink) {
        if (!lease.duid().isEmpty() && lease.state() != LeaseState.DECLINED) {
            sink.accept(new LeaseKey.Ia6(lease.duid(), lease.iaid(), lease.type(), lease.subnetId()));
            sink.accept(new LeaseKey.Duid6(lease.duid(), lease.subnetId()));
        }
    }

    @Override
    public boolean sameKeys(Lease6 a, Lease6 b) {
        boolean aKeyed = !a.duid().isEmpty() && a.state() != LeaseState.DECLINED;
        boolean bKeyed = !b.duid().isEmpty() && b.state() != LeaseState.DECLINED;
        if (!aKeyed || !bKeyed) {
            return aKeyed == bKeyed;
        }
        return a.subnetId() == b.subnetId() && a.iaid() == b.iaid() && a.type() == b.type()
                && a.duid().equals(b.duid());
    }

    @Override
    public Comparator<Ip6Address> order() {
        return ORDER;
    }

    @Override
    public Lease6 create(Ip6Address address, Pool<Ip6Address> pool, AllocationRequest<Ip6Address, Client6> request) {
        Client6 client = request.client();
        long valid = request.lifetimes().valid();
        int length = pool instanceof PdPool pd ? pd.delegatedLength() : 128;
        return new Lease6(address, client.duid(), valid, request.now() + valid, pool.subnetId(),
                request.lifetimes().preferred(), client.type(), client.iaid(), length, false, false,
                request.hostname(), client.hwAddress(), LeaseState.DEFAULT, "", client.hwAddress().isEmpty() ? 0 : 1,
                0, pool.id());
    }

    @Override
    public Lease6 renewal(Lease6 previous, Lease6 next) {
        boolean sameName = previous.hostname().equals(next.hostname());
        return new Lease6(next.address(), next.duid(), next.validLifetime(), next.expire(), next.subnetId(),
                next.preferredLifetime(), next.type(), next.iaid(), next.prefixLength(),
                sameName ? previous.fqdnFwd() : next.fqdnFwd(), sameName ? previous.fqdnRev() : next.fqdnRev(),
                next.hostname(), next.hwAddress(), next.state(), previous.userContext(), next.hwType(),
                next.hwAddressSource(), next.poolId());
    }

    @Override
    public Lease6 withState(Lease6 lease, LeaseState state, long expire) {
        return new Lease6(lease.address(), lease.duid(), lease.validLifetime(), expire, lease.subnetId(),
                lease.preferredLifetime(), lease.type(), lease.iaid(), lease.prefixLength(), lease.fqdnFwd(),
                lease.fqdnRev(), lease.hostname(), lease.hwAddress(), state, lease.userContext(), lease.hwType(),
                lease.hwAddressSource(), lease.poolId());
    }

    @Override
    public Lease6 declined(Lease6 lease, long now, long probation) {
        return new Lease6(lease.address(), DECLINED_DUID, probation, now + probation, lease.subnetId(), 0,
                lease.type(), 0, lease.prefixLength(), false, false, "", Bytes.EMPTY, LeaseState.DECLINED,
                lease.userContext(), 0, 0, lease.poolId());
    }
}
