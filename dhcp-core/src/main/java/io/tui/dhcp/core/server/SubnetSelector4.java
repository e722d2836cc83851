package io.tui.dhcp.core.server;

import io.tui.dhcp.core.config.model.SharedNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Kea's DHCPv4 subnet selection, in one place.
 *
 * <ol>
 *   <li>A link-selection address (option 82 sub-option 5, else option 118) picks the subnet holding it; when none
 *       does, nothing is selected (the relay address is not tried).</li>
 *   <li>A relayed packet (giaddr set) first picks a subnet whose shared network, or which itself, lists giaddr among
 *       its {@code relay} {@code ip-addresses}.</li>
 *   <li>Otherwise an address from the packet is matched against the subnets' prefixes: giaddr; else ciaddr (a unicast
 *       renewal); else the source address of a unicast packet; else, for a broadcast from a directly connected
 *       client, a subnet whose {@code interface} is the receiving interface, then the interface's own address.</li>
 * </ol>
 * A subnet the client's classes do not allow ({@code client-class}) is passed over. {@link #candidates} then lists
 * every subnet of the selected one's shared network the client may use, selected one first.
 */
public final class SubnetSelector4 {

    /**
     * What the packet and the socket say.
     *
     * @param iface         the receiving interface name, or null
     * @param ifaceAddress  the receiving interface's IPv4 address, or 0 when unknown
     * @param giaddr        the packet's giaddr
     * @param ciaddr        the packet's ciaddr
     * @param linkSelection option 82.5, else option 118, or 0 when neither
     * @param source        the IP source address, or 0
     * @param broadcast     whether the packet was sent to a broadcast address (or the destination is unknown)
     */
    public record Input(String iface, int ifaceAddress, int giaddr, int ciaddr, int linkSelection, int source,
            boolean broadcast) {}

    private SubnetSelector4() {
    }

    /** The selected subnet, or null when none fits. */
    public static Subnet4Runtime select(Runtime4 rt, Input in, Set<String> classes) {
        if (in.linkSelection() != 0) {
            return byAddress(rt, in.linkSelection(), classes);
        }
        if (in.giaddr() != 0) {
            for (Subnet4Runtime s : rt.subnets()) {
                SharedNetwork n = rt.sharedNetworkConfig(s.sharedNetwork());
                boolean viaNetwork = n != null && Runtime4.hasRelay(n.declared().relayAddresses(), in.giaddr());
                if (viaNetwork || Runtime4.hasRelay(s.config().declared().relayAddresses(), in.giaddr())) {
                    if (allowed(rt, s, classes)) {
                        return s;
                    }
                }
            }
            return byAddress(rt, in.giaddr(), classes);
        }
        if (in.ciaddr() != 0) {
            return byAddress(rt, in.ciaddr(), classes);
        }
        if (in.source() != 0 && !in.broadcast()) {
            return byAddress(rt, in.source(), classes);
        }
        if (in.iface() != null) {
            for (Subnet4Runtime s : rt.subnets()) {
                if (in.iface().equals(s.config().effective().iface()) && allowed(rt, s, classes)) {
                    return s;
                }
            }
        }
        return in.ifaceAddress() == 0 ? null : byAddress(rt, in.ifaceAddress(), classes);
    }

    private static Subnet4Runtime byAddress(Runtime4 rt, int address, Set<String> classes) {
        for (Subnet4Runtime s : rt.subnets()) {
            if (s.contains(address) && allowed(rt, s, classes)) {
                return s;
            }
        }
        return null;
    }

    /** Whether the client's classes let it use subnet {@code s} (its own guard and its shared network's). */
    public static boolean allowed(Runtime4 rt, Subnet4Runtime s, Set<String> classes) {
        SharedNetwork n = rt.sharedNetworkConfig(s.sharedNetwork());
        if (n != null && !ClassGuard.allows(n.clientClasses(), classes)) {
            return false;
        }
        return ClassGuard.allows(s.config().clientClasses(), classes);
    }

    /**
     * The subnets the client may get a lease from: {@code selected} first, then the other subnets of its shared
     * network that the client's classes allow, in configuration order.
     */
    public static List<Subnet4Runtime> candidates(Runtime4 rt, Subnet4Runtime selected, Set<String> classes) {
        List<Subnet4Runtime> out = new ArrayList<>();
        out.add(selected);
        if (selected.sharedNetwork() != null) {
            for (Subnet4Runtime s : rt.sharedNetwork(selected.sharedNetwork())) {
                if (s != selected && allowed(rt, s, classes)) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
