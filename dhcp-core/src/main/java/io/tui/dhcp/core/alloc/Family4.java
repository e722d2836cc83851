package io.tui.dhcp.core.alloc;

import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseState;
import java.util.Comparator;
import java.util.function.Consumer;

/** The DHCPv4 lease family. */
public record Family4() implements LeaseFamily<Lease4, Integer, Client4> {
    private static final Comparator<Integer> ORDER = Integer::compareUnsigned;

    @Override
    public Integer address(Lease4 lease) {
        return lease.address();
    }

    @Override
    public long subnetId(Lease4 lease) {
        return lease.subnetId();
    }

    @Override
    public long expire(Lease4 lease) {
        return lease.expire();
    }

    @Override
    public LeaseState state(Lease4 lease) {
        return lease.state();
    }

    @Override
    public String hostname(Lease4 lease) {
        return lease.hostname();
    }

    @Override
    public Bytes hwAddress(Lease4 lease) {
        return lease.hwAddress();
    }

    @Override
    public Bytes clientId(Lease4 lease) {
        return lease.clientId();
    }

    @Override
    public int typeCode(Lease4 lease) {
        return 0;
    }

    @Override
    public void keys(Lease4 lease, Consumer<LeaseKey> sink) {
        if (!lease.clientId().isEmpty()) {
            sink.accept(new LeaseKey.ClientId4(lease.clientId(), lease.subnetId()));
        }
        if (!lease.hwAddress().isEmpty()) {
            sink.accept(new LeaseKey.Hw4(lease.hwAddress(), lease.subnetId()));
        }
    }

    @Override
    public boolean sameKeys(Lease4 a, Lease4 b) {
        return a.subnetId() == b.subnetId() && a.clientId().equals(b.clientId()) && a.hwAddress().equals(b.hwAddress());
    }

    @Override
    public Comparator<Integer> order() {
        return ORDER;
    }

    @Override
    public Lease4 create(Integer address, Pool<Integer> pool, AllocationRequest<Integer, Client4> request) {
        long valid = request.lifetimes().valid();
        return new Lease4(address, request.client().hwAddress(), request.client().clientId(), valid,
                request.now() + valid, pool.subnetId(), false, false, request.hostname(), LeaseState.DEFAULT, "",
                pool.id());
    }

    @Override
    public Lease4 renewal(Lease4 previous, Lease4 next) {
        boolean sameName = previous.hostname().equals(next.hostname());
        return new Lease4(next.address(), next.hwAddress(), next.clientId(), next.validLifetime(), next.expire(),
                next.subnetId(), sameName ? previous.fqdnFwd() : next.fqdnFwd(),
                sameName ? previous.fqdnRev() : next.fqdnRev(), next.hostname(), next.state(),
                previous.userContext(), next.poolId());
    }

    @Override
    public Lease4 withState(Lease4 lease, LeaseState state, long expire) {
        return new Lease4(lease.address(), lease.hwAddress(), lease.clientId(), lease.validLifetime(), expire,
                lease.subnetId(), lease.fqdnFwd(), lease.fqdnRev(), lease.hostname(), state, lease.userContext(),
                lease.poolId());
    }

    @Override
    public Lease4 declined(Lease4 lease, long now, long probation) {
        return new Lease4(lease.address(), Bytes.EMPTY, Bytes.EMPTY, probation, now + probation, lease.subnetId(),
                false, false, "", LeaseState.DECLINED, lease.userContext(), lease.poolId());
    }
}
