package io.tui.dhcp.core.wire.v4;

import io.tui.dhcp.core.wire.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Option 124, V-I vendor class (RFC 3925 3): one entry per enterprise number, each carrying
 * vendor-class-data that is itself a list of length-prefixed opaque items.
 */
public record VendorIdentifyingClass(List<Entry> entries) {

    public VendorIdentifyingClass {
        entries = List.copyOf(entries);
    }

    /**
     * One enterprise's class data. The data array is held, not copied.
     *
     * @param enterpriseNumber the IANA enterprise number, unsigned 32-bit
     */
    public record Entry(long enterpriseNumber, byte[] data) {

        /** The vendor-class-data as its length-prefixed items. */
        public List<byte[]> items() throws ParseException {
            List<byte[]> out = new ArrayList<>(2);
            int i = 0;
            while (i < data.length) {
                int l = data[i] & 0xff;
                if (i + 1 + l > data.length) {
                    throw new ParseException("option 124 class data item of " + l + " bytes runs past the end", i);
                }
                out.add(Arrays.copyOfRange(data, i + 1, i + 1 + l));
                i += 1 + l;
            }
            return out;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry(long e, byte[] d) && e == enterpriseNumber && Arrays.equals(d, data);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(enterpriseNumber) * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return enterpriseNumber + ":" + HexFormat.of().formatHex(data);
        }
    }

    /** @throws ParseException when empty or when an entry runs past the end of the value */
    public static VendorIdentifyingClass parse(byte[] v) throws ParseException {
        if (v.length == 0) {
            throw new ParseException("option 124 is empty");
        }
        List<Entry> out = new ArrayList<>(1);
        int i = 0;
        while (i < v.length) {
            if (i + 5 > v.length) {
                throw new ParseException("option 124 entry header truncated", i);
            }
            long ent = Dhcp4Options.readInt(v, i) & 0xffff_ffffL;
            int l = v[i + 4] & 0xff;
            if (i + 5 + l > v.length) {
                throw new ParseException("option 124 entry data of " + l + " bytes runs past the end", i + 4);
            }
            out.add(new Entry(ent, Arrays.copyOfRange(v, i + 5, i + 5 + l)));
            i += 5 + l;
        }
        return new VendorIdentifyingClass(out);
    }
}
