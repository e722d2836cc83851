/**
 * How the DHCPv4 server puts replies on the wire when an ordinary UDP socket cannot.
 *
 * <h2>The problem</h2>
 * RFC 2131 section 4.1: when a request came without a relay (giaddr 0), from a client that has no address yet
 * (ciaddr 0) and did not ask for a broadcast (the B flag clear), the reply goes unicast to the client's hardware
 * address (chaddr) and to the address being offered (yiaddr). Through a UDP socket the kernel would first ARP for
 * yiaddr, which nobody answers: the client does not have that address yet. Kea solves this with its {@code raw}
 * socket type (LPF on Linux), which writes the frame at layer 2.
 *
 * <h2>The choice</h2>
 * <ul>
 *   <li>{@link io.tui.dhcp4.net.PacketSocket}: one {@code AF_PACKET}/{@code SOCK_DGRAM} socket per interface,
 *       reached through the FFM API ({@code java.lang.foreign}) with downcalls to libc's {@code socket}, {@code bind},
 *       {@code sendto}, {@code close} and {@code if_nametoindex}; errno is captured with each call. With
 *       {@code SOCK_DGRAM} the kernel writes the Ethernet header (the interface's MAC as source, the given MAC as
 *       destination, EtherType 0x0800), so Tui supplies only the IPv4 packet. The socket is opened with protocol 0,
 *       which makes it send-only: the kernel queues no received frames to it.</li>
 *   <li>{@link io.tui.dhcp4.net.Ipv4UdpFrames}: pure Java, builds that IPv4 packet (20-byte header, UDP header,
 *       both checksums) with the header fields Kea 2.2 uses (tos 0x10, id 0, DF, ttl 128), so a capture of Tui looks
 *       like a capture of Kea.</li>
 *   <li>Everything else (replies to relays, to clients that have an address, broadcasts, and all receiving) stays on
 *       Netty epoll UDP sockets bound per interface: they are faster, need no privilege and keep the kernel's
 *       routing, ARP and fragmentation.</li>
 * </ul>
 *
 * <p>Not chosen: injecting a static ARP entry (yiaddr to chaddr, with {@code SIOCSARP} or netlink) and then sending
 * through the UDP socket. It writes to the kernel's neighbour table, which other
 * software on the host sees; the entries outlive a crash and have to be removed; two servers or a race with a real
 * ARP reply can leave a wrong entry behind; and it needs {@code CAP_NET_ADMIN}, a wider privilege than
 * {@code CAP_NET_RAW}. A packet socket changes nothing in the host's state.
 *
 * <h2>Limits</h2>
 * <ul>
 *   <li>Linux only, LP64 (x86-64, aarch64); Ethernet-like links with 6-byte hardware addresses. InfiniBand and other
 *       link types (htype other than 1) are not handled.</li>
 *   <li>Opening needs {@code CAP_NET_RAW}; the JVM needs {@code --enable-native-access=ALL-UNNAMED} (set in
 *       {@code bin/tui-dhcp4}, in the surefire argLine, and in the jar manifest for {@code java -jar}) or it prints a warning on first use.</li>
 *   <li>One packet per {@code sendto}: no fragmentation. A reply larger than the interface MTU fails with
 *       {@code EMSGSIZE} as an {@link java.io.IOException}. No 802.1Q tagging beyond what the interface itself does
 *       (bind to the VLAN interface).</li>
 *   <li>Frames sent this way bypass netfilter's IP hooks (iptables OUTPUT rules do not see them) and the routing
 *       table: the caller chooses the interface, which must be the one the request came in on.</li>
 *   <li>Each send copies the packet into a short-lived native buffer; fine at DHCP rates (the packet socket path is
 *       only for the first exchange of address-less clients), not tuned further.</li>
 * </ul>
 */
package io.tui.dhcp4.net;
