package io.tui.dhcp.core.config.model;

import java.math.BigInteger;

/** An address prefix such as {@code 192.0.2.0/24} or {@code 2001:db8::/48}; the address is kept as written. */
public record Prefix(IpAddress address, int length) {
    public Prefix {
        if (length < 0 || length > address.bits()) {
            throw new IllegalArgumentException("prefix length " + length);
        }
    }

    /** Parses {@code address/length} of the wanted family; null when the text is not one. */
    public static Prefix parse(String text, boolean v6) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        IpAddress a = IpAddress.parse(text.substring(0, slash).trim(), v6);
        String len = text.substring(slash + 1).trim();
        if (a == null || len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int l = Integer.parseInt(len);
        return l > a.bits() ? null : new Prefix(a, l);
    }

    public IpAddress first() {
        BigInteger mask = hostMask();
        return new IpAddress(address.v6(), address.value().andNot(mask));
    }

    public IpAddress last() {
        return new IpAddress(address.v6(), address.value().or(hostMask()));
    }

    private BigInteger hostMask() {
        return BigInteger.ONE.shiftLeft(address.bits() - length).subtract(BigInteger.ONE);
    }

    public boolean contains(IpAddress a) {
        int hostBits = address.bits() - length;
        return a.v6() == address.v6() && a.value().shiftRight(hostBits).equals(address.value().shiftRight(hostBits));
    }

    public boolean contains(Prefix p) {
        return p.length >= length && contains(p.address);
    }

    public AddressRange range() {
        return new AddressRange(first(), last());
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
