package io.tui.control;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of commands held in memory at once, across every socket of a channel. A connection reserves what it
 * buffers before it buffers it; when the budget is spent, large commands are refused instead of exhausting the heap
 * (many clients each sending a command near {@link Limits#maxCommandSize()}).
 */
final class ByteBudget {
    private final long max;
    private final AtomicLong used = new AtomicLong();

    ByteBudget(long max) {
        this.max = max;
    }

    /** Takes {@code n} bytes; false (nothing taken) when that would go over the budget. */
    boolean reserve(long n) {
        while (true) {
            long u = used.get();
            if (u + n > max) {
                return false;
            }
            if (used.compareAndSet(u, u + n)) {
                return true;
            }
        }
    }

    void release(long n) {
        used.addAndGet(-n);
    }

    long used() {
        return used.get();
    }
}
