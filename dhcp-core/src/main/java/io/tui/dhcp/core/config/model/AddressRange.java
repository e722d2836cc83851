package io.tui.dhcp.core.config.model;

/** An inclusive range of addresses of one family, {@code first <= last}. */
public record AddressRange(IpAddress first, IpAddress last) {
    public AddressRange {
        if (first.v6() != last.v6() || first.compareTo(last) > 0) {
            throw new IllegalArgumentException("bad range " + first + "-" + last);
        }
    }

    public boolean contains(IpAddress a) {
        return a.v6() == first.v6() && a.compareTo(first) >= 0 && a.compareTo(last) <= 0;
    }

    public boolean overlaps(AddressRange o) {
        return first.compareTo(o.last) <= 0 && o.first.compareTo(last) <= 0;
    }

    /** Kea's pool text: {@code first-last}. */
    @Override
    public String toString() {
        return first + "-" + last;
    }
}
