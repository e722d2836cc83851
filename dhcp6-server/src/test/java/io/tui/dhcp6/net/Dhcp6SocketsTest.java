package io.tui.dhcp6.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** interfaces-config names to interfaces (resolution only: nothing is bound here). */
class Dhcp6SocketsTest {
    @Test
    void namesAddressesAndWildcard() throws Exception {
        List<Dhcp6Sockets.Listen> lo = Dhcp6Sockets.resolve(List.of("lo", "lo/::1"));
        assertEquals(1, lo.size(), "one entry per interface");
        assertEquals("lo", lo.getFirst().iface().getName());
        assertEquals(List.of(InetAddress.getByName("::1")), lo.getFirst().unicast());
        IOException missing = assertThrows(IOException.class, () -> Dhcp6Sockets.resolve(List.of("tui-none0")));
        assertTrue(missing.getMessage().contains("tui-none0 does not exist"));
        IOException v4 = assertThrows(IOException.class, () -> Dhcp6Sockets.resolve(List.of("lo/127.0.0.1")));
        assertTrue(v4.getMessage().contains("not an IPv6 address"), v4.getMessage());
        for (Dhcp6Sockets.Listen l : Dhcp6Sockets.resolve(List.of("*"))) {
            assertFalse(l.iface().isLoopback(), "* leaves out loopback");
            assertTrue(Dhcp6Sockets.linkLocal(l.iface()) != null, "* takes interfaces with a link-local address");
        }
    }
}
