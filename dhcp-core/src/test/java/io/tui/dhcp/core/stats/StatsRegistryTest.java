package io.tui.dhcp.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // 2019-07-30 10:11:19.498662 UTC, the time in Kea's statistic-get example.
    private static final Instant T0 = Instant.parse("2019-07-30T10:11:19.498662Z");

    private final FakeClock clock = new FakeClock(T0);
    private final StatsRegistry stats = new StatsRegistry(new SampleClock(clock, ZoneOffset.UTC));

    private JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void setThenGetPrintsKeaShapeWithMicroseconds() throws Exception {
        stats.set("pkt4-received", 0L);
        clock.advance(Duration.ofNanos(77_000));
        stats.set("pkt4-received", 5L);
        assertEquals(json("""
                {"pkt4-received": [[5, "2019-07-30 10:11:19.498739"], [0, "2019-07-30 10:11:19.498662"]]}"""),
                stats.get("pkt4-received"));
        // Integers are JSON integers, not floats or strings.
        assertTrue(stats.get("pkt4-received").get("pkt4-received").get(0).get(0).isIntegralNumber());
    }

    @Test
    void timestampsArePrintedInTheConfiguredLocalZone() {
        StatsRegistry tokyo = new StatsRegistry(new SampleClock(clock, ZoneId.of("Asia/Tokyo")));
        tokyo.set("x", 1L);
        assertEquals("2019-07-30 19:11:19.498662", tokyo.get("x").get("x").get(0).get(1).asText());
    }

    @Test
    void unknownNameGivesEmptyMap() {
        ObjectNode got = stats.get("no-such-statistic");
        assertEquals(0, got.size());
        assertEquals("{}", got.toString());
        stats.counter("created-but-never-changed");
        assertEquals(0, stats.get("created-but-never-changed").size());
        assertEquals(0, stats.getAll().size());
    }

    @Test
    void incrementsAreCoalescedIntoOneSampleWhenObserved() {
        Statistic c = stats.counter("pkt4-received");
        assertSame(c, stats.counter("pkt4-received"));
        c.increment();
        c.increment();
        c.increment();
        clock.advance(Duration.ofMillis(1));
        List<Sample> s = c.samples();
        assertEquals(List.of(new Sample(new StatValue.IntegerValue(3), micros(T0) + 1000)), s);
        // Nothing changed: observing again adds no sample.
        clock.advance(Duration.ofMillis(1));
        assertEquals(1, c.samples().size());
        c.add(4);
        c.decrement();
        clock.advance(Duration.ofMillis(1));
        stats.sample();
        clock.advance(Duration.ofMillis(5));
        assertEquals(List.of(new Sample(new StatValue.IntegerValue(6), micros(T0) + 3000),
                new Sample(new StatValue.IntegerValue(3), micros(T0) + 1000)), c.samples());
    }

    @Test
    void addByNameRecordsASampleNowAndCreates() {
        stats.add("v4-allocation-fail", 2);
        clock.advance(Duration.ofSeconds(1));
        stats.add("v4-allocation-fail", 3);
        List<Sample> s = stats.counter("v4-allocation-fail").samples();
        assertEquals(2, s.size());
        assertEquals(new StatValue.IntegerValue(5), s.get(0).value());
        assertEquals(micros(T0) + 1_000_000, s.get(0).epochMicros());
        assertEquals(new StatValue.IntegerValue(2), s.get(1).value());
    }

    @Test
    void defaultLimitKeepsTwentyNewestFirst() {
        for (long i = 1; i <= 30; i++) {
            stats.set("c", i);
            clock.advance(Duration.ofMillis(1));
        }
        JsonNode arr = stats.get("c").get("c");
        assertEquals(20, arr.size());
        for (int k = 0; k < 20; k++) {
            assertEquals(30 - k, arr.get(k).get(0).asLong());
        }
        assertEquals(new SampleLimit.ByCount(20), stats.counter("c").sampleLimit());
    }

    @Test
    void countLimitPerStatisticTrimsAtOnceAndDisablesAge() {
        for (long i = 1; i <= 10; i++) {
            stats.set("a", i);
            stats.set("b", i);
            clock.advance(Duration.ofSeconds(1));
        }
        assertTrue(stats.setMaxSampleAge("a", Duration.ofSeconds(100)));
        assertTrue(stats.setMaxSampleCount("a", 3));
        assertEquals(List.of(10L, 9L, 8L), values("a"));
        assertEquals(10, values("b").size());
        stats.set("a", 11L);
        assertEquals(List.of(11L, 10L, 9L), values("a"));
        assertFalse(stats.setMaxSampleCount("unknown", 3));
        assertThrows(IllegalArgumentException.class, () -> stats.setMaxSampleCount("a", 0));
    }

    @Test
    void ageLimitIsMeasuredFromTheNewestSampleAndDisablesCount() {
        for (long i = 1; i <= 30; i++) {
            stats.set("a", i);
            clock.advance(Duration.ofSeconds(1));
        }
        // Samples at T0+0s .. T0+29s; the count limit kept 20 (values 11..30).
        assertTrue(stats.setMaxSampleAge("a", Duration.ofSeconds(5)));
        assertEquals(List.of(30L, 29L, 28L, 27L, 26L, 25L), values("a"));
        // Time passing alone drops nothing (Kea trims when a sample is added).
        clock.advance(Duration.ofHours(1));
        assertEquals(6, values("a").size());
        stats.set("a", 31L);
        assertEquals(List.of(31L), values("a"));
        // Count no longer limits: 40 samples a millisecond apart are all within 5 s.
        for (long i = 32; i <= 71; i++) {
            clock.advance(Duration.ofMillis(1));
            stats.set("a", i);
        }
        assertEquals(41, values("a").size());
        assertEquals(new SampleLimit.ByAge(Duration.ofSeconds(5)), stats.counter("a").sampleLimit());
    }

    @Test
    void allLimitsChangeExistingAndNewStatistics() {
        for (long i = 1; i <= 10; i++) {
            stats.set("old", i);
            clock.advance(Duration.ofSeconds(1));
        }
        stats.setMaxSampleCountAll(2);
        assertEquals(List.of(10L, 9L), values("old"));
        for (long i = 1; i <= 5; i++) {
            stats.set("new", i);
        }
        assertEquals(List.of(5L, 4L), values("new"));
        stats.setMaxSampleAgeAll(Duration.ofSeconds(3));
        for (long i = 1; i <= 10; i++) {
            stats.set("newer", i);
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(List.of(10L, 9L, 8L, 7L), values("newer"));
        assertEquals(new SampleLimit.ByAge(Duration.ofSeconds(3)), stats.defaultLimit());
        assertThrows(IllegalArgumentException.class, () -> stats.setMaxSampleCountAll(0));
    }

    @Test
    void defaultSampleCountZeroSwitchesNewStatisticsToDefaultAge() {
        stats.setDefaultSampleAge(Duration.ofSeconds(2));
        assertEquals(new SampleLimit.ByCount(20), stats.defaultLimit());
        stats.setDefaultSampleCount(0);
        assertEquals(new SampleLimit.ByAge(Duration.ofSeconds(2)), stats.defaultLimit());
        stats.setDefaultSampleCount(7);
        assertEquals(new SampleLimit.ByCount(7), stats.defaultLimit());
    }

    @Test
    void resetGivesOneNeutralSamplePerKind() throws Exception {
        stats.set("i", 42L);
        stats.set("i", 43L);
        stats.set("f", 1.5);
        stats.set("d", Duration.ofHours(26).plusMinutes(3).plusSeconds(4).plusNanos(5_000));
        stats.set("s", "hello");
        assertEquals("26:03:04.000005", stats.get("d").get("d").get(0).get(0).asText());
        clock.advance(Duration.ofSeconds(1));
        for (String n : List.of("i", "f", "d", "s")) {
            assertTrue(stats.reset(n), n);
        }
        assertEquals(json("""
                {"d": [["00:00:00.000000", "2019-07-30 10:11:20.498662"]],
                 "f": [[0.0, "2019-07-30 10:11:20.498662"]],
                 "i": [[0, "2019-07-30 10:11:20.498662"]],
                 "s": [["", "2019-07-30 10:11:20.498662"]]}"""), stats.getAll());
        assertTrue(stats.getAll().get("f").get(0).get(0).isDouble());
        assertFalse(stats.reset("unknown"));
    }

    @Test
    void resetKeepsTheHandleCounting() {
        Statistic c = stats.counter("pkt4-received");
        c.add(10);
        stats.reset("pkt4-received");
        c.increment();
        assertEquals(new StatValue.IntegerValue(1), c.value());
        assertEquals(List.of(1L, 0L), values("pkt4-received"));
    }

    @Test
    void resetAllAndRemoveAll() {
        stats.set("a", 1L);
        stats.set("b", "x");
        stats.resetAll();
        assertEquals(List.of(0L), values("a"));
        assertEquals("", stats.get("b").get("b").get(0).get(0).asText());
        stats.removeAll();
        assertEquals(0, stats.getAll().size());
        assertEquals(0, stats.size());
    }

    @Test
    void removeDeletesUntilTheNextChange() {
        Statistic c = stats.counter("pkt4-decline-received");
        c.add(7);
        assertEquals(1, stats.size());
        assertTrue(stats.remove("pkt4-decline-received"));
        assertEquals("{}", stats.get("pkt4-decline-received").toString());
        assertFalse(stats.remove("pkt4-decline-received"));
        assertFalse(stats.reset("pkt4-decline-received"));
        assertFalse(stats.setMaxSampleCount("pkt4-decline-received", 5));
        assertNull(c.value());
        // Kea re-creates a removed statistic at its next change, from zero.
        c.increment();
        assertEquals(List.of(1L), values("pkt4-decline-received"));
    }

    @Test
    void aRevivedStatisticGetsTheCurrentDefaultLimit() {
        Statistic c = stats.counter("c");
        c.increment();
        assertTrue(stats.setMaxSampleCount("c", 2));
        stats.remove("c");
        c.increment();
        assertEquals(new SampleLimit.ByCount(20), c.sampleLimit());
    }

    @Test
    void removeSubnetRemovesItsStatisticsAndPoolsOnly() {
        stats.set(StatNames.subnet(1, "total-addresses"), 10L);
        stats.set(StatNames.pool(1, 0, "total-addresses"), 10L);
        stats.set(StatNames.subnet(10, "total-addresses"), 10L);
        stats.set("total-addresses-global-lookalike", 1L);
        assertEquals(2, stats.removeSubnet(1));
        List<String> left = new ArrayList<>();
        stats.getAll().fieldNames().forEachRemaining(left::add);
        assertEquals(List.of("subnet[10].total-addresses", "total-addresses-global-lookalike"), left);
        stats.purgeAbsent();
        assertEquals(2, stats.size());
        // A purged name starts afresh.
        stats.set(StatNames.subnet(1, "total-addresses"), 3L);
        assertEquals(3, stats.size());
    }

    @Test
    void removedStatisticMayComeBackWithAnotherKind() {
        stats.set("x", 1L);
        assertThrows(IllegalStateException.class, () -> stats.set("x", "text"));
        stats.remove("x");
        stats.set("x", "text");
        assertEquals("text", stats.get("x").get("x").get(0).get(0).asText());
    }

    @Test
    void floatAndDurationAdd() {
        stats.add("f", 1.25);
        stats.add("f", 2.5);
        assertEquals(3.75, stats.get("f").get("f").get(0).get(0).asDouble());
        stats.add("d", Duration.ofSeconds(61));
        stats.add("d", Duration.ofMillis(500));
        assertEquals("00:01:01.500000", stats.get("d").get("d").get(0).get(0).asText());
        assertThrows(IllegalStateException.class, () -> stats.handle("f", StatKind.FLOAT).increment());
    }

    @Test
    void bigIntegerTotalsPrintAsJsonIntegers() throws Exception {
        // A /64 IA_NA pool holds 2^64 addresses, beyond a signed 64-bit integer.
        BigInteger total = BigInteger.ONE.shiftLeft(64);
        stats.set("subnet[1].pool[0].total-nas", total);
        stats.add("subnet[1].pool[0].total-nas", BigInteger.ONE);
        assertEquals("{\"subnet[1].pool[0].total-nas\":[[18446744073709551617,\"2019-07-30 10:11:19.498662\"],"
                + "[18446744073709551616,\"2019-07-30 10:11:19.498662\"]]}",
                stats.get("subnet[1].pool[0].total-nas").toString());
        assertEquals(json(stats.get("subnet[1].pool[0].total-nas").toString()),
                stats.get("subnet[1].pool[0].total-nas"));
        stats.reset("subnet[1].pool[0].total-nas");
        assertEquals(0, stats.get("subnet[1].pool[0].total-nas").get("subnet[1].pool[0].total-nas").get(0).get(0)
                .asInt());
    }

    @Test
    void stringAddConcatenatesAsKeaDoes() {
        stats.add("s", "ab");
        stats.add("s", "cd");
        assertEquals(List.of("abcd", "ab"), List.of(stats.get("s").get("s").get(0).get(0).asText(),
                stats.get("s").get("s").get(1).get(0).asText()));
    }

    @Test
    void snapshotListsCurrentValuesSorted() {
        Statistic b = stats.counter("b");
        b.add(5);
        stats.set("a", 2.0);
        stats.counter("c");
        assertEquals(List.of(new StatSnapshot("a", StatKind.FLOAT, new StatValue.FloatValue(2.0)),
                new StatSnapshot("b", StatKind.INTEGER, new StatValue.IntegerValue(5))), stats.snapshot());
    }

    @Test
    void subnetNamesAndScopedCounter() {
        assertEquals("subnet[1].assigned-addresses", StatNames.subnet(1, StatNames.ASSIGNED_ADDRESSES));
        assertEquals("subnet[1].pool[0].assigned-addresses", StatNames.pool(1, 0, "assigned-addresses"));
        assertEquals("subnet[1].pd-pool[0].assigned-pds", StatNames.pdPool(1, 0, StatNames.ASSIGNED_PDS));
        ScopedCounter p0 = ScopedCounter.addressPool(stats, StatNames.ASSIGNED_ADDRESSES, 1, 0, true);
        ScopedCounter p1 = ScopedCounter.addressPool(stats, StatNames.ASSIGNED_ADDRESSES, 1, 1, true);
        ScopedCounter q0 = ScopedCounter.addressPool(stats, StatNames.ASSIGNED_ADDRESSES, 2, 0, true);
        p0.increment();
        p0.increment();
        p1.increment();
        q0.increment();
        p0.decrement();
        ObjectNode all = stats.getAll();
        assertEquals(List.of("assigned-addresses", "subnet[1].assigned-addresses",
                "subnet[1].pool[0].assigned-addresses", "subnet[1].pool[1].assigned-addresses",
                "subnet[2].assigned-addresses", "subnet[2].pool[0].assigned-addresses"), names(all));
        assertEquals(3, all.get("assigned-addresses").get(0).get(0).asLong());
        assertEquals(2, all.get("subnet[1].assigned-addresses").get(0).get(0).asLong());
        assertEquals(1, all.get("subnet[1].pool[0].assigned-addresses").get(0).get(0).asLong());
        assertEquals(List.of("assigned-addresses"), names(stats.getAllGlobal()));
    }

    private static List<String> names(JsonNode obj) {
        List<String> out = new ArrayList<>();
        obj.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private List<Long> values(String name) {
        List<Long> out = new ArrayList<>();
        for (JsonNode pair : stats.get(name).get(name)) {
            out.add(pair.get(0).asLong());
        }
        return out;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
}
