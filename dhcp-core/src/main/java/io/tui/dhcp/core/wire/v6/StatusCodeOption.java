package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Status code, option 13 (RFC 8415 section 21.13): a 16-bit code and a UTF-8 message. The view
 * rejects a message that is not valid UTF-8, so a parsed view always re-encodes to its bytes.
 */
public record StatusCodeOption(int statusCode, String message) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.STATUS_CODE;

    public StatusCodeOption {
        Checks.u16(statusCode, "status code");
        Checks.nonNull(message, "message");
    }

    public static StatusCodeOption of(Dhcp6StatusCode status, String message) {
        return new StatusCodeOption(status.code(), message);
    }

    public static StatusCodeOption of(Dhcp6StatusCode status) {
        return new StatusCodeOption(status.code(), "");
    }

    /** The status as an enum, or null for an unassigned code. */
    public Dhcp6StatusCode status() {
        return Dhcp6StatusCode.fromCode(statusCode);
    }

    public boolean isSuccess() {
        return statusCode == 0;
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        out.writeShort(statusCode);
        out.writeCharSequence(message, StandardCharsets.UTF_8);
    }

    static StatusCodeOption decode(WireReader r) throws ParseException {
        if (r.remaining() < 2) {
            throw r.fail("shorter than 2 bytes");
        }
        int code = r.u16();
        String msg = "";
        if (r.hasRemaining()) {
            int at = r.position();
            try {
                msg = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(r.array(), at, r.remaining()))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new ParseException("status code message is not valid UTF-8", at);
            }
            r.skip(r.remaining());
        }
        return new StatusCodeOption(code, msg);
    }
}
