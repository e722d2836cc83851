package io.tui.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tui.control.ChannelFixture.Transport;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many clients at once, with hostile ones stalling, over every transport. */
class ConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void fiftyClientsAtOnceWhileSlowClientsStall() throws Exception {
        // stalled clients would hold a blocking server for the whole minute
        try (ChannelFixture f = new ChannelFixture(dir, "", ", \"command-timeout\": 60000")) {
            List<AutoCloseable> stalled = new ArrayList<>();
            try {
                // hostile clients: a UNIX one that never finishes its command, an HTTP one that sends half a head,
                // a TLS one that never handshakes
                for (int i = 0; i < 5; i++) {
                    SocketChannel u = UnixSocketTest.open(f.server.socketPath());
                    UnixSocketTest.write(u, "{\"command\": \"sta");
                    stalled.add(u);
                    Socket h = Clients.connect(f.http, null);
                    OutputStream o = h.getOutputStream();
                    o.write("POST / HTTP/1.1\r\nContent-Le".getBytes());
                    o.flush();
                    stalled.add(h);
                    stalled.add(new Socket(f.https.getAddress(), f.https.getPort()));
                }
                int clients = 50;
                CyclicBarrier start = new CyclicBarrier(clients);
                ExecutorService pool = Executors.newFixedThreadPool(clients);
                List<Future<JsonNode>> answers = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int i = 0; i < clients; i++) {
                    Transport t = Transport.values()[i % 3];
                    String cmd = i % 2 == 0 ? "{\"command\": \"statistic-get-all\"}"
                            : "{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"pkt4-received\"}}";
                    answers.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return f.call(t, cmd);
                    }));
                }
                for (Future<JsonNode> a : answers) {
                    JsonNode r = a.get(30, TimeUnit.SECONDS);
                    assertEquals(0, r.get("result").asInt(), r.toString());
                    assertTrue(r.at("/arguments/pkt4-received").isArray(), r.toString());
                }
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                System.out.println("ConcurrencyTest: 50 clients answered in " + ms + " ms");
                assertTrue(ms < 30000, "50 clients answered in " + ms + " ms despite 15 stalled connections");
                pool.shutdown();
                // warm rounds, one transport at a time
                for (Transport t : Transport.values()) {
                    long w0 = System.nanoTime();
                    List<Future<JsonNode>> again = new ArrayList<>();
                    try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
                        for (int i = 0; i < clients; i++) {
                            again.add(vt.submit(() -> f.call(t, "{\"command\": \"statistic-get-all\"}")));
                        }
                        for (Future<JsonNode> a : again) {
                            assertEquals(0, a.get(30, TimeUnit.SECONDS).get("result").asInt());
                        }
                    }
                    System.out.println("ConcurrencyTest: 50 " + t + " clients, warm, in "
                            + (System.nanoTime() - w0) / 1000000 + " ms");
                }
            } finally {
                long c0 = System.nanoTime();
                for (AutoCloseable c : stalled) {
                    c.close();
                }
                System.out.println("ConcurrencyTest: stalled closed in " + (System.nanoTime() - c0) / 1000000 + " ms");
            }
        }
    }
}
