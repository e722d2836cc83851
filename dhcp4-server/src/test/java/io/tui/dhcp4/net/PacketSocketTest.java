package io.tui.dhcp4.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tui.dhcp.core.testing.External;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PacketSocketTest {

    @Test
    void sockaddrLlHasTheKernelsLayout() {
        // <linux/if_packet.h>: unsigned short family, __be16 protocol, int ifindex, unsigned short hatype,
        // unsigned char pkttype, unsigned char halen, unsigned char addr[8]
        assertEquals(20, Libc.SOCKADDR_LL.byteSize());
        assertEquals(0, Libc.SLL_FAMILY);
        assertEquals(2, Libc.SLL_PROTOCOL);
        assertEquals(4, Libc.SLL_IFINDEX);
        assertEquals(8, Libc.SLL_HATYPE);
        assertEquals(10, Libc.SOCKADDR_LL.byteOffset(MemoryLayout.PathElement.groupElement("sll_pkttype")));
        assertEquals(11, Libc.SLL_HALEN);
        assertEquals(12, Libc.SLL_ADDR);
    }

    @Test
    void sockaddrLlForSendingCarriesTheEtherTypeInNetworkOrder() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sll = PacketSocket.sockaddrLl(arena, 7, 0x0800, HexFormat.of().parseHex("02005e005332"));
            ByteBuffer expected = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
            expected.putShort((short) 17);                                   // AF_PACKET, host order
            expected.put((byte) 0x08).put((byte) 0x00);                      // ETH_P_IP, network order
            expected.putInt(7);                                              // ifindex, host order
            expected.putShort((short) 1);                                    // ARPHRD_ETHER
            expected.put((byte) 0).put((byte) 6);                            // pkttype, halen
            expected.put(HexFormat.of().parseHex("02005e0053320000"));       // addr[8]
            assertArrayEquals(expected.array(), sll.toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void sockaddrLlForBindingHasNoProtocolAndNoAddress() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sll = PacketSocket.sockaddrLl(arena, 3, 0, null);
            ByteBuffer expected = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
            expected.putShort((short) 17).putShort((short) 0).putInt(3);
            assertArrayEquals(expected.array(), sll.toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void anUnknownInterfaceIsAnIoExceptionWithTheSystemsText() {
        IOException e = assertThrows(IOException.class, () -> PacketSocket.open("tuirs-nonesuch"));
        assertEquals("if_nametoindex(tuirs-nonesuch): No such device (errno 19)", e.getMessage());
    }

    @Test
    void aNameTheKernelCannotHoldIsRefusedBeforeAnyCall() {
        assertThrows(IOException.class, () -> PacketSocket.open(""));
        assertThrows(IOException.class, () -> PacketSocket.open("a-name-longer-than-15"));
    }

    @Test
    void strerrorGivesTheSystemsText() {
        assertEquals("Operation not permitted", Libc.strerror(1));
        assertEquals("Network is down", Libc.strerror(100));
    }

    @Test
    void opensOnLoopbackAndClosesOnce() throws IOException {
        External.requireRoot();
        PacketSocket socket = PacketSocket.open("lo");
        assertEquals("lo", socket.interfaceName());
        assertEquals(1, socket.interfaceIndex(), "lo is interface 1 in every network namespace");
        assertTrue(socket.toString().contains("lo (index 1)"), socket.toString());
        socket.close();
        socket.close();
        IOException e = assertThrows(IOException.class,
                () -> socket.send(new byte[6], ByteBuffer.wrap(new byte[] {0x45})));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void closingWhileOtherThreadsSendClosesTheDescriptorOnceTheLastSendIsDone() throws Exception {
        External.requireRoot();
        PacketSocket socket = PacketSocket.open("lo");
        Matcher m = Pattern.compile("fd (\\d+)").matcher(socket.toString());
        assertTrue(m.find(), socket.toString());
        Path fd = Path.of("/proc/self/fd", m.group(1));
        Path inode = Files.readSymbolicLink(fd);
        assertTrue(inode.toString().startsWith("socket:"), inode.toString());
        // a minimal IPv4 header to 127.0.0.1 (the loopback stack drops it: bad checksum)
        byte[] ip = HexFormat.of().parseHex("4500001400000000401100007f0000017f000001");
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        CountDownLatch going = new CountDownLatch(4);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            senders.add(Thread.ofPlatform().start(() -> {
                going.countDown();
                while (true) {
                    try {
                        socket.send(new byte[6], ByteBuffer.wrap(ip));
                        sent.incrementAndGet();
                    } catch (IOException e) {
                        if (!e.getMessage().contains("closed")) {
                            unexpected.set(e);
                        }
                        return;
                    }
                }
            }));
        }
        going.await();
        while (sent.get() < 100) {
            Thread.onSpinWait();
        }
        socket.close();
        for (Thread t : senders) {
            t.join(10_000);
        }
        assertEquals(null, unexpected.get(), "every send either went out or found the socket closed");
        assertTrue(!Files.exists(fd, LinkOption.NOFOLLOW_LINKS)
                || !Files.readSymbolicLink(fd).equals(inode), "the descriptor was closed");
    }

    @Test
    void rejectsAnAddressThatIsNotEthernet() throws IOException {
        External.requireRoot();
        try (PacketSocket socket = PacketSocket.open("lo")) {
            assertThrows(IllegalArgumentException.class,
                    () -> socket.send(new byte[5], ByteBuffer.wrap(new byte[] {0x45})));
            assertThrows(IllegalArgumentException.class, () -> socket.send(new byte[6], ByteBuffer.allocate(0)));
        }
    }
}
