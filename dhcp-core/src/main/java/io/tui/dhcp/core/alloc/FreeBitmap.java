package io.tui.dhcp.core.alloc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The free slots of one pool: a bitmap (bit set = free) with a summary tree above it, every level 64 times smaller,
 * up to a single word. A summary bit says "the word below may have a free bit"; finding the next free slot reads one
 * word per level up and one per level down, whatever the utilisation.
 *
 * <p>Lock-free: a slot is claimed by the CAS that clears its bit, so two threads never claim the same slot. A word
 * that becomes empty clears its summary bit and then re-reads the word, setting the bit again if a release came in
 * between; a release sets its bit and then every summary bit up to the first one already set. All operations are
 * sequentially consistent (volatile), which is what makes that handshake safe. A summary bit may briefly stay set
 * over an empty word; the search clears such a bit when it meets it.
 */
final class FreeBitmap {
    private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(long[].class);

    private final int size;
    /** levels[0] is the bitmap itself; levels[top] is one word. */
    private final long[][] levels;
    private final Probe probe;

    /** A bitmap of {@code size} slots, all free. */
    FreeBitmap(int size, Probe probe) {
        if (size <= 0) {
            throw new IllegalArgumentException("size " + size);
        }
        this.size = size;
        this.probe = probe;
        int count = 1;
        for (long bits = size; bits > 64; bits = (bits + 63) >>> 6) {
            count++;
        }
        levels = new long[count][];
        long bits = size;
        for (int level = 0; level < count; level++) {
            int words = (int) ((bits + 63) >>> 6);
            long[] array = new long[words];
            for (int w = 0; w < words; w++) {
                long remaining = bits - ((long) w << 6);
                array[w] = remaining >= 64 ? -1L : (1L << remaining) - 1;
            }
            levels[level] = array;
            bits = words;
        }
    }

    int size() {
        return size;
    }

    boolean isFree(int slot) {
        return ((long) WORD.getVolatile(levels[0], slot >>> 6) & (1L << slot)) != 0;
    }

    /** Claims {@code slot}; false if it was not free. */
    boolean claim(int slot) {
        long[] leaf = levels[0];
        int w = slot >>> 6;
        long bit = 1L << slot;
        long before = (long) WORD.getAndBitwiseAnd(leaf, w, ~bit);
        if ((before & bit) == 0) {
            return false;
        }
        if (before == bit) {
            emptied(0, w);
        }
        return true;
    }

    /** Makes {@code slot} free again; false if it was free already. */
    boolean release(int slot) {
        long before = (long) WORD.getAndBitwiseOr(levels[0], slot >>> 6, 1L << slot);
        if ((before & (1L << slot)) != 0) {
            return false;
        }
        if (before == 0) {
            markUp(1, slot >>> 6);
        }
        return true;
    }

    /** Sets the summary bit for word {@code child} at {@code level}, and above it while bits were clear. */
    private void markUp(int level, int child) {
        for (int l = level; l < levels.length; l++) {
            long before = (long) WORD.getAndBitwiseOr(levels[l], child >>> 6, 1L << child);
            if ((before & (1L << child)) != 0) {
                return;
            }
            child >>>= 6;
        }
    }

    /** Word {@code w} of {@code level} was seen empty: clear its summary bit, then re-check. */
    private void emptied(int level, int w) {
        while (level + 1 < levels.length) {
            long[] parent = levels[level + 1];
            int pw = w >>> 6;
            long bit = 1L << w;
            long before = (long) WORD.getAndBitwiseAnd(parent, pw, ~bit);
            if ((long) WORD.getVolatile(levels[level], w) != 0) {
                // A release came in between: put the bit back (and above).
                markUp(level + 1, w);
                return;
            }
            if ((before & bit) == 0 || before != bit) {
                return;
            }
            level++;
            w = pw;
        }
    }

    /** The first free slot at or after {@code from}, wrapping around once; -1 if none is free. */
    int nextFree(int from) {
        long found = next(0, from);
        if (found < 0 && from > 0) {
            found = next(0, 0);
        }
        return (int) found;
    }

    /** Claims the first free slot at or after {@code from} (wrapping); -1 if the pool is full. */
    int claimNext(int from) {
        int start = from;
        while (true) {
            int slot = nextFree(start);
            if (slot < 0) {
                return -1;
            }
            if (claim(slot)) {
                return slot;
            }
            start = slot + 1 >= size ? 0 : slot + 1;
        }
    }

    /** The first set bit at or after {@code from} in {@code level}, or -1. */
    private long next(int level, long from) {
        long[] array = levels[level];
        long bits = level == 0 ? size : levels[level - 1].length;
        if (from >= bits) {
            return -1;
        }
        int w = (int) (from >>> 6);
        probe.step();
        long word = (long) WORD.getVolatile(array, w) & (-1L << from);
        if (word != 0) {
            return ((long) w << 6) + Long.numberOfTrailingZeros(word);
        }
        if (level + 1 >= levels.length) {
            return -1;
        }
        long after = w + 1L;
        while (true) {
            long pw = next(level + 1, after);
            if (pw < 0) {
                return -1;
            }
            probe.step();
            word = (long) WORD.getVolatile(array, (int) pw);
            if (word != 0) {
                return (pw << 6) + Long.numberOfTrailingZeros(word);
            }
            emptied(level, (int) pw);
            after = pw + 1;
        }
    }
}
