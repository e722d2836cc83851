package io.tui.dhcp.core.wire.v6;

import static io.tui.dhcp.core.wire.v6.Hex.tlv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.tui.dhcp.core.wire.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Malformed input ends in ParseException with a reason and an offset, and in nothing else. */
class Dhcp6MalformedTest {
    private final Dhcp6Codec codec = new Dhcp6Codec();

    static List<byte[]> validCorpus() {
        List<byte[]> c = new ArrayList<>();
        c.add(Hex.bytes(Dhcp6CodecTest.SOLICIT));
        c.add(Hex.bytes(Dhcp6CodecTest.REPLY));
        c.add(Hex.bytes(Dhcp6CodecTest.relayForwardedThreeDeep()));
        c.addAll(CapturedVectors.all().values());
        return c;
    }

    private ParseException fails(byte[] wire) {
        return assertThrows(ParseException.class, () -> codec.decode(Hex.buf(wire)));
    }

    private static ParseException viewFails(Executable e) {
        return assertThrows(ParseException.class, e);
    }

    /** Where the top-level options of a client/server message end (where a cut leaves a valid message). */
    private static TreeSet<Integer> optionBoundaries(byte[] wire) {
        TreeSet<Integer> ends = new TreeSet<>();
        if (Dhcp6MessageType.isRelay(wire[0] & 0xFF)) {
            ends.add(wire.length); // every cut loses the relay message option or cuts it short
            int pos = 34;
            while (pos < wire.length) {
                int code = ((wire[pos] & 0xFF) << 8) | (wire[pos + 1] & 0xFF);
                int len = ((wire[pos + 2] & 0xFF) << 8) | (wire[pos + 3] & 0xFF);
                pos += 4 + len;
                if (code == 9) {
                    // after the relay message option, later option boundaries are valid cuts
                    int p = pos;
                    while (p < wire.length) {
                        ends.add(p);
                        p += 4 + (((wire[p + 2] & 0xFF) << 8) | (wire[p + 3] & 0xFF));
                    }
                    break;
                }
            }
            return ends;
        }
        int pos = 4;
        ends.add(4);
        while (pos < wire.length) {
            pos += 4 + (((wire[pos + 2] & 0xFF) << 8) | (wire[pos + 3] & 0xFF));
            ends.add(pos);
        }
        return ends;
    }

    @Test
    void everyTruncationFailsUnlessItEndsOnAnOptionBoundary() {
        for (byte[] wire : validCorpus()) {
            TreeSet<Integer> valid = optionBoundaries(wire);
            for (int n = 0; n <= wire.length; n++) {
                byte[] cut = java.util.Arrays.copyOf(wire, n);
                Dhcp6FuzzTarget.fuzzOne(cut);
                boolean decoded;
                try {
                    codec.decode(cut);
                    decoded = true;
                } catch (ParseException e) {
                    decoded = false;
                    assertTrue(e.offset() >= 0 && e.offset() <= n, e.getMessage());
                }
                assertEquals(valid.contains(n), decoded, "cut at " + n + " of " + Hex.hex(wire));
            }
        }
    }

    @Test
    void everyOverlongOptionLengthFails() throws ParseException {
        for (byte[] wire : validCorpus()) {
            Dhcp6Message m = codec.decode(wire);
            int headerEnd = m.isRelay() ? 34 : 4;
            int pos = headerEnd;
            while (pos < wire.length) {
                int len = ((wire[pos + 2] & 0xFF) << 8) | (wire[pos + 3] & 0xFF);
                int room = wire.length - pos - 4;
                for (int bad : new int[] {room + 1, room + 2, 0xFFFF}) {
                    if (bad <= 0xFFFF && bad > room) {
                        byte[] b = wire.clone();
                        b[pos + 2] = (byte) (bad >> 8);
                        b[pos + 3] = (byte) bad;
                        ParseException e = fails(b);
                        assertEquals(pos, e.offset(), e.getMessage());
                        assertTrue(e.getMessage().contains("runs past"), e.getMessage());
                    }
                }
                pos += 4 + len;
            }
        }
    }

    @Test
    void randomCorruptionGivesParseExceptionOrAFaithfulMessage() {
        Random rnd = new Random(0x6d6f6a6fL);
        List<byte[]> corpus = validCorpus();
        for (int i = 0; i < 20_000; i++) {
            byte[] b = corpus.get(rnd.nextInt(corpus.size())).clone();
            int flips = 1 + rnd.nextInt(4);
            for (int f = 0; f < flips; f++) {
                switch (rnd.nextInt(3)) {
                    case 0 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                    case 1 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                    default -> {
                        // small lengths and codes matter most: set a byte to 0, 1, 0x7f or 0xff
                        int[] vals = {0, 1, 0x7f, 0xff, 9, 12, 13};
                        b[rnd.nextInt(b.length)] = (byte) vals[rnd.nextInt(vals.length)];
                    }
                }
            }
            if (rnd.nextInt(4) == 0) {
                b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            }
            Dhcp6FuzzTarget.fuzzOne(b);
        }
    }

    @Test
    void randomBytesNeverEscapeAsUncheckedExceptions() {
        Random rnd = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            byte[] b = new byte[rnd.nextInt(120)];
            rnd.nextBytes(b);
            if (b.length > 0 && rnd.nextBoolean()) {
                b[0] = (byte) (1 + rnd.nextInt(13));
            }
            Dhcp6FuzzTarget.fuzzOne(b);
        }
    }

    @Test
    void headers() {
        assertTrue(fails(new byte[0]).getMessage().contains("empty message"));
        ParseException e = fails(Hex.bytes("01 1234"));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("4-byte header"), e.getMessage());
        e = fails(Hex.bytes("0c 00" + "00".repeat(31)));
        assertTrue(e.getMessage().contains("34-byte header"), e.getMessage());
        e = fails(Hex.bytes("01000001 0001 00"));
        assertTrue(e.getMessage().contains("truncated option header"), e.getMessage());
        assertEquals(4, e.offset());
    }

    private static String relay(int hop, String options) {
        return String.format("0c%02x", hop) + "00".repeat(32) + options;
    }

    @Test
    void relayWithoutRelayMessageOption() {
        ParseException e = fails(Hex.bytes(relay(0, tlv(18, "65746830"))));
        assertTrue(e.getMessage().contains("without a relay message option"), e.getMessage());
        assertEquals(0, e.offset());
        // the inner relay lacks it: the offset points at the inner relay
        e = fails(Hex.bytes(relay(1, tlv(9, relay(0, "")))));
        assertEquals(38, e.offset());
    }

    @Test
    void relayWithTwoRelayMessageOptions() {
        String inner = "01000001";
        ParseException e = fails(Hex.bytes(relay(0, tlv(9, inner) + tlv(9, inner))));
        assertTrue(e.getMessage().contains("more than one relay message option"), e.getMessage());
        assertEquals(34 + 8, e.offset());
    }

    @Test
    void emptyRelayedMessage() {
        ParseException e = fails(Hex.bytes(relay(0, tlv(9, ""))));
        assertTrue(e.getMessage().contains("empty relayed message"), e.getMessage());
    }

    @Test
    void relayDepthIsBounded() throws ParseException {
        String m = "0b000001";
        for (int i = 0; i < 32; i++) {
            m = relay(i, tlv(9, m));
        }
        Dhcp6Message ok = codec.decode(Hex.bytes(m));
        assertEquals(32, ok.relayLayers().size());
        assertEquals(Dhcp6MessageType.INFORMATION_REQUEST, ok.innermost().type());
        String tooDeep = relay(32, tlv(9, m));
        ParseException e = fails(Hex.bytes(tooDeep));
        assertTrue(e.getMessage().contains("nested deeper than 32"), e.getMessage());
        assertEquals(32 * 38, e.offset());
        // a stricter codec
        assertThrows(ParseException.class, () -> new Dhcp6Codec(8).decode(Hex.bytes(relay(0, tlv(9, relay(1,
                tlv(9, relay(2, tlv(9, relay(3, tlv(9, relay(4, tlv(9, relay(5, tlv(9, relay(6, tlv(9, relay(7,
                tlv(9, relay(8, tlv(9, "01000001")))))))))))))))))))));
    }

    @Test
    void deepRelayChainsInAFullSizePacketDoNotOverflowTheStack() {
        // as many relay headers as fit in 65535 bytes, each claiming the rest: rejected at depth 32
        byte[] b = new byte[65_535];
        int pos = 0;
        while (pos + 38 <= b.length) {
            b[pos] = 12;
            int len = b.length - pos - 38;
            b[pos + 34] = 0;
            b[pos + 35] = 9;
            b[pos + 36] = (byte) (len >> 8);
            b[pos + 37] = (byte) len;
            pos += 38;
        }
        ParseException e = fails(b);
        assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
    }

    private Dhcp6Options options(String optionsHex) throws ParseException {
        return codec.decode(Hex.bytes("07000001" + optionsHex)).options();
    }

    @Test
    void iaNaShorterThan12() throws ParseException {
        Dhcp6Options o = options(tlv(3, "00000001 00000000 000000"));
        ParseException e = viewFails(o::iaNa);
        assertTrue(e.getMessage().contains("IA_NA shorter than 12"), e.getMessage());
        assertEquals(8, e.offset());
        viewFails(options(tlv(25, "00000001 0000"))::iaPd);
        viewFails(options(tlv(4, "000001"))::iaTa);
    }

    @Test
    void iaAddressShorterThan24() throws ParseException {
        Dhcp6Options o = options(tlv(3, "00000001 00000000 00000000" + tlv(5, "20010db8" + "00".repeat(19))));
        ParseException e = viewFails(o::iaNa);
        assertTrue(e.getMessage().contains("IAADDR shorter than 24"), e.getMessage());
        assertEquals(4 + 4 + 12 + 4, e.offset());
    }

    @Test
    void iaPrefixLengthOver128() throws ParseException {
        String prefix = tlv(26, "00000000 00000000 81" + "20010db8" + "00".repeat(12));
        ParseException e = viewFails(options(tlv(25, "00000001 00000000 00000000" + prefix))::iaPd);
        assertTrue(e.getMessage().contains("prefix length 129 > 128"), e.getMessage());
        assertEquals(4 + 4 + 12 + 4 + 8, e.offset());
        viewFails(options(tlv(25, "00000001 00000000 00000000" + tlv(26, "00")))::iaPd);
    }

    @Test
    void nestedOptionRunningPastItsIa() throws ParseException {
        Dhcp6Options o = options(tlv(3, "00000001 00000000 00000000 000d 0010 0000"));
        ParseException e = viewFails(o::iaNa);
        assertTrue(e.getMessage().contains("runs past its container"), e.getMessage());
    }

    @Test
    void optionsNestedTooDeepInsideViews() throws ParseException {
        // IA_NA > IAADDR > IA_NA > IAADDR ... deeper than 16 levels
        String inner = tlv(13, "0000");
        for (int i = 0; i < 20; i++) {
            inner = (i % 2 == 0)
                    ? tlv(5, "20010db8" + "00".repeat(12) + "00000000 00000000" + inner)
                    : tlv(3, "00000001 00000000 00000000" + inner);
        }
        Dhcp6Options o = codec.decode(Hex.bytes("07000001" + inner)).options();
        ParseException e = viewFails(() -> Dhcp6OptionViews.decode((RawOption) o.at(0)));
        assertTrue(e.getMessage().contains("nested deeper than 16"), e.getMessage());
    }

    @Test
    void badFixedLengths() throws ParseException {
        options(tlv(6, "000100")); // the message decodes: option content is checked only by the view
        assertTrue(viewFails(options(tlv(6, "000100"))::optionRequest).getMessage().contains("odd length"));
        viewFails(() -> options(tlv(7, "0102")).get(7, PreferenceOption.class));
        viewFails(() -> options(tlv(8, "01")).get(8, ElapsedTimeOption.class));
        viewFails(() -> options(tlv(12, "00".repeat(15))).get(12, ServerUnicastOption.class));
        viewFails(() -> options(tlv(13, "00")).statusCode());
        viewFails(() -> options(tlv(14, "00")).get(14, RapidCommitOption.class));
        viewFails(() -> options(tlv(23, "00".repeat(17))).get(23, DnsServersOption.class));
        viewFails(() -> options(tlv(32, "000000")).get(32, InformationRefreshTimeOption.class));
        viewFails(() -> options(tlv(82, "0000000000")).get(82, SolMaxRtOption.class));
        viewFails(() -> options(tlv(37, "000000")).get(37, RemoteIdOption.class));
        viewFails(() -> options(tlv(18, "")).interfaceId());
        viewFails(() -> options(tlv(15, "0005 0102")).get(15, UserClassOption.class));
        viewFails(() -> options(tlv(16, "00000009 0001")).get(16, VendorClassOption.class));
        viewFails(() -> options(tlv(17, "00000009 0001 0005 00")).get(17, VendorOptsOption.class));
        viewFails(() -> options(tlv(79, "00")).get(79, ClientLinkLayerAddressOption.class));
        viewFails(() -> options(tlv(67, "81 01")).get(67, PdExcludeOption.class));
        viewFails(() -> options(tlv(67, "40")).get(67, PdExcludeOption.class));
    }

    @Test
    void statusCodeMessageMustBeUtf8() throws ParseException {
        ParseException e = viewFails(options(tlv(13, "0000 c328"))::statusCode);
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        assertEquals(10, e.offset());
    }

    @Test
    void duids() throws ParseException {
        viewFails(options(tlv(1, "0001"))::clientId);
        viewFails(options(tlv(1, "0001 0001 0000"))::clientId); // LLT without time
        viewFails(options(tlv(1, "0002 00000009"))::clientId);   // EN without identifier
        viewFails(options(tlv(1, "0003 0001"))::clientId);       // LL without address
        viewFails(options(tlv(1, "0004" + "00".repeat(15)))::clientId); // UUID is 16 bytes
        viewFails(options(tlv(1, "0005" + "00".repeat(129)))::clientId); // longer than 130
        assertEquals(new Duid.Unknown(5, Octets.of(new byte[128])), options(tlv(1, "0005" + "00".repeat(128))).clientId());
    }

    @Test
    void domainNames() throws ParseException {
        // compression pointer
        ParseException e = viewFails(() -> options(tlv(24, "03616263 c00c")).get(24, DomainListOption.class));
        assertTrue(e.getMessage().contains("compression"), e.getMessage());
        // no terminating zero in a list
        viewFails(() -> options(tlv(24, "03616263")).get(24, DomainListOption.class));
        // label past the end
        viewFails(() -> options(tlv(24, "05616263 00")).get(24, DomainListOption.class));
        // longer than 255 bytes
        String longName = ("3f" + "61".repeat(63)).repeat(4) + "00";
        viewFails(() -> options(tlv(24, longName)).get(24, DomainListOption.class));
        // FQDN: partial names are fine, trailing bytes after a full name are not
        assertEquals("host", options(tlv(39, "01 04686f7374")).get(39, ClientFqdnOption.class).domainName());
        viewFails(() -> options(tlv(39, "01 04686f737400 01")).get(39, ClientFqdnOption.class));
        viewFails(() -> options(tlv(39, "")).get(39, ClientFqdnOption.class));
    }

    @Test
    void ntpSuboptions() {
        viewFails(() -> options(tlv(56, "0001 0010 20010db8")).get(56, NtpServerOption.class));
        viewFails(() -> options(tlv(56, "0001 0004 20010db8")).get(56, NtpServerOption.class));
        viewFails(() -> options(tlv(56, "0003 0004 03616263")).get(56, NtpServerOption.class));
        viewFails(() -> options(tlv(56, "000100")).get(56, NtpServerOption.class));
    }

    @Test
    void decodeDoesNotMoveTheReaderOnFailure() {
        ByteBuf b = Hex.buf(Hex.bytes("01000001 0001 0010 00"));
        assertThrows(ParseException.class, () -> codec.decode(b));
        assertEquals(0, b.readerIndex());
    }
}
