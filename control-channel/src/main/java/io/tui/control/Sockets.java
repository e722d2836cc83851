package io.tui.control;

import java.io.Closeable;
import java.io.IOException;

/** What the UNIX and HTTP listeners share about closing: the listening socket, the open connections, the acceptor. */
final class Sockets {
    private Sockets() {
    }

    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /**
     * Stops accepting: closes the listening socket; unless {@code graceful}, also every open connection (graceful
     * lets commands in flight answer); then waits up to 2 s for the acceptor thread.
     */
    static void stopAccepting(Closeable server, Iterable<? extends Closeable> open, boolean graceful,
            Thread acceptor) {
        closeQuietly(server);
        if (!graceful) {
            for (Closeable c : open) {
                closeQuietly(c);
            }
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
