package io.tui.dhcp.core.wire.v4;

import io.tui.dhcp.core.wire.ParseException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The options of one DHCPv4 message: at most one entry per code, kept in the order in which each code
 * first appeared on the wire (or was first put). Values are whole: the instances of a code found on the
 * wire are concatenated (RFC 3396), and the encoder splits values longer than 255 bytes again.
 *
 * <p>Values are held, not copied, on {@link #put} and returned as held by {@link #get}: treat them as
 * read-only once handed over. PAD (0), END (255) and option overload (52) are wire structure and cannot be
 * stored here; the codec handles them.
 *
 * <p>The typed views ({@link #messageType()}, {@link #clientFqdn()}, ...) parse on demand and report
 * malformed content as {@link ParseException}; the offsets they report are relative to the option value.
 * An absent option is never an error: views return {@code null} or an empty optional.
 */
public final class Dhcp4Options implements Iterable<Dhcp4Option> {

    private byte[] codes;
    private byte[][] values;
    private int size;

    public Dhcp4Options() {
        this(16);
    }

    Dhcp4Options(int capacity) {
        int c = Math.max(4, capacity);
        codes = new byte[c];
        values = new byte[c][];
    }

    // ---------------------------------------------------------------- container

    /** Number of distinct option codes held. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The position of {@code code} in wire order, or -1. */
    public int indexOf(int code) {
        byte c = (byte) code;
        for (int i = 0; i < size; i++) {
            if (codes[i] == c) {
                return i;
            }
        }
        return -1;
    }

    public boolean contains(int code) {
        return indexOf(code) >= 0;
    }

    /** The value of {@code code} (the held array, not a copy), or {@code null} when absent. */
    public byte[] get(int code) {
        int i = indexOf(code);
        return i < 0 ? null : values[i];
    }

    /** The code at position {@code index} in wire order. */
    public int code(int index) {
        checkIndex(index);
        return codes[index] & 0xff;
    }

    /** The value at position {@code index} in wire order (the held array). */
    public byte[] value(int index) {
        checkIndex(index);
        return values[index];
    }

    /**
     * Sets the value of {@code code}. An existing code keeps its position; a new one goes last. The array is
     * held, not copied.
     *
     * @throws IllegalArgumentException for codes 0, 52, 255 or outside 0..255, or a null value
     */
    public Dhcp4Options put(int code, byte[] value) {
        if (code <= 0 || code >= 255 || code == Dhcp4OptionCodes.OPTION_OVERLOAD) {
            throw new IllegalArgumentException("option code " + code + " cannot be stored as an option");
        }
        if (value == null) {
            throw new IllegalArgumentException("null value for option " + code);
        }
        int i = indexOf(code);
        if (i >= 0) {
            values[i] = value;
            return this;
        }
        appendUnchecked(code, value);
        return this;
    }

    /** Appends a code known to be new and storable (used by the decoder). */
    void appendUnchecked(int code, byte[] value) {
        if (size == codes.length) {
            int n = size * 2;
            codes = Arrays.copyOf(codes, n);
            values = Arrays.copyOf(values, n);
        }
        codes[size] = (byte) code;
        values[size] = value;
        size++;
    }

    /** Removes {@code code}; later options move up one position. Returns whether it was present. */
    public boolean remove(int code) {
        int i = indexOf(code);
        if (i < 0) {
            return false;
        }
        int tail = size - i - 1;
        System.arraycopy(codes, i + 1, codes, i, tail);
        System.arraycopy(values, i + 1, values, i, tail);
        size--;
        values[size] = null;
        return true;
    }

    public void clear() {
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    @Override
    public Iterator<Dhcp4Option> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Dhcp4Option next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                Dhcp4Option o = new Dhcp4Option(codes[next] & 0xff, values[next]);
                next++;
                return o;
            }
        };
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("option index " + index + " of " + size);
        }
    }

    /** Same codes in the same order with equal values. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Dhcp4Options other) || other.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (codes[i] != other.codes[i] || !Arrays.equals(values[i], other.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < size; i++) {
            h = 31 * (31 * h + codes[i]) + Arrays.hashCode(values[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(new Dhcp4Option(codes[i] & 0xff, values[i]));
        }
        return sb.append('}').toString();
    }

    // ---------------------------------------------------------------- fixed-size scalars by code

    private static byte[] exact(int code, byte[] v, int len) throws ParseException {
        if (v.length != len) {
            throw new ParseException("option " + code + " has length " + v.length + ", expected " + len);
        }
        return v;
    }

    static int readInt(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    static void writeInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    /** An IPv4 address option (exactly 4 bytes) as an int, or {@code absent} when the option is not present. */
    public int ipv4(int code, int absent) throws ParseException {
        byte[] v = get(code);
        return v == null ? absent : readInt(exact(code, v, 4), 0);
    }

    /** An unsigned 32-bit option, or {@code absent}. */
    public long uint32(int code, long absent) throws ParseException {
        byte[] v = get(code);
        return v == null ? absent : readInt(exact(code, v, 4), 0) & 0xffff_ffffL;
    }

    /** An unsigned 16-bit option, or {@code absent}. */
    public int uint16(int code, int absent) throws ParseException {
        byte[] v = get(code);
        if (v == null) {
            return absent;
        }
        exact(code, v, 2);
        return (v[0] & 0xff) << 8 | (v[1] & 0xff);
    }

    /** An unsigned 8-bit option, or {@code absent}. */
    public int uint8(int code, int absent) throws ParseException {
        byte[] v = get(code);
        return v == null ? absent : exact(code, v, 1)[0] & 0xff;
    }

    /**
     * A string option (RFC 2132 NVT ASCII, read as ISO-8859-1 so every byte maps to one char), with trailing
     * NUL bytes that some clients append removed; {@code null} when absent.
     *
     * @throws ParseException when the option is empty (RFC 2132 gives string options a minimum length of 1)
     */
    public String string(int code) throws ParseException {
        byte[] v = get(code);
        if (v == null) {
            return null;
        }
        if (v.length == 0) {
            throw new ParseException("option " + code + " is empty");
        }
        int n = v.length;
        while (n > 0 && v[n - 1] == 0) {
            n--;
        }
        return new String(v, 0, n, StandardCharsets.ISO_8859_1);
    }

    private OptionalInt optionalIpv4(int code) throws ParseException {
        byte[] v = get(code);
        return v == null ? OptionalInt.empty() : OptionalInt.of(readInt(exact(code, v, 4), 0));
    }

    private OptionalLong optionalUint32(int code) throws ParseException {
        byte[] v = get(code);
        return v == null ? OptionalLong.empty() : OptionalLong.of(readInt(exact(code, v, 4), 0) & 0xffff_ffffL);
    }

    public Dhcp4Options putIpv4(int code, int address) {
        byte[] v = new byte[4];
        writeInt(v, 0, address);
        return put(code, v);
    }

    public Dhcp4Options putIpv4List(int code, int... addresses) {
        byte[] v = new byte[4 * addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            writeInt(v, 4 * i, addresses[i]);
        }
        return put(code, v);
    }

    /** @throws IllegalArgumentException when {@code value} is outside 0..2^32-1 */
    public Dhcp4Options putUint32(int code, long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException("not an unsigned 32-bit value: " + value);
        }
        byte[] v = new byte[4];
        writeInt(v, 0, (int) value);
        return put(code, v);
    }

    public Dhcp4Options putUint16(int code, int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("not an unsigned 16-bit value: " + value);
        }
        return put(code, new byte[] {(byte) (value >>> 8), (byte) value});
    }

    public Dhcp4Options putUint8(int code, int value) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException("not an unsigned 8-bit value: " + value);
        }
        return put(code, new byte[] {(byte) value});
    }

    /**
     * Puts a string option as ISO-8859-1 bytes.
     *
     * @throws IllegalArgumentException when the string is empty or has a char above U+00FF
     */
    public Dhcp4Options putString(int code, String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty string for option " + code);
        }
        byte[] v = new byte[s.length()];
        for (int i = 0; i < v.length; i++) {
            char c = s.charAt(i);
            if (c > 0xff) {
                throw new IllegalArgumentException("char U+" + Integer.toHexString(c) + " in option " + code);
            }
            v[i] = (byte) c;
        }
        return put(code, v);
    }

    // ---------------------------------------------------------------- typed views of what a server reads

    /** Option 53, or {@code null} when absent. Unknown type values are a ParseException. */
    public DhcpMessageType messageType() throws ParseException {
        int v = uint8(Dhcp4OptionCodes.MESSAGE_TYPE, -1);
        if (v < 0) {
            return null;
        }
        DhcpMessageType t = DhcpMessageType.fromCode(v);
        if (t == null) {
            throw new ParseException("option 53 names unknown message type " + v);
        }
        return t;
    }

    /** Option 50. */
    public OptionalInt requestedAddress() throws ParseException {
        return optionalIpv4(Dhcp4OptionCodes.REQUESTED_ADDRESS);
    }

    /** Option 54. */
    public OptionalInt serverIdentifier() throws ParseException {
        return optionalIpv4(Dhcp4OptionCodes.SERVER_IDENTIFIER);
    }

    /** Option 118 (RFC 3011). */
    public OptionalInt subnetSelection() throws ParseException {
        return optionalIpv4(Dhcp4OptionCodes.SUBNET_SELECTION);
    }

    /** Option 51, seconds (0xffffffff means infinite). */
    public OptionalLong leaseTime() throws ParseException {
        return optionalUint32(Dhcp4OptionCodes.LEASE_TIME);
    }

    /** Option 58 (T1), seconds. */
    public OptionalLong renewalTime() throws ParseException {
        return optionalUint32(Dhcp4OptionCodes.RENEWAL_TIME);
    }

    /** Option 59 (T2), seconds. */
    public OptionalLong rebindingTime() throws ParseException {
        return optionalUint32(Dhcp4OptionCodes.REBINDING_TIME);
    }

    /**
     * Option 57 as sent. RFC 2132 forbids values below 576, but the value is returned unjudged: the server
     * decides what to do with a client that asks for less.
     */
    public OptionalInt maxMessageSize() throws ParseException {
        int v = uint16(Dhcp4OptionCodes.MAX_MESSAGE_SIZE, -1);
        return v < 0 ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** Option 12, trailing NULs removed; {@code null} when absent. */
    public String hostname() throws ParseException {
        return string(Dhcp4OptionCodes.HOST_NAME);
    }

    /** Option 60 as raw bytes (commonly ASCII); {@code null} when absent. */
    public byte[] vendorClassIdentifier() throws ParseException {
        byte[] v = get(Dhcp4OptionCodes.VENDOR_CLASS_IDENTIFIER);
        if (v != null && v.length == 0) {
            throw new ParseException("option 60 is empty");
        }
        return v;
    }

    /** Option 61, or {@code null}. */
    public ClientIdentifier clientIdentifier() throws ParseException {
        byte[] v = get(Dhcp4OptionCodes.CLIENT_IDENTIFIER);
        return v == null ? null : ClientIdentifier.parse(v);
    }

    /** Option 55, or {@code null}. */
    public ParameterRequestList parameterRequestList() throws ParseException {
        byte[] v = get(Dhcp4OptionCodes.PARAMETER_REQUEST_LIST);
        return v == null ? null : ParameterRequestList.parse(v);
    }

    /** Option 81 (RFC 4702), or {@code null}. */
    public ClientFqdn clientFqdn() throws ParseException {
        byte[] v = get(Dhcp4OptionCodes.CLIENT_FQDN);
        return v == null ? null : ClientFqdn.parse(v);
    }

    /** Option 82 (RFC 3046), or {@code null}. */
    public RelayAgentInfo relayAgentInfo() throws ParseException {
        byte[] v = get(Dhcp4OptionCodes.RELAY_AGENT_INFORMATION);
        return v == null ? null : RelayAgentInfo.parse(v);
    }

    /** Option 124 (RFC 3925), or {@code null}. */
    public VendorIdentifyingClass vendorIdentifyingClass() throws ParseException {
        byte[] v = get(Dhcp4OptionCodes.VENDOR_IDENTIFYING_CLASS);
        return v == null ? null : VendorIdentifyingClass.parse(v);
    }

    /** Option 125 (RFC 3925), or {@code null}. */
    public VendorSpecificInfo vendorSpecificInfo() throws ParseException {
        byte[] v = get(Dhcp4OptionCodes.VENDOR_IDENTIFYING_SPECIFIC);
        return v == null ? null : VendorSpecificInfo.parse(v);
    }

    /** Option 43, or {@code null}. Never fails: the sub-option parse is offered by the view. */
    public VendorEncapsulatedOptions vendorEncapsulatedOptions() {
        byte[] v = get(Dhcp4OptionCodes.VENDOR_ENCAPSULATED_OPTIONS);
        return v == null ? null : new VendorEncapsulatedOptions(v);
    }

    /** Option 93 (RFC 4578): the client system architecture types, or {@code null}. */
    public int[] clientSystemArchitectures() throws ParseException {
        byte[] v = get(Dhcp4OptionCodes.CLIENT_SYSTEM_ARCHITECTURE);
        if (v == null) {
            return null;
        }
        if (v.length == 0 || (v.length & 1) != 0) {
            throw new ParseException("option 93 has length " + v.length + ", expected a positive even length");
        }
        int[] out = new int[v.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (v[2 * i] & 0xff) << 8 | (v[2 * i + 1] & 0xff);
        }
        return out;
    }

    /** Option 94 (RFC 4578), or {@code null}. */
    public ClientNetworkInterfaceId clientNetworkInterfaceId() throws ParseException {
        byte[] v = get(Dhcp4OptionCodes.CLIENT_NETWORK_INTERFACE_ID);
        return v == null ? null : ClientNetworkInterfaceId.parse(v);
    }

    /** Option 97 (RFC 4578), or {@code null}. */
    public ClientMachineId clientMachineId() throws ParseException {
        byte[] v = get(Dhcp4OptionCodes.CLIENT_MACHINE_ID);
        return v == null ? null : ClientMachineId.parse(v);
    }

    // ---------------------------------------------------------------- writers for what a server sends

    /** Option 53. */
    public Dhcp4Options putMessageType(DhcpMessageType type) {
        return putUint8(Dhcp4OptionCodes.MESSAGE_TYPE, type.code());
    }

    /** Option 54. */
    public Dhcp4Options putServerIdentifier(int address) {
        return putIpv4(Dhcp4OptionCodes.SERVER_IDENTIFIER, address);
    }

    /** Option 51, seconds. */
    public Dhcp4Options putLeaseTime(long seconds) {
        return putUint32(Dhcp4OptionCodes.LEASE_TIME, seconds);
    }

    /** Option 58, seconds. */
    public Dhcp4Options putRenewalTime(long seconds) {
        return putUint32(Dhcp4OptionCodes.RENEWAL_TIME, seconds);
    }

    /** Option 59, seconds. */
    public Dhcp4Options putRebindingTime(long seconds) {
        return putUint32(Dhcp4OptionCodes.REBINDING_TIME, seconds);
    }

    /** Option 1. */
    public Dhcp4Options putSubnetMask(int mask) {
        return putIpv4(Dhcp4OptionCodes.SUBNET_MASK, mask);
    }

    /** Option 3. */
    public Dhcp4Options putRouters(int... routers) {
        return putIpv4List(Dhcp4OptionCodes.ROUTERS, routers);
    }

    /** Option 6. */
    public Dhcp4Options putDomainNameServers(int... servers) {
        return putIpv4List(Dhcp4OptionCodes.DOMAIN_NAME_SERVERS, servers);
    }

    /** Option 12. */
    public Dhcp4Options putHostname(String hostname) {
        return putString(Dhcp4OptionCodes.HOST_NAME, hostname);
    }

    /** Option 15. */
    public Dhcp4Options putDomainName(String domain) {
        return putString(Dhcp4OptionCodes.DOMAIN_NAME, domain);
    }

    /** Option 81. */
    public Dhcp4Options putClientFqdn(ClientFqdn fqdn) {
        return put(Dhcp4OptionCodes.CLIENT_FQDN, fqdn.encode());
    }

    /** Option 82 from a view (its sub-options in their order). */
    public Dhcp4Options putRelayAgentInfo(RelayAgentInfo info) {
        return put(Dhcp4OptionCodes.RELAY_AGENT_INFORMATION, info.encode());
    }

    /**
     * Copies option 82 of a request byte for byte (RFC 3046 2.2: the server echoes it in its reply).
     *
     * @return whether the request had option 82
     */
    public boolean echoRelayAgentInfo(Dhcp4Options request) {
        byte[] v = request.get(Dhcp4OptionCodes.RELAY_AGENT_INFORMATION);
        if (v == null) {
            return false;
        }
        put(Dhcp4OptionCodes.RELAY_AGENT_INFORMATION, v);
        return true;
    }

    /** Option 125. */
    public Dhcp4Options putVendorSpecificInfo(VendorSpecificInfo info) {
        return put(Dhcp4OptionCodes.VENDOR_IDENTIFYING_SPECIFIC, info.encode());
    }
}
