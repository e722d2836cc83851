package io.tui.bench;

import io.tui.dhcp.core.alloc.Allocation;
import io.tui.dhcp.core.alloc.AllocationEngine;
import io.tui.dhcp.core.alloc.AllocationRequest;
import io.tui.dhcp.core.alloc.AllocatorType;
import io.tui.dhcp.core.alloc.Client4;
import io.tui.dhcp.core.alloc.LeaseStatsListener;
import io.tui.dhcp.core.alloc.Lifetimes;
import io.tui.dhcp.core.alloc.Pool4;
import io.tui.dhcp.core.lease.Bytes;
import io.tui.dhcp.core.lease.Lease4;
import io.tui.dhcp.core.lease.LeaseState;
import io.tui.dhcp.core.lease.LeaseStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The allocation engine on a DHCPv4 /16 pool (65536 addresses), empty or 99% full (the used addresses scattered at
 * random, loaded as at start-up), per allocator. One operation is a REQUEST-style allocation for a new client plus
 * the release (delete) of that lease, so the pool stays at the same utilisation; the store keeps nothing
 * ({@code persist: false}), so this is the index and the allocator alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2)
public class AllocBenchmark {
    static final long NOW = 1_700_000_000L;
    static final Pool4 POOL = new Pool4(1, 1, 0x0a010000, 0x0a01ffff);
    static final int CLIENTS = 1024;

    @Param({"iterative", "random", "flq"})
    public String allocator;

    /** Percentage of the pool in use. */
    @Param({"0", "99"})
    public int fill;

    private AllocationEngine<Lease4, Integer, Client4> engine;
    private final List<AllocationRequest<Integer, Client4>> requests = new ArrayList<>();
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        List<Lease4> loaded = new ArrayList<>();
        int used = 65536 * fill / 100;
        int[] order = new int[65536];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < used; i++) {
            loaded.add(new Lease4(POOL.first() + order[i], mac(0x100000 + i), Bytes.EMPTY, 3600, NOW + 3600, 1,
                    false, false, "", LeaseState.DEFAULT, "", 1));
        }
        engine = AllocationEngine.v4(LeaseStore.inMemory(loaded), List.of(POOL),
                AllocationEngine.Settings.of(AllocatorType.fromKea(allocator)), LeaseStatsListener.NONE);
        for (int i = 0; i < CLIENTS; i++) {
            requests.add(new AllocationRequest<>(new Client4(mac(i), Bytes.EMPTY), List.of(POOL), null,
                    Lifetimes.of(3600), "", false, NOW));
        }
    }

    static Bytes mac(int i) {
        return Bytes.of((byte) 2, (byte) 0, (byte) 0, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i);
    }

    @Benchmark
    public Lease4 allocateAndRelease() {
        AllocationRequest<Integer, Client4> request = requests.get(next);
        next = next + 1 == CLIENTS ? 0 : next + 1;
        Allocation<Lease4> a = engine.allocate(request);
        engine.release(request.client(), a.lease().address(), false, NOW);
        return a.lease();
    }
}
