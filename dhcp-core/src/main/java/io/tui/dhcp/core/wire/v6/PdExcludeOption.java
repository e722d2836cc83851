package io.tui.dhcp.core.wire.v6;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;

/**
 * Prefix exclude, option 67 (RFC 6603), carried inside an IAPREFIX: the excluded prefix's length and
 * its subnet ID, the bits of the excluded prefix that follow the delegated prefix, left-aligned in
 * {@code ceil((prefixLength - delegatedLength) / 8)} bytes. Reading the subnet ID needs the delegated
 * prefix, so {@link #excludedPrefix(IaPrefixOption)} takes it.
 */
public record PdExcludeOption(int prefixLength, Octets subnetId) implements Dhcp6Option {
    public static final int CODE = Dhcp6OptionCode.PD_EXCLUDE;

    public PdExcludeOption {
        if (prefixLength < 1 || prefixLength > 128) {
            throw new IllegalArgumentException("excluded prefix length out of 1..128: " + prefixLength);
        }
        Checks.nonNull(subnetId, "subnet id");
        if (subnetId.isEmpty() || subnetId.length() > 16) {
            throw new IllegalArgumentException("subnet id length out of 1..16: " + subnetId.length());
        }
    }

    /** The option that excludes {@code excluded/excludedLength} from {@code delegated/delegatedLength}. */
    public static PdExcludeOption of(Ip6Address delegated, int delegatedLength, Ip6Address excluded, int excludedLength) {
        if (excludedLength <= delegatedLength || excludedLength > 128) {
            throw new IllegalArgumentException("excluded prefix must be longer than the delegated prefix");
        }
        byte[] ex = excluded.toByteArray();
        int bits = excludedLength - delegatedLength;
        byte[] id = new byte[(bits + 7) / 8];
        for (int i = 0; i < bits; i++) {
            int bit = delegatedLength + i;
            if ((ex[bit >> 3] & (0x80 >> (bit & 7))) != 0) {
                id[i >> 3] |= (byte) (0x80 >> (i & 7));
            }
        }
        return new PdExcludeOption(excludedLength, Octets.of(id));
    }

    /**
     * The excluded prefix within {@code delegated}.
     *
     * @throws ParseException when the subnet ID does not fit the delegated prefix
     */
    public Ip6Address excludedPrefix(IaPrefixOption delegated) throws ParseException {
        int dlen = delegated.prefixLength();
        int bits = prefixLength - dlen;
        if (bits <= 0 || subnetId.length() != (bits + 7) / 8) {
            throw new ParseException("PD exclude /" + prefixLength + " with a " + subnetId.length()
                    + "-byte subnet id does not fit in delegated /" + dlen);
        }
        byte[] p = delegated.prefix().toByteArray();
        for (int bit = dlen; bit < 128; bit++) {
            p[bit >> 3] &= (byte) ~(0x80 >> (bit & 7));
        }
        for (int i = 0; i < bits; i++) {
            if ((subnetId.byteAt(i >> 3) & (0x80 >> (i & 7))) != 0) {
                int bit = dlen + i;
                p[bit >> 3] |= (byte) (0x80 >> (bit & 7));
            }
        }
        return Ip6Address.of(p);
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public void writePayload(ByteBuf out) {
        out.writeByte(prefixLength);
        subnetId.writeTo(out);
    }

    static PdExcludeOption decode(WireReader r) throws ParseException {
        if (r.remaining() < 2 || r.remaining() > 17) {
            throw r.fail("length must be 2..17, is " + r.remaining());
        }
        int at = r.position();
        int plen = r.u8();
        if (plen < 1 || plen > 128) {
            throw new ParseException("PD exclude prefix length " + plen + " out of 1..128", at);
        }
        return new PdExcludeOption(plen, r.rest());
    }
}
