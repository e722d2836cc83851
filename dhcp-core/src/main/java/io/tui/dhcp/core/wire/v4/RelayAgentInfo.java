package io.tui.dhcp.core.wire.v4;

import io.tui.dhcp.core.wire.ParseException;
import java.util.List;
import java.util.OptionalInt;

/**
 * Option 82, relay agent information (RFC 3046): the sub-options in wire order, kept byte-exact so the
 * server can echo them (RFC 3046 2.2). For a plain echo, {@link Dhcp4Options#echoRelayAgentInfo} copies the
 * request's value without parsing.
 */
public final class RelayAgentInfo {
    public static final int CIRCUIT_ID = 1;
    public static final int REMOTE_ID = 2;
    public static final int LINK_SELECTION = 5;
    public static final int SUBSCRIBER_ID = 6;
    public static final int SERVER_ID_OVERRIDE = 11;
    public static final int RELAY_ID = 12;

    private final List<SubOption> subOptions;

    private RelayAgentInfo(List<SubOption> subOptions) {
        this.subOptions = subOptions;
    }

    /**
     * Parses an option 82 value.
     *
     * @throws ParseException when empty or when a sub-option runs past the end of the value
     */
    public static RelayAgentInfo parse(byte[] v) throws ParseException {
        if (v.length == 0) {
            throw new ParseException("option 82 has no sub-options");
        }
        return new RelayAgentInfo(SubOption.parseList(v, 0, v.length, "option 82"));
    }

    /** A relay agent information option made of these sub-options, in this order. */
    public static RelayAgentInfo of(List<SubOption> subOptions) {
        if (subOptions.isEmpty()) {
            throw new IllegalArgumentException("option 82 needs at least one sub-option");
        }
        return new RelayAgentInfo(List.copyOf(subOptions));
    }

    /** The sub-options in wire order. */
    public List<SubOption> subOptions() {
        return subOptions;
    }

    /** The data of the first sub-option with {@code code}, or {@code null}. */
    public byte[] find(int code) {
        for (SubOption s : subOptions) {
            if (s.code() == code) {
                return s.data();
            }
        }
        return null;
    }

    /** Sub-option 1, or {@code null}. */
    public byte[] circuitId() {
        return find(CIRCUIT_ID);
    }

    /** Sub-option 2, or {@code null}. */
    public byte[] remoteId() {
        return find(REMOTE_ID);
    }

    /** Sub-option 6 (RFC 3993), or {@code null}. */
    public byte[] subscriberId() {
        return find(SUBSCRIBER_ID);
    }

    /** Sub-option 12 (RFC 6925), or {@code null}. */
    public byte[] relayId() {
        return find(RELAY_ID);
    }

    /** Sub-option 5 (RFC 3527), an IPv4 address. */
    public OptionalInt linkSelection() throws ParseException {
        return address(LINK_SELECTION);
    }

    /** Sub-option 11 (RFC 5107), an IPv4 address. */
    public OptionalInt serverIdOverride() throws ParseException {
        return address(SERVER_ID_OVERRIDE);
    }

    private OptionalInt address(int code) throws ParseException {
        byte[] d = find(code);
        if (d == null) {
            return OptionalInt.empty();
        }
        if (d.length != 4) {
            throw new ParseException("option 82 sub-option " + code + " has length " + d.length + ", expected 4");
        }
        return OptionalInt.of(Dhcp4Options.readInt(d, 0));
    }

    /** The option value: the sub-options in order. */
    public byte[] encode() {
        byte[] v = new byte[SubOption.encodedLength(subOptions)];
        SubOption.write(subOptions, v, 0);
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelayAgentInfo r && r.subOptions.equals(subOptions);
    }

    @Override
    public int hashCode() {
        return subOptions.hashCode();
    }

    @Override
    public String toString() {
        return "RelayAgentInfo" + subOptions;
    }
}
