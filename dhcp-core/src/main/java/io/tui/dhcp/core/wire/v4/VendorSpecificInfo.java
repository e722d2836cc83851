package io.tui.dhcp.core.wire.v4;

import io.tui.dhcp.core.wire.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Option 125, V-I vendor-specific information (RFC 3925 4): per enterprise number, a list of sub-options.
 */
public record VendorSpecificInfo(List<Entry> entries) {

    public VendorSpecificInfo {
        entries = List.copyOf(entries);
    }

    /**
     * One enterprise's sub-options.
     *
     * @param enterpriseNumber the IANA enterprise number, unsigned 32-bit
     */
    public record Entry(long enterpriseNumber, List<SubOption> subOptions) {
        public Entry {
            if (enterpriseNumber < 0 || enterpriseNumber > 0xffff_ffffL) {
                throw new IllegalArgumentException("enterprise number out of range: " + enterpriseNumber);
            }
            subOptions = List.copyOf(subOptions);
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
    }

    /** The entry for {@code enterpriseNumber}, or {@code null}. */
    public Entry find(long enterpriseNumber) {
        for (Entry e : entries) {
            if (e.enterpriseNumber == enterpriseNumber) {
                return e;
            }
        }
        return null;
    }

    /** @throws ParseException when empty, or when an entry or a sub-option runs past its end */
    public static VendorSpecificInfo parse(byte[] v) throws ParseException {
        if (v.length == 0) {
            throw new ParseException("option 125 is empty");
        }
        List<Entry> out = new ArrayList<>(1);
        int i = 0;
        while (i < v.length) {
            if (i + 5 > v.length) {
                throw new ParseException("option 125 entry header truncated", i);
            }
            long ent = Dhcp4Options.readInt(v, i) & 0xffff_ffffL;
            int l = v[i + 4] & 0xff;
            if (i + 5 + l > v.length) {
                throw new ParseException("option 125 entry data of " + l + " bytes runs past the end", i + 4);
            }
            out.add(new Entry(ent, SubOption.parseList(v, i + 5, l, "option 125 enterprise " + ent)));
            i += 5 + l;
        }
        return new VendorSpecificInfo(out);
    }

    /**
     * The option value.
     *
     * @throws IllegalArgumentException when one enterprise's sub-options exceed the 255 bytes its length byte
     *     can describe
     */
    public byte[] encode() {
        int n = 0;
        for (Entry e : entries) {
            int l = SubOption.encodedLength(e.subOptions);
            if (l > 255) {
                throw new IllegalArgumentException("enterprise " + e.enterpriseNumber + " data is " + l + " bytes");
            }
            n += 5 + l;
        }
        byte[] v = new byte[n];
        int o = 0;
        for (Entry e : entries) {
            Dhcp4Options.writeInt(v, o, (int) e.enterpriseNumber);
            v[o + 4] = (byte) SubOption.encodedLength(e.subOptions);
            o = SubOption.write(e.subOptions, v, o + 5);
        }
        return v;
    }
}
