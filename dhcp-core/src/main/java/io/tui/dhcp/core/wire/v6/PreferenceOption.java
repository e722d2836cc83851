package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/** Preference, option 7 (RFC 8415 section 21.8): one byte, 255 asks the client to pick this server at once. */
public record PreferenceOption(int preference) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.PREFERENCE;

    public PreferenceOption {
        Checks.u8(preference, "preference");
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        out.writeByte(preference);
    }

    static PreferenceOption decode(WireReader r) throws ParseException {
        if (r.remaining() != 1) {
            throw r.fail("length must be 1, is " + r.remaining());
        }
        return new PreferenceOption(r.u8());
    }
}
