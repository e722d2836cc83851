package io.tui.dhcp.core.wire.v4;

/**
 * The wire layout of a received message that the canonical encoder would not reproduce: for each options
 * area in wire order (options, then file, then sname when overloaded) the sequence of PAD runs, option
 * instances (code and length, data taken from the packet's options in order), END and the bytes after END.
 *
 * <p>Entries are two ints: {@code kind << 24 | payload} and an argument. Kinds: AREA (payload: area index),
 * PAD (payload: count), OPT (payload: code << 8 | length; argument: data offset while decoding), END, TAIL
 * (payload: count; argument: index into {@link #tails} for non-zero bytes, -1 for zeros).
 */
final class Dhcp4WireLayout {
    static final int AREA = 1;
    static final int PAD = 2;
    static final int OPT = 3;
    static final int END = 4;
    static final int TAIL = 5;

    static final int AREA_OPTIONS = 0;
    static final int AREA_FILE = 1;
    static final int AREA_SNAME = 2;

    final int overload;
    final int[] entries;
    final byte[][] tails;

    Dhcp4WireLayout(int overload, int[] entries, byte[][] tails) {
        this.overload = overload;
        this.entries = entries;
        this.tails = tails;
    }

    static int kind(int word) {
        return word >>> 24;
    }

    static int payload(int word) {
        return word & 0xff_ffff;
    }

    /**
     * Whether replaying this layout with the packet's current options yields a valid encoding of exactly
     * those options: the overloaded fields are still empty, the codes appear in the container's order and
     * each code's instance lengths add up to its value length.
     */
    boolean fits(Dhcp4Packet p) {
        if ((overload & 1) != 0 && p.fileRaw() != null || (overload & 2) != 0 && p.snameRaw() != null) {
            return false;
        }
        Dhcp4Options o = p.options();
        int[] sums = new int[256];
        boolean[] seen = new boolean[256];
        int k = 0;
        for (int i = 0; i < entries.length; i += 2) {
            int w = entries[i];
            if (kind(w) != OPT) {
                continue;
            }
            int code = payload(w) >>> 8;
            if (code == Dhcp4OptionCodes.OPTION_OVERLOAD) {
                continue;
            }
            if (!seen[code]) {
                seen[code] = true;
                if (k >= o.size() || o.code(k) != code) {
                    return false;
                }
                k++;
            }
            sums[code] += payload(w) & 0xff;
        }
        if (k != o.size()) {
            return false;
        }
        for (int i = 0; i < k; i++) {
            if (o.value(i).length != sums[o.code(i)]) {
                return false;
            }
        }
        return true;
    }
}
