package io.tui.dhcp4.net;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.channels.DatagramChannel;

/**
 * Binds a JDK {@link DatagramChannel} to one network device ({@code SO_BINDTODEVICE}) before it is bound to an
 * address, so several sockets can listen on {@code 0.0.0.0:67}, one per interface, and each knows where its packets
 * came from (the JDK has no such option and no {@code IP_PKTINFO}). The descriptor is read through the JDK's
 * {@code sun.nio.ch.SelChImpl}, which needs {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED} (set by
 * {@code bin/tui-dhcp4} and the jar manifest); the option is set with {@code setsockopt(2)} through Java's FFM API.
 */
public final class DeviceBinding {
    private DeviceBinding() {
    }

    /** Whether device binding can work in this JVM (the export is in place). */
    public static boolean available() {
        try {
            Method m = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
            return m.getDeclaringClass().getModule().isExported("sun.nio.ch", DeviceBinding.class.getModule());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** The channel's file descriptor number. */
    public static int fd(DatagramChannel channel) throws IOException {
        try {
            Method m = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
            return (int) m.invoke(channel);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot read the socket's descriptor (is java.base/sun.nio.ch exported?)", e);
        }
    }

    /** Binds the (not yet bound) socket {@code fd} to {@code device}. Needs CAP_NET_RAW. */
    public static void bind(int fd, String device) throws IOException {
        Libc.bindToDevice(fd, device);
    }

    /** Binds the (not yet bound) channel to {@code device}. Needs CAP_NET_RAW. */
    public static void bind(DatagramChannel channel, String device) throws IOException {
        Libc.bindToDevice(fd(channel), device);
    }
}
