package io.tui.dhcp.core.wire.v4;

import static io.tui.dhcp.core.wire.v4.WireBytes.ascii;
import static io.tui.dhcp.core.wire.v4.WireBytes.hex;
import static io.tui.dhcp.core.wire.v4.WireBytes.hexOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.wire.ParseException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class Dhcp4OptionViewsTest {

    private static Dhcp4Options with(int code, String hexValue) {
        return new Dhcp4Options().put(code, hex(hexValue));
    }

    // ------------------------------------------------------------------ container

    @Test
    void containerKeepsFirstInsertionOrderAndReplacesInPlace() {
        Dhcp4Options o = new Dhcp4Options();
        for (int code = 1; code <= 40; code++) {
            o.put(code, new byte[] {(byte) code});
        }
        o.put(3, hex("ff"));
        assertEquals(40, o.size());
        assertEquals(3, o.code(2));
        assertArrayEquals(hex("ff"), o.get(3));
        assertTrue(o.remove(3));
        assertFalse(o.remove(3));
        assertEquals(4, o.code(2));
        o.put(3, hex("01"));
        assertEquals(3, o.code(39));
        int n = 0;
        int prev = -1;
        for (Dhcp4Option opt : o) {
            assertEquals(o.code(n), opt.code());
            assertTrue(n < 39 ? opt.code() > prev : opt.code() == 3);
            prev = opt.code();
            n++;
        }
        assertEquals(40, n);
        assertNull(o.get(200));
        o.clear();
        assertTrue(o.isEmpty());
    }

    @Test
    void wireStructureCodesCannotBeStored() {
        Dhcp4Options o = new Dhcp4Options();
        for (int code : new int[] {0, 52, 255, -1, 256}) {
            assertThrows(IllegalArgumentException.class, () -> o.put(code, new byte[1]));
        }
        assertThrows(IllegalArgumentException.class, () -> o.put(12, null));
    }

    // ------------------------------------------------------------------ scalars

    @Test
    void messageTypesCoverTheLeasequeryFamily() throws Exception {
        assertEquals(18, DhcpMessageType.values().length);
        for (DhcpMessageType t : DhcpMessageType.values()) {
            Dhcp4Options o = new Dhcp4Options().putMessageType(t);
            assertArrayEquals(new byte[] {(byte) t.code()}, o.get(53));
            assertEquals(t, o.messageType());
            assertEquals(t, DhcpMessageType.fromCode(t.code()));
        }
        assertEquals(DhcpMessageType.DHCPLEASEQUERY, with(53, "0a").messageType());
        assertEquals(DhcpMessageType.DHCPLEASEACTIVE, with(53, "0d").messageType());
        assertEquals(DhcpMessageType.DHCPBULKLEASEQUERY, with(53, "0e").messageType());
        assertEquals(DhcpMessageType.DHCPTLS, with(53, "12").messageType());
        assertNull(DhcpMessageType.fromCode(0));
        assertNull(DhcpMessageType.fromCode(19));
        assertThrows(ParseException.class, () -> with(53, "13").messageType());
        assertThrows(ParseException.class, () -> with(53, "00").messageType());
        assertThrows(ParseException.class, () -> with(53, "0101").messageType());
        assertThrows(ParseException.class, () -> with(53, "").messageType());
        assertNull(new Dhcp4Options().messageType());
    }

    @Test
    void addressesAndTimes() throws Exception {
        Dhcp4Options o = new Dhcp4Options()
                .put(50, hex("c0a80164"))
                .put(54, hex("0a000001"))
                .put(118, hex("ac100000"))
                .put(51, hex("ffffffff"))
                .put(58, hex("00000708"))
                .put(59, hex("00000c4e"));
        assertEquals(Ipv4.of(192, 168, 1, 100), o.requestedAddress().getAsInt());
        assertEquals("192.168.1.100", Ipv4.toString(o.requestedAddress().getAsInt()));
        assertEquals(Ipv4.of(10, 0, 0, 1), o.serverIdentifier().getAsInt());
        assertEquals(Ipv4.of(172, 16, 0, 0), o.subnetSelection().getAsInt());
        assertEquals(0xffff_ffffL, o.leaseTime().getAsLong());
        assertEquals(1800, o.renewalTime().getAsLong());
        assertEquals(3150, o.rebindingTime().getAsLong());
        assertEquals(-7, o.ipv4(3, -7));
        assertEquals(Ipv4.of(10, 0, 0, 1), o.ipv4(54, 0));

        for (int code : new int[] {50, 54, 118, 51, 58, 59}) {
            Dhcp4Options bad = with(code, "c0a801");
            assertThrows(ParseException.class, () -> bad.ipv4(code, 0));
            assertThrows(ParseException.class, () -> bad.uint32(code, 0));
        }
        assertThrows(ParseException.class, () -> with(50, "c0a8010100").requestedAddress());
        assertThrows(ParseException.class, () -> with(51, "").leaseTime());
        assertTrue(new Dhcp4Options().leaseTime().isEmpty());
    }

    @Test
    void maxMessageSizeIsReturnedUnjudged() throws Exception {
        assertEquals(1500, with(57, "05dc").maxMessageSize().getAsInt());
        assertEquals(100, with(57, "0064").maxMessageSize().getAsInt());
        assertThrows(ParseException.class, () -> with(57, "05").maxMessageSize());
        assertThrows(ParseException.class, () -> with(57, "0005dc").maxMessageSize());
    }

    @Test
    void stringsAndVendorClass() throws Exception {
        assertEquals("laptop", with(12, ascii("laptop")).hostname());
        assertEquals("laptop", with(12, ascii("laptop") + "0000").hostname());
        assertThrows(ParseException.class, () -> with(12, "").hostname());
        assertNull(new Dhcp4Options().hostname());
        assertEquals("MSFT 5.0", new String(with(60, ascii("MSFT 5.0")).vendorClassIdentifier()));
        assertThrows(ParseException.class, () -> with(60, "").vendorClassIdentifier());
    }

    @Test
    void clientIdentifierAndParameterRequestList() throws Exception {
        ClientIdentifier id = with(61, "ff00000001000100012a3b4c5d000c29a1b2c3").clientIdentifier();
        assertEquals(255, id.type());
        assertArrayEquals(hex("00000001000100012a3b4c5d000c29a1b2c3"), id.id());
        assertArrayEquals(hex("ff00000001000100012a3b4c5d000c29a1b2c3"), id.encode());
        assertThrows(ParseException.class, () -> with(61, "01").clientIdentifier());
        assertThrows(ParseException.class, () -> with(61, "").clientIdentifier());

        ParameterRequestList prl = with(55, "01031c79").parameterRequestList();
        assertEquals(4, prl.size());
        assertEquals(121, prl.code(3));
        assertTrue(prl.contains(28));
        assertFalse(prl.contains(6));
        assertThrows(ParseException.class, () -> with(55, "").parameterRequestList());
    }

    // ------------------------------------------------------------------ 81

    @Test
    void clientFqdnInWireFormat() throws Exception {
        // flags S|E, rcodes 0, "host.example.com." in canonical wire format
        String v = "05" + "00" + "00" + "04" + ascii("host") + "07" + ascii("example") + "03" + ascii("com") + "00";
        ClientFqdn f = with(81, v).clientFqdn();
        assertTrue(f.s());
        assertTrue(f.e());
        assertFalse(f.o());
        assertFalse(f.n());
        assertTrue(f.fullyQualified());
        assertEquals("host.example.com.", f.nameText());
        assertEquals(v, hexOf(f.encode()));
        assertEquals(f, ClientFqdn.ofWireName(ClientFqdn.FLAG_S, 0, 0, "host.example.com."));

        ClientFqdn partial = with(81, "04" + "0000" + "04" + ascii("host")).clientFqdn();
        assertFalse(partial.fullyQualified());
        assertEquals("host", partial.nameText());
        assertArrayEquals(hex("04" + ascii("host")), ClientFqdn.ofWireName(0, 0, 0, "host").name());

        ClientFqdn empty = with(81, "050000").clientFqdn();
        assertEquals("", empty.nameText());
        assertEquals(0, empty.name().length);
    }

    @Test
    void clientFqdnInAsciiForm() throws Exception {
        ClientFqdn f = with(81, "01ffff" + ascii("host.example.com")).clientFqdn();
        assertFalse(f.e());
        assertEquals(255, f.rcode1());
        assertEquals(255, f.rcode2());
        assertEquals("host.example.com", f.nameText());
        // an ASCII name is not checked as labels
        assertEquals("\u0040x", with(81, "000000" + "4078").clientFqdn().nameText());
    }

    @Test
    void serverFqdnReplyEncodesFlagsAndName() {
        ClientFqdn reply = ClientFqdn.ofWireName(ClientFqdn.FLAG_S | ClientFqdn.FLAG_O, 255, 255, "a.b.");
        Dhcp4Options o = new Dhcp4Options().putClientFqdn(reply);
        assertEquals("07ffff" + "0161" + "0162" + "00", hexOf(o.get(81)));
        assertThrows(IllegalArgumentException.class, () -> ClientFqdn.ofWireName(0, 0, 0, "a..b"));
        assertThrows(IllegalArgumentException.class, () -> ClientFqdn.ofWireName(0, 0, 0, "x".repeat(64)));
        assertThrows(IllegalArgumentException.class,
                () -> ClientFqdn.ofWireName(0, 0, 0, ("x".repeat(60) + ".").repeat(5)));
    }

    @Test
    void malformedWireNamesFail() {
        for (String bad : List.of("04" + "0000" + "05" + ascii("host"),      // label past the end
                "04" + "0000" + "c00c",                                       // compression pointer
                "04" + "0000" + "01" + ascii("a") + "00" + "01" + ascii("b"), // bytes after root
                "0400",                                                       // too short
                "04" + "0000" + ("3f" + "61".repeat(63)).repeat(4) + "00")) { // 257 bytes
            assertThrows(ParseException.class, () -> with(81, bad).clientFqdn(), bad);
        }
    }

    // ------------------------------------------------------------------ 82

    @Test
    void relayAgentInfoSubOptions() throws Exception {
        RelayAgentInfo r = with(82, "0106" + ascii("eth0/1") + "0603" + ascii("sub") + "0500").relayAgentInfo();
        assertEquals("eth0/1", new String(r.circuitId()));
        assertEquals("sub", new String(r.subscriberId()));
        assertNull(r.remoteId());
        assertThrows(ParseException.class, r::linkSelection);
        assertTrue(r.serverIdOverride().isEmpty());
        assertThrows(ParseException.class, () -> with(82, "0105abcd").relayAgentInfo());
        assertThrows(ParseException.class, () -> with(82, "01").relayAgentInfo());
        assertThrows(ParseException.class, () -> with(82, "").relayAgentInfo());
    }

    // ------------------------------------------------------------------ 124, 125, 43

    @Test
    void vendorIdentifyingClass() throws Exception {
        // enterprise 4491 (CableLabs) with two items, then enterprise 9 with one
        String v = "0000118b" + "0a" + "04" + ascii("docs") + "04" + ascii("is31")
                + "00000009" + "03" + "02" + "abcd";
        VendorIdentifyingClass c = with(124, v).vendorIdentifyingClass();
        assertEquals(2, c.entries().size());
        assertEquals(4491, c.entries().get(0).enterpriseNumber());
        List<byte[]> items = c.entries().get(0).items();
        assertEquals("docs", new String(items.get(0)));
        assertEquals("is31", new String(items.get(1)));
        assertEquals(9, c.entries().get(1).enterpriseNumber());
        assertArrayEquals(hex("abcd"), c.entries().get(1).items().get(0));
        assertThrows(ParseException.class, () -> with(124, "0000118b").vendorIdentifyingClass());
        assertThrows(ParseException.class, () -> with(124, "0000118b05abcd").vendorIdentifyingClass());
        assertThrows(ParseException.class, () -> with(124, "0000118b0205ab").vendorIdentifyingClass().entries()
                .get(0).items());
    }

    @Test
    void vendorSpecificInfoParseAndWrite() throws Exception {
        String v = "0000118b" + "09" + "0203" + ascii("ecm") + "0402" + "0101"
                + "ffffffff" + "00";
        VendorSpecificInfo info = with(125, v).vendorSpecificInfo();
        assertEquals(2, info.entries().size());
        VendorSpecificInfo.Entry cl = info.find(4491);
        assertEquals("ecm", new String(cl.find(2)));
        assertArrayEquals(hex("0101"), cl.find(4));
        assertEquals(0xffff_ffffL, info.entries().get(1).enterpriseNumber());
        assertTrue(info.entries().get(1).subOptions().isEmpty());
        assertEquals(v, hexOf(info.encode()));

        VendorSpecificInfo built = new VendorSpecificInfo(List.of(new VendorSpecificInfo.Entry(4491,
                List.of(new SubOption(2, "ecm".getBytes()), new SubOption(4, hex("0101")))),
                new VendorSpecificInfo.Entry(0xffff_ffffL, List.of())));
        assertEquals(v, hexOf(new Dhcp4Options().putVendorSpecificInfo(built).get(125)));
        assertEquals(info, built);

        assertThrows(ParseException.class, () -> with(125, "0000118b0302").vendorSpecificInfo());
        assertThrows(ParseException.class, () -> with(125, "0000118b050201").vendorSpecificInfo());
        assertThrows(ParseException.class, () -> with(125, "").vendorSpecificInfo());
        VendorSpecificInfo tooBig = new VendorSpecificInfo(List.of(new VendorSpecificInfo.Entry(1,
                List.of(new SubOption(1, new byte[200]), new SubOption(2, new byte[60])))));
        assertThrows(IllegalArgumentException.class, tooBig::encode);
    }

    @Test
    void vendorEncapsulatedOptions() throws Exception {
        // PXE style: sub-option 6 (discovery control), a PAD, then END and trailing junk
        VendorEncapsulatedOptions pxe = new Dhcp4Options().put(43, hex("060108" + "00" + "0a0400" + ascii("PXE")
                + "ff" + "1234")).vendorEncapsulatedOptions();
        List<SubOption> subs = pxe.subOptions().orElseThrow();
        assertEquals(2, subs.size());
        assertEquals(new SubOption(6, hex("08")), subs.get(0));
        assertEquals(10, subs.get(1).code());
        VendorEncapsulatedOptions opaque = new Dhcp4Options().put(43, hex("0105aa")).vendorEncapsulatedOptions();
        assertTrue(opaque.subOptions().isEmpty());
        assertThrows(ParseException.class, opaque::parseSubOptions);
        assertArrayEquals(hex("0105aa"), opaque.raw());
        assertNull(new Dhcp4Options().vendorEncapsulatedOptions());
    }

    // ------------------------------------------------------------------ PXE 93, 94, 97

    @Test
    void pxeOptions() throws Exception {
        assertArrayEquals(new int[] {0, 7}, with(93, "00000007").clientSystemArchitectures());
        assertThrows(ParseException.class, () -> with(93, "000000").clientSystemArchitectures());
        assertThrows(ParseException.class, () -> with(93, "").clientSystemArchitectures());

        assertEquals(new ClientNetworkInterfaceId(1, 2, 1), with(94, "010201").clientNetworkInterfaceId());
        assertThrows(ParseException.class, () -> with(94, "0102").clientNetworkInterfaceId());

        ClientMachineId id = with(97, "00" + "4c4c4544004d3510804bb2c04f473432").clientMachineId();
        assertEquals(0, id.type());
        assertEquals(UUID.fromString("4c4c4544-004d-3510-804b-b2c04f473432"), id.uuid());
        assertThrows(ParseException.class, () -> with(97, "00abcd").clientMachineId());
        assertThrows(ParseException.class, () -> with(97, "").clientMachineId());
        ClientMachineId other = with(97, "05abcd").clientMachineId();
        assertNull(other.uuid());
        assertArrayEquals(hex("abcd"), other.id());
    }

    // ------------------------------------------------------------------ writers

    @Test
    void writersProduceRfc2132Layouts() {
        Dhcp4Options o = new Dhcp4Options()
                .putMessageType(DhcpMessageType.DHCPOFFER)
                .putServerIdentifier(Ipv4.of(10, 1, 2, 3))
                .putLeaseTime(86400)
                .putRenewalTime(43200)
                .putRebindingTime(75600)
                .putSubnetMask(Ipv4.of(255, 255, 0, 0))
                .putRouters(Ipv4.of(10, 1, 0, 1), Ipv4.of(10, 1, 0, 2))
                .putDomainNameServers(Ipv4.of(9, 9, 9, 9))
                .putHostname("pc7")
                .putDomainName("lan");
        assertEquals("02", hexOf(o.get(53)));
        assertEquals("0a010203", hexOf(o.get(54)));
        assertEquals("00015180", hexOf(o.get(51)));
        assertEquals("0000a8c0", hexOf(o.get(58)));
        assertEquals("00012750", hexOf(o.get(59)));
        assertEquals("ffff0000", hexOf(o.get(1)));
        assertEquals("0a0100010a010002", hexOf(o.get(3)));
        assertEquals("09090909", hexOf(o.get(6)));
        assertEquals(ascii("pc7"), hexOf(o.get(12)));
        assertEquals(ascii("lan"), hexOf(o.get(15)));
        assertThrows(IllegalArgumentException.class, () -> o.putLeaseTime(-1));
        assertThrows(IllegalArgumentException.class, () -> o.putLeaseTime(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> o.putHostname(""));
        assertThrows(IllegalArgumentException.class, () -> o.putHostname("\u0100"));
    }

    @Test
    void echoWithoutOption82DoesNothing() {
        Dhcp4Options reply = new Dhcp4Options();
        assertFalse(reply.echoRelayAgentInfo(new Dhcp4Options()));
        assertTrue(reply.isEmpty());
    }
}
