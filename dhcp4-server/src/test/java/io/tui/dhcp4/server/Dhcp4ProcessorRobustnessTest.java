package io.tui.dhcp4.server;

import static io.tui.dhcp4.server.Pipeline.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.wire.v4.ClientFqdn;
import io.tui.dhcp.core.wire.v4.Dhcp4Packet;
import io.tui.dhcp.core.wire.v4.DhcpMessageType;
import io.tui.dhcp.core.wire.v4.Ipv4;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Mutated and truncated packets never make the pipeline throw or hang; every one is answered or counted. */
class Dhcp4ProcessorRobustnessTest {
    @Test
    void mutatedPacketsAreAnsweredOrDroppedNeverThrown() throws Exception {
        Pipeline p = new Pipeline(Dhcp4ProcessorTest.CONFIG);
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("kea-dhcp4.dhcp4");
        java.util.List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler watch = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getMessage().startsWith("DHCP4_PACKET_PROCESS_EXCEPTION")) {
                    unexpected.add(String.valueOf(r.getThrown()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(watch);
        Random rnd = new Random(42);
        List<Dhcp4Packet> seeds = List.of(Pipeline.query(DhcpMessageType.DHCPDISCOVER, 1),
                Pipeline.query(DhcpMessageType.DHCPREQUEST, 2), Pipeline.query(DhcpMessageType.DHCPINFORM, 3),
                Pipeline.query(DhcpMessageType.DHCPDECLINE, 4), Pipeline.query(DhcpMessageType.DHCPRELEASE, 5));
        seeds.get(1).options().putServerIdentifier(SERVER).putIpv4(50, Ipv4.of(192, 0, 2, 11))
                .putClientFqdn(ClientFqdn.ofWireName(0, 0, 0, "a.b"));
        seeds.get(0).options().put(55, new byte[] {1, 3, 6, 15, 42}).put(82, new byte[] {1, 2, 'x', 'y', 5, 4,
                (byte) 192, 0, 2, 1});
        int runs = 5000;
        for (int i = 0; i < runs; i++) {
            byte[] data = p.encode(seeds.get(i % seeds.size()));
            int flips = 1 + rnd.nextInt(8);
            for (int f = 0; f < flips; f++) {
                data[rnd.nextInt(data.length)] = (byte) rnd.nextInt(256);
            }
            if (rnd.nextInt(4) == 0) {
                data = java.util.Arrays.copyOf(data, rnd.nextInt(data.length));
            }
            boolean broadcast = rnd.nextBoolean();
            p.processor.process(new Inbound4(data, "veth0", SERVER, broadcast ? 0 : Ipv4.of(192, 0, 2, 77), 68,
                    broadcast)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        log.removeHandler(watch);
        assertEquals(List.of(), unexpected, "a mutation reached an unchecked exception");
        assertEquals(runs, p.stat("pkt4-received"));
        assertTrue(p.stat("pkt4-parse-failed") > 0, "some mutations must fail to parse");
    }
}
