package io.tui.dhcp4.server;

import io.tui.dhcp.core.wire.v4.Dhcp4Packet;

/**
 * A reply and where it goes (RFC 2131 4.1).
 *
 * @param packet      the reply
 * @param route       how it is sent
 * @param destination the IP destination (giaddr, ciaddr, yiaddr or 255.255.255.255)
 * @param port        the UDP destination port
 * @param iface       the interface to send on (the receiving one), or null
 * @param source      the server address to send from (the server identifier)
 * @param mac         the client's hardware address for {@link Route#LINK_LAYER}, else null
 */
public record Reply4(Dhcp4Packet packet, Route route, int destination, int port, String iface, int source,
        byte[] mac) {

    /** How a reply reaches its client. */
    public enum Route {
        /** To the relay (giaddr), server port. */
        RELAY,
        /** To ciaddr, client port (renewing clients, INFORM). */
        UNICAST,
        /** To 255.255.255.255 on the receiving interface, client port. */
        BROADCAST,
        /** To yiaddr at chaddr, built at layer 2 (the client has no address yet and cannot take broadcasts). */
        LINK_LAYER
    }
}
