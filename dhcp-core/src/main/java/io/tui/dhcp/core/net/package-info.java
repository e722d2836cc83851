/**
 * What both servers' UDP sockets share: {@link io.tui.dhcp.core.net.UdpTransport}, the Netty transport they run on
 * (epoll or NIO), and {@link io.tui.dhcp.core.net.ReadBatches}, which makes one read batch of an event loop
 * one write of lease rows and one flush of replies.
 */
package io.tui.dhcp.core.net;
