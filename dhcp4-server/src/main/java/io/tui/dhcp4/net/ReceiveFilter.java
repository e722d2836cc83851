package io.tui.dhcp4.net;

import java.io.IOException;
import java.nio.channels.DatagramChannel;

/**
 * Makes a UDP socket send-only: a classic BPF socket filter that accepts nothing ({@code SO_ATTACH_FILTER} with
 * {@code ret #0}), set through Java's FFM API. The kernel still matches datagrams to the socket but drops them before
 * they are queued, so a socket that exists only to send (the DHCPv4 server's socket for {@code outbound-interface:
 * use-routing}, bound to {@code 0.0.0.0:67} and to no device) neither fills its receive buffer with copies of the
 * broadcasts the per-interface sockets serve nor takes packets that arrive on interfaces the server does not listen on.
 */
public final class ReceiveFilter {
    private ReceiveFilter() {
    }

    /** Drops every datagram addressed to the socket {@code fd} from now on. */
    public static void dropAll(int fd) throws IOException {
        Libc.attachDropAllFilter(fd);
    }

    /** Drops every datagram addressed to the JDK channel (its descriptor is read as {@link DeviceBinding#fd} does). */
    public static void dropAll(DatagramChannel channel) throws IOException {
        Libc.attachDropAllFilter(DeviceBinding.fd(channel));
    }
}
