package io.tui.control;

/** One open control socket. */
interface Listener extends AutoCloseable {
    SocketSettings settings();

    /** Stops accepting, ends the connections in flight and releases the socket (and its file). */
    @Override
    default void close() {
        close(false);
    }

    /**
     * Stops accepting and releases the socket (and its file); {@code graceful} lets the connections in flight
     * finish (each is bounded by its own deadlines), as a reconfiguration does, so that the client whose config-set
     * removed this socket still gets its answer.
     */
    void close(boolean graceful);

    /** Connections accepted and not yet finished. */
    int inFlight();
}
