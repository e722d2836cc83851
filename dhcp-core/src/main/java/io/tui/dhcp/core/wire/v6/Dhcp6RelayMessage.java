package io.tui.dhcp.core.wire.v6;

import io.tui.dhcp.core.wire.ParseException;

/**
 * A relay message (RFC 8415 section 9): RELAY-FORW or RELAY-REPL with hop count, link address, peer
 * address and options, one of which is the {@link RelayMessageOption} holding the relayed message.
 */
public record Dhcp6RelayMessage(int typeCode, int hopCount, Ip6Address linkAddress, Ip6Address peerAddress,
        Dhcp6Options options) implements Dhcp6Message {
    public Dhcp6RelayMessage {
        if (!Dhcp6MessageType.isRelay(typeCode)) {
            throw new IllegalArgumentException("message type " + typeCode + " is not a relay type");
        }
        Checks.u8(hopCount, "hop count");
        Checks.nonNull(linkAddress, "link address");
        Checks.nonNull(peerAddress, "peer address");
        Checks.nonNull(options, "options");
    }

    /** A relay of {@code type} around {@code relayed}, with {@code extra} options before the relay message option. */
    public static Dhcp6RelayMessage of(Dhcp6MessageType type, int hopCount, Ip6Address link, Ip6Address peer,
            Dhcp6Message relayed, Dhcp6Option... extra) {
        Dhcp6Options o = Dhcp6Options.of(extra);
        o.add(new RelayMessageOption(relayed));
        return new Dhcp6RelayMessage(type.code(), hopCount, link, peer, o);
    }

    /** The message in the first relay message option, or null when there is none. */
    public Dhcp6Message relayedMessage() {
        for (Dhcp6Option o : options) {
            if (o instanceof RelayMessageOption r) {
                return r.message();
            }
        }
        return null;
    }

    /** This layer's interface-id (option 18), or null. */
    public Octets interfaceId() throws ParseException {
        return options.interfaceId();
    }
}
