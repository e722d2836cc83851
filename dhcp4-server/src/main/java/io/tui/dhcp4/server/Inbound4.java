package io.tui.dhcp4.server;

/**
 * One received datagram and what the socket knows about it.
 *
 * @param data          the UDP payload
 * @param iface         the receiving interface, or null when unknown
 * @param ifaceAddress  the receiving interface's IPv4 address (the server identifier by default), or 0
 * @param source        the IP source address
 * @param sourcePort    the UDP source port
 * @param broadcast     whether it was sent to a broadcast address (true when the socket cannot tell)
 */
public record Inbound4(byte[] data, String iface, int ifaceAddress, int source, int sourcePort, boolean broadcast) {}
