package io.tui.dhcp.core.wire.v4;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A DHCPv4 message (RFC 2131 2): the fixed BOOTP header and its {@link Dhcp4Options}. Mutable, so that a
 * server can build a reply with {@link #replyTo(Dhcp4Packet)} and fill it in; not thread-safe.
 *
 * <p>IPv4 addresses are {@code int}s in network order (the first octet is the high byte). {@code sname} and
 * {@code file} are the server name and boot file fields; when a decoded message used them for options
 * (overload, option 52) they read as empty here and the options hold what they carried.
 *
 * <p>A decoded packet remembers the few facts needed to re-encode the received bytes exactly: the count of
 * zero padding after END, and, when the message was not in the encoder's canonical form (overload, PAD
 * bytes between options, a non-canonical split of long options, a missing END, non-zero bytes after END),
 * its wire layout. The layout is used by the encoder only while it still fits the packet's options; see
 * {@link #discardWireLayout()}. {@link #equals} compares the header fields and options only.
 */
public final class Dhcp4Packet {
    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    /** The broadcast bit of {@code flags} (RFC 2131 2, figure 2). */
    public static final int FLAG_BROADCAST = 0x8000;
    public static final int HTYPE_ETHERNET = 1;
    public static final int CHADDR_LENGTH = 16;
    public static final int SNAME_LENGTH = 64;
    public static final int FILE_LENGTH = 128;

    private int op = BOOTREQUEST;
    private int htype = HTYPE_ETHERNET;
    private int hlen = 6;
    private int hops;
    private int xid;
    private int secs;
    private int flags;
    private int ciaddr;
    private int yiaddr;
    private int siaddr;
    private int giaddr;
    private final byte[] chaddr = new byte[CHADDR_LENGTH];
    /** 64 bytes, or null for all zero. */
    private byte[] sname;
    /** 128 bytes, or null for all zero. */
    private byte[] file;
    private final Dhcp4Options options;
    private int padAfterEnd;
    private Dhcp4WireLayout wireLayout;

    /** An empty BOOTREQUEST with Ethernet hardware type and no options. */
    public Dhcp4Packet() {
        this(new Dhcp4Options());
    }

    Dhcp4Packet(Dhcp4Options options) {
        this.options = options;
    }

    /**
     * A BOOTREPLY for {@code request}: htype, hlen, hops, xid, flags, giaddr and chaddr copied (RFC 2131 4.3,
     * table 3; hops is copied as Kea 2.2 does, where the RFC says 0); secs and all other addresses zero; no
     * options. The server fills in the rest, including the echo of option 82
     * ({@link Dhcp4Options#echoRelayAgentInfo}).
     */
    public static Dhcp4Packet replyTo(Dhcp4Packet request) {
        Dhcp4Packet r = new Dhcp4Packet();
        r.op = BOOTREPLY;
        r.htype = request.htype;
        r.hlen = request.hlen;
        r.hops = request.hops;
        r.xid = request.xid;
        r.flags = request.flags;
        r.giaddr = request.giaddr;
        System.arraycopy(request.chaddr, 0, r.chaddr, 0, CHADDR_LENGTH);
        return r;
    }

    private static int checkByte(String what, int v) {
        if (v < 0 || v > 0xff) {
            throw new IllegalArgumentException(what + " out of range 0..255: " + v);
        }
        return v;
    }

    public int op() {
        return op;
    }

    public Dhcp4Packet op(int op) {
        this.op = checkByte("op", op);
        return this;
    }

    public int htype() {
        return htype;
    }

    public Dhcp4Packet htype(int htype) {
        this.htype = checkByte("htype", htype);
        return this;
    }

    /** The hardware address length as sent; may exceed 16 in a malformed but decodable message. */
    public int hlen() {
        return hlen;
    }

    public Dhcp4Packet hlen(int hlen) {
        this.hlen = checkByte("hlen", hlen);
        return this;
    }

    public int hops() {
        return hops;
    }

    public Dhcp4Packet hops(int hops) {
        this.hops = checkByte("hops", hops);
        return this;
    }

    public int xid() {
        return xid;
    }

    public Dhcp4Packet xid(int xid) {
        this.xid = xid;
        return this;
    }

    public int secs() {
        return secs;
    }

    public Dhcp4Packet secs(int secs) {
        if (secs < 0 || secs > 0xffff) {
            throw new IllegalArgumentException("secs out of range 0..65535: " + secs);
        }
        this.secs = secs;
        return this;
    }

    /** The whole 16-bit flags field (the broadcast bit and the reserved bits, kept as sent). */
    public int flags() {
        return flags;
    }

    public Dhcp4Packet flags(int flags) {
        if (flags < 0 || flags > 0xffff) {
            throw new IllegalArgumentException("flags out of range 0..65535: " + flags);
        }
        this.flags = flags;
        return this;
    }

    public boolean broadcast() {
        return (flags & FLAG_BROADCAST) != 0;
    }

    public Dhcp4Packet broadcast(boolean on) {
        flags = on ? flags | FLAG_BROADCAST : flags & ~FLAG_BROADCAST;
        return this;
    }

    public int ciaddr() {
        return ciaddr;
    }

    public Dhcp4Packet ciaddr(int a) {
        ciaddr = a;
        return this;
    }

    public int yiaddr() {
        return yiaddr;
    }

    public Dhcp4Packet yiaddr(int a) {
        yiaddr = a;
        return this;
    }

    public int siaddr() {
        return siaddr;
    }

    public Dhcp4Packet siaddr(int a) {
        siaddr = a;
        return this;
    }

    public int giaddr() {
        return giaddr;
    }

    public Dhcp4Packet giaddr(int a) {
        giaddr = a;
        return this;
    }

    /** The whole 16-byte chaddr field, held (not copied): treat as read-only. */
    public byte[] chaddr() {
        return chaddr;
    }

    /** Sets the 16-byte chaddr field from up to 16 bytes, zero-filling the rest; hlen is not changed. */
    public Dhcp4Packet chaddr(byte[] value) {
        if (value.length > CHADDR_LENGTH) {
            throw new IllegalArgumentException("chaddr longer than 16 bytes: " + value.length);
        }
        System.arraycopy(value, 0, chaddr, 0, value.length);
        Arrays.fill(chaddr, value.length, CHADDR_LENGTH, (byte) 0);
        return this;
    }

    /** The first min(hlen, 16) bytes of chaddr, copied. */
    public byte[] hardwareAddress() {
        return Arrays.copyOf(chaddr, Math.min(hlen, CHADDR_LENGTH));
    }

    /** Sets htype, hlen and chaddr from a hardware address of at most 16 bytes. */
    public Dhcp4Packet hardwareAddress(int htype, byte[] address) {
        chaddr(address);
        this.htype = checkByte("htype", htype);
        this.hlen = address.length;
        return this;
    }

    /** Whether the sname field is all zero. */
    public boolean snameEmpty() {
        return sname == null;
    }

    /** A copy of the 64-byte sname field. */
    public byte[] sname() {
        return sname == null ? new byte[SNAME_LENGTH] : sname.clone();
    }

    /** The sname field up to its first NUL, as ISO-8859-1. */
    public String snameString() {
        return cString(sname);
    }

    /** Sets the sname field from up to 64 bytes, zero-filled. */
    public Dhcp4Packet sname(byte[] value) {
        sname = field(value, SNAME_LENGTH, "sname");
        return this;
    }

    public Dhcp4Packet sname(String value) {
        return sname(latin1(value));
    }

    /** Whether the file field is all zero. */
    public boolean fileEmpty() {
        return file == null;
    }

    /** A copy of the 128-byte file field. */
    public byte[] file() {
        return file == null ? new byte[FILE_LENGTH] : file.clone();
    }

    /** The file field up to its first NUL, as ISO-8859-1. */
    public String fileString() {
        return cString(file);
    }

    /** Sets the file field from up to 128 bytes, zero-filled. */
    public Dhcp4Packet file(byte[] value) {
        file = field(value, FILE_LENGTH, "file");
        return this;
    }

    public Dhcp4Packet file(String value) {
        return file(latin1(value));
    }

    /** The held sname array (64 bytes) or null when all zero. */
    byte[] snameRaw() {
        return sname;
    }

    /** The held file array (128 bytes) or null when all zero. */
    byte[] fileRaw() {
        return file;
    }

    void snameRaw(byte[] v) {
        sname = v;
    }

    void fileRaw(byte[] v) {
        file = v;
    }

    public Dhcp4Options options() {
        return options;
    }

    /**
     * Zero bytes written after END: as received for a decoded packet (dhclient pads to 300 bytes), 0 for a
     * new one. The encoder writes at least this many (more when its minimum size asks for it).
     */
    public int padAfterEnd() {
        return padAfterEnd;
    }

    public Dhcp4Packet padAfterEnd(int count) {
        if (count < 0 || count > 0xffff) {
            throw new IllegalArgumentException("padding out of range: " + count);
        }
        padAfterEnd = count;
        return this;
    }

    /** Whether the packet carries the wire layout of a non-canonical received message. */
    public boolean hasWireLayout() {
        return wireLayout != null;
    }

    /** Forgets the received wire layout so the next encode is canonical. */
    public Dhcp4Packet discardWireLayout() {
        wireLayout = null;
        return this;
    }

    Dhcp4WireLayout wireLayout() {
        return wireLayout;
    }

    void wireLayout(Dhcp4WireLayout layout) {
        wireLayout = layout;
    }

    private static byte[] field(byte[] value, int len, String what) {
        if (value.length > len) {
            throw new IllegalArgumentException(what + " longer than " + len + " bytes: " + value.length);
        }
        for (byte b : value) {
            if (b != 0) {
                return Arrays.copyOf(value, len);
            }
        }
        return null;
    }

    private static byte[] latin1(String s) {
        byte[] v = new byte[s.length()];
        for (int i = 0; i < v.length; i++) {
            char c = s.charAt(i);
            if (c > 0xff) {
                throw new IllegalArgumentException("char U+" + Integer.toHexString(c) + " in " + s);
            }
            v[i] = (byte) c;
        }
        return v;
    }

    private static String cString(byte[] f) {
        if (f == null) {
            return "";
        }
        int n = 0;
        while (n < f.length && f[n] != 0) {
            n++;
        }
        return new String(f, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dhcp4Packet p
                && op == p.op && htype == p.htype && hlen == p.hlen && hops == p.hops && xid == p.xid
                && secs == p.secs && flags == p.flags && ciaddr == p.ciaddr && yiaddr == p.yiaddr
                && siaddr == p.siaddr && giaddr == p.giaddr && Arrays.equals(chaddr, p.chaddr)
                && Arrays.equals(sname, p.sname) && Arrays.equals(file, p.file) && options.equals(p.options);
    }

    @Override
    public int hashCode() {
        return ((xid * 31 + op) * 31 + Arrays.hashCode(chaddr)) * 31 + options.hashCode();
    }

    @Override
    public String toString() {
        return "Dhcp4Packet[op=" + op + ", htype=" + htype + ", hlen=" + hlen + ", hops=" + hops
                + ", xid=0x" + Integer.toHexString(xid) + ", secs=" + secs + ", flags=0x" + Integer.toHexString(flags)
                + ", ciaddr=" + Ipv4.toString(ciaddr) + ", yiaddr=" + Ipv4.toString(yiaddr)
                + ", siaddr=" + Ipv4.toString(siaddr) + ", giaddr=" + Ipv4.toString(giaddr)
                + ", chaddr=" + java.util.HexFormat.of().formatHex(hardwareAddress())
                + ", sname=" + snameString() + ", file=" + fileString() + ", options=" + options + "]";
    }
}
