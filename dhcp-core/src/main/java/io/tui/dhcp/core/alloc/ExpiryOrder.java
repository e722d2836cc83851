package io.tui.dhcp.core.alloc;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Addresses ordered by an expiry second. Adding returns a {@link Node}, and removing takes that node, so both are
 * O(1) pointer changes with no hashing: a renewal, which moves an address from one second to a later one, costs two
 * short critical sections. Within a second, addresses come out in the order they were added.
 *
 * <p>One lock guards the structure; it is held for a pointer change or for copying a few entries, never across a
 * caller's code. Iteration is weakly consistent: it copies a chunk at a time, sees every address that stays in place
 * meanwhile exactly once and in order, and may miss or show an address that moves meanwhile at its old or new
 * second. Callers check every entry against the lease index (they do: an entry is acted on only while the slot
 * still expires at that second).
 *
 * @param <K> the address type
 */
final class ExpiryOrder<K> {
    private static final int CHUNK = 64;

    /** One address at one second; owned by the slot that holds it. */
    static final class Node<K> {
        final K address;
        final long second;
        // guarded by the order's lock; bucket is null once the node is removed
        private Node<K> prev;
        private Node<K> next;
        private Bucket<K> bucket;

        private Node(K address, long second) {
            this.address = address;
            this.second = second;
        }
    }

    private static final class Bucket<K> {
        final long second;
        Node<K> head;
        Node<K> tail;

        Bucket(long second) {
            this.second = second;
        }
    }

    private final TreeMap<Long, Bucket<K>> buckets = new TreeMap<>();
    /** The bucket last added to: most additions go to the same second (now plus the valid lifetime). */
    private Bucket<K> recent;
    private long size;

    /** Files {@code address} under {@code second}; the node removes it again. */
    Node<K> add(long second, K address) {
        Node<K> node = new Node<>(address, second);
        synchronized (this) {
            Bucket<K> b = recent;
            if (b == null || b.second != second) {
                b = buckets.get(second);
                if (b == null) {
                    b = new Bucket<>(second);
                    buckets.put(second, b);
                }
                recent = b;
            }
            node.bucket = b;
            node.prev = b.tail;
            if (b.tail == null) {
                b.head = node;
            } else {
                b.tail.next = node;
            }
            b.tail = node;
            size++;
        }
        return node;
    }

    /** Removes a node added here (a node already removed is ignored). */
    void remove(Node<K> node) {
        synchronized (this) {
            Bucket<K> b = node.bucket;
            if (b == null) {
                return;
            }
            if (node.prev == null) {
                b.head = node.next;
            } else {
                node.prev.next = node.next;
            }
            if (node.next == null) {
                b.tail = node.prev;
            } else {
                node.next.prev = node.prev;
            }
            node.bucket = null;
            size--;
            if (b.head == null) {
                buckets.remove(b.second);
                if (recent == b) {
                    recent = null;
                }
            }
        }
    }

    /** Number of addresses filed. */
    synchronized long size() {
        return size;
    }

    /** Every (second, address) in order, oldest second first (weakly consistent, see the class notes). */
    Iterator<Map.Entry<Long, K>> iterator() {
        return new Iterator<>() {
            private final Object[] addresses = new Object[CHUNK];
            private final long[] seconds = new long[CHUNK];
            private int count;
            private int at;
            /** The last node copied, to continue its bucket from; null: start at {@code from}. */
            private Node<K> cursor;
            private long from = Long.MIN_VALUE;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (at < count) {
                    return true;
                }
                if (done) {
                    return false;
                }
                fill();
                return at < count;
            }

            @Override
            @SuppressWarnings("unchecked")
            public Map.Entry<Long, K> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Map.Entry<Long, K> e = Map.entry(seconds[at], (K) addresses[at]);
                addresses[at++] = null;
                return e;
            }

            private void fill() {
                at = 0;
                count = 0;
                synchronized (ExpiryOrder.this) {
                    // A removed node keeps the successor it had when it was removed, so the walk goes on from the
                    // last node copied even if that one has moved away since.
                    Node<K> n = cursor == null ? null : cursor.next;
                    while (count < CHUNK) {
                        while (n != null && n.bucket == null) {
                            n = n.next;
                        }
                        if (n == null) {
                            Map.Entry<Long, Bucket<K>> e = buckets.ceilingEntry(from);
                            if (e == null) {
                                done = true;
                                break;
                            }
                            n = e.getValue().head;
                        }
                        addresses[count] = n.address;
                        seconds[count] = n.second;
                        count++;
                        cursor = n;
                        from = n.second + 1;
                        n = n.next;
                    }
                }
            }
        };
    }
}
