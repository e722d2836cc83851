package io.tui.dhcp.core.wire.v6;

import java.util.List;

/** Building the RELAY-REPL chain that carries a server's reply back through the relays. */
public final class Dhcp6Relays {
    private Dhcp6Relays() {
    }

    /**
     * Wraps {@code reply} in one RELAY-REPL per RELAY-FORW layer of {@code request}, copying each
     * layer's hop count, link address and peer address and echoing its interface-id (RFC 8415
     * section 19.3). Returns {@code reply} itself when the request was not relayed.
     */
    public static Dhcp6Message wrapReply(Dhcp6Message request, Dhcp6ClientMessage reply) {
        List<Dhcp6RelayMessage> layers = request.relayLayers();
        Dhcp6Message msg = reply;
        for (int i = layers.size() - 1; i >= 0; i--) {
            Dhcp6RelayMessage forw = layers.get(i);
            Dhcp6Options opts = new Dhcp6Options();
            Dhcp6Option ifId = forw.options().get(Dhcp6OptionCode.INTERFACE_ID);
            if (ifId != null) {
                opts.add(ifId);
            }
            opts.add(new RelayMessageOption(msg));
            msg = new Dhcp6RelayMessage(Dhcp6MessageType.RELAY_REPL.code(), forw.hopCount(), forw.linkAddress(),
                    forw.peerAddress(), opts);
        }
        return msg;
    }
}
