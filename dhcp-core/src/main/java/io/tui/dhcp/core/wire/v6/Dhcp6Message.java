package io.tui.dhcp.core.wire.v6;

import java.util.ArrayList;
import java.util.List;

/**
 * A DHCPv6 message: either a {@link Dhcp6ClientMessage} (every type but the relay ones) or a
 * {@link Dhcp6RelayMessage} (RELAY-FORW, RELAY-REPL) whose relay message option holds the next
 * message inwards.
 */
public sealed interface Dhcp6Message permits Dhcp6ClientMessage, Dhcp6RelayMessage {
    /** Deepest relay nesting this package decodes or encodes (RFC 8415's HOP_COUNT_LIMIT is 8). */
    int MAX_RELAY_DEPTH = 32;

    /** The message type code as on the wire. */
    int typeCode();

    /** The options in wire order. */
    Dhcp6Options options();

    /** The message type, or null for an unassigned code. */
    default Dhcp6MessageType type() {
        return Dhcp6MessageType.fromCode(typeCode());
    }

    default boolean isRelay() {
        return this instanceof Dhcp6RelayMessage;
    }

    /**
     * The client/server message at the bottom of the relay chain (this message when it is not a relay).
     *
     * @throws IllegalStateException when a relay layer has no relayed message (only possible for a
     *     message built by hand; decoded relays always have one) or the chain is deeper than
     *     {@link #MAX_RELAY_DEPTH}
     */
    default Dhcp6ClientMessage innermost() {
        Dhcp6Message m = this;
        for (int depth = 0; depth <= MAX_RELAY_DEPTH; depth++) {
            switch (m) {
                case Dhcp6ClientMessage c -> {
                    return c;
                }
                case Dhcp6RelayMessage r -> {
                    m = r.relayedMessage();
                    if (m == null) {
                        throw new IllegalStateException("relay layer " + depth + " has no relay message option");
                    }
                }
            }
        }
        throw new IllegalStateException("relay chain deeper than " + MAX_RELAY_DEPTH);
    }

    /**
     * The relay layers from the outermost (the relay closest to the server, Kea's {@code relay6[0]})
     * inwards; empty for a client/server message.
     */
    default List<Dhcp6RelayMessage> relayLayers() {
        List<Dhcp6RelayMessage> out = new ArrayList<>(2);
        Dhcp6Message m = this;
        while (m instanceof Dhcp6RelayMessage r && out.size() <= MAX_RELAY_DEPTH) {
            out.add(r);
            m = r.relayedMessage();
        }
        return out;
    }
}
