package io.tui.dhcp.core.wire.v4;

import io.tui.dhcp.core.wire.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Option 43, vendor-specific information (RFC 2132 8.4): opaque bytes whose meaning depends on the vendor
 * class. Many vendors (PXE among them) encode sub-options with the syntax of the options field, PAD and END
 * included; {@link #subOptions()} offers that reading when the bytes are well formed. The raw array is
 * held, not copied.
 */
public record VendorEncapsulatedOptions(byte[] raw) {

    /** The sub-options when the bytes are well formed as code/length/value items, else empty. */
    public Optional<List<SubOption>> subOptions() {
        try {
            return Optional.of(parseSubOptions());
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads the bytes as sub-options: PAD (0) is skipped, END (255) stops the reading (bytes after it are
     * ignored), every other item must fit in the value.
     */
    public List<SubOption> parseSubOptions() throws ParseException {
        List<SubOption> out = new ArrayList<>(4);
        int i = 0;
        while (i < raw.length) {
            int code = raw[i] & 0xff;
            if (code == 0) {
                i++;
                continue;
            }
            if (code == 255) {
                break;
            }
            if (i + 2 > raw.length) {
                throw new ParseException("option 43 sub-option " + code + " has no length byte", i);
            }
            int l = raw[i + 1] & 0xff;
            if (i + 2 + l > raw.length) {
                throw new ParseException("option 43 sub-option " + code + " length " + l + " runs past the end", i);
            }
            out.add(new SubOption(code, Arrays.copyOfRange(raw, i + 2, i + 2 + l)));
            i += 2 + l;
        }
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VendorEncapsulatedOptions(byte[] r) && Arrays.equals(r, raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "VendorEncapsulatedOptions[" + HexFormat.of().formatHex(raw) + "]";
    }
}
