package io.tui.dhcp.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Triplet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigHolderTest {
    private final ConfigLoader loader = new ConfigLoader(Family.V4, m -> {});

    @Test
    void goodConfigIsSwappedIn() throws Exception {
        ConfigHolder holder = new ConfigHolder(loader, loader.loadText("{\"Dhcp4\": {}}", "a", null));
        ConfigHolder.Result r = holder.apply("{\"Dhcp4\": {\"valid-lifetime\": 60}}", "b", null);
        assertTrue(r.applied());
        assertEquals(List.of(), r.errors());
        assertSame(r.running(), holder.current());
        assertEquals(Triplet.of(60), holder.current().global().valid());
    }

    @Test
    void badConfigKeepsTheRunningSnapshot() throws Exception {
        ServerConfig initial = loader.loadText("{\"Dhcp4\": {\"valid-lifetime\": 60}}", "a", null);
        ConfigHolder holder = new ConfigHolder(loader, initial);
        ConfigHolder.Result r = holder.apply("{\"Dhcp4\": {\"valid-lifetime\": 90, \"BOGUS\": 1}}", "b.json", null);
        assertFalse(r.applied());
        assertEquals(List.of("unsupported parameter: BOGUS (b.json:1:34)"), r.errors());
        assertSame(initial, holder.current());
        assertSame(initial, r.running());
    }

    @Test
    void parsedDocumentsAreAppliedTheSameWay() throws Exception {
        ConfigHolder holder = new ConfigHolder(loader, loader.loadText("{\"Dhcp4\": {}}", "a", null));
        var reader = new io.tui.dhcp.core.config.json.KeaJsonReader(m -> {});
        assertTrue(holder.apply(reader.readText("{\"Dhcp4\": {\"valid-lifetime\": 30}}", "cmd", null)).applied());
        assertEquals(Triplet.of(30), holder.current().global().valid());
        ConfigHolder.Result bad = holder.apply(reader.readText("{\"Dhcp6\": {}}", "cmd", null));
        assertFalse(bad.applied());
        assertEquals(List.of("no Dhcp4 map found: this configuration is for the DHCPv6 server (Dhcp6) (cmd:1:2)"),
                bad.errors());
        assertEquals(Triplet.of(30), holder.current().global().valid());
    }

    @Test
    void reloadReadsTheFileAgain(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("kea.json");
        Files.writeString(f, "{\"Dhcp4\": {\"valid-lifetime\": 10}}");
        ConfigHolder holder = new ConfigHolder(loader, loader.loadFile(f));
        Files.writeString(f, "{\"Dhcp4\": {\"valid-lifetime\": 20}}");
        assertTrue(holder.reload(f).applied());
        assertEquals(Triplet.of(20), holder.current().global().valid());
        Files.writeString(f, "{\"Dhcp4\": {\"valid-lifetime\": \"x\"}}");
        assertFalse(holder.reload(f).applied());
        assertEquals(Triplet.of(20), holder.current().global().valid());
    }
}
