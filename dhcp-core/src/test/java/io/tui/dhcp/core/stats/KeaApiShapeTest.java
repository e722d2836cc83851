package io.tui.dhcp.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tui.dhcp.core.testing.External;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The response examples of Kea's own API descriptions ({@code shared/kea-reference/api/statistic-*.json}),
 * replayed into a registry whose clock is stepped to each example timestamp: the registry must print the very
 * same {@code arguments}.
 */
class KeaApiShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter KEA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private static Path api() {
        return External.keaExamples().getParent().resolve("api");
    }

    /** The responses in a description's {@code resp-syntax}, which separates alternatives by a line "or". */
    private static List<JsonNode> responses(String command) throws Exception {
        JsonNode desc = JSON.readTree(Files.readString(api().resolve(command + ".json")));
        List<JsonNode> out = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        for (JsonNode line : desc.get("resp-syntax")) {
            if (line.asText().trim().equals("or")) {
                out.add(JSON.readTree(block.toString()));
                block.setLength(0);
            } else {
                block.append(line.asText()).append('\n');
            }
        }
        out.add(JSON.readTree(block.toString()));
        return out;
    }

    private record Event(String name, JsonNode value, Instant at) {
    }

    /** Replays every sample of an {@code arguments} map, oldest first, at its own time. */
    private static StatsRegistry replay(JsonNode arguments) {
        List<Event> events = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : arguments.properties()) {
            for (JsonNode sample : e.getValue()) {
                Instant at = LocalDateTime.parse(sample.get(1).asText(), KEA_TIME).toInstant(ZoneOffset.UTC);
                events.add(new Event(e.getKey(), sample.get(0), at));
            }
        }
        events.sort(Comparator.comparing(Event::at));
        FakeClock clock = new FakeClock(Instant.EPOCH);
        StatsRegistry stats = new StatsRegistry(new SampleClock(clock, ZoneOffset.UTC));
        for (Event ev : events) {
            clock.advance(Duration.between(clock.instant(), ev.at()));
            if (ev.value().isIntegralNumber()) {
                stats.set(ev.name(), ev.value().asLong());
            } else if (ev.value().isFloatingPointNumber()) {
                stats.set(ev.name(), ev.value().asDouble());
            } else {
                stats.set(ev.name(), ev.value().asText());
            }
        }
        return stats;
    }

    @Test
    void statisticGetExampleIsReproduced() throws Exception {
        JsonNode resp = responses("statistic-get").getFirst();
        assertEquals(0, resp.get("result").asInt());
        JsonNode args = resp.get("arguments");
        StatsRegistry stats = replay(args);
        assertEquals(args, stats.get("pkt4-received"));
        // Newest first, as in the example.
        assertEquals("first_value", stats.get("pkt4-received").get("pkt4-received").get(0).get(0).asText());
    }

    @Test
    void statisticGetAllExamplesAreReproduced() throws Exception {
        List<JsonNode> all = responses("statistic-get-all");
        assertEquals(3, all.size()); // dhcp4, dhcp6, d2
        for (JsonNode resp : all) {
            JsonNode args = resp.get("arguments");
            StatsRegistry stats = replay(args);
            assertEquals(args, stats.getAll());
            // The same text, key order included (Kea lists names in std::map order).
            assertEquals(JSON.writeValueAsString(args), JSON.writeValueAsString(stats.getAll()));
        }
        // Large totals stay JSON integers (subnet[1].total-nas is 2^48).
        JsonNode v6 = replay(all.get(1).get("arguments")).getAll();
        assertTrue(v6.get("subnet[1].pool[0].total-nas").get(0).get(0).isIntegralNumber());
        assertEquals(281474976710656L, v6.get("subnet[1].pool[0].total-nas").get(0).get(0).asLong());
    }

    @Test
    void statisticGlobalGetAllLeavesOutSubnetStatistics() throws Exception {
        List<JsonNode> all = responses("statistic-get-all");
        List<JsonNode> global = responses("statistic-global-get-all");
        assertEquals(2, global.size());
        for (int i = 0; i < global.size(); i++) {
            StatsRegistry stats = replay(all.get(i).get("arguments"));
            assertEquals(global.get(i).get("arguments"), stats.getAllGlobal());
        }
    }
}
