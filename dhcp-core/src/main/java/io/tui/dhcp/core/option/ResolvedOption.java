package io.tui.dhcp.core.option;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An {@code option-data} entry resolved against the registry: ready to be put in a reply.
 *
 * @param space      the option space
 * @param code       the option code
 * @param name       the option name from its definition (or the entry), {@code ""} when neither has one
 * @param payload    the option payload without the option header; for an option that encapsulates a space it
 *                   already carries the sub-options configured at the same level
 * @param alwaysSend send even when the client did not request it
 * @param neverSend  never send, even when requested
 */
public record ResolvedOption(String space, int code, String name, byte[] payload, boolean alwaysSend, boolean neverSend) {

    public ResolvedOption {
        payload = payload.clone();
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Payload length in bytes. */
    public int length() {
        return payload.length;
    }

    /** Writes the payload (no option header) into {@code out} without copying it first: for reply encoders. */
    public void writePayload(ByteBuf out) {
        out.writeBytes(payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResolvedOption r && r.code == code && r.space.equals(space) && r.name.equals(name)
                && Arrays.equals(r.payload, payload) && r.alwaysSend == alwaysSend && r.neverSend == neverSend;
    }

    @Override
    public int hashCode() {
        return (space.hashCode() * 31 + code) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "ResolvedOption[" + space + "." + (name.isEmpty() ? "" : name) + "(" + code + ")="
                + HexFormat.of().formatHex(payload) + (alwaysSend ? " always-send" : "") + (neverSend ? " never-send" : "") + "]";
    }
}
