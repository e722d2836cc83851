package io.tui.control;

/** One open control socket. */
interface Listener extends AutoCloseable {
    SocketSettings settings();

    /** Stops accepting, ends the connections in flight and releases the socket (and its file). */
    @Override
    void close();
}
