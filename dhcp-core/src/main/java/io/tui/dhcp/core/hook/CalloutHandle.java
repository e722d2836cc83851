package io.tui.dhcp.core.hook;

import java.util.HashMap;
import java.util.Map;

/** The arguments and outcome of one call at a hook point. Not thread-safe: one per call. */
public final class CalloutHandle {
    /** What the server does after the callouts (Kea's NEXT_STEP_*). */
    public enum Status { CONTINUE, SKIP, DROP }

    private final CalloutPoint point;
    private final Map<String, Object> arguments = new HashMap<>();
    private Status status = Status.CONTINUE;

    public CalloutHandle(CalloutPoint point) {
        this.point = point;
    }

    public CalloutPoint point() {
        return point;
    }

    public CalloutHandle set(String name, Object value) {
        arguments.put(name, value);
        return this;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        return (T) arguments.get(name);
    }

    public Status status() {
        return status;
    }

    public void status(Status next) {
        status = next;
    }
}
