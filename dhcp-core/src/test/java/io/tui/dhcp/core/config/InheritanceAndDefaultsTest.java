package io.tui.dhcp.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.config.model.OptionData;
import io.tui.dhcp.core.config.model.ServerConfig;
import io.tui.dhcp.core.config.model.Subnet;
import io.tui.dhcp.core.config.model.Triplet;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InheritanceAndDefaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String resource(String name) throws Exception {
        try (InputStream in = InheritanceAndDefaultsTest.class.getResourceAsStream("/config/kea22/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ServerConfig load(Family f, String text) throws ConfigException {
        return new ConfigLoader(f, m -> {}).loadText(text, "t.json", null);
    }

    /** Our rendering of a minimal config agrees with what Kea 2.2's config-get returned for the same file. */
    private static void assertDefaultsMatchKea(Family f, String input, String keaOutput, List<String> keys)
            throws Exception {
        ServerConfig c = load(f, resource(input));
        JsonNode ours = JSON.readTree(new ConfigRenderer().toJson(c)).get(f.rootKey());
        JsonNode kea = JSON.readTree(resource(keaOutput)).get("arguments").get(f.rootKey());
        for (String k : keys) {
            assertEquals(kea.get(k), ours.get(k), k);
        }
        JsonNode keaSubnet = kea.get(f.subnetKey()).get(0);
        Subnet s = c.subnets().get(0);
        assertEquals(keaSubnet.get("id").asLong(), s.id());
        assertEquals(new Triplet(keaSubnet.get("min-valid-lifetime").asLong(), keaSubnet.get("valid-lifetime").asLong(),
                keaSubnet.get("max-valid-lifetime").asLong()), s.effective().valid());
        assertEquals(keaSubnet.get("t1-percent").asDouble(), s.effective().t1Percent());
        assertEquals(keaSubnet.get("t2-percent").asDouble(), s.effective().t2Percent());
        assertEquals(keaSubnet.get("calculate-tee-times").asBoolean(), s.effective().calculateTeeTimes());
    }

    @Test
    void dhcp4DefaultsAreKeas() throws Exception {
        assertDefaultsMatchKea(Family.V4, "minimal4.json", "config-get-minimal4.json", List.of("authoritative",
                "boot-file-name", "calculate-tee-times", "decline-probation-period", "dhcp4o6-port", "dhcp-ddns",
                "expired-leases-processing", "host-reservation-identifiers", "ip-reservations-unique",
                "match-client-id", "next-server", "reservations-global", "reservations-in-subnet",
                "reservations-out-of-pool", "server-hostname", "server-tag", "t1-percent", "t2-percent",
                "valid-lifetime", "control-socket", "hooks-libraries", "option-data", "option-def",
                "shared-networks"));
    }

    @Test
    void dhcp6DefaultsAreKeas() throws Exception {
        assertDefaultsMatchKea(Family.V6, "minimal6.json", "config-get-minimal6.json", List.of(
                "calculate-tee-times", "decline-probation-period", "dhcp4o6-port", "dhcp-ddns",
                "expired-leases-processing", "host-reservation-identifiers", "ip-reservations-unique",
                "preferred-lifetime", "reservations-global", "reservations-in-subnet", "reservations-out-of-pool",
                "server-id", "server-tag", "t1-percent", "t2-percent", "valid-lifetime"));
        ServerConfig c = load(Family.V6, resource("minimal6.json"));
        Subnet s = c.subnets().get(0);
        assertEquals(Triplet.of(3600), s.effective().preferred());
        assertEquals(false, s.effective().rapidCommit());
    }

    @Test
    void keasOwnConfigGetOutputLoadsAndMeansTheSame() throws Exception {
        for (Family f : Family.values()) {
            String n = f.v6() ? "6" : "4";
            JsonNode kea = JSON.readTree(resource("config-get-minimal" + n + ".json")).get("arguments");
            ServerConfig fromKea = load(f, JSON.writeValueAsString(kea));
            ServerConfig fromInput = load(f, resource("minimal" + n + ".json"));
            assertEquals(fromInput.subnets().get(0).effective(), fromKea.subnets().get(0).effective());
            assertEquals(fromInput.global(), fromKea.global());
            assertEquals(fromInput.settings(), fromKea.settings());
        }
    }

    @Test
    void multiThreadingDefaultFollowsKea3NotKea22() throws Exception {
        // Kea 2.2 defaults enable-multi-threading to false; Kea 2.4 and later (the examples' 3.x line) to true.
        ServerConfig c = load(Family.V4, "{\"Dhcp4\": {}}");
        assertTrue(c.services().multiThreading().enabled());
        assertEquals(0, c.services().multiThreading().threadPoolSize());
        assertEquals(64, c.services().multiThreading().packetQueueSize());
    }

    private static final String INHERIT4 = """
            {"Dhcp4": {
              "valid-lifetime": 1000, "renew-timer": 300, "match-client-id": true,
              "option-data": [{"name": "domain-name-servers", "data": "192.0.2.1"}],
              "subnet4": [{"subnet": "192.0.2.0/24"},
                          {"subnet": "192.0.3.0/24", "valid-lifetime": 500, "max-valid-lifetime": 900,
                           "reservation-mode": "out-of-pool", "client-class": "lab",
                           "require-client-classes": ["late"]}],
              "shared-networks": [{
                "name": "net", "valid-lifetime": 2000, "renew-timer": 100, "rebind-timer": 200,
                "match-client-id": false, "interface": "eth1", "relay": {"ip-addresses": ["10.1.1.1"]},
                "option-data": [{"name": "routers", "data": "10.0.0.1"}, {"name": "domain-name", "data": "net"}],
                "subnet4": [
                  {"subnet": "10.0.0.0/24", "valid-lifetime": 3000,
                   "option-data": [{"name": "routers", "data": "10.0.0.254"}]},
                  {"id": 77, "subnet": "10.0.1.0/24", "match-client-id": true, "authoritative": true}]
              }]
            }}""";

    @Test
    void parametersInheritFromGlobalThroughSharedNetworkToSubnet() throws Exception {
        ServerConfig c = load(Family.V4, INHERIT4);
        // Global subnets get ids first, then shared-network subnets, skipping none.
        assertEquals(List.of(1L, 2L, 3L, 77L), c.subnets().stream().map(Subnet::id).toList());
        // A bound without its value takes the inherited value: here the shared network's 2000.
        ServerConfig bounds = load(Family.V4, INHERIT4.replace("\"id\": 77,", "\"id\": 77, \"max-valid-lifetime\": 5000,"));
        assertEquals(new Triplet(2000, 2000, 5000), bounds.subnet(77).effective().valid());

        Subnet plain = c.subnet(1);
        assertEquals(Triplet.of(1000), plain.effective().valid());
        assertEquals(300L, plain.effective().renewTimer());
        assertNull(plain.effective().rebindTimer());
        assertEquals(true, plain.effective().matchClientId());
        assertEquals(false, plain.effective().authoritative());
        assertEquals(IpAddress.parse("0.0.0.0", false), plain.effective().nextServer());
        assertNull(plain.sharedNetwork());

        Subnet own = c.subnet(2);
        assertEquals(new Triplet(500, 500, 900), own.effective().valid());
        assertEquals(List.of(false, true, true), List.of(own.effective().reservationsGlobal(),
                own.effective().reservationsInSubnet(), own.effective().reservationsOutOfPool()));
        assertEquals(List.of("lab"), own.clientClasses());
        assertEquals(List.of("late"), own.additionalClasses());

        Subnet inNet = c.subnet(3);
        assertEquals("net", inNet.sharedNetwork());
        assertEquals(Triplet.of(3000), inNet.effective().valid());
        assertEquals(100L, inNet.effective().renewTimer());
        assertEquals(200L, inNet.effective().rebindTimer());
        assertEquals(false, inNet.effective().matchClientId());
        assertEquals("eth1", inNet.effective().iface());
        assertEquals(List.of(IpAddress.parse("10.1.1.1", false)), inNet.effective().relayAddresses());
        assertNull(inNet.declared().renewTimer());
        assertEquals(List.of("10.0.0.254", "10.0.0.1", "net"),
                inNet.inheritedOptions().stream().map(OptionData::data).toList());

        Subnet override = c.subnet(77);
        assertEquals(Triplet.of(2000), override.effective().valid());
        assertEquals(true, override.effective().matchClientId());
        assertEquals(true, override.effective().authoritative());
        assertEquals(List.of("10.0.0.1", "net"), override.inheritedOptions().stream().map(OptionData::data).toList());

        assertEquals(List.of(3L, 77L), c.sharedNetworks().get(0).subnetIds());
        assertEquals(Triplet.of(2000), c.sharedNetworks().get(0).effective().valid());
        assertEquals("192.0.2.1", c.options().get(0).data());
    }

    @Test
    void optionDataIsResolvedToWireBytesThroughTheRegistry() throws Exception {
        ServerConfig c = load(Family.V4, INHERIT4);
        OptionData dns = c.options().get(0);
        assertEquals(6, dns.resolved().code());
        assertEquals("c0000201", java.util.HexFormat.of().formatHex(dns.resolved().payload()));
        OptionData routers = c.subnet(3).options().get(0);
        assertEquals(3, routers.resolved().code());
        assertEquals("0a0000fe", java.util.HexFormat.of().formatHex(routers.resolved().payload()));
        OptionData domain = c.sharedNetworks().get(0).options().get(1);
        assertEquals(15, domain.resolved().code());
        assertEquals("6e6574", java.util.HexFormat.of().formatHex(domain.resolved().payload()));
    }

    @Test
    void customAndClassOptionDefinitionsResolve() throws Exception {
        ServerConfig c = load(Family.V4, """
                {"Dhcp4": {
                  "option-def": [{"name": "site-code", "code": 224, "type": "uint16"}],
                  "option-data": [{"name": "site-code", "data": "513"}],
                  "client-classes": [{"name": "phones",
                    "option-def": [{"name": "phone-server", "code": 225, "type": "ipv4-address"}],
                    "option-data": [{"name": "phone-server", "data": "192.0.2.9"}]}]}}""");
        assertEquals("0201", java.util.HexFormat.of().formatHex(c.options().get(0).resolved().payload()));
        OptionData phone = c.clientClasses().get(0).options().get(0);
        assertEquals(225, phone.resolved().code());
        assertEquals("c0000209", java.util.HexFormat.of().formatHex(phone.resolved().payload()));
        assertTrue(c.optionRegistry().definition("dhcp4", "site-code").isPresent());
        // A class's own definition is not known outside the class.
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> load(Family.V4, """
                {"Dhcp4": {
                  "client-classes": [{"name": "phones",
                    "option-def": [{"name": "phone-server", "code": 225, "type": "ipv4-address"}]}],
                  "option-data": [{"name": "phone-server", "data": "192.0.2.9"}]}}"""));
        assertTrue(e.getMessage().contains("phone-server"), e.getMessage());
    }

    @Test
    void dhcp6TimersAndPreferredLifetimeInherit() throws Exception {
        ServerConfig c = load(Family.V6, """
                {"Dhcp6": {"preferred-lifetime": 100, "valid-lifetime": 200, "rapid-commit": true,
                  "subnet6": [{"subnet": "2001:db8::/64", "rapid-commit": false}],
                  "shared-networks": [{"name": "n", "rapid-commit": true, "interface-id": "port1",
                    "t1-percent": 0.4, "subnet6": [{"subnet": "2001:db8:1::/64", "preferred-lifetime": 50,
                      "min-preferred-lifetime": 40}]}]}}""".replace("\"rapid-commit\": true,\n", ""));
        Subnet a = c.subnet(1);
        assertEquals(Triplet.of(100), a.effective().preferred());
        assertEquals(false, a.effective().rapidCommit());
        assertEquals(true, a.effective().calculateTeeTimes());
        Subnet b = c.subnet(2);
        assertEquals(new Triplet(40, 50, 50), b.effective().preferred());
        assertEquals(Triplet.of(200), b.effective().valid());
        assertEquals(true, b.effective().rapidCommit());
        assertEquals("port1", b.effective().interfaceId());
        assertEquals(0.4, b.effective().t1Percent());
        assertEquals(0.8, b.effective().t2Percent());
    }

    @Test
    void kea2SpellingsMapToTheSameSnapshotAsKea3Spellings() throws Exception {
        ServerConfig kea2 = load(Family.V4, """
                {"Dhcp4": {"control-socket": {"socket-type": "unix", "socket-name": "/run/kea.sock"},
                  "client-classes": [{"name": "late", "only-if-required": true}],
                  "subnet4": [{"subnet": "10.0.0.0/8", "client-class": "late", "require-client-classes": ["late"],
                    "reservation-mode": "global"}],
                  "loggers": [{"name": "kea-dhcp4", "output_options": [{"output": "stdout"}]}]}}""");
        ServerConfig kea3 = load(Family.V4, """
                {"Dhcp4": {"control-sockets": [{"socket-type": "unix", "socket-name": "/run/kea.sock"}],
                  "client-classes": [{"name": "late", "only-in-additional-list": true}],
                  "subnet4": [{"subnet": "10.0.0.0/8", "client-classes": ["late"],
                    "evaluate-additional-classes": ["late"], "reservations-global": true,
                    "reservations-in-subnet": false, "reservations-out-of-pool": false}],
                  "loggers": [{"name": "kea-dhcp4", "output-options": [{"output": "stdout"}]}]}}""");
        assertEquals(kea3, kea2);
    }

    @Test
    void databasesKeepTheirBackendParameters() throws Exception {
        ServerConfig c = load(Family.V4, """
                {"Dhcp4": {"lease-database": {"type": "memfile", "name": "/var/lib/tui/leases4.csv",
                    "lfc-interval": 600, "max-row-errors": 5},
                  "hosts-databases": [{"type": "mysql", "name": "kea", "host": "db", "port": 3306}]}}""");
        var lease = c.services().leaseDatabase();
        assertEquals("memfile", lease.type());
        assertEquals("/var/lib/tui/leases4.csv", lease.name());
        assertTrue(lease.persist());
        assertEquals(600, lease.lfcInterval());
        assertEquals(5, lease.number("max-row-errors", 0));
        var hosts = c.services().hostsDatabases().get(0);
        assertEquals("db", hosts.text("host"));
        assertEquals(3306, hosts.number("port", 0));
        assertNull(hosts.text("user"));
        ServerConfig none = load(Family.V4, "{\"Dhcp4\": {}}");
        assertEquals("memfile", none.services().leaseDatabase().type());
        assertTrue(none.services().leaseDatabase().persist());
        assertEquals(3600, none.services().leaseDatabase().lfcInterval());
    }

    @Test
    void legacyTopLevelLoggingIsUsed() throws Exception {
        ServerConfig c = load(Family.V4, "{\"Dhcp4\": {}, \"Logging\": {\"loggers\": [{\"name\": \"kea-dhcp4\","
                + " \"severity\": \"DEBUG\", \"debuglevel\": 40}]}}");
        assertEquals("DEBUG", c.services().loggers().get(0).severity());
        assertEquals(40, c.services().loggers().get(0).debugLevel());
    }

    @Test
    void reservationIdentifiersAreNormalisedToColonHex() throws Exception {
        ServerConfig c = load(Family.V4, """
                {"Dhcp4": {"reservations": [
                  {"hw-address": "AA-BB-CC-DD-EE-FF", "hostname": "a"}, {"client-id": "01aabbccddeeff", "hostname": "b"},
                  {"circuit-id": "'charter950'", "hostname": "c"}, {"flex-id": "0x0102", "hostname": "d"}]}}""");
        assertEquals(List.of("aa:bb:cc:dd:ee:ff", "01:aa:bb:cc:dd:ee:ff", "63:68:61:72:74:65:72:39:35:30", "01:02"),
                c.reservations().stream().map(r -> r.identifier().hex()).toList());
        assertFalse(c.reservations().isEmpty());
    }
}
