package io.tui.dhcp.core.wire.v4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.wire.ParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded property tests: random messages written by {@link RandomMessages} independently of the codec. */
class Dhcp4RoundTripPropertyTest {
    private static final int CASES = 3000;
    private final Dhcp4Codec codec = new Dhcp4Codec();

    private static byte[] encode(Dhcp4Codec c, Dhcp4Packet p, int max) {
        ByteBuf out = Unpooled.buffer(512);
        c.encode(p, out, max);
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }

    private Dhcp4Packet decode(byte[] b, long seed, int i) {
        try {
            return codec.decode(Unpooled.wrappedBuffer(b));
        } catch (ParseException e) {
            throw new AssertionError("case " + i + " of seed " + seed + ": " + e.getMessage() + "\n"
                    + WireBytes.hexOf(b), e);
        }
    }

    @Test
    void canonicalMessagesRoundTripByteForByte() {
        long seed = 0x5eed_0001L;
        SplittableRandom rnd = new SplittableRandom(seed);
        RandomMessages gen = new RandomMessages(rnd);
        int long_ = 0;
        int relay = 0;
        for (int i = 0; i < CASES; i++) {
            RandomMessages.Message msg = gen.canonical(gen.model(rnd.nextBoolean()));
            Dhcp4Packet p = decode(msg.wire(), seed, i);
            String ctx = "case " + i + ": " + WireBytes.hexOf(msg.wire());
            assertNull(msg.model().mismatch(p), ctx);
            assertFalse(p.hasWireLayout(), ctx);
            assertEquals(msg.padAfterEnd(), p.padAfterEnd(), ctx);
            assertArrayEquals(msg.wire(), encode(codec, p, 0), ctx);

            Dhcp4Packet built = msg.model().toPacket().padAfterEnd(msg.padAfterEnd());
            byte[] fromApi = encode(codec, built, 0);
            assertArrayEquals(msg.wire(), fromApi, ctx);
            assertEquals(built, decode(fromApi, seed, i), ctx);

            for (byte[] v : msg.model().values()) {
                long_ += v.length > 255 ? 1 : 0;
            }
            relay += p.options().contains(82) ? 1 : 0;
        }
        assertTrue(long_ > CASES / 4, "long options generated: " + long_);
        assertTrue(relay > CASES / 5, "option 82 generated: " + relay);
    }

    @Test
    void quirkyMessagesRoundTripByteForByte() {
        long seed = 0x5eed_0002L;
        SplittableRandom rnd = new SplittableRandom(seed);
        RandomMessages gen = new RandomMessages(rnd);
        int overloaded = 0;
        for (int i = 0; i < CASES; i++) {
            boolean overload = rnd.nextBoolean();
            RandomMessages.Message msg = gen.quirky(gen.model(overload), overload);
            Dhcp4Packet p = decode(msg.wire(), seed, i);
            String ctx = "case " + i + ": " + WireBytes.hexOf(msg.wire());
            assertNull(msg.model().mismatch(p), ctx);
            assertArrayEquals(msg.wire(), encode(codec, p, 0), ctx);

            p.discardWireLayout();
            byte[] canonical = encode(codec, p, 0);
            Dhcp4Packet again = decode(canonical, seed, i);
            assertEquals(p, again, ctx);
            assertFalse(again.hasWireLayout(), ctx);
            overloaded += overload ? 1 : 0;
        }
        assertTrue(overloaded > CASES / 5, "overloaded: " + overloaded);
    }

    @Test
    void encoderOverloadDecodesToTheSamePacket() {
        long seed = 0x5eed_0003L;
        SplittableRandom rnd = new SplittableRandom(seed);
        RandomMessages gen = new RandomMessages(rnd);
        int overloaded = 0;
        for (int i = 0; i < CASES; i++) {
            Dhcp4Packet p = gen.model(rnd.nextInt(3) != 0).toPacket();
            int plain = encode(codec, p, 0).length;
            int max = 244 + rnd.nextInt(Math.max(1, plain - 240));
            byte[] b = encode(codec, p, max);
            String ctx = "case " + i + " max " + max + ": " + WireBytes.hexOf(b);
            Dhcp4Packet back = decode(b, seed, i);
            assertEquals(p, back, ctx);
            assertArrayEquals(b, encode(codec, back, 0), ctx);
            assertTrue(b.length <= max || b.length == plain, ctx);
            if (b.length != plain) {
                overloaded++;
                assertTrue(back.hasWireLayout(), ctx);
            }
        }
        assertTrue(overloaded > CASES / 10, "overloaded: " + overloaded);
    }
}
