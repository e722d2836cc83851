package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;

/**
 * One DHCPv6 option: a 16-bit code and a payload. The 4-byte option header (code and length) is
 * written by {@link Dhcp6Options}; an implementation writes only its payload.
 *
 * <p>Decoded options arrive as {@link RawOption}; the typed records in this package
 * (for example {@link IaNaOption} or {@link StatusCodeOption}) are both the typed views of raw
 * options and the writers a server uses to build its replies.
 */
public interface Dhcp6Option {
    /** The option code (0..65535). */
    int code();

    /** Writes the payload (without the code and length header) at the writer index of {@code out}. */
    void writePayload(ByteBuf out);
}
