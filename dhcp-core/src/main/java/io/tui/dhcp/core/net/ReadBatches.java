package io.tui.dhcp.core.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import io.tui.dhcp.core.lease.LeaseStore;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Groups what an event loop does for one read batch (the datagrams one readiness event delivers, read with
 * {@code recvmmsg}): the lease rows the batch's packets write are held and written with one system call at its end,
 * which completes the ACKs waiting for them on the loop, and every reply the batch produced leaves with one flush
 * ({@code sendmmsg}). No packet is handed to another thread on the way.
 *
 * <p>A receive handler calls {@link #read} before it processes each datagram and {@link #readComplete} from
 * {@code channelReadComplete}; replies go out through {@link #send}. A reply sent from another thread (a worker with
 * a database, the fsync writer) joins the channel's outbound queue; one loop task drains the queue, writing every
 * queued reply and flushing once, so a burst of worker replies costs one task and one {@code sendmmsg}.
 */
public final class ReadBatches {
    /** The batch state of one event loop; touched by that loop's thread only. */
    private static final class Batch {
        boolean open;
        final List<Channel> written = new ArrayList<>(2);
    }

    private final LeaseStore<?> writes;
    private final Map<EventLoop, Batch> batches = new ConcurrentHashMap<>();
    private final Map<Channel, Outbound> outbound = new ConcurrentHashMap<>();

    /** Replies written by other threads, waiting for the channel's loop; {@code scheduled} while a drain is queued. */
    private static final class Outbound {
        final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean scheduled = new AtomicBoolean();
    }

    private record Pending(Object message, ChannelPromise promise) {
    }

    /**
     * @param writes the lease store whose rows are held over a batch ({@link LeaseStore#holdWrites}), or null when
     *               packets are not processed on the event loops (a database, with workers)
     */
    public ReadBatches(LeaseStore<?> writes) {
        this.writes = writes;
    }

    /** Before a datagram received on {@code channel} is processed (on its event loop): opens the loop's batch. */
    public void read(Channel channel) {
        Batch b = batches.computeIfAbsent(channel.eventLoop(), l -> new Batch());
        if (!b.open) {
            b.open = true;
            if (writes != null) {
                writes.holdWrites();
            }
        }
    }

    /**
     * The end of the read batch on {@code channel}'s loop: writes the held lease rows (completing the replies that
     * waited for them) and flushes every channel the batch wrote to.
     */
    public void readComplete(Channel channel) {
        Batch b = batches.get(channel.eventLoop());
        if (b == null || !b.open) {
            return;
        }
        try {
            if (writes != null) {
                writes.releaseWrites();
            }
        } finally {
            b.open = false;
            for (Channel c : b.written) {
                c.flush();
            }
            b.written.clear();
        }
    }

    /**
     * Writes {@code message} to {@code channel}: on the channel's loop during a read batch it leaves with the batch's
     * flush; otherwise it is flushed at once (on the loop) or queued for the loop's next drain (other threads).
     */
    public ChannelFuture send(Channel channel, Object message) {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            Batch b = batches.get(loop);
            if (b != null && b.open) {
                if (!b.written.contains(channel)) {
                    b.written.add(channel);
                }
                return channel.write(message);
            }
            return channel.writeAndFlush(message);
        }
        Outbound out = outbound.computeIfAbsent(channel, c -> new Outbound());
        ChannelPromise promise = channel.newPromise();
        out.queue.add(new Pending(message, promise));
        if (out.scheduled.compareAndSet(false, true)) {
            loop.execute(() -> drain(channel, out));
        }
        return promise;
    }

    /**
     * On the channel's loop: writes every queued reply and flushes once. A channel closed meanwhile fails the writes
     * (Netty releases them) and its queue is forgotten, in case a reply raced {@link #closed} and queued it again.
     */
    private void drain(Channel channel, Outbound out) {
        out.scheduled.set(false);
        if (!channel.isOpen()) {
            outbound.remove(channel, out);
        }
        boolean wrote = false;
        for (Pending p; (p = out.queue.poll()) != null; ) {
            channel.write(p.message(), p.promise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    /** How many channels have an outbound queue (for tests: closed channels leave none behind). */
    int queuedChannels() {
        return outbound.size();
    }

    /** Forgets a closed channel. */
    public void closed(Channel channel) {
        Outbound out = outbound.remove(channel);
        if (out != null) {
            for (Pending p; (p = out.queue.poll()) != null; ) {
                ReferenceCountUtil.release(p.message());
                p.promise().tryFailure(new ClosedChannelException());
            }
        }
    }
}
