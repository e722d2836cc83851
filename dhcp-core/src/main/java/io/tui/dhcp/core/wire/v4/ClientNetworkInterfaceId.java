package io.tui.dhcp.core.wire.v4;

import io.tui.dhcp.core.wire.ParseException;

/** Option 94 (RFC 4578 2.2): the client network interface identifier: UNDI type, major and minor version. */
public record ClientNetworkInterfaceId(int type, int major, int minor) {

    public static ClientNetworkInterfaceId parse(byte[] v) throws ParseException {
        if (v.length != 3) {
            throw new ParseException("option 94 has length " + v.length + ", expected 3");
        }
        return new ClientNetworkInterfaceId(v[0] & 0xff, v[1] & 0xff, v[2] & 0xff);
    }
}
