package io.tui.dhcp4.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tui.dhcp.core.testing.External;
import io.tui.dhcp.core.vectors.PcapReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the kernel: a veth pair whose host end ({@code tuirs<pid>a}, up, no IPv4 address, no IPv6
 * link-local address, so the host's routing is untouched) this JVM sends on, and whose other end
 * ({@code tuirs<pid>b}) sits with no address at all in a network namespace of its own ({@code tuirs-b-<pid>}),
 * like a client that has just sent a DHCPDISCOVER. tcpdump in that namespace must see the OFFER arrive addressed to
 * the client's MAC and to the offered address. The veth pair is the only path: nothing leaves the machine.
 */
class PacketSocketNamespaceTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] HOST_MAC = HEX.parseHex("02005e005301");
    private static final byte[] CLIENT_MAC = HEX.parseHex("02005e005332");
    private static final int SERVER = 0xC0000201; // 192.0.2.1
    private static final int YIADDR = 0xC0000232; // 192.0.2.50

    private final long pid = ProcessHandle.current().pid();
    private final String namespace = "tuirs-b-" + pid;
    private final String hostEnd = "tuirs" + pid + "a";
    private final String clientEnd = "tuirs" + pid + "b";
    private final List<String> cleanupErrors = new ArrayList<>();
    private Process tcpdump;
    private boolean namespaceCreated;
    private boolean linkCreated;

    @TempDir
    Path dir;

    @Test
    void anOfferReachesAnAddresslessClientAtItsMac() throws Exception {
        External.requireRoot();
        External.require(onPath("ip") && onPath("tcpdump") && onPath("timeout"), "ip, tcpdump and timeout");

        run("ip", "netns", "add", namespace);
        namespaceCreated = true;
        run("ip", "link", "add", hostEnd, "address", mac(HOST_MAC), "type", "veth",
                "peer", "name", clientEnd, "address", mac(CLIENT_MAC), "netns", namespace);
        linkCreated = true;
        // both ends are still down: no IPv6 link-local address, so neither end says anything of its own
        run("ip", "link", "set", hostEnd, "addrgenmode", "none");
        run("ip", "netns", "exec", namespace, "ip", "link", "set", clientEnd, "addrgenmode", "none");
        run("ip", "netns", "exec", namespace, "ip", "link", "set", clientEnd, "up");
        run("ip", "link", "set", hostEnd, "up");
        awaitCarrier();

        Path capture = dir.resolve("client.pcap");
        tcpdump = new ProcessBuilder("ip", "netns", "exec", namespace, "timeout", "30", "tcpdump", "-i", clientEnd,
                "-n", "-U", "-Z", "root", "-c", "1", "-w", capture.toString(), "udp and dst port 68").start();
        tcpdump.getOutputStream().close();
        CountDownLatch listening = new CountDownLatch(1);
        StringBuffer tcpdumpLog = new StringBuffer();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(tcpdump.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    tcpdumpLog.append(line).append('\n');
                    if (line.contains("listening on")) {
                        listening.countDown();
                    }
                }
            } catch (IOException e) {
                tcpdumpLog.append(e).append('\n');
            }
        });
        if (!listening.await(15, TimeUnit.SECONDS)) {
            fail("tcpdump did not start listening: " + tcpdumpLog);
        }

        byte[] offer = offerFor(CLIENT_MAC, YIADDR);
        ByteBuffer packet = Ipv4UdpFrames.dhcpReply(SERVER, YIADDR, ByteBuffer.wrap(offer));
        try (PacketSocket socket = PacketSocket.open(hostEnd)) {
            // the first send normally does it; resend a few times in case the capture lost a race
            for (int attempt = 0; attempt < 5 && !tcpdump.waitFor(attempt == 0 ? 0 : 2, TimeUnit.SECONDS); attempt++) {
                socket.send(CLIENT_MAC, packet);
            }
        }
        assertTrue(tcpdump.waitFor(10, TimeUnit.SECONDS), "tcpdump captured nothing: " + tcpdumpLog);
        assertEquals(0, tcpdump.exitValue(), "tcpdump: " + tcpdumpLog);

        byte[] file = Files.readAllBytes(capture);
        List<EthernetFrames.Frame> frames = EthernetFrames.read(file);
        assertEquals(1, frames.size(), "frames captured");
        EthernetFrames.Frame frame = frames.getFirst();
        assertArrayEquals(CLIENT_MAC, frame.destinationMac(), "Ethernet destination: the client's chaddr");
        assertArrayEquals(HOST_MAC, Arrays.copyOfRange(frame.bytes(), 6, 12), "Ethernet source: the interface");
        assertEquals(0x0800, frame.etherType());
        byte[] ip = frame.ipPacket();
        assertEquals(YIADDR, ByteBuffer.wrap(ip, 16, 4).getInt(), "IP destination: yiaddr");
        assertEquals(SERVER, ByteBuffer.wrap(ip, 12, 4).getInt(), "IP source");
        assertEquals(17, ip[9]);
        assertTrue(EthernetFrames.ipChecksumValid(ip), "IP header checksum");
        assertTrue(EthernetFrames.udpChecksumValid(ip), "UDP checksum");
        assertArrayEquals(packet.array(), ip, "the packet arrives as sent");

        List<PcapReader.UdpDatagram> datagrams = PcapReader.read(file);
        assertEquals(1, datagrams.size());
        PcapReader.UdpDatagram d = datagrams.getFirst();
        assertEquals(67, d.sourcePort());
        assertEquals(68, d.destinationPort());
        assertEquals("192.0.2.50", d.destination().getHostAddress());
        assertArrayEquals(offer, d.payload(), "DHCP payload");
    }

    @Test
    void theKernelsRefusalsComeBackAsIoExceptionsWithErrno() throws Exception {
        External.requireRoot();
        External.require(onPath("ip"), "ip");
        run("ip", "netns", "add", namespace);
        namespaceCreated = true;
        run("ip", "link", "add", hostEnd, "address", mac(HOST_MAC), "type", "veth",
                "peer", "name", clientEnd, "address", mac(CLIENT_MAC), "netns", namespace);
        linkCreated = true;
        run("ip", "link", "set", hostEnd, "addrgenmode", "none");
        run("ip", "link", "set", hostEnd, "mtu", "576");
        try (PacketSocket socket = PacketSocket.open(hostEnd)) {
            ByteBuffer small = Ipv4UdpFrames.dhcpReply(SERVER, YIADDR, ByteBuffer.wrap(offerFor(CLIENT_MAC, YIADDR)));

            IOException down = assertThrows(IOException.class, () -> socket.send(CLIENT_MAC, small));
            assertEquals("sendto(" + hostEnd + "): Network is down (errno 100)", down.getMessage());

            run("ip", "link", "set", hostEnd, "up");
            ByteBuffer big = Ipv4UdpFrames.dhcpReply(SERVER, YIADDR, ByteBuffer.allocate(577 - 28));
            IOException tooBig = assertThrows(IOException.class, () -> socket.send(CLIENT_MAC, big));
            assertEquals("sendto(" + hostEnd + "): Message too long (errno 90)", tooBig.getMessage());
        }
    }

    /** Kea's captured OFFER (dhclient capture, frame 2), readdressed to this client: chaddr and yiaddr. */
    private static byte[] offerFor(byte[] chaddr, int yiaddr) throws Exception {
        PcapReader.UdpDatagram kea = PcapReader.readResource("/vectors/v4/dhclient-dora-release.pcap").stream()
                .filter(d -> d.frame() == 2).findFirst().orElseThrow();
        byte[] offer = kea.payload();
        assertEquals(2, offer[0], "a BOOTREPLY");
        ByteBuffer.wrap(offer).putInt(16, yiaddr);
        System.arraycopy(chaddr, 0, offer, 28, 6);
        return offer;
    }

    private void awaitCarrier() throws Exception {
        Path operstate = Path.of("/sys/class/net", hostEnd, "operstate");
        for (int i = 0; i < 100; i++) {
            if (Files.readString(operstate).strip().equals("up")) {
                return;
            }
            Thread.sleep(50);
        }
        fail(hostEnd + " did not come up: " + Files.readString(operstate).strip());
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (tcpdump != null && tcpdump.isAlive()) {
            tcpdump.destroy(); // SIGTERM to timeout(1), which passes it on to tcpdump
            if (!tcpdump.waitFor(5, TimeUnit.SECONDS)) {
                tcpdump.destroyForcibly();
                tcpdump.waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (namespaceCreated) {
            // deleting the namespace deletes the client end, and with it the host end of the pair
            attempt("ip", "netns", "del", namespace);
        }
        Path hostLink = Path.of("/sys/class/net", hostEnd);
        for (int i = 0; i < 40 && linkCreated && Files.exists(hostLink); i++) {
            Thread.sleep(50); // the pair goes away asynchronously after its namespace
        }
        if (linkCreated && Files.exists(hostLink)) {
            attempt("ip", "link", "del", hostEnd);
        }
        assertTrue(cleanupErrors.isEmpty(), "cleanup: " + cleanupErrors);
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    private static String mac(byte[] mac) {
        return HEX.withDelimiter(":").formatHex(mac);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + ": timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            fail(String.join(" ", command) + ": exit " + p.exitValue() + ": " + text);
        }
        return text;
    }

    private void attempt(String... command) {
        try {
            run(command);
        } catch (Throwable t) {
            cleanupErrors.add(t.getMessage());
        }
    }
}
