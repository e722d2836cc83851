package io.tui.dhcp.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tui.dhcp.core.config.ConfigLoader;
import io.tui.dhcp.core.config.model.Family;
import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.lease.Bytes;
import org.junit.jupiter.api.Test;

class HostLookupTest {
    private static final String CONFIG = """
        {"Dhcp4": {
          "host-reservation-identifiers": ["circuit-id", "hw-address", "duid", "client-id", "flex-id"],
          "subnet4": [{"id": 1, "subnet": "192.0.2.0/24", "pools": [{"pool": "192.0.2.10-192.0.2.20"}],
            "reservations": [
              {"hw-address": "1a:1b:1c:1d:1e:1f", "ip-address": "192.0.2.201", "hostname": "hw"},
              {"client-id": "01:11:22:33:44:55:66", "ip-address": "192.0.2.202"},
              {"circuit-id": "'charter950'", "ip-address": "192.0.2.203"},
              {"duid": "0a:0b:0c:0d:0e:0f", "ip-address": "192.0.2.204"},
              {"flex-id": "'s0mEVaLue'", "ip-address": "192.0.2.205"}]}],
          "reservations": [{"hw-address": "aa:bb:cc:dd:ee:ff", "hostname": "global-host"}]
        }}""";

    private static HostLookup lookup() throws Exception {
        var config = new ConfigLoader(Family.V4, w -> { }).loadText(CONFIG, "test", null);
        return new HostLookup(new ConfigHostSource(config), config.settings().hostReservationIdentifiers());
    }

    private static Bytes hex(String s) throws Exception {
        return Bytes.fromHex(s);
    }

    @Test
    void everyIdentifierTypeFindsItsReservation() throws Exception {
        HostLookup l = lookup();
        assertEquals("hw", l.find(1, true, false, new HostLookup.Identifiers()
                .with(IdentifierType.HW_ADDRESS, hex("1a:1b:1c:1d:1e:1f"))).reservation().hostname());
        assertEquals(0xC00002CA, l.find(1, true, false, new HostLookup.Identifiers()
                .with(IdentifierType.CLIENT_ID, hex("01:11:22:33:44:55:66"))).ipv4());
        assertEquals(0xC00002CB, l.find(1, true, false, new HostLookup.Identifiers()
                .with(IdentifierType.CIRCUIT_ID, Bytes.of("charter950".getBytes()))).ipv4());
        assertEquals(0xC00002CC, l.find(1, true, false, new HostLookup.Identifiers()
                .with(IdentifierType.DUID, hex("0a:0b:0c:0d:0e:0f"))).ipv4());
        assertEquals(0xC00002CD, l.find(1, true, false, new HostLookup.Identifiers()
                .with(IdentifierType.FLEX_ID, Bytes.of("s0mEVaLue".getBytes()))).ipv4());
    }

    @Test
    void orderScopeAndFlags() throws Exception {
        HostLookup l = lookup();
        // circuit-id comes before hw-address in host-reservation-identifiers
        var both = new HostLookup.Identifiers().with(IdentifierType.HW_ADDRESS, hex("1a:1b:1c:1d:1e:1f"))
                .with(IdentifierType.CIRCUIT_ID, Bytes.of("charter950".getBytes()));
        assertEquals(0xC00002CB, l.find(1, true, false, both).ipv4());
        var global = new HostLookup.Identifiers().with(IdentifierType.HW_ADDRESS, hex("aa:bb:cc:dd:ee:ff"));
        assertNull(l.find(1, true, false, global), "reservations-global off");
        assertEquals("global-host", l.find(1, true, true, global).reservation().hostname());
        assertNull(l.find(1, false, false, both), "reservations-in-subnet off");
        assertEquals(1, l.source().byAddress(1, IpAddress.parse("192.0.2.201", false)).size());
        assertEquals(5, l.source().bySubnet(1).size());
    }
}
