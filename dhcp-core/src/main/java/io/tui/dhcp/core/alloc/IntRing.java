package io.tui.dhcp.core.alloc;

/**
 * A bounded FIFO of ints (the free lease queue of one pool). Guarded by its own monitor: the critical sections are a
 * few instructions, and there is one ring per pool, so there is no global lock.
 */
final class IntRing {
    private final int[] items;
    private int head;
    private int count;

    IntRing(int capacity) {
        items = new int[Math.max(1, capacity)];
    }

    /** Appends; false (dropped) when full. */
    synchronized boolean offer(int value) {
        if (count == items.length) {
            return false;
        }
        int tail = head + count;
        items[tail >= items.length ? tail - items.length : tail] = value;
        count++;
        return true;
    }

    /** Takes the oldest, or -1 when empty (values are never negative). */
    synchronized int poll() {
        if (count == 0) {
            return -1;
        }
        int value = items[head];
        head = head + 1 == items.length ? 0 : head + 1;
        count--;
        return value;
    }

    synchronized int size() {
        return count;
    }
}
