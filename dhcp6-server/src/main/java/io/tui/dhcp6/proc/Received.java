package io.tui.dhcp6.proc;

import io.tui.dhcp.core.wire.v6.Ip6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Where a datagram came from, as the socket layer saw it.
 *
 * @param iface          the receiving interface's name, or null when unknown
 * @param ifaceAddresses the receiving interface's global IPv6 addresses (subnet selection for direct clients)
 * @param source         the IP source address
 * @param sourcePort     the UDP source port
 * @param unicast        true when the datagram was sent to a unicast address of the server, false for multicast
 */
public record Received(String iface, List<Ip6Address> ifaceAddresses, InetAddress source, int sourcePort,
        boolean unicast) {
    public Received {
        ifaceAddresses = ifaceAddresses == null ? List.of() : List.copyOf(ifaceAddresses);
    }
}
