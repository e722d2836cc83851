package io.tui.dhcp6.proc;

import static io.tui.dhcp6.proc.Dhcp6Harness.cid;
import static io.tui.dhcp6.proc.Dhcp6Harness.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tui.dhcp.core.wire.ParseException;
import io.tui.dhcp.core.wire.v6.Dhcp6Message;
import io.tui.dhcp.core.wire.v6.Dhcp6MessageType;
import io.tui.dhcp.core.wire.v6.Dhcp6RelayMessage;
import io.tui.dhcp.core.wire.v6.IaAddressOption;
import io.tui.dhcp.core.wire.v6.IaNaOption;
import io.tui.dhcp.core.wire.v6.IaPdOption;
import io.tui.dhcp.core.wire.v6.IaPrefixOption;
import io.tui.dhcp.core.wire.v6.InterfaceIdOption;
import io.tui.dhcp.core.wire.v6.Ip6Address;
import io.tui.dhcp.core.wire.v6.Octets;
import io.tui.dhcp.core.wire.v6.OptionRequestOption;
import io.tui.dhcp.core.wire.v6.ServerIdOption;
import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mutated queries through the whole pipeline: each is answered or dropped and counted; nothing throws. */
class Dhcp6MutationTest {
    @Test
    void mutatedPacketsAreAnsweredOrCountedNeverThrown() throws Exception {
        Dhcp6Harness h = new Dhcp6Harness(Dhcp6ProcessorTest.BASE);
        ServerIdOption sid = new ServerIdOption(Dhcp6Harness.SERVER_ID);
        List<Dhcp6Message> seeds = List.of(
                msg(Dhcp6MessageType.SOLICIT, 1, cid(1), IaNaOption.of(1, 0, 0), IaPdOption.of(2, 0, 0),
                        OptionRequestOption.of(23, 24, 67)),
                msg(Dhcp6MessageType.REQUEST, 2, cid(2), sid, IaNaOption.of(1, 0, 0,
                        IaAddressOption.of(Ip6Address.parse("2001:db8:1::150"), 0, 0))),
                msg(Dhcp6MessageType.RENEW, 3, cid(3), sid, IaPdOption.of(2, 0, 0,
                        IaPrefixOption.of(Ip6Address.parse("2001:db8:8000:100::"), 56, 0, 0))),
                msg(Dhcp6MessageType.RELEASE, 4, cid(4), sid, IaNaOption.of(1, 0, 0)),
                msg(Dhcp6MessageType.CONFIRM, 5, cid(5), IaNaOption.of(1, 0, 0,
                        IaAddressOption.of(Ip6Address.parse("2001:db8:1::5"), 0, 0))),
                Dhcp6RelayMessage.of(Dhcp6MessageType.RELAY_FORW, 0, Ip6Address.parse("2001:db8:2::1"),
                        Ip6Address.parse("fe80::1"), msg(Dhcp6MessageType.SOLICIT, 6, cid(6),
                                IaNaOption.of(1, 0, 0)), new InterfaceIdOption(Octets.ofUtf8("port-7"))));
        Random rnd = new Random(20261122);
        Received rx = new Received("eth1", List.of(), InetAddress.getByName("fe80::a00:1"), 546, false);
        int decoded = 0;
        int answered = 0;
        int dropped = 0;
        for (int i = 0; i < 5000; i++) {
            ByteBuf b = Unpooled.buffer();
            h.codec.encode(seeds.get(i % seeds.size()), b);
            byte[] a = new byte[b.readableBytes()];
            b.readBytes(a);
            int flips = 1 + rnd.nextInt(4);
            for (int f = 0; f < flips; f++) {
                a[rnd.nextInt(a.length)] = (byte) rnd.nextInt(256);
            }
            Dhcp6Message q;
            try {
                q = h.codec.decode(a);
            } catch (ParseException e) {
                continue;
            }
            decoded++;
            Dhcp6Processor.Result r = h.processor.process(q, rx, a.length);
            if (r.dropped()) {
                dropped++;
            } else {
                answered++;
                ByteBuf out = Unpooled.buffer();
                h.codec.encode(r.reply(), out); // every reply encodes
            }
        }
        assertTrue(decoded > 1000, "enough mutants decode: " + decoded);
        assertTrue(answered > 0 && dropped > 0, answered + " answered, " + dropped + " dropped");
        assertEquals(decoded, h.stat("pkt6-received"));
        assertEquals(dropped, h.stat("pkt6-receive-drop") - h.stat("pkt6-parse-failed"));
    }
}
