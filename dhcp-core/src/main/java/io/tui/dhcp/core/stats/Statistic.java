package io.tui.dhcp.core.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One named statistic and the handle the servers keep to change it. Obtain it once per name from
 * {@link StatsRegistry} and keep it: {@link #increment()}, {@link #decrement()} and {@link #add(long)} of an
 * integer statistic touch only a {@link LongAdder} (no lock, no clock, no allocation); the sample history is
 * brought up to date under this statistic's own lock when anybody reads it or changes it another way (see the
 * package documentation).
 *
 * <p>A handle stays valid across {@code statistic-remove}: a removed statistic reappears, as in Kea, when it
 * next changes.
 */
public final class Statistic {

    /** Ages beyond this (~292 years) keep everything. */
    private static final Duration MAX_AGE = Duration.ofNanos(Long.MAX_VALUE);

    private final String name;
    private final StatKind kind;
    private final StatsRegistry registry;
    /** Integer statistics only: every change through the hot path, cumulative since creation. */
    private final LongAdder delta;
    private final ReentrantLock lock = new ReentrantLock();

    // Guarded by lock.
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    /** The limit, or null for "the registry's default when next recorded" (new or removed statistics). */
    private SampleLimit limit;
    private boolean present;
    /** Integer: value = offset + delta.sum(). */
    private long offset;
    /** Integer: delta.sum() when the history last caught up. */
    private long foldedSum;
    /** Non-integer kinds: the current value. */
    private StatValue current;

    Statistic(String name, StatKind kind, StatsRegistry registry) {
        this.name = name;
        this.kind = kind;
        this.registry = registry;
        this.delta = kind == StatKind.INTEGER ? new LongAdder() : null;
        this.current = StatValue.neutral(kind);
    }

    /** The statistic's name. */
    public String name() {
        return name;
    }

    /** The statistic's kind. */
    public StatKind kind() {
        return kind;
    }

    // ---- hot path (integer statistics) ----

    /** Adds one. Lock-free and allocation-free; the sample is recorded lazily. */
    public void increment() {
        integerAdder().increment();
    }

    /** Subtracts one (e.g. {@code assigned-addresses} on release). */
    public void decrement() {
        integerAdder().decrement();
    }

    /** Adds {@code n} (may be negative). */
    public void add(long n) {
        integerAdder().add(n);
    }

    private LongAdder integerAdder() {
        LongAdder d = delta;
        if (d == null) {
            throw new IllegalStateException("statistic '" + name + "' is " + kind + ", not INTEGER");
        }
        return d;
    }

    // ---- recorded changes ----

    /** Sets an integer statistic and records a sample now. */
    public void set(long value) {
        integerAdder();
        lock.lock();
        try {
            fold();
            long sum = delta.sum();
            foldedSum = sum;
            offset = value - sum;
            recordLocked(new StatValue.IntegerValue(value));
        } finally {
            lock.unlock();
        }
    }

    /** Sets a big integer statistic and records a sample now. */
    public void set(BigInteger value) {
        setOther(new StatValue.BigIntegerValue(value));
    }

    /** Sets a float statistic and records a sample now. */
    public void set(double value) {
        setOther(new StatValue.FloatValue(value));
    }

    /** Sets a duration statistic and records a sample now. */
    public void set(Duration value) {
        setOther(new StatValue.DurationValue(value));
    }

    /** Sets a string statistic and records a sample now. */
    public void set(String value) {
        setOther(new StatValue.StringValue(value));
    }

    /** Adds to a float statistic and records a sample now (Kea's addValue for doubles). */
    public void add(double value) {
        requireKind(StatKind.FLOAT);
        lock.lock();
        try {
            double now = ((StatValue.FloatValue) current).value();
            current = new StatValue.FloatValue(now + value);
            recordLocked(current);
        } finally {
            lock.unlock();
        }
    }

    /** Adds to a big integer statistic and records a sample now. */
    public void add(BigInteger value) {
        requireKind(StatKind.BIG_INTEGER);
        lock.lock();
        try {
            BigInteger now = ((StatValue.BigIntegerValue) current).value();
            current = new StatValue.BigIntegerValue(now.add(value));
            recordLocked(current);
        } finally {
            lock.unlock();
        }
    }

    /** Appends to a string statistic and records a sample now (Kea's addValue for strings concatenates). */
    public void add(String value) {
        requireKind(StatKind.STRING);
        lock.lock();
        try {
            String now = ((StatValue.StringValue) current).value();
            current = new StatValue.StringValue(now + value);
            recordLocked(current);
        } finally {
            lock.unlock();
        }
    }

    /** Adds to a duration statistic and records a sample now. */
    public void add(Duration value) {
        requireKind(StatKind.DURATION);
        lock.lock();
        try {
            Duration now = ((StatValue.DurationValue) current).value();
            current = new StatValue.DurationValue(now.plus(value));
            recordLocked(current);
        } finally {
            lock.unlock();
        }
    }

    private void setOther(StatValue value) {
        requireKind(value.kind());
        lock.lock();
        try {
            current = value;
            recordLocked(value);
        } finally {
            lock.unlock();
        }
    }

    private void requireKind(StatKind wanted) {
        if (kind != wanted) {
            throw new IllegalStateException("statistic '" + name + "' is " + kind + ", not " + wanted);
        }
    }

    // ---- registry operations ----

    /** Records the pending hot-path changes as one sample now; called by readers and the registry's sampler. */
    void sync() {
        if (delta == null) {
            return;
        }
        lock.lock();
        try {
            fold();
        } finally {
            lock.unlock();
        }
    }

    /** Kea's reset: the history is dropped and a single neutral sample recorded. False when not present. */
    boolean reset() {
        lock.lock();
        try {
            fold();
            if (!present) {
                return false;
            }
            samples.clear();
            if (delta != null) {
                long sum = delta.sum();
                foldedSum = sum;
                offset = -sum;
            }
            current = StatValue.neutral(kind);
            recordLocked(current);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Kea's remove: the statistic disappears until it next changes. False when not present. */
    boolean remove() {
        lock.lock();
        try {
            fold();
            if (!present) {
                return false;
            }
            present = false;
            samples.clear();
            limit = null;
            if (delta != null) {
                long sum = delta.sum();
                foldedSum = sum;
                offset = -sum;
            }
            current = StatValue.neutral(kind);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Sets the sample limit and trims at once, as Kea does. False when not present. */
    boolean limit(SampleLimit newLimit) {
        lock.lock();
        try {
            fold();
            if (!present) {
                return false;
            }
            limit = newLimit;
            trimLocked();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the statistic currently exists (has been recorded and not removed since). */
    boolean isPresent() {
        lock.lock();
        try {
            fold();
            return present;
        } finally {
            lock.unlock();
        }
    }

    /** The limit in force, or the registry default when the statistic has none yet. */
    public SampleLimit sampleLimit() {
        lock.lock();
        try {
            return limit != null ? limit : registry.defaultLimit();
        } finally {
            lock.unlock();
        }
    }

    /** The samples, newest first; empty when the statistic is not present. */
    public List<Sample> samples() {
        lock.lock();
        try {
            fold();
            return present ? List.copyOf(samples) : List.of();
        } finally {
            lock.unlock();
        }
    }

    /** The current value, or null when the statistic is not present. */
    public StatValue value() {
        lock.lock();
        try {
            fold();
            if (!present) {
                return null;
            }
            return delta != null ? new StatValue.IntegerValue(offset + foldedSum) : current;
        } finally {
            lock.unlock();
        }
    }

    /** The current value for an exporter, or null when not present. */
    StatSnapshot snapshot() {
        StatValue v = value();
        return v == null ? null : new StatSnapshot(name, kind, v);
    }

    /** Kea's JSON for this statistic: {@code [[value, "time"], ...]}, newest first; null when not present. */
    ArrayNode toJson(SampleClock clock) {
        List<Sample> list = samples();
        if (list.isEmpty()) {
            return null;
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode(list.size());
        for (Sample s : list) {
            ArrayNode pair = out.addArray();
            pair.add(s.value().toJson());
            pair.add(clock.format(s.epochMicros()));
        }
        return out;
    }

    // ---- internals, lock held ----

    private void fold() {
        if (delta == null) {
            return;
        }
        long sum = delta.sum();
        if (sum != foldedSum) {
            foldedSum = sum;
            recordLocked(new StatValue.IntegerValue(offset + sum));
        }
    }

    private void recordLocked(StatValue value) {
        present = true;
        if (limit == null) {
            limit = registry.defaultLimit();
        }
        samples.addFirst(new Sample(value, registry.clock().nowMicros()));
        trimLocked();
    }

    private void trimLocked() {
        switch (limit) {
            case SampleLimit.ByCount(int max) -> {
                while (samples.size() > max) {
                    samples.pollLast();
                }
            }
            case SampleLimit.ByAge(Duration maxAge) -> {
                long maxMicros = maxAge.compareTo(MAX_AGE) >= 0 ? Long.MAX_VALUE : maxAge.toNanos() / 1000;
                long newest = samples.isEmpty() ? 0 : samples.peekFirst().epochMicros();
                while (samples.size() > 1 && newest - samples.peekLast().epochMicros() > maxMicros) {
                    samples.pollLast();
                }
            }
        }
    }
}
