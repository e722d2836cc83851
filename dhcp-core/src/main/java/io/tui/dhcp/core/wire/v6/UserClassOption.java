package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;
import java.util.ArrayList;
import java.util.List;

/** User class, option 15 (RFC 8415 section 21.15): opaque class items, each with a 16-bit length. */
public record UserClassOption(List<Octets> classes) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.USER_CLASS;

    public UserClassOption {
        classes = List.copyOf(classes);
        for (Octets c : classes) {
            Checks.u16(c.length(), "user class length");
        }
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        for (Octets c : classes) {
            out.writeShort(c.length());
            c.writeTo(out);
        }
    }

    static List<Octets> readItems(WireReader r) throws ParseException {
        List<Octets> items = new ArrayList<>(2);
        while (r.hasRemaining()) {
            int len = r.u16();
            items.add(r.octets(len));
        }
        return items;
    }

    static UserClassOption decode(WireReader r) throws ParseException {
        return new UserClassOption(readItems(r));
    }
}
