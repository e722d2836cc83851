package io.tui.bench;

import io.tui.dhcp.core.stats.ScopedCounter;
import io.tui.dhcp.core.stats.StatNames;
import io.tui.dhcp.core.stats.Statistic;
import io.tui.dhcp.core.stats.StatsRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The statistics hot path: a server thread bumping counters through handles it obtained once. One registry is
 * shared by all benchmark threads, so the two-thread runs bump the same counters from both threads, as the
 * packet workers do. {@code AtomicLong} on one shared counter is the baseline a naive counter would pay.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2)
public class StatsBenchmark {

    private final StatsRegistry stats = StatsRegistry.system();
    private Statistic received;
    private Statistic discover;
    private ScopedCounter assigned;
    private final AtomicLong atomic = new AtomicLong();

    @Setup
    public void setUp() {
        received = stats.counter(StatNames.PKT4_RECEIVED);
        discover = stats.counter(StatNames.PKT4_DISCOVER_RECEIVED);
        assigned = ScopedCounter.addressPool(stats, StatNames.ASSIGNED_ADDRESSES, 1, 0, true);
    }

    /** One increment of {@code pkt4-received}, one thread. */
    @Benchmark
    @Threads(1)
    public void increment1Thread() {
        received.increment();
    }

    /** One increment of the same {@code pkt4-received} from two threads at once. */
    @Benchmark
    @Threads(2)
    public void increment2Threads() {
        received.increment();
    }

    /**
     * What one DISCOVER that gets a lease costs in statistics: {@code pkt4-received},
     * {@code pkt4-discover-received} and {@code assigned-addresses} at pool, subnet and global level, from two
     * threads.
     */
    @Benchmark
    @Threads(2)
    public void packetPath2Threads() {
        received.increment();
        discover.increment();
        assigned.increment();
    }

    /** Baseline: a single shared {@code AtomicLong}, two threads. */
    @Benchmark
    @Threads(2)
    public long atomicLong2Threads() {
        return atomic.incrementAndGet();
    }
}
