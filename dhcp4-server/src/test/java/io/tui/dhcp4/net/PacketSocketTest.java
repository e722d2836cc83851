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
import java.util.HexFormat;
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
    void rejectsAnAddressThatIsNotEthernet() throws IOException {
        External.requireRoot();
        try (PacketSocket socket = PacketSocket.open("lo")) {
            assertThrows(IllegalArgumentException.class,
                    () -> socket.send(new byte[5], ByteBuffer.wrap(new byte[] {0x45})));
            assertThrows(IllegalArgumentException.class, () -> socket.send(new byte[6], ByteBuffer.allocate(0)));
        }
    }
}
