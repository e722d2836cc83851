package io.tui.hooks.leasecmds;

import io.tui.dhcp.core.config.model.IpAddress;
import io.tui.dhcp.core.lease.Bytes;
import java.io.ByteArrayOutputStream;

/** Parsing addresses and client identifiers from command text, with Kea's checks and error texts. */
public final class Identifiers {
    /** Kea's longest hardware address (HWAddr::MAX_HWADDR_LEN). */
    static final int MAX_HW_LENGTH = 20;

    private Identifiers() {
    }

    /** An IPv4 or IPv6 literal; {@code Failed to convert string to address '...'} when the text is neither. */
    public static IpAddress address(String text) throws CommandFailure {
        IpAddress a = IpAddress.parseAny(text);
        if (a == null) {
            throw CommandFailure.error("Failed to convert string to address '" + text + "': Invalid argument");
        }
        return a;
    }

    /**
     * A hardware address: colon-separated groups of one or two hex digits ({@code 1a:1b:c}); the empty text is the
     * empty address.
     */
    public static Bytes hwAddress(String text) throws CommandFailure {
        if (text.isEmpty()) {
            return Bytes.EMPTY;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String group : text.split(":", -1)) {
            if (group.isEmpty()) {
                throw CommandFailure.error("two consecutive separators (':') specified in a decoded string '"
                        + text + "'");
            }
            if (group.length() > 2) {
                throw CommandFailure.error("invalid format of the decoded string '" + text + "'");
            }
            int value = 0;
            for (int i = 0; i < group.length(); i++) {
                int d = Character.digit(group.charAt(i), 16);
                if (d < 0 || group.charAt(i) > 0x7f) {
                    throw CommandFailure.error("'" + group.charAt(i) + "' is not a valid hexadecimal digit in "
                            + "decoded string '" + text + "'");
                }
                value = value << 4 | d;
            }
            out.write(value);
        }
        if (out.size() > MAX_HW_LENGTH) {
            throw CommandFailure.error("address vector size exceeds MAX_HWADDR_LEN");
        }
        return Bytes.of(out.toByteArray());
    }

    /** A DHCPv4 client identifier: 2 to 255 bytes (RFC 2132 9.14). */
    public static Bytes clientId(String text) throws CommandFailure {
        return sized(formattedHex(text), 2, 255);
    }

    /** A DUID: 3 to 130 bytes (RFC 8415 11.1). */
    public static Bytes duid(String text) throws CommandFailure {
        return sized(formattedHex(text), 3, 130);
    }

    private static Bytes sized(byte[] b, int min, int max) throws CommandFailure {
        if (b.length < min) {
            throw CommandFailure.error("identifier is too short (" + b.length + "), at least " + min
                    + " is required");
        }
        if (b.length > max) {
            throw CommandFailure.error("identifier is too large (" + b.length + "), at most " + max
                    + " is required");
        }
        return Bytes.of(b);
    }

    /**
     * Kea's formatted hex: groups of one or two digits separated by colons or by spaces, or an even number of
     * digits without separators.
     */
    static byte[] formattedHex(String text) throws CommandFailure {
        char sep = text.indexOf(':') >= 0 ? ':' : text.indexOf(' ') >= 0 ? ' ' : 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (sep == 0) {
            if ((text.length() & 1) != 0) {
                throw notHex(text);
            }
            for (int i = 0; i < text.length(); i += 2) {
                out.write(hexByte(text, text.substring(i, i + 2)));
            }
            return out.toByteArray();
        }
        for (String group : text.split(sep == ':' ? ":" : " ", -1)) {
            if (group.isEmpty()) {
                throw CommandFailure.error("two consecutive separators ('" + sep + "') specified in a decoded "
                        + "string '" + text + "'");
            }
            if (group.length() > 2) {
                throw notHex(text);
            }
            out.write(hexByte(text, group));
        }
        return out.toByteArray();
    }

    private static int hexByte(String text, String digits) throws CommandFailure {
        int v = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            int d = c > 0x7f ? -1 : Character.digit(c, 16);
            if (d < 0) {
                throw notHex(text);
            }
            v = v << 4 | d;
        }
        return v;
    }

    private static CommandFailure notHex(String text) {
        return CommandFailure.error("'" + text + "' is not a valid string of hexadecimal digits");
    }
}
