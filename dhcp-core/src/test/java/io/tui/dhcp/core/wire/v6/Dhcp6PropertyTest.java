package io.tui.dhcp.core.wire.v6;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.wire.ParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random valid messages: encode(decode(x)) == x byte for byte, and decode(encode(m)) equals m field by
 * field (every typed option compared with the typed view of the decoded raw option).
 */
class Dhcp6PropertyTest {
    private static final int CASES = 5_000;
    private final Dhcp6Codec codec = new Dhcp6Codec();

    @Test
    void roundTripsRandomMessages() throws ParseException {
        SplittableRandom seeds = new SplittableRandom(0x7475692d763621L);
        for (int i = 0; i < CASES; i++) {
            long seed = seeds.nextLong();
            Dhcp6Message m = new RandomDhcp6Messages(new SplittableRandom(seed)).message();
            ByteBuf out = Unpooled.buffer();
            codec.encode(m, out);
            byte[] x = new byte[out.readableBytes()];
            out.getBytes(0, x);

            Dhcp6Message d = codec.decode(out);
            assertSameMessage(m, d, "seed " + seed);

            ByteBuf again = Unpooled.buffer();
            codec.encode(d, again);
            byte[] y = new byte[again.readableBytes()];
            again.getBytes(0, y);
            assertArrayEquals(x, y, "seed " + seed);

            Dhcp6FuzzTarget.fuzzOne(x);
        }
    }

    /** Compares a built message with its decoded twin: headers field by field, options through their views. */
    static void assertSameMessage(Dhcp6Message expected, Dhcp6Message actual, String ctx) throws ParseException {
        Dhcp6Message e = expected;
        Dhcp6Message a = actual;
        for (int depth = 0; ; depth++) {
            String where = ctx + ", layer " + depth;
            assertEquals(e.typeCode(), a.typeCode(), where);
            assertEquals(e.options().size(), a.options().size(), where);
            Dhcp6Message nextE = null;
            Dhcp6Message nextA = null;
            if (e instanceof Dhcp6RelayMessage er) {
                Dhcp6RelayMessage ar = assertInstanceOf(Dhcp6RelayMessage.class, a, where);
                assertEquals(er.hopCount(), ar.hopCount(), where);
                assertEquals(er.linkAddress(), ar.linkAddress(), where);
                assertEquals(er.peerAddress(), ar.peerAddress(), where);
            } else {
                Dhcp6ClientMessage ec = (Dhcp6ClientMessage) e;
                Dhcp6ClientMessage ac = assertInstanceOf(Dhcp6ClientMessage.class, a, where);
                assertEquals(ec.transactionId(), ac.transactionId(), where);
            }
            for (int i = 0; i < e.options().size(); i++) {
                Dhcp6Option eo = e.options().at(i);
                Dhcp6Option ao = a.options().at(i);
                String at = where + ", option " + i;
                if (eo instanceof RelayMessageOption er) {
                    nextE = er.message();
                    nextA = assertInstanceOf(RelayMessageOption.class, ao, at).message();
                } else if (eo instanceof RawOption) {
                    assertEquals(eo, ao, at);
                } else {
                    assertEquals(eo, Dhcp6OptionViews.decode(assertInstanceOf(RawOption.class, ao, at)), at);
                }
            }
            if (nextE == null) {
                assertEquals(e.isRelay(), false, where);
                return;
            }
            e = nextE;
            a = nextA;
        }
    }
}
