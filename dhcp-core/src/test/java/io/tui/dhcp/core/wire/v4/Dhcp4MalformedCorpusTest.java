package io.tui.dhcp.core.wire.v4;

import static io.tui.dhcp.core.wire.v4.WireBytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.wire.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Truncations, corruptions and bad lengths of valid messages: each decodes consistently or fails checked. */
class Dhcp4MalformedCorpusTest {
    private final Dhcp4Codec codec = new Dhcp4Codec();

    private static List<byte[]> seeds() {
        List<byte[]> s = new ArrayList<>();
        s.add(hex(Dhcp4CodecTest.DISCOVER));
        s.add(hex(Dhcp4CodecTest.OVERLOADED));
        SplittableRandom rnd = new SplittableRandom(7);
        RandomMessages gen = new RandomMessages(rnd);
        for (int i = 0; i < 6; i++) {
            s.add(gen.canonical(gen.model(false)).wire());
            s.add(gen.quirky(gen.model(true), true).wire());
        }
        return s;
    }

    @Test
    void everyTruncationOfDiscoverFailsUnlessItEndsOnAnOptionBoundary() {
        byte[] wire = hex(Dhcp4CodecTest.DISCOVER);
        Set<Integer> boundaries = Set.of(240, 243, 252, 258, 265, 274, 278);
        for (int cut = 0; cut < wire.length; cut++) {
            byte[] prefix = Arrays.copyOf(wire, cut);
            boolean valid = boundaries.contains(cut) || cut >= 279;
            if (valid) {
                assertNotNull(Dhcp4FuzzTarget.check(prefix), "cut " + cut);
            } else {
                ParseException e = assertThrows(ParseException.class,
                        () -> codec.decode(Unpooled.wrappedBuffer(prefix)), "cut " + cut);
                assertTrue(e.offset() >= 0 && e.offset() <= cut, "cut " + cut + ": " + e.getMessage());
            }
        }
    }

    @Test
    void everyTruncationOfEverySeedEndsCheckedOrConsistent() {
        int rejected = 0;
        for (byte[] seed : seeds()) {
            for (int cut = 0; cut <= seed.length; cut++) {
                if (Dhcp4FuzzTarget.check(Arrays.copyOf(seed, cut)) == null) {
                    rejected++;
                }
            }
        }
        assertTrue(rejected > 1000, "rejected " + rejected);
    }

    @Test
    void overloadedSeedFailsWhenTruncatedInsideItsOptionsField() {
        byte[] wire = hex(Dhcp4CodecTest.OVERLOADED);
        // options field: 350103 340103 2b020102 ff
        for (int cut : new int[] {241, 242, 244, 245, 247, 248, 249}) {
            assertNull(Dhcp4FuzzTarget.check(Arrays.copyOf(wire, cut)), "cut " + cut);
        }
        // without the overload option the file and sname fields are not options, and the rest is valid
        assertNotNull(Dhcp4FuzzTarget.check(Arrays.copyOf(wire, 243)));
        assertNotNull(Dhcp4FuzzTarget.check(Arrays.copyOf(wire, 246)));
        assertNotNull(Dhcp4FuzzTarget.check(Arrays.copyOf(wire, 250)));
    }

    @Test
    void everyLengthByteValueOfEveryDiscoverOption() throws Exception {
        byte[] wire = hex(Dhcp4CodecTest.DISCOVER);
        int[] tlvs = {240, 243, 252, 258, 265, 274};
        for (int at : tlvs) {
            for (int len = 0; len < 256; len++) {
                byte[] b = wire.clone();
                b[at + 1] = (byte) len;
                if (at + 2 + len > wire.length) {
                    ParseException e = assertThrows(ParseException.class,
                            () -> codec.decode(Unpooled.wrappedBuffer(b)));
                    assertEquals(at, e.offset(), e.getMessage());
                } else {
                    Dhcp4FuzzTarget.fuzzOne(b);
                }
            }
        }
    }

    @Test
    void randomCorruptionsOfSeeds() {
        SplittableRandom rnd = new SplittableRandom(0xc0ffee);
        List<byte[]> seeds = seeds();
        int decoded = 0;
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = seeds.get(rnd.nextInt(seeds.size())).clone();
            switch (rnd.nextInt(4)) {
                case 0 -> {
                    int flips = 1 + rnd.nextInt(4);
                    for (int k = 0; k < flips; k++) {
                        b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                    }
                }
                case 1 -> {
                    // corrupt only the option areas (sname, file, options)
                    int k = rnd.nextBoolean() ? 44 + rnd.nextInt(192) : 240 + rnd.nextInt(Math.max(1, b.length - 240));
                    if (k < b.length) {
                        b[k] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : new int[] {0, 52, 255, 1, 2, 3}[rnd.nextInt(6)]);
                    }
                }
                case 2 -> {
                    int at = rnd.nextInt(b.length);
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    b = c;
                }
                default -> {
                    int at = 236 + rnd.nextInt(b.length - 235);
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) rnd.nextInt(256);
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
            }
            if (Dhcp4FuzzTarget.check(b) == null) {
                rejected++;
            } else {
                decoded++;
            }
        }
        assertTrue(decoded > 1000 && rejected > 1000, decoded + " decoded, " + rejected + " rejected");
    }

    @Test
    void randomOptionAreasBehindAValidHeader() {
        SplittableRandom rnd = new SplittableRandom(42);
        byte[] head = Arrays.copyOf(hex(Dhcp4CodecTest.DISCOVER), 240);
        for (int i = 0; i < 10_000; i++) {
            byte[] b = Arrays.copyOf(head, 240 + rnd.nextInt(400));
            for (int k = 240; k < b.length; k++) {
                b[k] = (byte) (rnd.nextInt(3) == 0 ? rnd.nextInt(8) : rnd.nextInt(256));
            }
            if (rnd.nextBoolean()) {
                for (int k = 44; k < 236; k++) {
                    b[k] = (byte) rnd.nextInt(256);
                }
            }
            Dhcp4FuzzTarget.fuzzOne(b);
        }
    }

    @Test
    void fuzzTargetRejectsNothingUncheckedOnTinyInputs() {
        for (int n = 0; n < 300; n++) {
            Dhcp4FuzzTarget.fuzzOne(new byte[n]);
            byte[] ff = new byte[n];
            Arrays.fill(ff, (byte) 0xff);
            Dhcp4FuzzTarget.fuzzOne(ff);
        }
    }
}
