package io.tui.dhcp.core.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tui's statistics manager (Kea's StatsMgr), one per server, constructed and passed in.
 *
 * <p>Hot-path users obtain a {@link Statistic} handle once per name ({@link #counter(String)}) and keep it.
 * The name-keyed operations here ({@link #set}, {@link #add}, {@link #reset}, {@link #remove}, the limits,
 * {@link #get}, {@link #getAll}) are what the {@code statistic-*} commands call; they lock one statistic at a
 * time, never the whole registry.
 *
 * <p>JSON shapes: {@link #get} returns {@code {"name": [[value, "time"], ...]}} or {@code {}} for an unknown
 * name (Kea answers result 0 with {@code { }} as arguments); {@link #getAll} returns one such entry per present
 * statistic, names in ascending order as Kea's {@code std::map} lists them; {@link #getAllGlobal} the same
 * without per-subnet statistics ({@code statistic-global-get-all}).
 */
public final class StatsRegistry {

    /** Kea's {@code statistic-default-sample-count}. */
    public static final int KEA_DEFAULT_SAMPLE_COUNT = 20;
    /** Kea's {@code statistic-default-sample-age} (in force only when the default count is 0). */
    public static final Duration KEA_DEFAULT_SAMPLE_AGE = Duration.ZERO;

    private final SampleClock clock;
    private final ConcurrentHashMap<String, Statistic> stats = new ConcurrentHashMap<>();
    private final Object defaultsLock = new Object();
    private volatile SampleLimit defaultLimit = new SampleLimit.ByCount(KEA_DEFAULT_SAMPLE_COUNT);
    // Guarded by defaultsLock.
    private int defaultCount = KEA_DEFAULT_SAMPLE_COUNT;
    private Duration defaultAge = KEA_DEFAULT_SAMPLE_AGE;

    /** A registry whose samples are stamped by {@code clock}. */
    public StatsRegistry(SampleClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A registry on the system clock, printing local time as Kea does. */
    public static StatsRegistry system() {
        return new StatsRegistry(SampleClock.system());
    }

    /** The clock samples are stamped with. */
    public SampleClock clock() {
        return clock;
    }

    // ---- handles ----

    /** The integer statistic {@code name}, created (not yet present) when unknown. Keep the handle. */
    public Statistic counter(String name) {
        return handle(name, StatKind.INTEGER);
    }

    /**
     * The statistic {@code name} of {@code kind}. A statistic that is not present may change kind (as Kea
     * creates a fresh observation after a remove); a present one of another kind is a programming error.
     *
     * @throws IllegalStateException when {@code name} is present with another kind
     */
    public Statistic handle(String name, StatKind kind) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Statistic s = stats.get(name);
        if (s != null && s.kind() == kind) {
            return s;
        }
        return stats.compute(name, (n, old) -> {
            if (old == null || old.kind() == kind) {
                return old != null ? old : new Statistic(n, kind, this);
            }
            if (old.isPresent()) {
                throw new IllegalStateException("statistic '" + n + "' is " + old.kind() + ", not " + kind);
            }
            return new Statistic(n, kind, this);
        });
    }

    // ---- name-keyed changes (Kea's setValue/addValue) ----

    /** Sets integer statistic {@code name}, creating it. */
    public void set(String name, long value) {
        counter(name).set(value);
    }

    /** Sets big integer statistic {@code name}, creating it. */
    public void set(String name, BigInteger value) {
        handle(name, StatKind.BIG_INTEGER).set(value);
    }

    /** Sets float statistic {@code name}, creating it. */
    public void set(String name, double value) {
        handle(name, StatKind.FLOAT).set(value);
    }

    /** Sets duration statistic {@code name}, creating it. */
    public void set(String name, Duration value) {
        handle(name, StatKind.DURATION).set(value);
    }

    /** Sets string statistic {@code name}, creating it. */
    public void set(String name, String value) {
        handle(name, StatKind.STRING).set(value);
    }

    /** Adds to integer statistic {@code name} (creating it) and records the sample now. */
    public void add(String name, long value) {
        Statistic s = counter(name);
        s.add(value);
        s.sync();
    }

    /** Adds to big integer statistic {@code name}, creating it. */
    public void add(String name, BigInteger value) {
        handle(name, StatKind.BIG_INTEGER).add(value);
    }

    /** Appends to string statistic {@code name}, creating it (Kea concatenates). */
    public void add(String name, String value) {
        handle(name, StatKind.STRING).add(value);
    }

    /** Adds to float statistic {@code name}, creating it. */
    public void add(String name, double value) {
        handle(name, StatKind.FLOAT).add(value);
    }

    /** Adds to duration statistic {@code name}, creating it. */
    public void add(String name, Duration value) {
        handle(name, StatKind.DURATION).add(value);
    }

    // ---- statistic-reset / -remove ----

    /** {@code statistic-reset}: neutral value, history replaced by one sample. False when no such statistic. */
    public boolean reset(String name) {
        Statistic s = stats.get(name);
        return s != null && s.reset();
    }

    /** {@code statistic-remove}: false when no such statistic. The statistic returns when it next changes. */
    public boolean remove(String name) {
        Statistic s = stats.get(name);
        return s != null && s.remove();
    }

    /** {@code statistic-reset-all}. */
    public void resetAll() {
        for (Statistic s : stats.values()) {
            s.reset();
        }
    }

    /** {@code statistic-remove-all}. */
    public void removeAll() {
        for (Statistic s : stats.values()) {
            s.remove();
        }
    }

    /**
     * Removes every statistic of subnet {@code subnetId} ({@code subnet[ID].*}, pools included), as Kea does for
     * the subnets of the old configuration on reconfiguration. Returns how many were present.
     */
    public int removeSubnet(long subnetId) {
        String prefix = "subnet[" + subnetId + "].";
        int n = 0;
        for (Statistic s : stats.values()) {
            if (s.name().startsWith(prefix) && s.remove()) {
                n++;
            }
        }
        return n;
    }

    /**
     * Forgets the handles of statistics that are not present (never recorded, or removed and not changed
     * since), so names of deleted subnets do not accumulate. Call it after dropping the handles of the old
     * configuration: a handle kept across this call is detached and its later changes are not reported.
     */
    public void purgeAbsent() {
        stats.values().removeIf(s -> !s.isPresent());
    }

    // ---- limits ----

    /**
     * {@code statistic-sample-count-set}: keep at most {@code max} samples of {@code name}; disables its age
     * limit. False when no such statistic.
     *
     * @throws IllegalArgumentException when {@code max} is less than 1
     */
    public boolean setMaxSampleCount(String name, int max) {
        SampleLimit limit = new SampleLimit.ByCount(max);
        Statistic s = stats.get(name);
        return s != null && s.limit(limit);
    }

    /**
     * {@code statistic-sample-age-set}: keep the samples of {@code name} within {@code age} of the newest;
     * disables its count limit. False when no such statistic.
     *
     * @throws IllegalArgumentException when {@code age} is negative
     */
    public boolean setMaxSampleAge(String name, Duration age) {
        SampleLimit limit = new SampleLimit.ByAge(age);
        Statistic s = stats.get(name);
        return s != null && s.limit(limit);
    }

    /**
     * {@code statistic-sample-count-set-all}: the count limit for every statistic and the default for new ones.
     *
     * @throws IllegalArgumentException when {@code max} is less than 1 (Kea: "must not be zero")
     */
    public void setMaxSampleCountAll(int max) {
        SampleLimit limit = new SampleLimit.ByCount(max);
        synchronized (defaultsLock) {
            defaultCount = max;
            defaultLimit = limit;
        }
        for (Statistic s : stats.values()) {
            s.limit(limit);
        }
    }

    /** {@code statistic-sample-age-set-all}: the age limit for every statistic and the default for new ones. */
    public void setMaxSampleAgeAll(Duration age) {
        SampleLimit limit = new SampleLimit.ByAge(age);
        synchronized (defaultsLock) {
            defaultCount = 0;
            defaultAge = age;
            defaultLimit = limit;
        }
        for (Statistic s : stats.values()) {
            s.limit(limit);
        }
    }

    /**
     * Kea's {@code statistic-default-sample-count} for statistics created from now on: 0 switches new
     * statistics to the default age limit.
     */
    public void setDefaultSampleCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("statistic-default-sample-count must not be negative: " + count);
        }
        synchronized (defaultsLock) {
            defaultCount = count;
            defaultLimit = count > 0 ? new SampleLimit.ByCount(count) : new SampleLimit.ByAge(defaultAge);
        }
    }

    /**
     * Kea's {@code statistic-default-sample-age}: the age limit new statistics get while the default count is
     * 0 (setting it does not by itself disable the count default, as in Kea).
     */
    public void setDefaultSampleAge(Duration age) {
        SampleLimit limit = new SampleLimit.ByAge(age);
        synchronized (defaultsLock) {
            defaultAge = age;
            if (defaultCount == 0) {
                defaultLimit = limit;
            }
        }
    }

    /** The limit a new statistic gets. */
    public SampleLimit defaultLimit() {
        return defaultLimit;
    }

    // ---- reading ----

    /** {@code statistic-get}'s arguments: {@code {"name": [[value, "time"], ...]}}, or {@code {}} when unknown. */
    public ObjectNode get(String name) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Statistic s = stats.get(name);
        if (s != null) {
            ArrayNode json = s.toJson(clock);
            if (json != null) {
                out.set(name, json);
            }
        }
        return out;
    }

    /** {@code statistic-get-all}'s arguments: every present statistic, names ascending. */
    public ObjectNode getAll() {
        return collect(false);
    }

    /** {@code statistic-global-get-all}'s arguments: as {@link #getAll()} without per-subnet statistics. */
    public ObjectNode getAllGlobal() {
        return collect(true);
    }

    private ObjectNode collect(boolean globalOnly) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String name : sortedNames()) {
            if (globalOnly && StatNames.isSubnetScoped(name)) {
                continue;
            }
            Statistic s = stats.get(name);
            if (s != null) {
                ArrayNode json = s.toJson(clock);
                if (json != null) {
                    out.set(name, json);
                }
            }
        }
        return out;
    }

    /** The current value of every present statistic, names ascending, for exporters. */
    public List<StatSnapshot> snapshot() {
        List<StatSnapshot> out = new ArrayList<>();
        for (String name : sortedNames()) {
            Statistic s = stats.get(name);
            StatSnapshot snap = s == null ? null : s.snapshot();
            if (snap != null) {
                out.add(snap);
            }
        }
        return out;
    }

    /**
     * Records, for every integer statistic changed through a handle since it was last observed, one sample
     * stamped now. A server calls this from a periodic timer (say once a second) to bound how far a sample's
     * time can trail the change it records; reads do the same for the statistics they read.
     */
    public void sample() {
        for (Statistic s : stats.values()) {
            s.sync();
        }
    }

    /** The number of present statistics. */
    public int size() {
        int n = 0;
        for (Statistic s : stats.values()) {
            if (s.isPresent()) {
                n++;
            }
        }
        return n;
    }

    private List<String> sortedNames() {
        List<String> names = new ArrayList<>(stats.keySet());
        names.sort(null);
        return names;
    }
}
