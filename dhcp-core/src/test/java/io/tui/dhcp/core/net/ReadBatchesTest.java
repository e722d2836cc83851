package io.tui.dhcp.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replies sent through {@link ReadBatches} from threads other than the channel's loop, over real loopback UDP. */
class ReadBatchesTest {
    private EventLoopGroup group;
    private Channel receiver;
    private Channel sender;
    private final Set<String> received = ConcurrentHashMap.newKeySet();
    private CountDownLatch arrived;

    @BeforeEach
    void open() throws Exception {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        receiver = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                        received.add(p.content().toString(StandardCharsets.US_ASCII));
                        arrived.countDown();
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        sender = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    @AfterEach
    void close() {
        receiver.close().awaitUninterruptibly();
        sender.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private DatagramPacket datagram(String text) {
        return new DatagramPacket(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII),
                (InetSocketAddress) receiver.localAddress());
    }

    @Test
    void repliesFromManyThreadsAllLeaveAndTheirFuturesSucceed() throws Exception {
        ReadBatches batches = new ReadBatches(null);
        int threads = 4;
        int perThread = 25; // 100 datagrams in all fit the receiver's default socket buffer
        arrived = new CountDownLatch(threads * perThread);
        List<ChannelFuture> futures = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofPlatform().start(() -> {
                List<ChannelFuture> mine = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    mine.add(batches.send(sender, datagram(id + ":" + i)));
                }
                synchronized (futures) {
                    futures.addAll(mine);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        for (ChannelFuture f : futures) {
            assertTrue(f.await(5, TimeUnit.SECONDS), "written");
            assertTrue(f.isSuccess(), "write succeeded: " + f.cause());
        }
        assertTrue(arrived.await(5, TimeUnit.SECONDS), "arrived: " + received.size());
        assertEquals(threads * perThread, received.size());
    }

    @Test
    void onTheLoopOutsideABatchTheReplyIsFlushedAtOnce() throws Exception {
        ReadBatches batches = new ReadBatches(null);
        arrived = new CountDownLatch(1);
        ChannelFuture f = sender.eventLoop().submit(() -> batches.send(sender, datagram("loop"))).get();
        assertTrue(f.await(5, TimeUnit.SECONDS) && f.isSuccess());
        assertTrue(arrived.await(5, TimeUnit.SECONDS));
        assertEquals(Set.of("loop"), received);
    }

    @Test
    void aBatchHoldsItsRepliesUntilReadComplete() throws Exception {
        ReadBatches batches = new ReadBatches(null);
        arrived = new CountDownLatch(2);
        sender.eventLoop().submit(() -> {
            batches.read(sender);
            batches.send(sender, datagram("a"));
            batches.send(sender, datagram("b"));
        }).get();
        Thread.sleep(200);
        assertTrue(received.isEmpty(), "nothing leaves before the batch ends: " + received);
        sender.eventLoop().submit(() -> batches.readComplete(sender)).get();
        assertTrue(arrived.await(5, TimeUnit.SECONDS));
        assertEquals(Set.of("a", "b"), received);
    }

    @Test
    void forgettingAChannelFailsItsQueuedRepliesAndReleasesThem() throws Exception {
        ReadBatches batches = new ReadBatches(null);
        arrived = new CountDownLatch(1);
        // Hold the sender's loop so the worker's reply stays queued, then forget the channel (as after its close).
        CountDownLatch hold = new CountDownLatch(1);
        sender.eventLoop().execute(() -> {
            try {
                hold.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        DatagramPacket queued = datagram("late");
        ByteBuf content = queued.content();
        ChannelFuture[] f = new ChannelFuture[1];
        Thread worker = Thread.ofPlatform().start(() -> f[0] = batches.send(sender, queued));
        worker.join();
        batches.closed(sender);
        hold.countDown();
        assertTrue(f[0].await(5, TimeUnit.SECONDS));
        assertFalse(f[0].isSuccess());
        assertInstanceOf(ClosedChannelException.class, f[0].cause());
        assertEquals(0, content.refCnt(), "the queued datagram was released");
        assertFalse(arrived.await(300, TimeUnit.MILLISECONDS), "nothing was sent");
    }

    @Test
    void aReplyAfterTheCloseFailsAndLeavesNoQueueBehind() throws Exception {
        ReadBatches batches = new ReadBatches(null);
        arrived = new CountDownLatch(1);
        sender.close().sync();
        batches.closed(sender);
        DatagramPacket late = datagram("after-close");
        ByteBuf content = late.content();
        ChannelFuture[] f = new ChannelFuture[1];
        Thread worker = Thread.ofPlatform().start(() -> f[0] = batches.send(sender, late));
        worker.join();
        assertTrue(f[0].await(5, TimeUnit.SECONDS));
        assertFalse(f[0].isSuccess());
        assertEquals(0, content.refCnt(), "released");
        sender.eventLoop().submit(() -> { }).get(5, TimeUnit.SECONDS); // the drain has run
        assertEquals(0, batches.queuedChannels(), "the closed channel's queue is forgotten");
    }
}
